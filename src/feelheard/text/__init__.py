"""The shared text model: sentences, clauses, tokens, negation and quoted speech, all as character spans."""

from feelheard.text.doc import Clause, Sentence, TextModel, Token
from feelheard.text.segment import parse

__all__ = ["Clause", "Sentence", "TextModel", "Token", "parse"]
