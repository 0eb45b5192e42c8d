"""What every analyzer is: a named step that reads some fields of an `Analysis` and fills in others."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from feelheard.result import Analysis


@runtime_checkable
class Analyzer(Protocol):
    """A pipeline step. `requires` and `assigns` name `Analysis` fields; the pipeline checks their order."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, analysis: Analysis) -> Analysis: ...


class BatchAnalyzer(Analyzer, Protocol):
    """An analyzer that can process many analyses at once (e.g. one ONNX run for a batch)."""

    def pipe(self, analyses: list[Analysis]) -> list[Analysis]: ...
