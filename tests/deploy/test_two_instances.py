"""Two instances of the production configuration on one PostgreSQL and one Redis, as two
machines behind one load balancer run: what a person does through one, the other knows.

Each instance is gunicorn as gunicorn.conf.py runs it (scripts/harness.py), on its own port, with
the same secret key; every request says it came through the balancer for https://localhost, and
the balancer's X-Forwarded-For gives each visitor an address of their own.
"""

import contextlib
import email
import http.cookies
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
from django_otp.oath import TOTP

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT / "scripts"))

import harness  # noqa: E402

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="production runs on PostgreSQL: this runs in the PostgreSQL pass (scripts/test)",
)

ADMIN = "/admin/"
PASSWORD = "correct-horse-battery-staple"
TOTP_KEY = "3132333435363738393031323334353637383930"
SITE = "https://localhost"

STAFF = f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
User = get_user_model()
director = User.objects.create_superuser("director", "director@clinic.test", "{PASSWORD}")
TOTPDevice.objects.create(user=director, name="Authenticator app", key="{TOTP_KEY}")
User.objects.create_user("frontdesk", "frontdesk@clinic.test", "{PASSWORD}", is_staff=True)
"""


# --- The two instances ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_url():
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    port = harness.free_port()
    server = subprocess.Popen(
        [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    try:
        harness.wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def database_url():
    """A database of its own on the throwaway server, apart from the test database."""
    server_url = os.environ["DATABASE_URL"]
    name = f"armorpt_two_instances_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    """Where the instances and their workers write each e-mail they send."""
    return tmp_path_factory.mktemp("outbox")


@pytest.fixture(scope="module")
def site(database_url, redis_url, outbox):
    """The production environment both instances run with, and their base URLs."""

    def add_staff(env):
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", STAFF],
            cwd=PROJECT,
            env=env,
            check=True,
            capture_output=True,
        )

    with (
        harness.prepared_site(
            add_staff,
            DATABASE_URL=database_url,
            CACHE_URL=redis_url,
            ARMORPT_FORM_MIN_SECONDS="0",
            ARMORPT_REQUIRE_TWO_FACTOR="1",
            ARMORPT_TRUSTED_PROXIES="127.0.0.1",
            ARMORPT_TRUSTED_PROXY_COUNT="1",
            ARMORPT_TASKS_BACKEND="database",
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            DJANGO_EMAIL_FILE_PATH=str(outbox),
        ) as env,
        harness.gunicorn(env) as (first, _),
        harness.gunicorn(env) as (second, _),
    ):
        yield env, (f"http://127.0.0.1:{first}", f"http://127.0.0.1:{second}")


@pytest.fixture(scope="module")
def instances(site):
    return site[1]


# --- A browser that sends its cookies to whichever instance the balancer picks --------------


@dataclass
class Answer:
    status: int
    location: str
    text: str


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, address: str = "203.0.113.10"):
        self.address = address
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def get(self, instance: str, path: str) -> Answer:
        return self.send(urllib.request.Request(instance + path))  # noqa: S310 http:// only

    def post(self, instance: str, path: str, fields: dict[str, str]) -> Answer:
        body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(instance + path, data=body, method="POST")  # noqa: S310
        request.add_header("Origin", SITE)
        request.add_header("Referer", SITE + path)
        return self.send(request)

    def send(self, request: urllib.request.Request) -> Answer:
        request.add_header("Host", "localhost")
        request.add_header("X-Forwarded-Proto", "https")
        request.add_header("X-Forwarded-For", self.address)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            with self.opener.open(request, timeout=20) as response:
                return self.answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return self.answer(error.code, error.headers, error.read())

    def answer(self, status, headers, body: bytes) -> Answer:
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        location = (headers.get("Location") or "").removeprefix(SITE)
        return Answer(status, location, body.decode())

    def sign_in(self, instance: str, username: str, password: str = PASSWORD) -> Answer:
        page = self.get(instance, f"{ADMIN}login/")
        fields = form_fields(page.text, "staff-form")
        return self.post(
            instance,
            f"{ADMIN}login/",
            {**fields, "username": username, "password": password, "next": ADMIN},
        )


class FormFields(HTMLParser):
    """What a browser would send for the form of a page with this id or class: its fields as
    the page fills them."""

    def __init__(self, form: str):
        super().__init__(convert_charrefs=True)
        self.form, self.in_form, self.fields = form, False, {}
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.in_form = (
                self.form == attrs.get("id") or self.form in attrs.get("class", "").split()
            )
        if not self.in_form or ("name" not in attrs and tag != "option"):
            return
        if tag == "input" and attrs.get("type") not in ("submit", "button", "file", "reset"):
            if attrs.get("type") not in ("checkbox", "radio"):
                self.fields[attrs["name"]] = attrs.get("value", "")
            elif "checked" in attrs:
                self.fields[attrs["name"]] = attrs.get("value", "on")
        elif tag == "select":
            self.select = attrs["name"]
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.in_form and self.textarea:
            self.fields[self.textarea] += data.removeprefix("\n")


def form_fields(html: str, form: str) -> dict[str, str]:
    parser = FormFields(form)
    parser.feed(html)
    assert parser.fields, f"no form {form!r} on the page"
    return parser.fields


@pytest.fixture(scope="module")
def director(instances) -> Browser:
    """The superuser, signed in through the first instance with the password and the app's
    code (once: an app's code is good for one sign-in)."""
    instance = instances[0]
    browser = Browser()
    signed_in = browser.sign_in(instance, "director")
    assert signed_in.status == 302, signed_in.text
    index = browser.get(instance, signed_in.location)
    assert index.location.startswith(f"{ADMIN}two-factor/"), index.location
    verify = browser.get(instance, index.location)
    code = f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}"
    fields = form_fields(verify.text, "staff-form")
    verified = browser.post(instance, index.location, {**fields, "code": code})
    assert verified.status == 302, verified.text
    return browser


# --- What one instance does, the other knows ------------------------------------------------


def test_a_staff_session_made_on_one_instance_works_on_the_other(instances, director):
    index = director.get(instances[1], ADMIN)

    assert index.status == 200
    assert "Requests and content" in index.text


def test_an_admin_edit_through_one_instance_is_on_the_others_next_page(instances, director):
    first, second = instances
    visitor = Browser()
    assert "(212) 555-0142" in visitor.get(second, "/").text  # now kept in Redis
    locations = director.get(first, f"{ADMIN}appointments/location/")
    change_path = re.search(r'href="(/admin/appointments/location/\d+/change/)', locations.text)[1]
    fields = form_fields(director.get(first, change_path).text, "location_form")

    saved = director.post(first, change_path, {**fields, "phone": "(212) 555-0199"})

    assert saved.status == 302, saved.text
    page = visitor.get(second, "/").text
    assert "(212) 555-0199" in page
    assert "(212) 555-0142" not in page


FORM = "/appointments/request/"
ANSWERS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "phone": "(212) 555-0100",
    "email": "ada@example.test",
    "contact_method": "call",
    "prefers_weekday_mornings": "on",
    "pain_area": "hip",
    "pain_duration": "weeks",
    "consented": "on",
}


def filled_in_form(visitor: Browser, instance: str) -> dict[str, str]:
    return {**form_fields(visitor.get(instance, FORM).text, "request-form"), **ANSWERS}


def send_request(visitor: Browser, opened_on: str, sent_to: str | None = None) -> Answer:
    return visitor.post(sent_to or opened_on, FORM, filled_in_form(visitor, opened_on))


def test_the_hourly_request_limit_counts_across_both(instances):
    visitor = Browser("203.0.113.20")

    answers = [
        send_request(visitor, instances[turn % 2], instances[(turn + 1) % 2]).status
        for turn in range(7)
    ]

    assert answers == [302] * 5 + [429, 429]


def test_a_form_token_is_its_visitor_s_on_either_instance(instances, database_url):
    first, second = instances
    visitor, other = Browser("203.0.113.50"), Browser("203.0.113.51")
    form = {**filled_in_form(visitor, first), "first_name": "Twice"}

    sent = visitor.post(second, FORM, form)
    again = visitor.post(first, FORM, form)  # a double click the balancer sent elsewhere
    confirmation = visitor.get(second, sent.location).text
    own_csrf = filled_in_form(other, second)["csrfmiddlewaretoken"]
    someone_else = other.post(first, FORM, {**form, "csrfmiddlewaretoken": own_csrf})

    assert sent.status == again.status == 302
    reference = re.search(r"APT-[0-9A-Z]{4}-[0-9A-Z]{4}", confirmation).group()
    assert someone_else.status == 200
    assert "This form was opened in another browser" in someone_else.text
    assert reference not in someone_else.text
    assert other.get(first, sent.location).location == FORM
    with psycopg.connect(database_url) as connection:
        twice = connection.execute(
            "SELECT count(*) FROM appointments_appointmentrequest WHERE first_name = 'Twice'"
        )
        assert twice.fetchone()[0] == 1


def test_the_staff_lock_out_counts_across_both(instances):
    visitor = Browser("203.0.113.30")
    for turn in range(5):
        visitor.sign_in(instances[turn % 2], "frontdesk", "wrong-password-1")

    for instance in instances:
        refused = Browser("203.0.113.30").sign_in(instance, "frontdesk")
        assert refused.status == 429
        assert "Signing in is paused" in refused.text


def test_with_a_worker_beside_each_instance_every_email_goes_once(site, outbox, database_url):
    env, instances = site
    with contextlib.ExitStack() as workers:
        for _ in instances:
            workers.enter_context(harness.worker(env))
        for turn in range(6):
            visitor = Browser(f"203.0.113.{40 + turn}")
            assert send_request(visitor, instances[turn % 2]).status == 302
        with psycopg.connect(database_url) as connection:
            saved = connection.execute("SELECT count(*) FROM appointments_appointmentrequest")
            # The staff notice and the patient's confirmation of every request saved so far.
            expected = 2 * saved.fetchone()[0]
        deadline = time.monotonic() + 60
        while len(sent_emails(outbox)) < expected and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(3)  # long enough for a second worker to send a copy, if it could

    emails = sent_emails(outbox)
    assert len(emails) == expected
    assert len(set(emails)) == expected


def sent_emails(outbox: Path) -> list[tuple[str, str, str]]:
    """Every e-mail the file-based backend wrote, as its recipients, subject and body."""
    emails = []
    for path in outbox.iterdir():
        for text in path.read_text().split("-" * 79):
            if text.strip():
                message = email.message_from_string(text.strip())
                emails.append((message["To"], message["Subject"], str(message.get_payload())))
    return emails
