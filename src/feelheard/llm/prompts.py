"""Prompt templates live in files next to this module (`prompts/*.txt`), not in code."""

from __future__ import annotations

from functools import cache
from importlib import resources
from string import Template


@cache
def load_prompt(name: str) -> Template:
    """The template `prompts/<name>.txt` (placeholders are `$name`).

    Raises:
        FileNotFoundError: If there is no such prompt file.
    """
    resource = resources.files("feelheard.llm").joinpath("prompts", f"{name}.txt")
    if not resource.is_file():
        raise FileNotFoundError(f"no prompt file prompts/{name}.txt")
    return Template(resource.read_text(encoding="utf-8"))


def render_prompt(name: str, **values: str) -> str:
    """Fill the prompt `name`; every placeholder must be given (a missing one raises KeyError)."""
    return load_prompt(name).substitute(values).strip()
