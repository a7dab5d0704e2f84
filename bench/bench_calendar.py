"""Working-day calendar and outbox: how expensive are the shared pieces other code calls often?

Prints: lunar conversions per second; default_holidays for 21 years; the migration's seed;
`work_calendar()` when cached (one version query) and when rebuilt; 10,000 deadlines of 20
working days; notify() of 200 users with e-mail (rows + drafts) and sending the outbox with
the locmem backend (`send_outbox`). Runs in a scratch SQLite database (fresh TDKT_VAR_DIR,
deleted at the end).
"""

import io
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts


def timed(label: str, fn, repeat: int = 1):
    started = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    elapsed = time.perf_counter() - started
    per = f" ({elapsed / repeat * 1e3:.3f} ms each)" if repeat > 1 else ""
    print(f"{label:<52} {elapsed * 1e3:10.1f} ms{per}")
    return result


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-calendar-"))
    try:
        # Tasks are recorded, not run, so that the request's cost and the sending are timed
        # apart (in production the worker sends).
        setup_django(var_dir, task_backend="django_tasks.backends.dummy.DummyBackend")
        from django.conf import settings
        from django.core.management import call_command

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        call_command("migrate", verbosity=0)
        from core.calendar import default_holidays, solar_to_lunar
        from core.domain.calendar import forget_work_calendar, seed_holidays, work_calendar
        from core.models import PublicHoliday

        days = [date(2000, 1, 1) + timedelta(days=i) for i in range(3653)]
        timed("solar_to_lunar, 3,653 days (2000–2009)", lambda: [solar_to_lunar(d) for d in days])
        timed("default_holidays, 21 years", lambda: [default_holidays(y)
                                                    for y in range(2015, 2036)])
        PublicHoliday.objects.all().delete()
        added = timed("seed_holidays(2015, 2035) into an empty table",
                      lambda: seed_holidays(2015, 2035))
        print(f"  rows seeded: {added}")
        forget_work_calendar()
        timed("work_calendar() rebuilt from the table", work_calendar)
        timed("work_calendar() cached (version query)", work_calendar, repeat=1000)
        calendar = work_calendar()
        starts = [date(2026, 1, 1) + timedelta(days=i % 365) for i in range(10_000)]
        timed("10,000 × add_working_days(start, 20)",
              lambda: [calendar.add_working_days(s, 20) for s in starts])
        notify_bench()
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def notify_bench() -> None:
    from django.core import mail
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from notifications.domain.notify import notify
    from notifications.models import OutboxMail

    users = User.objects.bulk_create([User(username=f"u{i}", email=f"u{i}@tinh.gov.vn")
                                      for i in range(200)])
    mail.outbox = []

    def run():
        with transaction.atomic():
            notify(users, verb="bench", title="Hồ sơ mới", body="Nội dung", url="/")

    timed("notify(200 users): rows, drafts, 200 tasks queued", run)
    timed("send_outbox: claim + send + mark, 200 mails",
          lambda: call_command("send_outbox", stdout=io.StringIO()))
    print(f"  mails sent: {len(mail.outbox)}, outbox rows: {OutboxMail.objects.count()}")


if __name__ == "__main__":
    main()
