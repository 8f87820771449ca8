"""What the smoke test, Lighthouse, Observatory, screenshot and benchmark scripts share (and
tests/deploy/test_two_instances.py).

`serve()` starts the site as production runs it, with the same steps as the Dockerfile:
collectstatic, migrate (plus the demo content), gunicorn with gunicorn.conf.py and DEBUG off,
against DATABASE_URL (run under scripts/with-postgres), with beside it the worker that sends
the e-mails (manage.py db_worker). `prepared_site()`, `gunicorn()` and `worker()` are its
parts, for several instances on one database, as several machines would run.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.browser.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "PROJECT",
    "free_port",
    "gunicorn",
    "npm_tool",
    "prepared_site",
    "serve",
    "wait_for_port",
    "worker",
    "write_quality_section",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WEB_CONCURRENCY": "2",
    }
    env.pop("DJANGO_SECURE_SSL_REDIRECT", None)
    env.update(overrides)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Run this under scripts/with-postgres: production runs on PostgreSQL.")
    return env


@contextlib.contextmanager
def serve(
    *gunicorn_args: str,
    prepare: Callable[[dict[str, str]], None] | None = None,
    **env_overrides: str,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield the port gunicorn listens on (127.0.0.1) and the environment it runs with.

    `prepare(env)`, if given, runs after the demo content is loaded and before gunicorn starts.
    """
    with (
        prepared_site(prepare, **env_overrides) as env,
        gunicorn(env, *gunicorn_args) as server,
        worker(env),
    ):
        yield server


@contextlib.contextmanager
def prepared_site(
    prepare: Callable[[dict[str, str]], None] | None = None, **env_overrides: str
) -> Iterator[dict[str, str]]:
    """Yield the production environment once its static files are collected and the database
    migrated with the demo content: what any number of `gunicorn(env)` instances share."""
    with tempfile.TemporaryDirectory(prefix="armorpt-production-") as static_root:
        env = production_env(DJANGO_STATIC_ROOT=static_root, **env_overrides)
        manage = [sys.executable, "manage.py"]
        for command in (
            ["compile_translations"],
            ["collectstatic", "--noinput"],
            ["migrate", "--noinput"],
        ):
            subprocess.run(
                [*manage, *command], cwd=PROJECT, env=env, check=True, capture_output=True
            )
        subprocess.run(
            [*manage, "load_clinic_content"], cwd=PROJECT, env=env, check=True, capture_output=True
        )
        if prepare is not None:
            prepare(env)
        yield env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *gunicorn_args: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Start one gunicorn on a free port with `env`; yield the port and its own environment."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            *gunicorn_args,
            "armorpt.wsgi",
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield port, env
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextlib.contextmanager
def worker(env: dict[str, str]) -> Iterator[None]:
    """The worker that sends queued e-mails (manage.py db_worker), beside any instance."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"gunicorn did not start listening on port {port}")


def npm_tool(package: str, *install_flags: str) -> Path:
    """Install an npm package once into .tools/ (ignored by git) and return its folder."""
    folder = PROJECT / ".tools" / package.replace("/", "-").lstrip("@")
    if not (folder / "node_modules").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                ".",
                *install_flags,
                package,
            ],
            cwd=folder,
            check=True,
        )
    return folder / "node_modules"


QUALITY_REPORT = PROJECT / "docs" / "quality.md"


def write_quality_section(name: str, text: str) -> None:
    """Replace one script's section of docs/quality.md, leaving the other scripts' sections."""
    start, end = f"<!-- {name}: written by scripts/{name}.py -->", f"<!-- /{name} -->"
    report = QUALITY_REPORT.read_text() if QUALITY_REPORT.exists() else "# Quality\n"
    section = f"{start}\n{text.strip()}\n{end}"
    if start in report and end in report:
        before, rest = report.split(start, 1)
        report = before + section + rest.split(end, 1)[1]
    else:
        report = report.rstrip() + "\n\n" + section + "\n"
    QUALITY_REPORT.write_text(report)
