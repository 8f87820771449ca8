"""The settings rules: production values pass `check --deploy`; an unsafe start is refused."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SECRET_KEY": "Zq1Ljk3m_9x2T7vRcPa0w8YbN5eQhUo4sKdFgI6iHtEr-MnBvCxJyWzA1lS3oD",
    "DJANGO_ALLOWED_HOSTS": "www.armorpt.example",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://www.armorpt.example",
    "DATABASE_URL": "sqlite:///:memory:",
    "CACHE_URL": "redis://cache:6379/0",
    "ARMORPT_TRUSTED_PROXY_COUNT": "1",
    "ARMORPT_TRUSTED_PROXIES": "172.16.0.0/12,127.0.0.1",
}


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "ARMORPT_", "DATABASE_"))
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "armorpt.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_a_warning():
    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_deploy_check_asks_for_a_cache_shared_by_all_workers():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **{**PRODUCTION, "CACHE_URL": "locmem://"},
    )

    assert result.returncode != 0
    assert "armorpt.W001" in result.stdout + result.stderr


@pytest.mark.parametrize("value", ["10.0.0.0/8,proxy.internal", "10.0.0.1/8"])
def test_trusted_proxies_that_are_not_networks_refuse_to_start(value):
    result = run_django(["manage.py", "check"], **{**PRODUCTION, "ARMORPT_TRUSTED_PROXIES": value})

    assert result.returncode != 0
    assert "ARMORPT_TRUSTED_PROXIES must be comma-separated addresses or networks" in result.stderr
    assert repr(value.split(",")[-1]) in result.stderr


def test_the_deploy_check_warns_without_the_proxy_settings():
    env = {**PRODUCTION}
    del env["ARMORPT_TRUSTED_PROXY_COUNT"], env["ARMORPT_TRUSTED_PROXIES"]

    result = run_django(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **env)

    assert result.returncode != 0
    assert "armorpt.W003" in result.stdout + result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "short", "django-insecure-" + "x" * 60, "a" * 64],
    ids=["unset", "empty", "short", "insecure-prefix", "repetitive"],
)
def test_debug_off_without_a_real_secret_key_refuses_to_start(secret_key):
    env = {**PRODUCTION, "DJANGO_DEBUG": "0"}
    env.pop("DJANGO_SECRET_KEY")
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key

    result = run_django(["manage.py", "check"], **env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set to a long random value" in result.stderr


def test_debug_is_off_unless_set():
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG)",
        ],
        **PRODUCTION,
    )

    assert result.stdout.strip() == "False", result.stderr


def test_local_debug_runs_without_a_secret_key():
    result = run_django(["manage.py", "check"], DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr


def test_admin_path_is_configurable():
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))",
        ],
        **PRODUCTION,
        DJANGO_ADMIN_PATH="/staff-only/",
    )

    assert result.stdout.strip() == "/staff-only/", result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "True"),
        ({"DJANGO_DEBUG": "1"}, "False"),
        ({"ARMORPT_REQUIRE_TWO_FACTOR": "0"}, "False"),
    ],
    ids=["production", "local-quick-start", "turned-off"],
)
def test_two_step_sign_in_is_enforced_unless_debug(env, expected):
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.REQUIRE_TWO_FACTOR)",
        ],
        **PRODUCTION,
        **env,
    )

    assert result.stdout.strip() == expected, result.stderr


def test_a_redis_cache_url_gets_django_redis_ignoring_a_cache_down_and_reusing_its_client():
    from django_redis.cache import RedisCache

    from armorpt.settings import cache_from_url

    config = cache_from_url("redis://cache:6379/0")
    cache = RedisCache(config["LOCATION"], config)

    assert config["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache._ignore_exceptions is True
    # No connection is made until a command runs: one client serves every call.
    assert cache.client.get_client() is cache.client.get_client(write=True)


def test_each_release_keeps_its_own_cache_entries():
    print_prefix = [
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CACHES['default']['KEY_PREFIX'])",
    ]

    hashed = run_django(print_prefix, DJANGO_DEBUG="1")
    named = run_django(print_prefix, DJANGO_DEBUG="1", ARMORPT_RELEASE="4f2a9c1")

    assert re.fullmatch(r"[0-9a-f]{12}", hashed.stdout.strip()), hashed.stderr
    assert named.stdout.strip() == "4f2a9c1"


@pytest.mark.parametrize(
    ("site_url", "rp_id", "origins"),
    [
        ("http://127.0.0.1:8000", "localhost", ["http://localhost:8000"]),
        ("http://localhost:8000", "localhost", ["http://localhost:8000"]),
        ("https://www.armorpt.example", "www.armorpt.example", ["https://www.armorpt.example"]),
    ],
    ids=["local-address", "localhost", "production"],
)
def test_passkeys_belong_to_the_sites_own_host(site_url, rp_id, origins):
    from armorpt.settings import passkey_relying_party

    assert passkey_relying_party(site_url) == (rp_id, origins)


def test_passkey_settings_come_from_the_environment():
    result = run_django(
        [
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_RP_NAME, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)",
        ],
        **PRODUCTION,
        ARMORPT_PASSKEY_RP_ID="armorpt.example",
        ARMORPT_PASSKEY_RP_NAME="Armor PT",
        ARMORPT_PASSKEY_ORIGINS="https://www.armorpt.example,https://staff.armorpt.example",
    )

    assert result.stdout.strip() == (
        "armorpt.example Armor PT ['https://www.armorpt.example', 'https://staff.armorpt.example']"
    ), result.stderr
