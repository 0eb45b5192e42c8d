"""The safety layer: notices danger, stops the empathy coaching and points to help.

Public API:
    detect_safety, merge, explanation, load_resources, list_countries, SafetyFinding, SafetyResult.
"""

from feelheard.safety.detector import CATEGORIES as CATEGORIES
from feelheard.safety.detector import SafetyFinding as SafetyFinding
from feelheard.safety.detector import SafetyResult as SafetyResult
from feelheard.safety.detector import detect_safety as detect_safety
from feelheard.safety.detector import merge as merge

__all__ = ["CATEGORIES", "SafetyFinding", "SafetyResult", "detect_safety", "merge"]
