"""Safety: when either message shows crisis, violence, abuse or coercive control, coaching stops.

Detection lives in `feelheard.safety`; this step runs it on both texts, merges the results, and attaches a
plain explanation and the resources for the configured country.
"""

from __future__ import annotations

from typing import Any

from feelheard.config import get_settings
from feelheard.result import Analysis, Safety


def _resources_for(country: str) -> list[dict[str, Any]]:
    from feelheard.safety import load_resources

    listing = load_resources(country)
    return [{**r.to_dict(), "country": listing.code} for r in listing.resources]


class SafetyAnalyzer:
    """Pipeline step: the `safety` block (runs on the partner's message and on the user's draft)."""

    name = "safety"
    requires: tuple[str, ...] = ("partner_doc", "reply_doc")
    assigns: tuple[str, ...] = ("safety",)

    def __init__(self, country: str | None = None) -> None:
        self.country = country

    def __call__(self, analysis: Analysis) -> Analysis:
        from feelheard.safety import detect_safety, explanation, merge

        results = []
        if analysis.partner is not None:
            results.append(("partner", detect_safety(analysis.partner, author="partner")))
        if analysis.reply is not None:
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
            worst_author = next((a for a, r in results if r.level == merged.level), "partner")
            safety.message = explanation(merged, author=worst_author)
            safety.resources = _resources_for(self.country or get_settings().country)
        analysis.safety = safety
        return analysis
