"""The suggested reply: a minimal edit of the user's draft that keeps their words where they work.

How a suggestion is composed (see `compose`):
1. keep every sentence (or clause) of the draft that has no pitfall; cool down shouted words and !!!;
2. drop the clauses that backfire, and for each pitfall add its antidote once;
3. add what is missing, in an order that works: reflect and name the feeling -> validate -> own a part ->
   the user's own kept words -> ask or offer;
4. keep the user's register (an all-lowercase texter gets an all-lowercase suggestion).
Every suggestion is re-analysed before it is shown: no pitfalls, a higher score than the draft, no safety
concern. One that fails is not shown.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from feelheard.analyzers.patterns import MACROS
from feelheard.result import Analysis, Finding
from feelheard.text import TextModel

if TYPE_CHECKING:
    from feelheard.pipeline import Pipeline

_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're", "im": "you're",
    "i've": "you've", "i'd": "you'd", "i'll": "you'll", "your": "my", "yours": "mine", "yourself": "myself",
    "you're": "I'm", "youre": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll", "ur": "my", "u": "you",
    "am": "are", "was": "was", "we": "we", "us": "us",
}  # fmt: skip
_SUBJECT_BEFORE = frozenset(
    "and but when because that if so then since after before while until why how what where , ; : also".split()
)
FEEL_WORD = re.compile(
    r"\b(?:i|i'?m|im)\s+(?:feel|felt|was|am|'m|have been|'ve been|feel like|felt like)?\s*"
    r"(?:so |really |very |pretty |super |kind of |kinda |a bit |a little |completely |totally |)*"
    r"(?P<feel>"
    + MACROS["FEEL"]
    + r")\b(?P<rest>(?: (?:about|at|with|by|in|over|during|on|around) [\w' ]{1,40})?)"
)
BLAME = re.compile(
    r"\b(?:when )?(?:you|u) (?P<verb>(?!are\b|were\b|re\b|always\b|never\b|know\b|said\b)[a-z]+(?:ed|ent|ft|ot|ew|ook|ade|ave|id|ld|ept|ost|old)\b)(?P<rest>[\w' ]{0,60})"
)
EMOTION_WORD = {
    "sadness": "sad", "anger": "angry", "annoyance": "frustrated", "disappointment": "let down", "fear": "worried",
    "nervousness": "anxious", "embarrassment": "embarrassed", "grief": "heartbroken", "remorse": "bad about it",
    "confusion": "confused", "disapproval": "upset", "disgust": "upset",
}  # fmt: skip
NEGATIVE_EMOTIONS = frozenset(EMOTION_WORD)

OPENERS = (
    "It sounds like you felt {x}.",
    "I can hear that you felt {x}.",
    "So you felt {x}, and that matters to me.",
    "You felt {x}, and I get why.",
)
VALIDATIONS = (
    "That makes sense.",
    "Anyone would feel that way.",
    "I'd feel the same in your place.",
    "Of course that got to you.",
    "That's a completely fair thing to feel.",
)
QUESTIONS_HURT = (
    "What would help you feel better about it?",
    "What could I do differently next time?",
    "What was the hardest part of it for you?",
    "Can you tell me more about how it was for you?",
)
QUESTIONS_VENT = (
    "Do you want ideas, or would it help more if I just listened?",
    "Do you want to talk it through, or would you rather I just listen for now?",
    "What would help most right now?",
)
ANTIDOTE_LINES: dict[str, tuple[str, ...]] = {
    "criticism": ("I'm frustrated about what happened, and I'd like us to talk about it.",
                  "When that happens I feel hurt, and I want us to sort it out together."),
    "contempt": ("I'm frustrated, and I still respect you. Can we talk about it properly?",
                 "I want to talk about this with respect, not sarcasm."),
    "stonewalling": ("I need a short break to cool off. Can we talk again in an hour?",
                     "I'm a bit overwhelmed. Let me take twenty minutes and then come back to this."),
    "gaslighting": ("I remember it differently, but I want to understand how you saw it.",),
    "guilt_trip": ("Can we talk about what I was hoping for, and find something that works for both of us?",),
    "self_erasure": ("I own my part in this, and I'd also like us to talk about what I need.",),
    "non_apology": ("I'm sorry for my part in this.",),
    "self_focus": ("Tell me more about how it was for you.",),
}  # fmt: skip
RECENT: deque[str] = deque(maxlen=8)  # stock phrases used in recent suggestions; avoid repeating them


@dataclass
class Draft:
    """The suggestion being built, with one explanation per change."""

    lead: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)
    changes: list[dict[str, str]] = field(default_factory=list)
    # Where each kept piece came from in the draft, and the draft spans dropped after the check flagged them.
    origin: dict[str, tuple[int, int]] = field(default_factory=dict)
    dropped: list[tuple[int, int]] = field(default_factory=list)

    def keep(self, piece: str, start: int, end: int) -> None:
        self.kept.append(piece)
        self.origin[piece] = (start, end)

    def text(self) -> str:
        return " ".join(s for s in (*self.lead, *self.kept, *self.tail) if s)


def swap_person(text: str) -> str:
    """Turn the partner's words into the user's: "you left me" -> "I left you"."""
    tokens = re.findall(r"[A-Za-z']+|[^A-Za-z'\s]+|\s+", text)
    out: list[str] = []
    previous = ""
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in ("you", "u"):
            following = next((t.lower() for t in tokens[i + 1 :] if not t.isspace()), "")
            subject = (
                previous in _SUBJECT_BEFORE
                or previous == ""
                or following in ("are", "were", "have", "had", "do", "did")
            )
            word = "I" if subject else "me"
            if subject and following in ("are", "were"):
                pass
            out.append(word)
        elif low in _SWAP:
            out.append(_SWAP[low])
        else:
            out.append(token)
        if not token.isspace():
            previous = low
    result = "".join(out)
    result = re.sub(r"\bI are\b", "I am", result)
    result = re.sub(r"\bI were\b", "I was", result)
    result = re.sub(r"\byou am\b", "you are", result)
    result = re.sub(r"\byou was\b", "you were", result)
    return result


def _pick(options: tuple[str, ...], seed: str) -> str:
    """A context-seeded choice that avoids phrases used in the last few suggestions.

    The seed ends with the attempt number; the last attempt ignores recent phrases, so variety never
    costs the user a suggestion.
    """
    digest = int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16)
    ordered = [options[(digest + k) % len(options)] for k in range(len(options))]
    if "|last" in seed:
        return ordered[0]
    return next((o for o in ordered if o not in RECENT), ordered[0])


def _partner_feeling(analysis: Analysis) -> str | None:
    partner = analysis.partner_doc
    if partner is None:
        return None
    match = FEEL_WORD.search(partner.norm)
    if match:
        start, end = match.start("feel"), match.end("rest")
        phrase = partner.text[match.start("feel") : end]
        phrase = re.split(r"[,.;!?]| but | and | because ", phrase)[0].strip()
        if start < end:
            return swap_person(phrase)
    for emotion in analysis.emotions:
        if emotion.label in EMOTION_WORD:
            return EMOTION_WORD[emotion.label]
    return None


def _partner_event(partner: TextModel | None) -> str | None:
    if partner is None:
        return None
    match = BLAME.search(partner.norm)
    if not match:
        return None
    raw = partner.text[match.start() : match.end()]
    raw = re.split(r"[,.;!?]| but | and | because ", raw)[0].strip()
    if raw.lower().startswith("when "):
        raw = raw[5:]
    return swap_person(raw)


def _is_texting(doc: TextModel) -> bool:
    letters = [c for c in doc.text if c.isalpha()]
    return bool(letters) and not any(c.isupper() for c in letters)


def _cool_down(text: str) -> str:
    """Lower shouted words and calm !!! without changing the words."""
    text = re.sub(r"!{2,}", "!", text)
    text = re.sub(r"\?[!?]+|![!?]*\?[!?]*", "?", text)
    text = re.sub(r"\b[A-Z][A-Z']+\b", lambda m: m.group().lower(), text)
    text = re.sub(r"\bi(?=\b|')", "I", text)
    return text[:1].upper() + text[1:]


def _clean_fragment(fragment: str) -> str:
    fragment = re.sub(
        r"^\s*(?:but|and|so|because|though|,|;)\s+", "", fragment.strip(" ,;"), flags=re.IGNORECASE
    )
    fragment = fragment.strip(" ,;")
    if not fragment:
        return ""
    if fragment[-1] not in ".!?":
        fragment += "."
    return fragment[0].upper() + fragment[1:]


def _keep_sentences(analysis: Analysis, draft: Draft) -> list[Finding]:
    """Keep what works; return the pitfalls that were dropped."""
    doc = analysis.reply_doc
    assert doc is not None
    dropped: list[Finding] = []
    bad = [p for p in analysis.pitfalls if p.id != "heated_tone"]
    for sentence in doc.sentences:
        in_sentence = [p for p in bad if p.start < sentence.end and sentence.start < p.end]
        if not in_sentence:
            draft.keep(
                _cool_down(_clean_fragment(doc.text[sentence.start : sentence.end])),
                sentence.start,
                sentence.end,
            )
            continue
        for clause in sentence.clauses:
            hit = [p for p in in_sentence if p.start < clause.end and clause.start < p.end]
            if hit:
                dropped.extend(h for h in hit if h not in dropped)
                continue
            fragment = _clean_fragment(doc.text[clause.start : clause.end])
            if len(fragment.split()) >= 3:
                draft.keep(_cool_down(fragment), clause.start, clause.end)
    for pitfall in dropped:
        draft.changes.append(
            {
                "change": "removed",
                "text": pitfall.quote,
                "why": pitfall.why or pitfall.tip,
                "pitfall": pitfall.id,
            }
        )
    return dropped


def compose(analysis: Analysis, attempt: int = 0, *, last: bool = False) -> Draft:
    """Build a suggested reply for an analysed exchange (no verification here)."""
    seed = f"{analysis.partner or ''}|{analysis.reply or ''}|{attempt}"
    if last:
        seed += "|last"
    draft = Draft()
    dropped = _keep_sentences(analysis, draft)
    dropped_ids = [p.id for p in dropped]
    move_ids = {m.id for m in analysis.moves}
    negative = any(e.label in NEGATIVE_EMOTIONS for e in analysis.emotions) or bool(dropped_ids)
    partner = analysis.partner_doc

    if partner is not None and negative and not move_ids & {"reflection", "naming_emotion"}:
        feeling = _partner_feeling(analysis)
        event = _partner_event(partner)
        if feeling:
            shared = set(event.lower().split()) & set(feeling.lower().split()) if event else set()
            repeats = bool(shared - {"you", "i", "me", "my", "your", "the", "a", "to"})
            line = _pick(OPENERS, seed).format(
                x=feeling + (f" when {event}" if event and not repeats else "")
            )
            draft.lead.append(line)
            draft.changes.append(
                {"change": "added", "text": line, "why": "Naming what they felt shows you heard them."}
            )
    if (
        negative
        and "validation" not in move_ids
        and (draft.lead or set(dropped_ids) & {"invalidating", "minimizing"})
    ):
        line = _pick(VALIDATIONS, seed)
        draft.lead.append(line)
        draft.changes.append(
            {
                "change": "added",
                "text": line,
                "why": "Saying the feeling makes sense lowers the guard on both sides.",
            }
        )
    already_sorry = any(re.search(r"\b(?:sorry|apologi[sz]e)\b", k, re.IGNORECASE) for k in draft.kept)
    if (
        "apology" not in move_ids
        and not already_sorry
        and set(dropped_ids)
        & {
            "defensiveness",
            "minimizing",
            "invalidating",
            "non_apology",
        }
    ):
        # Own a part only when there is one: the partner named something the user did, or the draft
        # defended or half-apologised. Someone anxious about an interview needs no apology.
        event = _partner_event(partner)
        defended = bool(set(dropped_ids) & {"defensiveness", "non_apology"})
        line = f"I'm sorry {event}." if event else "I'm sorry for my part in this." if defended else ""
    else:
        line = ""
    if line:
        draft.lead.append(line)
        draft.changes.append(
            {
                "change": "added",
                "text": line,
                "why": "Owning your part first makes it easier for them to hear your side.",
            }
        )
    for pitfall_id in dict.fromkeys(dropped_ids):
        options = ANTIDOTE_LINES.get(pitfall_id)
        if options and not (
            pitfall_id == "non_apology" and any("sorry" in s.lower() for s in (*draft.lead, *draft.kept))
        ):
            line = _pick(options, seed + pitfall_id)
            draft.tail.append(line)
            draft.changes.append(
                {"change": "added", "text": line, "why": f"Antidote to {pitfall_id.replace('_', ' ')}."}
            )
    asks = move_ids & {"open_question", "asking_need", "checking_understanding"}
    if not asks and (partner is not None or dropped_ids):
        vented = "advice_giving" in dropped_ids or (
            partner is not None and "?" not in partner.text and not _partner_event(partner)
        )
        line = _pick(QUESTIONS_VENT if vented else QUESTIONS_HURT, seed)
        draft.tail.append(line)
        draft.changes.append({"change": "added", "text": line, "why": "A question hands them the floor."})
    if analysis.reply_doc is not None and _is_texting(analysis.reply_doc):
        draft.origin = {k.lower(): v for k, v in draft.origin.items()}
        draft.kept = [s.lower() for s in draft.kept]
        draft.lead = [s.lower() for s in draft.lead]
        draft.tail = [s.lower() for s in draft.tail]
        draft.changes = [
            {**c, "text": c["text"].lower() if c["change"] == "added" else c["text"]} for c in draft.changes
        ]
    return draft


class SuggestAnalyzer:
    """Pipeline step: a verified `suggestion` (or None) and the list of changes that explain it."""

    name = "suggest"
    requires: tuple[str, ...] = ("moves", "pitfalls", "score", "safety", "emotions", "tone")
    assigns: tuple[str, ...] = ("suggestion", "suggestion_changes")

    def __init__(self, verifier: Pipeline, attempts: int = 3) -> None:
        self.verifier = verifier
        self.attempts = attempts

    def __call__(self, analysis: Analysis) -> Analysis:
        if analysis.reply_doc is None or analysis.safety.level != "none" or analysis.score is None:
            return analysis
        if not analysis.pitfalls and analysis.score >= 85:
            return analysis  # already a good reply: nothing to suggest
        for attempt in range(self.attempts + 1):
            draft = compose(analysis, attempt, last=attempt == self.attempts)
            for _ in range(3):
                text = draft.text().strip()
                if not text or text == analysis.reply:
                    break
                check = self.verifier(analysis.partner, text)
                if check.safety.level != "none" or check.score is None:
                    break
                if (
                    not check.pitfalls
                    and check.score > analysis.score
                    and _keeps_content(analysis, text, draft.dropped)
                ):
                    analysis.suggestion = text
                    analysis.suggestion_changes = draft.changes
                    RECENT.extend(c["text"] for c in draft.changes if c["change"] == "added")
                    return analysis
                if not _drop_flagged(draft, text, check.pitfalls):
                    break
        return analysis


def _keeps_content(analysis: Analysis, suggestion: str, extra: list[tuple[int, int]] | None = None) -> bool:
    """The user's key content (facts, names, times, most content words) survives, except in clauses that backfire."""
    from feelheard.coach.content import content_kept

    doc = analysis.reply_doc
    assert doc is not None and analysis.reply is not None
    dropped: list[tuple[int, int]] = []
    for pitfall in analysis.pitfalls:
        clause = doc.clause_at(pitfall.start)
        dropped.append(
            (clause.start, max(clause.end, pitfall.end)) if clause else (pitfall.start, pitfall.end)
        )
    dropped.extend(extra or ())
    return content_kept(analysis.reply, suggestion, exclude=dropped).kept


def _drop_flagged(draft: Draft, text: str, pitfalls: list[Finding]) -> bool:
    """Drop kept sentences that the check still flags: read alone, a kept clause can land worse."""
    cursor = 0
    flagged: list[str] = []
    for part in (*draft.lead, *draft.kept, *draft.tail):
        start = text.find(part, cursor)
        if start < 0:
            continue
        end = start + len(part)
        cursor = end
        if part in draft.kept and any(p.start < end and start < p.end for p in pitfalls):
            flagged.append(part)
    for part in flagged:
        draft.kept.remove(part)
        if part in draft.origin:
            draft.dropped.append(draft.origin[part])
        draft.changes.append(
            {"change": "removed", "text": part, "why": "Read on its own, this part could still land badly."}
        )
    return bool(flagged)
