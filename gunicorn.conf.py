"""gunicorn settings, read from the environment (see docs/deployment.md)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker takes no more connections than its threads can soon serve; the rest wait in the
# kernel's queue, where the first free worker takes them. Without a cap one worker could take
# every kept-alive connection while another stood idle.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(threads * 2)))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never grows unbounded, but rarely: while a
# worker restarts, the requests queued on it wait (docs/performance.md has the measurements).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# Workers are forked from a process that has already loaded Django, so a replaced worker
# answers at once instead of importing Django first (and they share memory).
preload_app = True
# The workers' heartbeat file in memory: on a container's disk its every-request update can
# stall a worker (gunicorn's advice for Docker).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 gunicorn makes its own mkstemp file there
# Only the proxy in front may say a request came over HTTPS: by default the networks the site
# believes X-Forwarded-For from (ARMORPT_TRUSTED_PROXIES), so one setting names the proxy.
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS")
    or os.environ.get("ARMORPT_TRUSTED_PROXIES")
    or "127.0.0.1"
)
accesslog = "-"
errorlog = "-"
# The path without its query string: a query may carry what a person searched for.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
