"""The palette meets WCAG AA contrast (4.5:1 for body text) for every text colour on its background."""

from __future__ import annotations

import re
from importlib import resources

import pytest

CSS = resources.files("feelheard").joinpath("web/static/app.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colour(name: str) -> str:
    return VARS[name[2:]] if name.startswith("--") else name


PAIRS = [
    ("--ink", "--bg"),
    ("--ink", "--surface"),
    ("--muted", "--bg"),
    ("--muted", "--surface"),
    ("--accent", "--surface"),
    ("--accent", "--bg"),
    ("--accent", "--accent-soft"),
    ("--accent-ink", "--accent"),
    ("#ffffff", "--exit"),
    ("--ink", "--amber-soft"),
    ("--ink", "--sage-soft"),
    ("--sage", "--sage-soft"),
    ("#6f3322", "--accent-soft"),
    ("#1f4a33", "--sage-soft"),
    ("#7a2b1d", "#f9e1dc"),
    ("#ffffff", "--ink"),
    ("--muted", "#fbf8ff"),
]


@pytest.mark.parametrize(("text", "background"), PAIRS)
def test_text_contrast_is_at_least_aa(text: str, background: str) -> None:
    ratio = contrast(_colour(text), _colour(background))
    assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"


def test_focus_ring_is_visible_on_the_page() -> None:
    # Non-text contrast (WCAG 1.4.11) asks 3:1 for the focus indicator.
    assert contrast(VARS["focus"], VARS["bg"]) >= 3 and contrast(VARS["focus"], VARS["surface"]) >= 3
