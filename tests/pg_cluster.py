"""A throwaway PostgreSQL cluster for the tests, and the records backends to run them on.

The cluster starts once per session on a free local port (``initdb`` + ``pg_ctl``, as the
unprivileged ``nobody`` when the tests run as root, because PostgreSQL refuses to run as
root) and stops at the end. Each test gets its own schema in it, so tests never see each
other's rows. Without PostgreSQL installed the PostgreSQL cases skip locally and FAIL under
``CI`` (``test.sh`` installs Debian's ``postgresql``), like ``tests.conftest.shared_path``.

Test modules import the fixtures they use from here
(``from tests.pg_cluster import records_env  # noqa: F401``).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from impact.records import DATABASE_URL_ENV


def pg_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's programs (Debian's layout, else the PATH)."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parent.parent.name),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    """Run as ``nobody`` when root (PostgreSQL will not run as root)."""
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


class _Cluster:
    """One cluster per test process, started on first use and stopped when pytest exits.

    A module-level singleton rather than a plain session fixture: each test module imports
    the fixture, and pytest treats each import as its own fixture (one cluster per module).
    """

    url: str | None = None
    lock = threading.Lock()

    @classmethod
    def start(cls, bin_dir: Path) -> str:
        with cls.lock:
            if cls.url is None:
                cls.url = _start(bin_dir)
            return cls.url


def _start(bin_dir: Path) -> str:
    home = Path(tempfile.mkdtemp(prefix="impact-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "nobody")
    port = _free_port()
    data = home / "db"
    run = dict(check=True, capture_output=True, cwd=home)
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
    subprocess.run(_as_owner([*initdb, "--no-sync"]), **run)
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = str(bin_dir / "pg_ctl")
    log = str(home / "server.log")
    subprocess.run(
        _as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start"]), **run
    )

    def stop() -> None:
        from impact.records.postgres_backend import close_pools

        close_pools()
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            cwd=home,
        )
        shutil.rmtree(home, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql://postgres@127.0.0.1:{port}/postgres"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The address of the running throwaway cluster (user ``postgres``, no password)."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL is not installed (initdb not found)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI must run the PostgreSQL backend tests")
        pytest.skip(message)
    return _Cluster.start(bin_dir)


def fresh_schema_url(server: str) -> str:
    """A new empty schema in the cluster, as an address whose search path is that schema."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {name}")
    return f"{server}?options=-csearch_path%3D{name}"


#: Builds an empty, separate set of records and returns its data folder; with PostgreSQL it
#: also points ``IMPACT_DATABASE_URL`` at a new schema (call ``open_log(folder)`` after it).
NewRecords = Callable[[], Path]


@pytest.fixture(params=["duckdb", "postgresql"])
def records_env(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> NewRecords:
    """Run the test on each backend: a factory of separate, empty records."""
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
    made = iter(range(1000))

    def new_records() -> Path:
        folder = tmp_path / f"records{next(made)}"
        folder.mkdir()
        if server:
            monkeypatch.setenv(DATABASE_URL_ENV, fresh_schema_url(server))
        return folder

    return new_records
