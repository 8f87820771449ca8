"""CPU and queries of one request-form submission, measured in-process (not part of `make test`).

What `make bench` drives over HTTP, without the HTTP and without the noise of a shared machine:
one browser after another GETs the form, POSTs it with the CSRF cookie, the CSRF field and the
form token from the page, as the benchmark's client does; then the worker runs the queued
e-mails as `manage.py db_worker` does. Prints the CPU time (time.process_time) of each step per
submission and its database queries, and with --profile the top functions of one step.

    .venv/bin/python scripts/profile_submission.py                 # a temporary SQLite
    scripts/with-postgres .venv/bin/python scripts/profile_submission.py
    .venv/bin/python scripts/profile_submission.py --profile post

It runs the site's settings as production does (DEBUG off, HTTPS from the proxy, the database
task backend), with the benchmark's overrides: no hourly limit, no bot timer, e-mail in memory.
The cache is the in-process one unless CACHE_URL says otherwise.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import secrets
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench import FORM_ANSWERS  # noqa: E402  (scripts/ is this script's folder)

URL = "/appointments/request/"
HOST = "127.0.0.1:8000"
ORIGIN = f"https://{HOST}"  # as the TLS proxy in front of gunicorn tells the site
FORM_TYPE = "application/x-www-form-urlencoded"
STEPS = ("get", "post", "task")


def configure(database: Path) -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="armorpt.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_LEVEL="WARNING",
        ARMORPT_TASKS_BACKEND="database",
        ARMORPT_REQUESTS_PER_HOUR="1000000",
        ARMORPT_FORM_MIN_SECONDS="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ARMORPT_STAFF_NOTIFICATION_EMAILS="frontdesk@clinic.test",
    )
    import django
    from django.conf import settings

    django.setup()
    warnings.filterwarnings("ignore", "No directory at")
    # Static files from the finders: no collected folder to build for a profile.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_clinic_content", stdout=io.StringIO())


def expect(condition: bool, why: str) -> None:
    if not condition:
        raise RuntimeError(why)


class Browser:
    """One visitor after another, each with no cookies, through Django's WSGI handler: the
    object gunicorn calls, with the environ it builds (the test Client would add its own work)."""

    def __init__(self):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()

    def request(self, method: str, body: bytes = b"", **headers: str) -> tuple[str, dict, str]:
        """(status, headers, body) of one request to the form's address."""
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": URL,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": HOST,
            "HTTP_X_FORWARDED_PROTO": "https",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            **({"CONTENT_TYPE": FORM_TYPE, "CONTENT_LENGTH": str(len(body))} if body else {}),
            **{"HTTP_" + name.upper(): value for name, value in headers.items()},
        }
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"], answer["headers"] = status, response_headers

        chunks = self.handler(environ, start_response)
        try:
            content = b"".join(chunks).decode()
        finally:
            chunks.close()
        return answer["status"], answer["headers"], content

    def get(self) -> dict[str, str]:
        """The form's page for a visitor with no cookies: its CSRF cookie, field and token."""
        status, headers, html = self.request("GET")
        expect(status.startswith("200"), f"the form answered {status}")
        cookies = "; ".join(value for name, value in headers if name == "Set-Cookie")
        return {
            "cookie": re.search(r"csrftoken=[^;]+", cookies).group(0),
            **{
                name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
                for name in ("csrfmiddlewaretoken", "form_token")
            },
        }

    def post(self, page: dict[str, str]) -> None:
        """The filled-in form, sent as the benchmark's client sends it; must be confirmed."""
        fields = {name: page[name] for name in ("csrfmiddlewaretoken", "form_token")}
        status, headers, _ = self.request(
            "POST",
            urlencode({**fields, **FORM_ANSWERS}).encode(),
            COOKIE=page["cookie"],
            ORIGIN=ORIGIN,
            REFERER=ORIGIN + URL,
        )
        expect(
            status.startswith("302") and dict(headers)["Location"].endswith("/received/"),
            f"the submission was not confirmed: {status}",
        )


def run_queued_tasks() -> int:
    """Every task waiting, run as `manage.py db_worker` runs them; returns how many ran."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="profile",
        excluded_queue_names=[],
    )
    worker.run()
    return worker._run_tasks


class QueryLog:
    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)


def submissions(browser: Browser, n: int, profiled: str | None = None) -> dict[str, float]:
    """CPU seconds of each step over n submissions (the tasks run after all of them)."""
    from django.core import mail

    mail.outbox = []
    spent = dict.fromkeys(STEPS, 0.0)
    profiler = cProfile.Profile(time.process_time)  # CPU, not waiting for the database

    def timed(step, call, *args):
        if step == profiled:
            profiler.enable()
        started = time.process_time()
        result = call(*args)
        spent[step] += time.process_time() - started
        if step == profiled:
            profiler.disable()
        return result

    for _ in range(n):
        timed("post", browser.post, timed("get", browser.get))
    tasks = timed("task", run_queued_tasks)
    expect(tasks == n == len(mail.outbox), f"{tasks} tasks, {len(mail.outbox)} e-mails for {n}")
    if profiled:
        stats = pstats.Stats(profiler).sort_stats("cumulative")
        stats.print_stats(40)
        stats.print_callees(r"appointments/|armorpt/")
        stats.sort_stats("tottime").print_stats(25)
    return spent


def census(browser: Browser, n: int = 20) -> dict[str, tuple[list[str], int]]:
    """Each step's statements (of one submission) and Python function calls (a submission, over
    n more): unlike CPU time, these do not move with whatever else the machine is doing."""
    from django.db import connection

    logs = {step: QueryLog() for step in STEPS}
    with connection.execute_wrapper(logs["get"]):
        page = browser.get()
    with connection.execute_wrapper(logs["post"]):
        browser.post(page)
    with connection.execute_wrapper(logs["task"]):
        run_queued_tasks()

    profilers = {step: cProfile.Profile() for step in STEPS}
    for _ in range(n):
        with profilers["get"]:
            page = browser.get()
        with profilers["post"]:
            browser.post(page)
    with profilers["task"]:
        run_queued_tasks()
    return {
        step: (logs[step].statements, pstats.Stats(profilers[step]).total_calls // n)
        for step in STEPS
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=300, help="submissions measured (default 300)")
    parser.add_argument("--warm-up", type=int, default=30, help="submissions not measured")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of n; the least disturbed is shown (3)"
    )
    parser.add_argument(
        "--profile", choices=STEPS, help="print cProfile's top costs of a step (one round)"
    )
    parser.add_argument("--sql", action="store_true", help="print each step's statements")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder) / "profile.sqlite3")
        from django.db import connection

        prepare()
        browser = Browser()
        submissions(browser, args.warm_up)
        counted = census(browser)
        rounds = 1 if args.profile else args.rounds
        spent = {step: float("inf") for step in STEPS}
        for _ in range(rounds):
            this_round = submissions(browser, args.n, args.profile)
            spent = {step: min(spent[step], this_round[step]) for step in STEPS}
        print(
            f"{connection.vendor}, best of {rounds} rounds of {args.n} submissions after "
            f"{args.warm_up} not counted; CPU of this process (time.process_time) a submission:"
        )
        for step in STEPS:
            statements, calls = counted[step]
            ms = spent[step] / args.n * 1000
            print(f"  {step:5} {ms:6.2f} ms  {len(statements):2} queries  {calls:6,} calls")
            for statement in statements if args.sql else []:
                print(f"          {' '.join(statement.split())[:150]}")
        web = spent["get"] + spent["post"]
        print(f"  web   {web / args.n * 1000:6.2f} ms (get + post)")
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
