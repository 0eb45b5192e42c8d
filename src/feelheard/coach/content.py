"""Did a rewrite keep what the user meant to say? A simple, testable definition.

The *key content* of a draft is what remains once the flagged pitfall spans are set aside:
- **facts**: numbers (digits or number words from "two" up, so "ten" and "10" match; "one" is too often not a number), clock times ("7pm", "19:30"),
  day and time words ("Monday", "tonight", "weekend") and names (a capitalised word that is not the first
  word of a sentence, or a capitalised word that also appears mid-sentence);
- **content words**: the other words of three letters or more that are not function words, compared by a
  crude stem ("worried" matches "worry", "texts" matches "texting").

A rewrite keeps the content when it keeps **every fact** and **at least 60 %** of the distinct content
words (drafts with fewer than three content words only need their facts kept).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_WORD_SHARE = 0.6

NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100", "twice": "2x",
}  # fmt: skip
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today tonight tomorrow yesterday weekend "
    "morning evening afternoon night midnight noon january february march april may june july august "
    "september october november december christmas birthday anniversary".split()
)
STOPWORDS = frozenset(
    """a about above after again against all am an and any are aren't as at be because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
    few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
    him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
    mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't
    she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
    there there's these they they'd they'll they're they've this those through to too under until up very was
    wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's
    whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
    im ive id ill youre dont didnt cant wont isnt just really also even still like get got yes yeah okay ok
    oh well will shall might must may much many lot lots thing things something anything nothing everything
    way know think feel felt make made want need going gonna wanna thats its sure maybe please sorry
    near around across behind beside toward towards without within along upon onto since ago
    every ever one ones another other others""".split()
)
_TOKEN = re.compile(
    r"\d+(?:[:.]\d+)?(?:\s*(?:am|pm|a\.m\.|p\.m\.)(?![A-Za-z]))?|[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*"
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def stem(word: str) -> str:
    """A crude stem so that inflected forms of one word compare equal."""
    w = word.lower().replace("\u2019", "'")
    w = re.sub(r"n't$|'(?:s|re|ve|ll|d|m)$", "", w)
    for suffix in ("ingly", "edly", "ing", "ied", "ies", "ed", "es", "ly", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if w.endswith("i"):
        w = w[:-1] + "y"
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]  # "minute"/"minutes", "make"/"making" meet at "minut", "mak"
    return w[:6]


@dataclass(frozen=True)
class KeyContent:
    """The facts and content-word stems of a text."""

    facts: dict[str, str] = field(default_factory=dict)  # normalised fact -> how it was written
    words: dict[str, str] = field(default_factory=dict)  # stem -> first spelling seen


@dataclass(frozen=True)
class ContentCheck:
    """The verdict of `content_kept`."""

    kept: bool
    missing_facts: list[str]
    missing_words: list[str]
    word_share: float

    def reason(self) -> str:
        """Why content counts as dropped, in words."""
        if self.missing_facts:
            return "it left out " + ", ".join(f"\u201c{f}\u201d" for f in self.missing_facts)
        if not self.kept:
            return (
                f"it kept only {self.word_share:.0%} of your own words (dropped "
                + ", ".join(f"\u201c{w}\u201d" for w in self.missing_words[:5])
                + ")"
            )
        return ""


def _outside(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def key_content(text: str, exclude: Iterable[tuple[int, int]] = ()) -> KeyContent:
    """The facts and content words of `text`, ignoring tokens inside the `exclude` character spans."""
    spans = list(exclude)
    facts: dict[str, str] = {}
    words: dict[str, str] = {}
    capitalised_mid: set[str] = set()
    tokens = list(_TOKEN.finditer(text))
    first_of_sentence: set[int] = set()
    previous_end = 0
    for index, match in enumerate(tokens):
        gap = text[previous_end : match.start()]
        if index == 0 or _SENTENCE_END.search(gap):
            first_of_sentence.add(index)
        elif match.group()[0].isupper():
            capitalised_mid.add(match.group().lower())
        previous_end = match.end()
    for index, match in enumerate(tokens):
        if not _outside(spans, match.start(), match.end()):
            continue
        raw = match.group()
        low = raw.lower().replace("\u2019", "'")
        if raw[0].isdigit():
            facts.setdefault(re.sub(r"[\s.]", "", low), raw)
            continue
        if low in NUMBER_WORDS:
            facts.setdefault(NUMBER_WORDS[low], raw)
            continue
        if low in TIME_WORDS:
            facts.setdefault(low, raw)
            continue
        is_name = (
            raw[0].isupper()
            and not raw.isupper()
            and low not in STOPWORDS
            and (index not in first_of_sentence or low in capitalised_mid)
        )
        if is_name:
            facts.setdefault(low, raw)
            continue
        if len(low) >= 3 and low not in STOPWORDS and low.replace("'", "") not in STOPWORDS:
            words.setdefault(stem(low), raw)
    return KeyContent(facts=facts, words=words)


def _rewrite_vocabulary(text: str) -> tuple[set[str], set[str]]:
    """Normalised facts and word stems present anywhere in the rewrite."""
    facts: set[str] = set()
    stems: set[str] = set()
    for match in _TOKEN.finditer(text):
        raw = match.group()
        low = raw.lower().replace("\u2019", "'")
        if raw[0].isdigit():
            facts.add(re.sub(r"[\s.]", "", low))
            facts.add(re.match(r"\d+", low).group())  # type: ignore[union-attr]
        else:
            facts.add(NUMBER_WORDS.get(low, low))
            stems.add(stem(low))
    return facts, stems


def _fact_kept(fact: str, facts: set[str]) -> bool:
    """A fact is kept when the rewrite has it; a clock time also when it has the same hour ("7pm" ~ "7 pm")."""
    if fact in facts:
        return True
    hour = re.match(r"\d+", fact)
    return hour is not None and hour.group() in facts


def content_kept(draft: str, rewrite: str, exclude: Iterable[tuple[int, int]] = ()) -> ContentCheck:
    """Whether `rewrite` keeps the key content of `draft` (see the module docstring for the rule).

    Args:
        draft: The user's draft.
        rewrite: The proposed rewrite.
        exclude: Character spans of the draft that are allowed to go (the pitfalls).
    """
    content = key_content(draft, exclude)
    facts, stems = _rewrite_vocabulary(rewrite)
    missing_facts = [shown for fact, shown in content.facts.items() if not _fact_kept(fact, facts)]
    missing_words = [shown for word_stem, shown in content.words.items() if word_stem not in stems]
    total = len(content.words)
    share = 1.0 if total == 0 else (total - len(missing_words)) / total
    enough_words = total < 3 or share >= MIN_WORD_SHARE
    return ContentCheck(
        kept=not missing_facts and enough_words,
        missing_facts=missing_facts,
        missing_words=missing_words,
        word_share=share,
    )
