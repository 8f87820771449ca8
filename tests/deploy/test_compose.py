"""compose.yaml: several web containers behind one proxy, a worker, PostgreSQL and Redis.

No Docker engine runs where the tests run, so this reads the file as compose would.
"""

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((PROJECT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]


def test_it_runs_the_site_with_its_database_cache_worker_and_proxy():
    assert {"db", "cache", "migrate", "web", "worker", "proxy"} <= SERVICES.keys()
    assert SERVICES["db"]["image"].startswith("postgres:")
    assert SERVICES["cache"]["image"].startswith("redis:")


def test_web_has_no_fixed_host_port_so_it_can_scale():
    assert "ports" not in SERVICES["web"]
    assert "container_name" not in SERVICES["web"]


def test_the_proxy_alone_is_published_and_routes_to_web():
    assert SERVICES["proxy"]["ports"] == ["127.0.0.1:8000:8000"]
    mounted = [volume.split(":")[0] for volume in SERVICES["proxy"]["volumes"]]
    config = (PROJECT / "deploy/compose/nginx.conf").read_text()

    assert "./deploy/compose/nginx.conf" in mounted
    assert re.search(r"proxy_pass \$web;", config)
    assert "set $web http://web:8000;" in config
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in config


def test_the_worker_sends_the_queued_tasks_from_the_database():
    worker = SERVICES["worker"]
    assert worker["command"] == ["python", "manage.py", "db_worker"]
    assert worker["environment"]["ARMORPT_TASKS_BACKEND"] == "database"


def test_a_loop_sends_the_overdue_alerts_every_few_minutes():
    alerts = SERVICES["alerts"]
    assert alerts["command"][:3] == ["python", "manage.py", "send_overdue_alerts"]
    assert 60 <= int(alerts["command"][alerts["command"].index("--every") + 1]) <= 600
    assert alerts["environment"] == SERVICES["worker"]["environment"]
    assert alerts["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}


def test_web_and_worker_share_the_database_the_cache_and_the_proxy_settings():
    for name in ("web", "worker", "migrate"):
        environment = SERVICES[name]["environment"]
        assert environment["DATABASE_URL"].endswith("@db:5432/armorpt")
        assert environment["CACHE_URL"] == "redis://cache:6379/0"
    web = SERVICES["web"]["environment"]
    assert web["ARMORPT_TRUSTED_PROXIES"] == "172.16.0.0/12"
    assert int(web["ARMORPT_TRUSTED_PROXY_COUNT"]) >= 1
    assert SERVICES["web"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
