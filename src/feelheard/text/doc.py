"""Immutable views over one text. Every offset is a character offset into `TextModel.text`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """A word, number, emoji or punctuation mark; `norm` is its lowercased form with straight apostrophes."""

    start: int
    end: int
    norm: str
    is_word: bool


@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence between commas, semicolons or conjunctions such as "but".

    Negation and reported speech are scoped to the clause they occur in.
    """

    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence (or one line of a texting-style message)."""

    index: int
    start: int
    end: int
    is_question: bool
    clauses: tuple[Clause, ...]
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class TextModel:
    """One analysed text.

    `norm` has exactly the same length as `text`, so a regular expression matched on `norm` gives offsets
    that are valid in `text`.
    """

    text: str
    norm: str
    sentences: tuple[Sentence, ...]
    quoted: tuple[tuple[int, int], ...]
    negations: tuple[tuple[int, int], ...]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains `offset`."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None

    def clause_at(self, offset: int) -> Clause | None:
        """The clause that contains `offset`."""
        sentence = self.sentence_at(offset)
        if sentence is None:
            return None
        for clause in sentence.clauses:
            if clause.start <= offset < clause.end:
                return clause
        return None

    def in_quote(self, start: int, end: int) -> bool:
        """Whether the span lies inside quotation marks."""
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quoted)

    def negated_before(self, start: int, window: int = 40) -> bool:
        """Whether a negation cue precedes `start` within its clause (and within `window` characters)."""
        clause = self.clause_at(start)
        lower = max(clause.start if clause else 0, start - window)
        return any(lower <= n_start and n_end <= start for n_start, n_end in self.negations)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    @property
    def words(self) -> int:
        return sum(1 for s in self.sentences for t in s.tokens if t.is_word)
