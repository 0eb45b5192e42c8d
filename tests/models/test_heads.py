"""The learned empathy and acts heads: file loading, shapes, and a few cases no head should get wrong."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from feelheard.models.heads import (
    ActsHead,
    EmpathyHead,
    _Mlp,
    load_acts_head,
    load_empathy_head,
    sentence_features,
)
from feelheard.models.store import files_dir

D = 384
RNG = np.random.default_rng(0)


def _unit(n: int) -> np.ndarray:
    x = RNG.normal(size=(n, D)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _toy_empathy(use_partner: bool = False) -> EmpathyHead:
    width = 2 * D if use_partner else D
    scorers = [
        _Mlp(
            RNG.normal(size=(16, 3)).astype(np.float32),
            np.zeros(3, np.float32),
            RNG.normal(size=(width, 16)).astype(np.float32),
            np.zeros(16, np.float32),
        )
        for _ in range(3)
    ]
    return EmpathyHead(scorers, np.full((3, 2), 0.5, np.float32), use_partner)


def test_loaders_return_none_without_files(tmp_path: Path) -> None:
    assert load_empathy_head(tmp_path) is None
    assert load_acts_head(tmp_path) is None


@pytest.mark.parametrize("use_partner", [False, True])
def test_empathy_shapes_and_levels(use_partner: bool) -> None:
    head = _toy_empathy(use_partner)
    for k in (0, 1, 4):
        sents = _unit(k)
        for partner in (None, _unit(1)[0]):
            out = head.predict(partner, _unit(1)[0], sents)
            assert set(out) == set(EmpathyHead.mechanisms)
            for level, probs, evidence in out.values():
                assert level in (0, 1, 2)
                assert probs.shape == (3,) and abs(float(probs.sum()) - 1.0) < 1e-5
                assert evidence.shape == (k,)
                assert np.all((evidence >= 0) & (evidence <= 1))


def test_acts_shapes() -> None:
    labels = ("advice_giving", "reflection")
    head = ActsHead(
        labels,
        _Mlp(RNG.normal(size=(D, 2)).astype(np.float32), np.zeros(2, np.float32)),
        np.array([0.5, 0.5], np.float32),
        use_partner=False,
    )
    assert head.predict(_unit(3), None).shape == (3, 2)
    assert head.predict(np.zeros((0, D), np.float32), _unit(1)[0]).shape == (0, 2)
    probs = head.predict(_unit(2), None)
    assert head.decide(probs).shape == (2, 2)


def test_partner_features_are_zero_without_partner() -> None:
    s = _unit(2)
    x = sentence_features(s, None, True)
    assert x.shape == (2, 2 * D)
    assert np.all(x[:, D:] == 0)


# ---------------------------------------------------------------------------------------------------
# With the shipped files (skipped when the models have not been built).
# ---------------------------------------------------------------------------------------------------
needs_files = pytest.mark.skipif(
    not (
        (files_dir() / "encoder.onnx").is_file()
        and (files_dir() / "empathy.npz").is_file()
        and (files_dir() / "acts.npz").is_file()
    ),
    reason="model files not built (make model)",
)


@pytest.fixture(scope="module")
def shipped() -> tuple[object, EmpathyHead, ActsHead]:
    from feelheard.models import open_models

    models = open_models(heads=False)
    emp = load_empathy_head(verify=False)
    acts = load_acts_head(verify=False)
    assert emp is not None and acts is not None
    return models, emp, acts


def _levels(
    shipped: tuple[object, EmpathyHead, ActsHead], partner: str, sentences: list[str]
) -> dict[str, int]:
    models, emp, _ = shipped
    enc = models.encode([partner, " ".join(sentences), *sentences]).embeddings  # type: ignore[attr-defined]
    return {m: v[0] for m, v in emp.predict(enc[0], enc[1], enc[2:]).items()}


@needs_files
def test_shipped_emotional_reaction(shipped: tuple[object, EmpathyHead, ActsHead]) -> None:
    lv = _levels(shipped, "My dog died this morning.", ["That sounds so painful, I'm really sorry."])
    assert lv["emotional_reactions"] >= 1


@needs_files
def test_shipped_exploration(shipped: tuple[object, EmpathyHead, ActsHead]) -> None:
    lv = _levels(shipped, "I got laid off today.", ["What was the hardest part?"])
    assert lv["explorations"] >= 1


@needs_files
def test_shipped_advice_giving(shipped: tuple[object, EmpathyHead, ActsHead]) -> None:
    models, _, acts = shipped
    enc = models.encode(["I hate my job.", "You should just quit."]).embeddings  # type: ignore[attr-defined]
    probs = acts.predict(enc[1:], enc[0])
    j = acts.labels.index("advice_giving")
    assert probs.shape == (1, len(acts.labels))
    assert probs[0, j] >= acts.thresholds[j]
    assert int(np.argmax(probs[0])) == j


@needs_files
def test_shipped_files_are_small() -> None:
    for name in ("empathy.npz", "acts.npz"):
        assert (files_dir() / name).stat().st_size < 5_000_000
