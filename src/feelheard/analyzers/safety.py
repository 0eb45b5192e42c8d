"""Safety: when either message shows crisis, violence, abuse or coercive control, coaching stops.

Detection lives in `feelheard.safety`; this step runs it on both texts, merges the results, and attaches a
plain explanation and the resources for the configured country.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import NDArray

from feelheard.config import get_settings
from feelheard.result import Analysis, Safety
from feelheard.text import TextModel

if TYPE_CHECKING:
    from feelheard.safety import SafetyResult


def _resources_for(country: str) -> list[dict[str, Any]]:
    from feelheard.safety import load_resources

    listing = load_resources(country)
    return [{**r.to_dict(), "country": listing.code} for r in listing.resources]


def _rows(whole: Any, sentences: Any) -> NDArray[np.float32] | None:
    if whole is None:
        return None
    parts = [np.asarray(whole, dtype=np.float32)[None, :]]
    if sentences is not None and len(sentences):
        parts.append(np.asarray(sentences, dtype=np.float32))
    return np.concatenate(parts)


# The head reads meaning, and a short line carries too little of it: on curt everyday replies ("Whatever.",
# "Just go.", "Don't.") it raised false alarms on one line in seven of the practice scenarios' partner lines.
# Short risky phrasings ("I want to die") are the rules' job; the head only reads texts and sentences of at
# least this many words (8 was picked with those scenario lines in view; see bench/safety_bench.py).
HEAD_MIN_WORDS = 8
_WORD = re.compile(r"[A-Za-z0-9']+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _long_enough(
    rows: NDArray[np.float32], doc: TextModel, *, sentence_rows: bool
) -> tuple[NDArray[np.float32], list[tuple[int, int]]]:
    """The rows the head may read, and the text span of each.

    Rows are the whole text, then (when `sentence_rows` and they line up) one per sentence; only those whose
    text has at least `HEAD_MIN_WORDS` words are kept.
    """
    spans = [(0, len(doc.text))]
    if sentence_rows and len(rows) > 1 and len(doc.sentences) == len(rows) - 1:
        spans += [(s.start, s.end) for s in doc.sentences]
    else:
        spans += [(0, len(doc.text))] * (len(rows) - 1)
    keep = [i for i, (a, b) in enumerate(spans) if _words(doc.text[a:b]) >= HEAD_MIN_WORDS]
    return rows[keep], [spans[i] for i in keep]


def _with_head(
    found: SafetyResult, doc: TextModel, rows: NDArray[np.float32] | None, *, sentence_rows: bool
) -> SafetyResult:
    """Let the learned head raise a message the rules passed as `none` to `concern`."""
    from feelheard.safety import SafetyFinding, SafetyResult
    from feelheard.safety.head import load_safety_head

    head = load_safety_head()
    if found.level != "none" or head is None or rows is None:
        return found
    rows, spans = _long_enough(rows, doc, sentence_rows=sentence_rows)
    if not len(rows) or head.risk(rows) < head.threshold:
        return found
    categories = head.categories_for(rows)
    # Quote the riskiest sentence the head read; the whole text when it read no single sentence.
    z = rows @ head.weights[0] + head.biases[0]
    whole = (0, len(doc.text))
    sentences = [i for i, span in enumerate(spans) if span != whole]
    start, end = spans[max(sentences, key=lambda i: z[i])] if sentences else whole
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    findings = tuple(
        SafetyFinding(
            category,
            "concern",
            start,
            end,
            doc.text[start:end],
            "the wording is close to messages about this in our examples",
        )
        for category in categories
    )
    return SafetyResult(level="concern", categories=categories, findings=findings)


class SafetyAnalyzer:
    """Pipeline step: the `safety` block (runs on the partner's message and on the user's draft)."""

    name = "safety"
    requires: tuple[str, ...] = ("partner_doc", "reply_doc", "features")
    assigns: tuple[str, ...] = ("safety",)

    def __init__(self, country: str | None = None) -> None:
        self.country = country

    def __call__(self, analysis: Analysis) -> Analysis:
        from feelheard.safety import detect_safety, explanation, merge

        results: list[tuple[Literal["partner", "user"], SafetyResult]] = []
        if analysis.partner is not None and analysis.partner_doc is not None:
            found = detect_safety(analysis.partner, author="partner")
            rows = _rows(
                analysis.features.get("partner_embedding"),
                analysis.features.get("partner_sentence_embeddings"),
            )
            results.append(("partner", _with_head(found, analysis.partner_doc, rows, sentence_rows=True)))
        if analysis.reply is not None and analysis.reply_doc is not None:
            # The head reads only the partner's message: on short drafts ("you should just quit") it confuses
            # blunt advice with threats, and the rules already cover drafts that threaten or control.
            results.append(("user", detect_safety(analysis.reply, author="user")))
        merged = merge([r for _, r in results])
        safety = Safety(level=merged.level, categories=list(merged.categories))
        for author, result in results:
            for finding in result.findings:
                safety.findings.append(
                    {
                        "text": author if author == "partner" else "reply",
                        "category": finding.category,
                        "level": finding.level,
                        "start": finding.start,
                        "end": finding.end,
                        "quote": finding.quote,
                        "reason": finding.reason,
                    }
                )
        if merged.level != "none":
            worst_author: Literal["partner", "user"] = next(
                (a for a, r in results if r.level == merged.level), "partner"
            )
            safety.message = explanation(merged, author=worst_author)
            safety.resources = _resources_for(self.country or get_settings().country)
        analysis.safety = safety
        return analysis
