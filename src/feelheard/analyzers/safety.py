"""Safety: when either message shows crisis, violence, abuse or coercive control, coaching stops.

Detection lives in `feelheard.safety`; this step runs it on both texts, merges the results, and attaches a
plain explanation and the resources for the configured country.
"""

from __future__ import annotations

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


def _with_head(
    found: SafetyResult, doc: TextModel, rows: NDArray[np.float32] | None, *, sentence_rows: bool
) -> SafetyResult:
    """Let the learned head raise a message the rules passed as `none` to `concern`."""
    from feelheard.safety import SafetyFinding, SafetyResult
    from feelheard.safety.head import load_safety_head

    head = load_safety_head()
    if found.level != "none" or head is None or rows is None or head.risk(rows) < head.threshold:
        return found
    categories = head.categories_for(rows)
    start, end = 0, len(doc.text)
    if sentence_rows and len(rows) > 1 and len(doc.sentences) == len(rows) - 1:
        z = rows[1:] @ head.weights[0] + head.biases[0]
        best = doc.sentences[int(np.argmax(z))]
        start, end = best.start, best.end
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
