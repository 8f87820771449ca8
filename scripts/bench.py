"""The load benchmark: production configuration, a scaled catalogue, wrk and a form client.

Run it with `make bench` (= scripts/with-postgres .venv/bin/python scripts/bench.py). It starts
the site as production runs it (scripts/harness.py: collectstatic, migrate, demo content,
gunicorn with gunicorn.conf.py, DEBUG off) on a throwaway PostgreSQL, adds a scaled catalogue
(manage.py seed_scaled_catalogue), then measures each public page with wrk and the request form
with a threaded client, and writes the table into docs/performance.md (between the bench
markers).

Every request says `X-Forwarded-Proto: https`, as the TLS proxy in front of production does:
the site then runs exactly as deployed (HTTPS redirect, HSTS, secure cookies all on) instead
of a benchmark-only configuration with the redirect turned off.

Options: --duration SECONDS per page (default 10), --form-seconds (30), --connections (16),
--cache-url URL (the CACHE_URL the site runs with; default: a Redis started here if
redis-server is installed, else the settings' default), --no-write (print only).
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import PROJECT, free_port, serve, wait_for_port

DOC = PROJECT / "docs" / "performance.md"
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"

EXERCISES, EDUCATION_PAGES, APPOINTMENT_REQUESTS = 200, 50, 10_000
ROUTINE = "/exercises/routine/?" + "&".join(
    f"e={slug}"
    for slug in ["clamshell", "hip-bridge", "chair-squat", "standing-hip-abduction", "daily-walk"]
)
PAGES = [
    ("/", "/"),
    ("/exercises/", "/exercises/"),
    ("/exercises/?kind=…&position=…", "/exercises/?kind=strengthen&position=lying_side"),
    ("an exercise page", "/exercises/clamshell/"),
    ("/hip-pain/", "/hip-pain/"),
    ("an education page", "/hip-pain/why-hip-pain-starts/"),
    ("a guide with a table and sources", "/hip-pain/how-much-pain-is-ok/"),
    ("the routine page (5 exercises)", ROUTINE),
    ("the guided routine (5 exercises)", ROUTINE.replace("/routine/?", "/routine/play/?")),
    ("/my-practice/", "/my-practice/"),
    ("/offline/", "/offline/"),
    # The Spanish pages are the same views in another language: one of each kind of content.
    ("/es/", "/es/"),
    ("a Spanish exercise page", "/es/exercises/clamshell/"),
    ("a Spanish guide with a table", "/es/hip-pain/how-much-pain-is-ok/"),
    ("the Spanish guided routine", "/es" + ROUTINE.replace("/routine/?", "/routine/play/?")),
    ("/healthz", "/healthz"),
]
FORM_URL = "/appointments/request/"
HTTPS = {"X-Forwarded-Proto": "https"}


def count_requests(env: dict[str, str]) -> int:
    code = "from appointments.models import AppointmentRequest as A; print(A.objects.count())"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


QUEUED = (
    "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
)


def drain_queue(env: dict[str, str], limit_seconds: int = 300) -> tuple[int, float, int]:
    """The e-mails still queued when the form's clients stop, the seconds the worker then took
    to send them (stopping at `limit_seconds`), and how many it had not sent by then."""
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        queued = left = connection.execute(QUEUED).fetchone()[0]
        started = time.monotonic()
        while left and time.monotonic() - started < limit_seconds:
            time.sleep(0.2)
            left = connection.execute(QUEUED).fetchone()[0]
        return queued, time.monotonic() - started, left


# --- wrk --------------------------------------------------------------------------------------


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True)
        return shutil.which("wrk") or sys.exit("wrk did not install")
    sys.exit("wrk is missing: install it with `sudo apt-get install wrk` (Debian, Ubuntu).")


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def run_wrk(wrk: str, url: str, seconds: int, connections: int) -> dict:
    header = [arg for name, value in HTTPS.items() for arg in ("-H", f"{name}: {value}")]
    output = subprocess.run(
        [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *header, url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(latency) != {"50", "99"}:
        raise RuntimeError(f"wrk measured nothing at {url}:\n{output}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)$", output, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def hashed_static_path(static_root: str) -> str:
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


# --- The request form ----------------------------------------------------------------------

# One person's answers (scripts/profile_submission.py sends the same).
FORM_ANSWERS = {
    "first_name": "Bench",
    "last_name": "Client",
    "phone": "(212) 555-0142",
    "email": "",
    "contact_method": "call",
    "prefers_weekday_mornings": "on",
    "pain_area": "hip",
    "pain_duration": "weeks",
    "website": "",
    "consented": "on",
}


def form_fields(html: str) -> dict[str, str]:
    fields = {}
    for name in ("csrfmiddlewaretoken", "form_token"):
        match = re.search(rf'name="{name}" value="([^"]+)"', html) or re.search(
            rf'value="([^"]+)" name="{name}"', html
        )
        if not match:
            raise RuntimeError(f"the form has no {name}")
        fields[name] = match.group(1)
    return fields


class FormClient(threading.Thread):
    """One person after another: GET the form, fill it in, POST it, count the confirmation."""

    def __init__(self, port: int, until: float):
        super().__init__(daemon=True)
        self.port, self.until = port, until
        self.sent = self.failed = 0
        self.failures: dict[str, int] = {}

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        origin = f"https://127.0.0.1:{self.port}"
        while time.monotonic() < self.until:
            try:
                connection.request(
                    "GET", FORM_URL, headers={**HTTPS, "Host": f"127.0.0.1:{self.port}"}
                )
                response = connection.getresponse()
                html = response.read().decode()
                cookie = response.headers.get("Set-Cookie", "")
                csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
                body = urllib.parse.urlencode(
                    {
                        **form_fields(html),
                        **FORM_ANSWERS,
                    }
                )
                connection.request(
                    "POST",
                    FORM_URL,
                    body=body,
                    headers={
                        **HTTPS,
                        "Host": f"127.0.0.1:{self.port}",
                        "Origin": origin,
                        "Referer": origin + FORM_URL,
                        "Cookie": f"csrftoken={csrf_cookie}",
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                )
                response = connection.getresponse()
                response.read()
                if response.status == 302 and response.headers["Location"].endswith("/received/"):
                    self.sent += 1
                else:
                    self.fail(f"status {response.status}")
            except Exception as error:  # counted and reported, the run goes on
                self.fail(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.close()

    def fail(self, why: str) -> None:
        self.failed += 1
        self.failures[why] = self.failures.get(why, 0) + 1


# What a process's command line holds → what the report calls it.
PROCESS_KINDS = {
    "gunicorn": "gunicorn",
    "db_worker": "the worker",
    "postgres": "PostgreSQL",
    "redis-server": "Redis",
}


def cpu_seconds_by_kind() -> dict[str, float]:
    """CPU time (user + system) so far of the site's processes, by kind, and of this client."""
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    seconds: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(entry.name) == os.getpid():
            kind = "this client"
        else:
            kind = next((name for key, name in PROCESS_KINDS.items() if key in command), None)
        if kind:
            seconds[kind] = (
                seconds.get(kind, 0) + (int(fields[11]) + int(fields[12])) / ticks_per_second
            )
    return seconds


def run_form(port: int, env: dict[str, str], seconds: int, clients: int) -> dict:
    warm_up = [FormClient(port, time.monotonic() + 3) for _ in range(clients)]  # not counted
    for thread in warm_up:
        thread.start()
    for thread in warm_up:
        thread.join()
    before = count_requests(env)
    cpu_before = cpu_seconds_by_kind()
    until = time.monotonic() + seconds
    started = time.monotonic()
    threads = [FormClient(port, until) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    cpu_after = cpu_seconds_by_kind()
    queued, drained_in, unsent = drain_queue(env)
    written = count_requests(env) - before
    sent = sum(thread.sent for thread in threads)
    failures: dict[str, int] = {}
    for thread in threads:
        for why, count in thread.failures.items():
            failures[why] = failures.get(why, 0) + count
    return {
        "per_second": sent / elapsed,
        "sent": sent,
        "written": written,
        "failed": sum(thread.failed for thread in threads),
        "failures": failures,
        "seconds": elapsed,
        "queued": queued,
        "drained_in": drained_in,
        "unsent": unsent,
        "cpu_ms": {
            kind: 1000 * (cpu_after[kind] - cpu_before.get(kind, 0)) / max(sent, 1)
            for kind in cpu_after
        },
    }


# --- Redis for the shared cache --------------------------------------------------------------


def start_redis() -> tuple[subprocess.Popen, str] | None:
    server = shutil.which("redis-server")
    if not server:
        return None
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(port)
    return process, f"redis://127.0.0.1:{port}/0"


# --- The report ------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return f"{os.cpu_count()} cores (`nproc`), {memory_kb / 1024 / 1024:.1f} GiB memory, {cpu}"


def report(
    results, static, form, args: argparse.Namespace, argv, cache_url, workers, threads, max_requests
) -> str:
    recycling = (
        f"workers recycled every ~{int(max_requests):,} requests"
        if int(max_requests)
        else "worker recycling off (GUNICORN_MAX_REQUESTS=0)"
    )
    lines = [
        f"Measured {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}; "
        f"Python {platform.python_version()}.",
        "",
        "Command: `"
        + " ".join(["make bench", *([f"BENCH_ARGS='{' '.join(argv)}'"] if argv else [])])
        + "`",
        "",
        f"gunicorn: {workers} workers × {threads} threads (gthread), {recycling}; "
        f"cache: `{cache_url}`; "
        f"catalogue: demo content + {EXERCISES} exercises, {EDUCATION_PAGES} "
        f"education pages (with related exercises), {APPOINTMENT_REQUESTS:,} appointment "
        f"requests; wrk -t2 -c{args.connections} for {args.duration} s a page, "
        "X-Forwarded-Proto: https.",
        "",
        "| page | requests/s | p50 (ms) | p99 (ms) | ratio to static | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result in [("hashed static file", static), *results]:
        lines.append(
            f"| {name} | {result['rps']:,.0f} | {result['p50']:.1f} | {result['p99']:.1f} | "
            f"{result['rps'] / static['rps']:.0%} | {result['errors']} |"
        )
    lines += [
        "",
        f"Request form: **{form['per_second']:.0f} valid submissions/s** over "
        f"{form['seconds']:.0f} s from {FORM_CLIENTS} client threads in a second process; "
        f"{form['sent']:,} confirmed, {form['written']:,} rows written, "
        f"{form['failed']} failed {form['failures'] or ''}".rstrip()
        + (" — nothing lost." if form["sent"] == form["written"] else " — **MISMATCH**."),
        "",
        f"E-mails still queued when the clients stopped: {form['queued']:,}; "
        + (
            f"the worker had sent them all {form['drained_in']:.0f} s later."
            if not form["unsent"]
            else f"{form['unsent']:,} still unsent {form['drained_in']:.0f} s later."
        ),
        "",
        "CPU a confirmed submission (user + system, `/proc/<pid>/stat`): "
        + ", ".join(f"{kind} {ms:.2f} ms" for kind, ms in sorted(form["cpu_ms"].items()))
        + f"; {sum(form['cpu_ms'].values()):.2f} ms in all, of the "
        f"{1000 * (os.cpu_count() or 1) / max(form['per_second'], 1):.2f} ms the machine's "
        f"{os.cpu_count()} cores had for each.",
    ]
    return "\n".join(lines)


def write_doc(table: str) -> None:
    text = DOC.read_text() if DOC.exists() else f"{START_MARK}\n{END_MARK}\n"
    start, end = text.index(START_MARK) + len(START_MARK), text.index(END_MARK)
    DOC.write_text(text[:start] + "\n" + table + "\n" + text[end:])


FORM_CLIENTS = 8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--form-seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--cache-url", default=None)
    parser.add_argument("--only", default="", help="comma-separated page names (quick checks)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--recycle",
        action="store_true",
        help="keep gunicorn's worker recycling on (at benchmark rates it fires often enough to "
        "measure worker restarts rather than pages)",
    )
    args = parser.parse_args()

    wrk = ensure_wrk()
    redis = None
    cache_url = args.cache_url
    if cache_url is None:
        redis = start_redis()
        cache_url = redis[1] if redis else os.environ.get("CACHE_URL", "locmem://")
    overrides = {
        "CACHE_URL": cache_url,
        "ARMORPT_REQUESTS_PER_HOUR": "1000000",
        "ARMORPT_FORM_MIN_SECONDS": "0",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "ARMORPT_STAFF_NOTIFICATION_EMAILS": "frontdesk@clinic.test",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    threads = os.environ.get("GUNICORN_THREADS", "4")
    max_requests = os.environ.get("GUNICORN_MAX_REQUESTS") or ("50000" if args.recycle else "0")
    overrides["GUNICORN_MAX_REQUESTS"] = max_requests

    def prepare(env: dict[str, str]) -> None:
        print("Creating the scaled catalogue …", flush=True)
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "seed_scaled_catalogue",
                f"--exercises={EXERCISES}",
                f"--guides={EDUCATION_PAGES}",
                f"--requests={APPOINTMENT_REQUESTS}",
            ],
            cwd=PROJECT,
            env=env,
            check=True,
        )
        print(f"  done in {time.monotonic() - started:.1f} s", flush=True)

    try:
        with serve(
            prepare=prepare, WEB_CONCURRENCY=workers, GUNICORN_THREADS=threads, **overrides
        ) as (port, env):
            base = f"http://127.0.0.1:{port}"
            pages = [page for page in PAGES if not args.only or page[0] in args.only.split(",")]
            for _, path in pages:  # warm up each worker once
                run_wrk(wrk, base + path, 1, args.connections)
            static_path = hashed_static_path(env["DJANGO_STATIC_ROOT"])
            static = run_wrk(wrk, base + static_path, args.duration, args.connections)
            print(f"static {static_path}: {static['rps']:.0f}/s", flush=True)
            results = []
            for name, path in pages:
                result = run_wrk(wrk, base + path, args.duration, args.connections)
                print(f"{name}: {result['rps']:.0f}/s p99 {result['p99']:.1f} ms", flush=True)
                results.append((name, result))
            form = run_form(port, env, args.form_seconds, FORM_CLIENTS)
            print(f"form: {form}", flush=True)
    finally:
        if redis:
            redis[0].terminate()
            redis[0].wait(timeout=10)
    shown_cache = re.sub(r"//127\.0\.0\.1:\d+", "//127.0.0.1:PORT", cache_url)
    table = report(
        results, static, form, args, sys.argv[1:], shown_cache, workers, threads, max_requests
    )
    print("\n" + table)
    if not args.no_write:
        write_doc(table)
        print(f"\nWritten to {DOC.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
