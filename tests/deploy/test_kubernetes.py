"""deploy/kubernetes/: every manifest valid against the Kubernetes schemas, and the shape the
site needs (docs/deployment.md). kubernetes-validate ships the schemas: no network."""

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

KUBERNETES_VERSION = "1.33"
MANIFESTS = sorted((Path(__file__).resolve().parents[2] / "deploy/kubernetes").glob("*.yaml"))
RESOURCES = [
    (path.name, resource)
    for path in MANIFESTS
    for resource in yaml.safe_load_all(path.read_text())
    if resource
]


def resource(kind: str, name: str) -> dict:
    return next(r for _, r in RESOURCES if r["kind"] == kind and r["metadata"]["name"] == name)


def pod_spec(workload: dict) -> dict:
    if workload["kind"] == "CronJob":
        return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return workload["spec"]["template"]["spec"]


@pytest.mark.parametrize(
    ("manifest", "manifest_resource"),
    RESOURCES,
    ids=[f"{name}:{r['kind']}/{r['metadata']['name']}" for name, r in RESOURCES],
)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(manifest, manifest_resource):
    kubernetes_validate.validate(manifest_resource, KUBERNETES_VERSION, strict=True)


def test_a_resource_that_is_not_valid_is_refused():
    web = resource("Deployment", "armorpt-web")
    broken = {**web, "spec": {**web["spec"], "replicas": "three"}}

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_the_web_deployment_runs_several_pods_ready_on_healthz():
    web = resource("Deployment", "armorpt-web")
    container = pod_spec(web)["containers"][0]

    assert web["spec"]["replicas"] >= 2
    assert container["readinessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz?live"


def test_the_worker_and_the_nightly_jobs_run_their_commands():
    worker = pod_spec(resource("Deployment", "armorpt-worker"))["containers"][0]
    purge = resource("CronJob", "armorpt-purge")
    resend = resource("CronJob", "armorpt-resend")
    alerts = resource("CronJob", "armorpt-alerts")
    migrate = resource("Job", "armorpt-migrate")

    assert worker["command"][-1] == "db_worker"
    assert pod_spec(purge)["containers"][0]["command"][-1] == "purge_appointment_requests"
    assert purge["spec"]["schedule"] == "15 3 * * *"
    assert pod_spec(resend)["containers"][0]["command"][-1] == "resend_appointment_notifications"
    assert pod_spec(alerts)["containers"][0]["command"][-1] == "send_overdue_alerts"
    assert alerts["spec"]["schedule"] == "*/5 * * * *"
    assert pod_spec(migrate)["containers"][0]["command"][-2:] == ["migrate", "--noinput"]


def test_every_pod_reads_the_secret_and_runs_as_the_images_user_on_a_read_only_disk():
    workloads = [r for _, r in RESOURCES if r["kind"] in ("Deployment", "Job", "CronJob")]
    assert len(workloads) == 6
    for workload in workloads:
        spec = pod_spec(workload)
        assert spec["securityContext"] == {
            **spec["securityContext"],
            "runAsNonRoot": True,
            "runAsUser": 10001,
        }
        for container in spec["containers"]:
            assert {"secretRef": {"name": "armorpt"}} in container["envFrom"]
            assert container["securityContext"]["readOnlyRootFilesystem"] is True
            assert container["resources"]["requests"]


def test_the_ingress_ends_tls_in_front_of_the_web_service():
    ingress = resource("Ingress", "armorpt")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]

    assert ingress["spec"]["tls"][0]["secretName"]
    assert backend["name"] == resource("Service", "armorpt-web")["metadata"]["name"]
