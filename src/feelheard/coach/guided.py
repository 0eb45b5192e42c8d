"""The guided first draft: four short answers become a first message, composed offline.

The four questions: what happened, what might they be feeling, what do you feel and need, and what do you
want them to know. Answers are written the way people talk about their partner ("she got home late", "he
probably feels ignored"); the draft speaks *to* the partner, so third-person words for the partner become
"you" ("she got home late" -> "you got home late", "her mom" -> "your mom", "he thinks" -> "you think").

Each part has a few phrasings, picked from a hash of the answers so different answers read differently.
The draft is then run through the analyzer: a part whose words trigger a pitfall is swapped for a neutral
line (and the user is told which words were left out and why), so what is shown never contains a pitfall.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from feelheard.errors import InputError

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline
    from feelheard.result import Analysis

QUESTIONS: dict[str, str] = {
    "what_happened": "What happened?",
    "their_feeling": "What might they be feeling about it?",
    "my_feeling_and_need": "What do you feel, and what do you need?",
    "want_them_to_know": "What do you most want them to know?",
}
SLOT_NAMES = {
    "what_happened": "what happened",
    "their_feeling": "what they might feel",
    "my_feeling_and_need": "what you feel and need",
    "want_them_to_know": "what you want them to know",
}

# --- phrasings (each {x} is the user's own words, already turned towards the partner) ----------------------
HAPPENED_WHEN = (
    "I've been thinking about what happened when {x}.",
    "I keep coming back to the moment when {x}.",
    "I'd like to talk about what happened when {x}.",
    "Can we talk about when {x}?",
)
HAPPENED_SENTENCE = (
    "{X}, and I've been thinking about it since.",
    "{X}, and it's been on my mind.",
    "I keep thinking about it: {x}.",
)
HAPPENED_THING = (
    "I've been thinking about {x}.",
    "I keep coming back to {x}.",
    "I'd like to talk about {x}.",
    "Can we talk about {x}?",
)
THEIR_FEELING = (
    "I imagine you might be feeling {x}.",
    "You might be feeling {x}, and I get why.",
    "If I were in your place, I think I'd feel {x} too.",
    "I can see how you could be feeling {x}.",
)
THEIR_FEELING_LIKE = (
    "I can see how it might feel {x}.",
    "I can see why it might feel {x}.",
    "You might feel {x}, and I get why.",
)
VALIDATIONS = (
    "That would make sense.",
    "That makes sense to me.",
    "Anyone could feel that way.",
)
MINE_WITH_NEED = (
    "I've been feeling {f}, and {n}.",
    "For my part, I feel {f}. {N}.",
    "On my side, I've been feeling {f}, and {n}.",
    "Honestly, I feel {f}, and {n}.",
)
MINE_FEELING_ONLY = (
    "I've been feeling {f}.",
    "For my part, I feel {f}.",
    "On my side, I've been feeling {f}.",
)
WANT_CLAUSE = (
    "I want you to know that {x}.",
    "Most of all, I want you to know that {x}.",
    "Please know that {x}.",
    "What matters most to me is that {x}.",
)
WANT_OTHER = (
    "I want you to know this: {x}.",
    "Most of all, I want you to know this: {x}.",
)
QUESTIONS_CLOSE = (
    "How does that sound to you?",
    "What was it like on your side?",
    "How do you see it?",
    "Would you tell me how it's been for you?",
    "What do you think?",
)
# Neutral lines used when the user's own words for a part would backfire.
FALLBACK = {
    "what_happened": "I've been thinking about what happened between us.",
    "their_feeling": "I imagine this has been hard for you.",
    "my_feeling_and_need": "It's been weighing on me, and I'd like us to talk it through.",
    "want_them_to_know": "I want us to find our way through this together.",
}

# --- pronoun handling -------------------------------------------------------------------------------------
_THIRD_SUBJECT = {"he", "she"}
_CONTRACTIONS = {
    "he's": "you're", "she's": "you're", "he'd": "you'd", "she'd": "you'd", "he'll": "you'll",
    "she'll": "you'll", "they're": "you're", "they've": "you've", "they'd": "you'd", "they'll": "you'll",
}  # fmt: skip
_OBJECT_FOLLOWERS = frozenset(
    """and or but so because when that about to for at in on with from again too anymore yesterday today
    tonight last this then back up down out off a an the all first enough alone before after like as if how
    what why it feel know i you we they he she me him her them my your our is was are were be been even
    anything something everything much more""".split()
)
# "gave her flowers" is "gave you flowers", not "gave your flowers".
_GIVING_VERBS = frozenset(
    """give gave giving bought buy sent send told tell showed show asked ask brought bring offered owe owed made
    make texted promised handed let help helped got get cooked wrote""".split()
)
_ADVERBS = frozenset(
    "always never just really also still often sometimes usually even probably only already clearly obviously "
    "actually kind sort totally".split()
)
_AGREE = {
    "is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "says": "say", "goes": "go",
}  # fmt: skip
_NOT_VERBS = frozenset("this thus always sometimes perhaps less unless across yes bus gas plus".split())
_SUBJECT_START = frozenset(
    "i you we they he she it my your our his her their there this that someone everyone nobody".split()
)
_CLAUSE_WORDS = frozenset("i you we they he she it there this that".split())
_KEEP_CAPITAL = frozenset({"i", "i'm", "i've", "i'd", "i'll"})


def _agree(word: str) -> str:
    """The verb form for "you" when it followed "he"/"she": is -> are, thinks -> think, tries -> try."""
    low = word.lower()
    if low in _AGREE:
        return _AGREE[low]
    if len(low) <= 3 or not low.endswith("s") or low.endswith(("ss", "us", "is")) or low in _NOT_VERBS:
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("ches", "shes", "xes", "zes", "oes", "sses")):
        return word[:-2]
    return word[:-1]


def to_second_person(text: str, *, name: str | None = None, they: bool = False) -> str:
    """Turn words about the partner into words to the partner.

    Args:
        text: An answer such as "she thinks I don't care about her job".
        name: The partner's name, if the user writes it ("Sam left early" -> "you left early").
        they: Whether the partner is "they" (only then are they/them/their changed, since "they" is often
            other people).
    """
    tokens = re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?|[^A-Za-z]+", text.replace("\u2019", "'"))
    words_only = [i for i, t in enumerate(tokens) if re.match(r"[A-Za-z]", t)]
    out = list(tokens)
    name_low = name.lower() if name else None
    for position, index in enumerate(words_only):
        token = tokens[index]
        low = token.lower()
        following = [tokens[j] for j in words_only[position + 1 :]]
        next_word = following[0].lower() if following else ""
        gap_after = tokens[index + 1] if index + 1 < len(tokens) else ""
        replacement: str | None = None
        subject = False
        if name_low and low == name_low:
            replacement, subject = "you", True
        elif name_low and low == name_low + "'s":
            replacement = "your"
        elif low in _THIRD_SUBJECT:
            replacement, subject = "you", True
        elif low in _CONTRACTIONS and (they or not low.startswith("they")):
            replacement = _CONTRACTIONS[low]
            if low in ("he's", "she's") and next_word in ("been", "got", "gotten", "had"):
                replacement = "you've"
        elif low == "him":
            replacement = "you"
        elif low == "his":
            replacement = "yours" if not next_word or gap_after.strip() != "" else "your"
        elif low == "her":
            ends_here = not following or gap_after.strip() != ""
            previous = tokens[words_only[position - 1]].lower() if position else ""
            as_object = ends_here or next_word in _OBJECT_FOLLOWERS or previous in _GIVING_VERBS
            replacement = "you" if as_object else "your"
        elif low == "hers" or (they and low == "theirs"):
            replacement = "yours"
        elif low in ("himself", "herself") or (they and low in ("themselves", "themself")):
            replacement = "yourself"
        elif they and low in ("they", "them"):
            replacement = "you"
        elif they and low == "their":
            replacement = "your"
        if replacement is None:
            continue
        is_name = name_low is not None and low in (name_low, name_low + "'s")
        sentence_start = position == 0 or re.search(r"[.!?]\s*$", tokens[index - 1]) is not None
        if token[0].isupper() and replacement[0].islower() and (sentence_start or not is_name):
            replacement = replacement[0].upper() + replacement[1:]
        out[index] = replacement
        if subject and gap_after.strip() == "":
            # Make the verb agree, past an adverb or two ("she always forgets" -> "you always forget").
            for offset, follower in enumerate(following[:3]):
                if follower.lower() in _ADVERBS:
                    continue
                out[words_only[position + 1 + offset]] = _agree(follower)
                break
    return "".join(out)


# --- cleaning the answers ---------------------------------------------------------------------------------
def _tidy(answer: str | None) -> str:
    """One line, no end punctuation, no shouting, no !!!."""
    if not answer:
        return ""
    text = " ".join(answer.split()).strip()
    text = re.sub(r"!{2,}", "!", text)
    text = re.sub(r"\?{2,}", "?", text)
    text = re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group().lower(), text)
    return text.strip(" .!?;,")


def _lower_first(text: str, name: str | None) -> str:
    """Lower the first letter for embedding mid-sentence, unless the first word is "I" or a name."""
    if not text:
        return text
    first = re.match(r"[A-Za-z']+", text)
    word = first.group() if first else ""
    if word.lower() in _KEEP_CAPITAL or (name and word.lower() == name.lower()):
        return text
    if word[:1].isupper() and word[1:].islower() and word.lower() not in _COMMON_STARTS:
        return text  # probably a name ("Sam's party")
    return text[0].lower() + text[1:]


_COMMON_STARTS = frozenset(
    """a an the you we they he she it my your our his her their this that there when after before last yesterday
    today tonight this on at in during while since because so and but then i'm i've me us earlier someone
    everyone nothing something maybe probably perhaps like that feel feeling felt hurt sad angry upset lonely
    ignored scared worried tired frustrated disappointed need want more less some time please how what why
    not no yes really just""".split()
)


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _pick(options: tuple[str, ...], seed: str, slot: str) -> str:
    digest = int(hashlib.sha256(f"{seed}|{slot}".encode()).hexdigest()[:8], 16)
    return options[digest % len(options)]


def _is_clause(text: str, name: str | None) -> bool:
    words = [w.split("'")[0] for w in re.findall(r"[A-Za-z']+", text.lower())]
    return bool(words) and (words[0] in _SUBJECT_START or (name is not None and words[0] == name.lower()))


def _happened(answer: str, seed: str, name: str | None) -> str:
    text = re.sub(r"^(?:when|that|so|well|um|basically)\s+", "", answer, flags=re.IGNORECASE)
    options: tuple[str, ...]
    if _is_clause(text, name):
        options = HAPPENED_WHEN + HAPPENED_SENTENCE
    elif any(w in _CLAUSE_WORDS for w in re.findall(r"[A-Za-z']+", text.lower())):
        options = HAPPENED_SENTENCE
    else:
        options = HAPPENED_THING
    template = _pick(options, seed, "happened")
    return template.format(x=_lower_first(text, name), X=_upper_first(text))


_FEELING_LEAD = re.compile(
    r"^(?:(?:i think|i guess|i imagine|i'd say|i suppose|probably|maybe|perhaps|possibly)\s*,?\s+)*"
    r"(?:(?:you|they)\s+)?"
    r"(?:(?:might|may|must|could|probably|would)\s+)*(?:be\s+|are\s+|were\s+|'re\s+)?"
    r"(?:(?:feel|feels|felt|feeling)\s+)?",
    re.IGNORECASE,
)


def _their_feeling(answer: str, seed: str) -> str:
    text = answer.replace("you're ", "you are ").replace("You're ", "you are ")
    text = _FEELING_LEAD.sub("", text, count=1).strip()
    if not text:
        return ""
    if re.match(r"(?:like|as if|as though|that)\b", text, re.IGNORECASE):
        x = text[0].lower() + text[1:]
        sentence = _pick(THEIR_FEELING_LIKE, seed, "their").format(x=x)
    else:
        sentence = _pick(THEIR_FEELING, seed, "their").format(x=text[0].lower() + text[1:])
    if "get why" not in sentence and " too." not in sentence:
        sentence += " " + _pick(VALIDATIONS, seed, "validation")
    return sentence


_NEED_SPLIT = re.compile(
    r"(?:^|[,;.]?\s+(?:and|but|so)?\s*|[,;.]\s*)(?P<need>(?:(?:what\s+)?i(?:\s+|(?=')))?(?:really\s+|just\s+|would\s+)?"
    r"(?:need|want|'d like|'d love|would like|would love|wish|hope|miss)\b.*)$",
    re.IGNORECASE,
)
_MY_FEELING_LEAD = re.compile(
    r"^(?:i\s+(?:feel|felt|am|was|have been|'ve been|'m)\s+(?:feeling\s+)?|i'm\s+(?:feeling\s+)?|"
    r"i've\s+been\s+(?:feeling\s+)?|feeling\s+|i\s+feel\s+)",
    re.IGNORECASE,
)


def _mine(answer: str, seed: str) -> str:
    text = re.sub(r"\bi\b", "I", answer)
    match = _NEED_SPLIT.search(text)
    feeling_part, need_part = (text[: match.start()], match.group("need")) if match else (text, "")
    feeling_part = feeling_part.strip(" ,;.")
    need_part = need_part.strip(" ,;.")
    if need_part:
        need_part = re.sub(
            r"^what I (?:really )?(need|want)(?: is)?\s+", r"I \1 ", need_part, flags=re.IGNORECASE
        )
        if not re.match(r"I\b", need_part):
            need_part = "I " + need_part[0].lower() + need_part[1:]
    feeling = _MY_FEELING_LEAD.sub("", feeling_part).strip()
    full_clause = bool(feeling) and feeling == feeling_part and re.match(r"I\b", feeling_part) is not None
    if full_clause:
        return f"{_upper_first(feeling_part)}." + (f" {_upper_first(need_part)}." if need_part else "")
    if feeling and need_part:
        return _pick(MINE_WITH_NEED, seed, "mine").format(f=feeling, n=need_part, N=_upper_first(need_part))
    if feeling:
        return _pick(MINE_FEELING_ONLY, seed, "mine").format(f=feeling)
    if need_part:
        return _upper_first(need_part) + "."
    return ""


def _want(answer: str, seed: str, name: str | None) -> str:
    text = re.sub(
        r"^(?:i\s+)?(?:just\s+)?(?:want|need)\s+(?:you|them|her|him)\s+to\s+know\s+",
        "",
        answer,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"^that\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return ""
    text = re.sub(r"\bi\b", "I", text)
    if _is_clause(text, name):
        return _pick(WANT_CLAUSE, seed, "want").format(x=_lower_first(text, name))
    return _pick(WANT_OTHER, seed, "want").format(x=_lower_first(text, name))


# --- putting it together ----------------------------------------------------------------------------------
@dataclass
class GuidedDraft:
    """A composed first draft, what was changed from the answers, and the analysis it passed.

    Attributes:
        text: The draft to show.
        notes: One line per answer that had to be left out, and why.
        analysis: The analyzer's view of `text` (None only when no pipeline was used).
    """

    text: str
    notes: list[str] = field(default_factory=list)
    analysis: Analysis | None = None


def _parts(answers: dict[str, str], seed: str, name: str | None, they: bool) -> list[tuple[str, str]]:
    turned = {slot: to_second_person(value, name=name, they=they) for slot, value in answers.items()}
    parts: list[tuple[str, str]] = []
    if turned["what_happened"]:
        parts.append(("what_happened", _happened(turned["what_happened"], seed, name)))
    if turned["their_feeling"]:
        sentence = _their_feeling(turned["their_feeling"], seed)
        if sentence:
            parts.append(("their_feeling", sentence))
    if turned["my_feeling_and_need"]:
        sentence = _mine(turned["my_feeling_and_need"], seed)
        if sentence:
            parts.append(("my_feeling_and_need", sentence))
    if turned["want_them_to_know"]:
        sentence = _want(turned["want_them_to_know"], seed, name)
        if sentence:
            parts.append(("want_them_to_know", sentence))
    parts.append(("question", _pick(QUESTIONS_CLOSE, seed, "question")))
    return parts


def _join(parts: list[tuple[str, str]], lowercase: bool) -> tuple[str, list[tuple[int, int]]]:
    spans: list[tuple[int, int]] = []
    pieces: list[str] = []
    cursor = 0
    for _, sentence in parts:
        if pieces:
            cursor += 1
        spans.append((cursor, cursor + len(sentence)))
        pieces.append(sentence)
        cursor += len(sentence)
    text = " ".join(pieces)
    return (text.lower() if lowercase else text), spans


def guided_draft(
    what_happened: str | None,
    their_feeling: str | None,
    my_feeling_and_need: str | None,
    want_them_to_know: str | None,
    *,
    partner: str | None = None,
    partner_name: str | None = None,
    partner_is_they: bool = False,
    variant: int = 0,
    verifier: Pipeline | None = None,
) -> GuidedDraft:
    """Compose a first draft from the four answers and check it with the analyzer.

    Args:
        what_happened: What happened, in the user's words.
        their_feeling: What the partner might feel.
        my_feeling_and_need: What the user feels and needs.
        want_them_to_know: What the user most wants the partner to know.
        partner: The partner's message, if there is one (used in the check, and for their feelings when
            `their_feeling` is empty).
        partner_name: The partner's name as the user writes it.
        partner_is_they: Whether the partner goes by they/them.
        variant: Another number gives other phrasings for the same answers.
        verifier: The pipeline that checks the draft (default: the default pipeline without "suggest").

    Raises:
        InputError: If every answer is empty.
    """
    answers = {
        "what_happened": _tidy(what_happened),
        "their_feeling": _tidy(their_feeling),
        "my_feeling_and_need": _tidy(my_feeling_and_need),
        "want_them_to_know": _tidy(want_them_to_know),
    }
    if not any(answers.values()):
        raise InputError("answer at least one of the questions to get a first draft")
    if verifier is None:
        from feelheard import load_pipeline

        verifier = load_pipeline().without("suggest")
    if not answers["their_feeling"] and partner:
        feelings = verifier(partner, None).feelings
        if feelings:
            answers["their_feeling"] = " and ".join(feelings[:2])
    letters = "".join(c for v in answers.values() for c in v if c.isalpha())
    lowercase = bool(letters) and letters == letters.lower()
    seed = "|".join(answers.values()) + f"|{variant}"
    name = _tidy(partner_name) or None
    parts = _parts(answers, seed, name, partner_is_they)
    notes: list[str] = []
    analysis: Analysis | None = None
    for _round in range(len(parts) + 1):
        text, spans = _join(parts, lowercase)
        analysis = verifier(partner, text)
        if analysis.safety.level != "none" or not analysis.pitfalls:
            return GuidedDraft(text=text, notes=notes, analysis=analysis)
        replaced = False
        for pitfall in analysis.pitfalls:
            for index, (start, end) in enumerate(spans):
                if not (pitfall.start < end and start < pitfall.end):
                    continue
                slot, sentence = parts[index]
                fallback = FALLBACK.get(slot)
                if sentence == fallback or fallback is None:
                    parts[index] = (slot, "")
                else:
                    parts[index] = (slot, fallback)
                    notes.append(
                        f"Left out \u201c{pitfall.quote}\u201d from {SLOT_NAMES.get(slot, slot)}: "
                        f"{pitfall.why or pitfall.tip}"
                    )
                replaced = True
        parts = [(slot, sentence) for slot, sentence in parts if sentence]
        if not replaced:
            break
    # Unreachable in practice (the fallback lines are pitfall-free), but never show a flagged draft.
    parts = [(slot, FALLBACK[slot]) for slot, _ in parts if slot in FALLBACK] + [
        ("question", QUESTIONS_CLOSE[0])
    ]
    text, _ = _join(parts, lowercase)
    return GuidedDraft(text=text, notes=notes, analysis=verifier(partner, text))


def compose_first_draft(
    what_happened: str | None,
    their_feeling: str | None,
    my_feeling_and_need: str | None,
    want_them_to_know: str | None,
    **options: object,
) -> str:
    """The first draft for the four answers (see `guided_draft` for the options and the check).

    Raises:
        InputError: If every answer is empty.
    """
    return guided_draft(what_happened, their_feeling, my_feeling_and_need, want_them_to_know, **options).text  # type: ignore[arg-type]
