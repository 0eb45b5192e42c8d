"""Storage tests run twice: on a SQLite file and on a real PostgreSQL server started here.

The server is a throwaway cluster made with Debian's binaries (``/usr/lib/postgresql/<version>/bin``: initdb,
pg_ctl) in a temporary folder, listening on 127.0.0.1 on a free port, trust auth, fsync off (speed; the server
is thrown away). As root, initdb refuses to run, so it runs as the ``postgres`` user via ``runuser``. Without
the binaries the PostgreSQL tests FAIL with instructions, unless FEELHEARD_SKIP_PG=1 is set.
FEELHEARD_PG_BINDIR points at another folder holding initdb and pg_ctl.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from feelheard.storage import repo
from feelheard.storage.accounts import accept_invite, create_invite
from feelheard.storage.db import dispose_engines, get_engine, session_scope, sqlite_url

SKIP_PG = os.environ.get("FEELHEARD_SKIP_PG") == "1"
MISSING_PG = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin "
    "(or $FEELHEARD_PG_BINDIR). "
    "Install Debian's server package (`apt-get install -y postgresql`), or set FEELHEARD_SKIP_PG=1 "
    "to run the storage tests on SQLite only."
)


def _pg_bindir() -> Path | None:
    explicit = os.environ.get(
        "FEELHEARD_PG_BINDIR"
    )  # a PostgreSQL installed somewhere other than Debian's place
    if explicit:
        path = Path(explicit)
        return path if (path / "initdb").exists() and (path / "pg_ctl").exists() else None
    found = []
    for bindir in glob.glob("/usr/lib/postgresql/*/bin"):
        path = Path(bindir)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            version = path.parent.name
            found.append((int(version) if version.isdigit() else 0, path))
    return max(found)[1] if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway PostgreSQL cluster."""

    port: int
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _template: str | None = None
    _shared: str | None = None

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.encode())

    def clean_database(self) -> str:
        """The worker's shared database at the newest schema, emptied (much faster than a new database)."""
        if self._shared is None:
            self._shared = self.new_database()
        import psycopg

        with psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            dbname=self._shared.rsplit("/", 1)[1],
            autocommit=True,
        ) as conn:
            conn.execute(b"TRUNCATE users, couples, invites, items, settings RESTART IDENTITY CASCADE")
        return self._shared

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database; `migrated` copies one already at the newest schema (fast), else an empty one."""
        name = f"fh_{os.getpid()}_{next(self._counter)}"
        if not migrated:
            self._admin(f"CREATE DATABASE {name} TEMPLATE template0")
            return self.url(name)
        if self._template is None:
            template = f"fh_template_{os.getpid()}"
            self._admin(f"CREATE DATABASE {template} TEMPLATE template0")
            from feelheard.storage.db import create_engine_for
            from feelheard.storage.migrate import upgrade_to_head

            engine = create_engine_for(self.url(template))
            upgrade_to_head(engine)
            engine.dispose()  # a template must have no open connections
            self._template = template
        self._admin(f"CREATE DATABASE {name} TEMPLATE {self._template}")
        return self.url(name)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if SKIP_PG:
        pytest.skip("FEELHEARD_SKIP_PG=1: PostgreSQL half skipped")
    bindir = _pg_bindir()
    if bindir is None:
        pytest.fail(MISSING_PG, pytrace=False)
    base = Path(tempfile.mkdtemp(prefix="feelheard-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, log = base / "data", base / "server.log"
    port = _free_port()

    def pg(*args: str) -> None:
        result = subprocess.run([*run_as, *args], capture_output=True, text=True, timeout=60, check=False)
        if result.returncode != 0:
            log_text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{args[0]} failed: {result.stderr or result.stdout}\n{log_text}", pytrace=False)

    pg(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
    )
    options = (
        f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c max_connections=50"
    )
    pg(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start")
    try:
        yield PgServer(port=port)
    finally:
        dispose_engines()
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


ENGINES = ["sqlite", "postgresql"]  # select one with -k sqlite or -k postgresql


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty-of-data database at the newest schema, on each engine in turn."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "feelheard.db")
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        yield server.clean_database()
    dispose_engines()


@pytest.fixture
def blank_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Like `db_url`, but with no schema at all (for migration tests); parametrised by the test."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "feelheard.db")
    else:
        server: PgServer = request.getfixturevalue("pg_server")
        yield server.new_database(migrated=False)
    dispose_engines()


@pytest.fixture
def engine(db_url: str) -> Engine:
    created: Engine = get_engine(db_url)
    return created


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """One transaction for the test body, committed at the end."""
    with session_scope(engine) as session:
        yield session


@dataclass(frozen=True)
class People:
    """Three accounts: ana and ben are a linked couple, cam is a stranger to both."""

    ana: int
    ben: int
    cam: int


def make_people(engine: Engine, *, link: bool = True) -> People:
    from feelheard.storage.orm import User

    with session_scope(engine) as s:
        # Password hashing is not what these tests are about; accounts.create_user is tested separately.
        users = [User(username=name, password_hash="x") for name in ("ana", "ben", "cam")]
        s.add_all(users)
        s.flush()
        people = People(*(u.id for u in users))
        if link:
            code = create_invite(s, user_id=people.ana)
            accept_invite(s, user_id=people.ben, code=code)
    return people


@pytest.fixture
def people(engine: Engine) -> People:
    return make_people(engine)


__all__ = ["People", "PgServer", "make_people", "repo"]
