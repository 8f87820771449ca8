"""The client's address: X-Forwarded-For is believed only from the configured proxies."""

from ipaddress import ip_network

import pytest
from django.core.checks import run_checks
from django.test import RequestFactory

from armorpt.client_ip import client_ip

PROXY = "10.0.0.2"  # the proxy in front, in the trusted network below
CLIENT = "203.0.113.7"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]


def address_of(remote_addr: str, forwarded_for: str | None = None) -> str:
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote_addr, **headers))


def test_a_forged_header_from_a_direct_connection_is_ignored(behind_one_proxy):
    assert address_of("198.51.100.4", forwarded_for="192.0.2.1") == "198.51.100.4"


def test_the_header_from_a_trusted_proxy_gives_the_client(behind_one_proxy):
    assert address_of(PROXY, forwarded_for=CLIENT) == CLIENT


def test_what_the_client_wrote_before_the_proxy_appended_is_ignored(behind_one_proxy):
    assert address_of(PROXY, forwarded_for=f"192.0.2.1, {CLIENT}") == CLIENT


@pytest.mark.parametrize(
    ("forwarded_for", "expected"),
    [
        (f"192.0.2.1, {CLIENT}, 10.0.0.3", CLIENT),  # the second proxy's entry is skipped
        (f"{CLIENT}, 198.51.100.4", "198.51.100.4"),  # an outside address stops the walk
        (CLIENT, CLIENT),  # the client reached the inner proxy directly
        ("192.0.2.1, 10.0.0.4, 10.0.0.3", "10.0.0.4"),  # never past the proxies' entries
        (f"{CLIENT}, not-an-address", PROXY),  # no proxy writes that: trust its sender
        ("", PROXY),
    ],
)
def test_behind_two_proxies_the_header_is_read_from_the_right(settings, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = 2
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]

    assert address_of(PROXY, forwarded_for=forwarded_for) == expected


@pytest.mark.parametrize(
    ("count", "networks"),
    [(0, []), (1, []), (0, [ip_network("10.0.0.0/8")])],
    ids=["neither", "count-only", "networks-only"],
)
def test_without_both_proxy_settings_the_header_is_ignored(settings, count, networks):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = networks

    assert address_of(PROXY, forwarded_for=CLIENT) == PROXY
    assert address_of(PROXY) == PROXY


def deploy_warnings() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


@pytest.mark.parametrize(
    ("count", "networks", "warning"),
    [
        (1, [], "armorpt.W002"),
        (0, [ip_network("10.0.0.0/8")], "armorpt.W002"),
        (0, [], "armorpt.W003"),
    ],
    ids=["count-without-networks", "networks-without-count", "neither"],
)
def test_the_deploy_check_warns_while_the_proxy_is_not_fully_named(
    settings, count, networks, warning
):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = networks

    assert warning in deploy_warnings()


def test_the_deploy_check_is_quiet_with_both_proxy_settings(settings, behind_one_proxy):
    assert not {"armorpt.W002", "armorpt.W003"} & deploy_warnings()
