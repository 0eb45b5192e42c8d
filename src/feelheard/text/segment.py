"""Split a text into sentences, clauses and tokens, and mark negation and quoted speech.

Texting style is common in couples' messages: no punctuation, lowercase, "ur", "dont", emoji. The
segmenter therefore also breaks on line breaks and emoji, and the negation cues accept apostrophe-less forms.
"""

from __future__ import annotations

import re

from feelheard.text.doc import Clause, Sentence, TextModel, Token

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
)

# A sentence ends at . ! ? (repeated), an ellipsis, a line break, or a run of emoji followed by more text.
_SENTENCE_END = re.compile(
    r"(?:[.!?\u2026]+[\"')\]]*|[\U0001F300-\U0001FAFF\u2600-\u27BF]+)(?=\s+|$)|\n+|(?<=[a-z0-9])\s+-{1,2}\s+(?=[a-z])"
)
_TOKEN = re.compile(r"[\w']+(?:-[\w']+)*|[\U0001F300-\U0001FAFF\u2600-\u27BF]|[^\w\s]", re.UNICODE)
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s*|\s+(?=(?:but|though|although|however|yet|except|and then|so (?=i |you |u |we |it |maybe |now |then )|because|cause|cuz|bc)\b)"
)
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|nor|(?:do|does|did|is|are|was|were|wo|would|could|should|ca|have|has|had|must|ai)n'?t"
    r"|dont|doesnt|didnt|isnt|arent|wasnt|werent|wont|wouldnt|couldnt|shouldnt|cant|cannot|havent|hasnt|aint"
    r"|nobody|no one|nothing|hardly)\b"
)
_QUESTION_START = re.compile(
    r"^(?:so\s+|and\s+|but\s+|ok\s+|okay\s+|hey\s+|babe,?\s+|wait,?\s+)?"
    r"(?:what|why|how|when|where|who|which|whats|hows|wheres|whos|is|are|was|were|do|does|did|can|could|would|will|"
    r"should|shall|have|has|had|am|may|might|wanna|want me)\b"
)
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|(?<![\w])'[^'\n]{3,200}'(?![\w])")


def normalise(text: str) -> str:
    """Lowercase with straight quotes, keeping the length (and so every offset) of `text`."""
    lowered = text.translate(_APOSTROPHES).lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters change length when lowercased (e.g. "İ"); fall back to one char at a time.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_APOSTROPHES))


def _clauses(norm: str, start: int, end: int) -> tuple[Clause, ...]:
    clauses: list[Clause] = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(norm, start, end):
        if match.start() > cursor:
            clauses.append(Clause(cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        clauses.append(Clause(cursor, end))
    return tuple(clauses) or (Clause(start, end),)


def _tokens(norm: str, start: int, end: int) -> tuple[Token, ...]:
    return tuple(
        Token(m.start(), m.end(), m.group(), m.group()[0].isalnum() or m.group()[0] == "_")
        for m in _TOKEN.finditer(norm, start, end)
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def parse(text: str) -> TextModel:
    """Build the shared text model for one message."""
    norm = normalise(text)
    bounds: list[tuple[int, int]] = []
    cursor = 0
    for match in _SENTENCE_END.finditer(norm):
        end = match.end() if not match.group().isspace() else match.start()
        if end > cursor:
            bounds.append(_trim(text, cursor, end))
        cursor = match.end()
    if cursor < len(text):
        bounds.append(_trim(text, cursor, len(text)))
    sentences: list[Sentence] = []
    for start, end in bounds:
        if start >= end or (
            not any(ch.isalnum() for ch in text[start:end]) and not _has_emoji(text[start:end])
        ):
            continue
        body = norm[start:end].strip()
        is_question = "?" in body or bool(_QUESTION_START.match(body))
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                is_question=is_question,
                clauses=_clauses(norm, start, end),
                tokens=_tokens(norm, start, end),
            )
        )
    quoted = tuple((m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(norm))
    negations = tuple((m.start(), m.end()) for m in _NEGATION.finditer(norm))
    return TextModel(text=text, norm=norm, sentences=tuple(sentences), quoted=quoted, negations=negations)


def _has_emoji(chunk: str) -> bool:
    return any("\U0001f300" <= ch <= "\U0001faff" or "\u2600" <= ch <= "\u27bf" for ch in chunk)
