"""/healthz: the load balancer's and the container's probe, answered before everything else."""

from time import monotonic

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils.cache import add_never_cache_headers

PATH = "/healthz"
# A flood of probes (or of anyone else) asks the database at most this often per worker.
DATABASE_CHECK_SECONDS = 1.0


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


class HealthCheckMiddleware:
    """Answers /healthz ahead of the rest of the stack.

    A probe needs no session, CSRF check, security headers or page cache; it comes over plain
    HTTP and with whatever Host the prober uses (a container's own address), so it skips the
    HTTPS redirect and ALLOWED_HOSTS too. 200 when the database answered within the last
    second, 503 when it did not. `/healthz?live` asks only whether this process answers: a
    liveness probe that restarted every instance while the database is down would help nobody.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.checked_at = float("-inf")
        self.healthy = False

    def __call__(self, request: HttpRequest):
        if request.path_info != PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if "live" in request.GET:
            response = JsonResponse({"status": "alive"})
            add_never_cache_headers(response)
            return response
        now = monotonic()
        if now - self.checked_at >= DATABASE_CHECK_SECONDS:
            self.healthy, self.checked_at = database_answers(), now
        response = (
            JsonResponse({"status": "ok"})
            if self.healthy
            else JsonResponse({"status": "unavailable"}, status=503)
        )
        add_never_cache_headers(response)
        return response
