"""The safety layer: notices danger, stops the empathy coaching for that exchange and points to help.

Public API: `detect_safety`, `merge`, `explanation`, `load_resources`, `load_all_resources`,
`list_countries`, and the records `SafetyResult`, `SafetyFinding`, `Resource`, `CountryResources`.
"""

from feelheard.safety._rules import Level as Level
from feelheard.safety.detector import CATEGORIES as CATEGORIES
from feelheard.safety.detector import SafetyFinding as SafetyFinding
from feelheard.safety.detector import SafetyResult as SafetyResult
from feelheard.safety.detector import detect_safety as detect_safety
from feelheard.safety.detector import merge as merge
from feelheard.safety.messages import explanation as explanation
from feelheard.safety.resources import CountryResources as CountryResources
from feelheard.safety.resources import Resource as Resource
from feelheard.safety.resources import list_countries as list_countries
from feelheard.safety.resources import load_all_resources as load_all_resources
from feelheard.safety.resources import load_resources as load_resources

__all__ = [
    "CATEGORIES",
    "CountryResources",
    "Level",
    "Resource",
    "SafetyFinding",
    "SafetyResult",
    "detect_safety",
    "explanation",
    "list_countries",
    "load_all_resources",
    "load_resources",
    "merge",
]
