"""Where the data lives and how to reach it: one engine per process, migrated to the newest schema on first use.

* Default (local mode): a SQLite file ``feelheard.db`` in ``$FEELHEARD_HOME`` if set, else in the platform's user
  data folder (``platformdirs.user_data_dir("feelheard")``, e.g. ``~/.local/share/feelheard`` on Linux). The
  folder is made owner-only (0700) and the file 0600 before SQLite opens it; WAL mode, full sync, foreign keys
  and secure delete are switched on for every connection.
* Server mode: ``FEELHEARD_DATABASE_URL`` (e.g. ``postgresql+psycopg://user@host/feelheard``), or
  ``database_url`` in the config file (``$FEELHEARD_CONFIG``, else ``config.toml`` in
  ``platformdirs.user_config_dir("feelheard")``), points at PostgreSQL instead. Same schema, same migrations.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feelheard.errors import InputError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

DB_FILENAME = "feelheard.db"
_engines: dict[tuple[int, str], Engine] = {}
_migrated: set[tuple[int, str]] = set()
_lock = threading.RLock()


def data_dir() -> Path:
    """The folder for the local database: ``$FEELHEARD_HOME`` if set, else the platform's user data folder."""
    home = os.environ.get("FEELHEARD_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("feelheard", appauthor=False))


def config_path() -> Path:
    """The optional TOML config file: ``$FEELHEARD_CONFIG``, else ``config.toml`` in the user config folder."""
    explicit = os.environ.get("FEELHEARD_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("feelheard", appauthor=False)) / "config.toml"


def _url_from_config() -> str | None:
    path = config_path()
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read config file {path}: {exc}") from exc
    section = data.get("storage", data)
    url = section.get("database_url") if isinstance(section, dict) else None
    if url is not None and not isinstance(url, str):
        raise InputError(f"database_url in {path} must be a string")
    return url or None


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def database_url() -> str:
    """The database to use: ``FEELHEARD_DATABASE_URL``, else the config file, else the local SQLite file."""
    url = os.environ.get("FEELHEARD_DATABASE_URL") or _url_from_config()
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            # Plain postgresql:// would pick psycopg2, which is not installed; psycopg 3 is.
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url
    return sqlite_url(data_dir() / DB_FILENAME)


def describe_location(url: str | None = None) -> str:
    """Where the data is, for people: a file path, or the server URL without its password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url or database_url())
    if parsed.get_backend_name() == "sqlite":
        return str(parsed.database)
    return parsed.render_as_string(hide_password=True)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder (0700) and the file (0600) ourselves, so SQLite never makes them world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    _owner_only(path)


def _owner_only(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError, PermissionError):
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            os.chmod(path, 0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        # FULL: a commit is on disk before it returns (WAL alone already survives a killed process).
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, so "forget" does not leave the text in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
    finally:
        cursor.close()


def _sqlite_begin(conn: Any) -> None:
    # pysqlite defers BEGIN until the first write; an explicit BEGIN makes every transaction whole, reads included.
    # Migrations ask for IMMEDIATE: the write lock up front, so two processes never migrate at once.
    immediate = conn.get_execution_options().get("feelheard_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine_for(url: str) -> Engine:
    """A new engine for `url`, set up for this project (prefer `get_engine`, which caches one per process)."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if not database or database == ":memory:":
            raise InputError("feelheard needs a SQLite file, not an in-memory database")
        path = Path(database)
        _prepare_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": 10, "isolation_level": None})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        for suffix in ("", "-wal", "-shm"):
            _owner_only(Path(str(path) + suffix))
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise InputError(f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL")


def get_engine(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The process's engine for `url` (default: `database_url()`), upgraded to the newest schema on first use."""
    url = url or database_url()
    key = (os.getpid(), url)  # a forked child must not reuse its parent's connections
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = create_engine_for(url)
            _engines[key] = engine
        if migrate and key not in _migrated:
            from feelheard.storage.migrate import upgrade_to_head

            upgrade_to_head(engine)
            _migrated.add(key)
    return engine


def dispose_engines() -> None:
    """Close every cached engine (tests; a long-running server shutting down)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        _migrated.clear()


@contextlib.contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back (nothing kept) if it raises."""
    from sqlalchemy.orm import Session

    with Session(engine or get_engine(), expire_on_commit=False) as session, session.begin():
        yield session
