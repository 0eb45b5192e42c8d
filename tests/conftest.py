"""Shared fixtures: the default pipeline is loaded once per test session (models load once per process)."""

from __future__ import annotations

import pytest

from feelheard import load_pipeline
from feelheard.pipeline import Pipeline


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()
