"""MDN HTTP Observatory, offline: the production configuration served by gunicorn over TLS on
loopback (with a self-signed certificate for localhost made here) must score A+.

Run under scripts/with-postgres; needs Node.js, npm and openssl.
"""

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from harness import npm_tool, serve, write_quality_section


def main() -> int:
    # Its install scripts download lists from the web, which is closed here: skip them.
    modules = npm_tool("@mdn/mdn-http-observatory@1", "--ignore-scripts")
    (modules / "@mdn/mdn-http-observatory/conf/hsts-preload.json").write_text("{}")
    with tempfile.TemporaryDirectory() as work:
        cert, key = Path(work, "cert.pem"), Path(work, "key.pem")
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost",
                "-keyout",
                key,
                "-out",
                cert,
            ],
            check=True,
            capture_output=True,
        )
        with serve(
            "--certfile", str(cert), "--keyfile", str(key), DJANGO_ALLOWED_HOSTS="localhost"
        ) as (port, _):
            scan = subprocess.run(
                ["node", modules / "@mdn/mdn-http-observatory/src/scan.js", f"localhost:{port}"],
                env={**os.environ, "NODE_EXTRA_CA_CERTS": str(cert)},
                capture_output=True,
                text=True,
                check=False,
            )
    report = json.loads(scan.stdout)
    grade = report["scan"]["grade"]
    failed = [name for name, test in report["tests"].items() if not test["pass"]]
    score = report["scan"]["score"]
    print(f"observatory: grade {grade}, score {score}, failed tests: {failed or 'none'}")
    write_quality_section(
        "observatory",
        f"""## HTTP Observatory

MDN HTTP Observatory (offline) against the production configuration served by gunicorn over
TLS on loopback, on {date.today():%Y-%m-%d}. Command: `scripts/with-postgres .venv/bin/python
scripts/observatory.py` (part of `make test`, which fails below A+).

**Grade {grade}**, score {score}. Failed tests: {", ".join(failed) or "none"}.
""",
    )
    return 0 if grade == "A+" else 1


if __name__ == "__main__":
    sys.exit(main())
