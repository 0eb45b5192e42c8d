"""Rituals and check-ins: four guided flows, a large prompt pool that does not repeat for weeks, due items and
streaks. The content lives in `data/*.json`; scheduling is pure (`schedule.py`); storage is at the edge
(`store.py`).
"""

from feelheard.rituals.content import Prompt as Prompt
from feelheard.rituals.content import Ritual as Ritual
from feelheard.rituals.content import RitualBook as RitualBook
from feelheard.rituals.content import RitualDataError as RitualDataError
from feelheard.rituals.content import Step as Step
from feelheard.rituals.content import load_prompts as load_prompts
from feelheard.rituals.content import load_rituals as load_rituals
from feelheard.rituals.content import validate_all as validate_all
from feelheard.rituals.schedule import DueItem as DueItem
from feelheard.rituals.schedule import RitualRecord as RitualRecord
from feelheard.rituals.schedule import Streak as Streak
from feelheard.rituals.schedule import due_items as due_items
from feelheard.rituals.schedule import pick_prompt as pick_prompt
from feelheard.rituals.schedule import pick_prompts as pick_prompts
from feelheard.rituals.schedule import streaks as streaks

__all__ = [
    "DueItem",
    "Prompt",
    "Ritual",
    "RitualBook",
    "RitualDataError",
    "RitualRecord",
    "Step",
    "Streak",
    "due_items",
    "load_prompts",
    "load_rituals",
    "pick_prompt",
    "pick_prompts",
    "streaks",
    "validate_all",
]
