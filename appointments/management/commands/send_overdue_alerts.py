import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from appointments.alerts import queue_due_alerts


class Command(BaseCommand):
    help = (
        "Alert the front-desk list about requests nobody has tried to reach in time: urgent ones "
        "after one business hour, every one after one business day. Each alert's e-mail is "
        "queued once, even with two runs at once, and the task worker sends it; run it every "
        "few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running, once every SECONDS, until stopped (SIGTERM or Ctrl-C).",
        )

    def handle(self, *args, every=None, **options):
        if every is None:
            self.run_once()
            return
        if every < 1:
            raise CommandError("--every needs a number of seconds of at least 1.")
        stop = threading.Event()
        # Ends between runs, never in the middle of one.
        before = {
            signum: signal.signal(signum, lambda *_: stop.set())
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            while not stop.is_set():
                close_old_connections()
                self.run_once()
                stop.wait(every)
        finally:
            for signum, handler in before.items():
                signal.signal(signum, handler)

    def run_once(self) -> None:
        self.stdout.write(f"{queue_due_alerts()} alert(s) queued.")
