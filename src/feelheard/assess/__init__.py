"""Self-assessments: an empathy self-check, an empathy burnout check and a relationship red-flags check.

General guidance for reflection, never a diagnosis. The questions live in `data/*.json` (checked by
`content.py`), scoring is pure (`scoring.py`) and storage is at the edge (`store.py`).
"""

from feelheard.assess.content import Assessment as Assessment
from feelheard.assess.content import AssessmentDataError as AssessmentDataError
from feelheard.assess.content import Band as Band
from feelheard.assess.content import Item as Item
from feelheard.assess.content import Recommendation as Recommendation
from feelheard.assess.content import get_assessment as get_assessment
from feelheard.assess.content import load_assessments as load_assessments
from feelheard.assess.content import validate_all as validate_all
from feelheard.assess.scoring import AssessmentResult as AssessmentResult
from feelheard.assess.scoring import score_answers as score_answers

__all__ = [
    "Assessment",
    "AssessmentDataError",
    "AssessmentResult",
    "Band",
    "Item",
    "Recommendation",
    "get_assessment",
    "load_assessments",
    "score_answers",
    "validate_all",
]
