"""Locate the model files shipped inside the package and check them against the manifest.

Nothing is ever downloaded: a missing or altered file is an error that names the file and says how to
rebuild it (`make model`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from feelheard.models.catalog import MANIFEST_NAME, Manifest, read_manifest

_CHUNK = 1 << 20


class ModelFileError(RuntimeError):
    """A shipped model file is missing, or its content does not match the manifest."""


def files_dir() -> Path:
    """Return the folder that holds the shipped model files.

    `FEELHEARD_MODEL_DIR` overrides it (tests, or a user-built model); otherwise it is the package's
    own `models/files/` folder.
    """
    override = os.environ.get("FEELHEARD_MODEL_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "files"


def sha256_of(path: Path) -> str:
    """Return the hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest(directory: Path | None = None) -> Manifest:
    """Read the manifest of `directory` (default: `files_dir()`)."""
    return read_manifest((directory or files_dir()) / MANIFEST_NAME)


def locate(name: str, *, directory: Path | None = None, verify: bool = True) -> Path:
    """Return the path of a shipped file, checking its sha256 when the manifest lists it.

    Args:
        name: File name inside the model folder, e.g. `"encoder.onnx"`.
        directory: Model folder; defaults to `files_dir()`.
        verify: Compare size and sha256 with the manifest entry (if there is one).

    Returns:
        The absolute path of the file.

    Raises:
        ModelFileError: If the file is missing, or differs from what the manifest records.
    """
    folder = directory or files_dir()
    path = folder / name
    if not path.is_file():
        raise ModelFileError(
            f"model file {name!r} is missing from {folder}; rebuild the models with `make model`"
        )
    if verify:
        entry = manifest(folder).get(name)
        if entry is not None:
            size = path.stat().st_size
            if size != entry.size or sha256_of(path) != entry.sha256:
                raise ModelFileError(
                    f"model file {path} does not match its manifest entry (sha256 {entry.sha256[:12]}..., "
                    f"{entry.size} bytes); the file is corrupted or from another build: run `make model`"
                )
    return path


def find_optional(name: str, *, directory: Path | None = None, verify: bool = True) -> Path | None:
    """Like `locate`, but return None when the file is absent (optional heads)."""
    folder = directory or files_dir()
    if not (folder / name).is_file():
        return None
    return locate(name, directory=folder, verify=verify)
