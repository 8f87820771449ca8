"""Production smoke test: the site started as the Dockerfile starts it, asked over HTTP."""

import re
import subprocess
import sys
import urllib.error
import urllib.request

from harness import PROJECT, serve

checks: list[tuple[str, bool, str]] = []


def check(name: str, ok: bool, detail: str = "") -> None:
    checks.append((name, ok, detail))
    print(f"{'ok  ' if ok else 'FAIL'} {name}{' — ' + detail if detail and not ok else ''}")


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> int:
    with serve() as (port, env):
        run_checks(f"http://127.0.0.1:{port}")
        healthcheck = subprocess.run(
            [sys.executable, "scripts/healthcheck.py"], cwd=PROJECT, env=env, check=False
        )
        check("the container's HEALTHCHECK command passes", healthcheck.returncode == 0)
    failed = sum(1 for _, ok, _ in checks if not ok)
    print(f"smoke: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(base: str) -> None:
    https = {"X-Forwarded-Proto": "https"}

    status, headers, _ = get(base + "/")
    check("plain HTTP is redirected to HTTPS", status == 301, f"status {status}")
    check(
        "the redirect goes to https",
        (headers.get("Location") or "").startswith("https://"),
        str(headers.get("Location")),
    )

    status, headers, body = get(base + "/", **https)
    html = body.decode()
    check("/ answers 200 behind the proxy", status == 200, f"status {status}")
    check("/ carries a CSP", "default-src 'self'" in headers.get("Content-Security-Policy", ""))
    check("/ carries HSTS", "max-age=63072000" in headers.get("Strict-Transport-Security", ""))
    check("/ shows the clinic's phone", "tel:+12125550142" in html)

    status, headers, body = get(base + "/healthz")
    check(
        "/healthz answers 200 with the database up", status == 200 and b'"ok"' in body, str(status)
    )
    check("/healthz is never cached", "no-store" in headers.get("Cache-Control", ""))

    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', html)
    check("the page links a hashed stylesheet", bool(stylesheet))
    if stylesheet:
        status, headers, body = get(
            base + stylesheet.group(1), **https, **{"Accept-Encoding": "br"}
        )
        check("the hashed stylesheet answers 200", status == 200, str(status))
        check(
            "it is served compressed with brotli",
            headers.get("Content-Encoding") == "br",
            str(headers.get("Content-Encoding")),
        )
        cache_control = headers.get("Cache-Control", "")
        check(
            "it is cached for ever",
            "max-age=315360000" in cache_control and "immutable" in cache_control,
            cache_control,
        )

    status, headers, body = get(base + "/appointments/request/", **https)
    check("the request form answers 200", status == 200, str(status))
    check("the request form is never cached", "no-store" in headers.get("Cache-Control", ""))
    check(
        "the request form links its hashed script",
        bool(re.search(rb'src="/static/js/request-form\.[0-9a-f]{12}\.js"', body)),
    )

    status, _, body = get(base + "/no-such-page/", **https)
    check("an unknown page is the friendly 404", status == 404 and b"could not find" in body)


if __name__ == "__main__":
    sys.exit(main())
