"""Writing one table of the TOML config file: correct TOML, every other table (and its comments) kept."""

from __future__ import annotations

import datetime as dt
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feelheard.config_file import ConfigFileError, dumps, set_table, toml_string, with_table

DOC = """# my settings
top = 1

[storage]
database_url = "sqlite:////tmp/x.sqlite"  # the database

[llm]
base_url = "http://old:1/v1"
model = "old"

[llm.extra]
x = 1

[[llm.list]]
y = 2

["quoted key"]
z = [1, { a = 2 }]
"""

LLM = {
    "base_url": "http://127.0.0.1:11434/v1",
    "model": "llama3.2",
    "api_key": 'sk-"quoted"\\back',
    "timeout": 7.5,
}


def test_replacing_a_table_keeps_the_rest_as_written() -> None:
    text = with_table(DOC, "llm", LLM)
    data = tomllib.loads(text)
    assert data["llm"] == LLM
    assert data["top"] == 1 and data["storage"] == {"database_url": "sqlite:////tmp/x.sqlite"}
    assert data["quoted key"] == {"z": [1, {"a": 2}]}
    assert "# my settings" in text and "# the database" in text  # comments survive
    assert "old" not in text and "[llm.extra]" not in text


def test_removing_a_table() -> None:
    text = with_table(DOC, "llm", None)
    assert "llm" not in tomllib.loads(text)
    assert "# the database" in text
    assert with_table('[llm]\nmodel = "m"\n', "llm", None) == ""


@pytest.mark.parametrize(
    "doc",
    [
        'llm.model = "dotted"\nother = 1\n',  # dotted keys: the line-based cut cannot see them
        'llm = { model = "inline" }\nother = 1\n',
        'other = """\n[llm]\nnot a header\n"""\n',  # a "header" inside a multi-line string
        '[ "llm" ]\nmodel = "x"\n[b]\nc = 1\n',
    ],
)
def test_documents_the_line_cut_cannot_handle_are_written_afresh(doc: str) -> None:
    before = tomllib.loads(doc)
    text = with_table(doc, "llm", {"model": "new"})
    after = tomllib.loads(text)
    assert after["llm"] == {"model": "new"}
    assert {k: v for k, v in after.items() if k != "llm"} == {k: v for k, v in before.items() if k != "llm"}


def test_invalid_toml_is_refused() -> None:
    with pytest.raises(ConfigFileError, match="not valid TOML"):
        with_table("[broken\n", "llm", {"model": "m"})


@pytest.mark.parametrize(
    "text",
    ["plain", 'with "quotes" and \\backslash', "tab\tnew\nline\r", "\x00\x1f\x7f", "unicode: ü € 😀 \u2028"],
)
def test_strings_round_trip(text: str) -> None:
    assert tomllib.loads(f"k = {toml_string(text)}")["k"] == text


def test_a_lone_surrogate_cannot_be_written() -> None:
    with pytest.raises(ValueError, match="cannot be saved"):
        toml_string("bad \ud800")


def test_dumps_writes_every_kind_of_value() -> None:
    data: dict[str, Any] = {
        "s": "x",
        "i": -3,
        "f": 1e20,
        "g": 0.5,
        "b": True,
        "when": dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "day": dt.date(2026, 1, 2),
        "at": dt.time(7, 30),
        "mixed": [1, "two", [3.0], {"four": 4}],
        "empty": [],
        "table": {"inner": {"deep": 1}, "k": "v"},
        "tables": [{"a": 1}, {"b": {"c": 2}}],
        "a key with spaces": {"": "empty key"},
    }
    assert tomllib.loads(dumps(data)) == data


_keys = st.text(min_size=0, max_size=8)
_scalars = st.one_of(
    st.text(max_size=20).filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.booleans(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=5))
def test_dumps_round_trips(data: dict[str, Any]) -> None:
    assert tomllib.loads(dumps(data)) == data


def test_set_table_writes_atomically_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "folder" / "config.toml"
    assert set_table(path, "llm", {"model": "m"}) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert set_table(path, "llm", {"model": "m"}) is False  # nothing to change
    path.write_text('[storage]\nx = 1\n\n[llm]\nmodel = "m"\n', encoding="utf-8")
    path.chmod(0o644)
    assert set_table(path, "llm", {"model": "n"}) is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tomllib.loads(path.read_text(encoding="utf-8")) == {"storage": {"x": 1}, "llm": {"model": "n"}}
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temporary file left behind


def test_set_table_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "feelheard.toml"
    real.parent.mkdir()
    real.write_text("[storage]\nx = 1\n", encoding="utf-8")
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    set_table(link, "llm", {"model": "m"})
    assert link.is_symlink()
    assert tomllib.loads(real.read_text(encoding="utf-8")) == {"storage": {"x": 1}, "llm": {"model": "m"}}


def test_set_table_leaves_an_invalid_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("not = [valid", encoding="utf-8")
    with pytest.raises(ConfigFileError, match="not valid TOML"):
        set_table(path, "llm", {"model": "m"})
    assert path.read_text(encoding="utf-8") == "not = [valid"


def test_removing_the_only_table_deletes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    set_table(path, "llm", {"model": "m"})
    assert set_table(path, "llm", None) is True and not path.exists()
    assert set_table(path, "llm", None) is False
