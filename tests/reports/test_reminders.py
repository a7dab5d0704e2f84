"""Reminders N working days before the due date (holidays skipped) and on overdue, once."""

import datetime

import pytest
from django.core.management import call_command

from notifications.models import Notification
from reports.domain import filings
from reports.domain.reminders import send_reminders
from tests.reports.reporting_helpers import filing_of, make_request, set_due

pytestmark = pytest.mark.django_db
# Friday 25/4/2025; 30/4 and 1/5 are public holidays: 3 working days later is Friday 2/5.
FRIDAY = datetime.date(2025, 4, 25)


def reminded():
    return sorted(Notification.objects.filter(verb="reports.reminder")
                  .values_list("recipient__username", "title"))


@pytest.mark.parametrize(("due", "sent"), [
    (datetime.date(2025, 5, 2), 1), (datetime.date(2025, 5, 5), 0)])
def test_due_soon_within_three_working_days(province, dept_a, officer_a, due, sent):
    set_due(make_request(province, [dept_a], include_below=False), due)
    assert send_reminders(FRIDAY) == {"due_soon": sent, "overdue": 0}
    assert len(reminded()) == sent


def test_each_reminder_once_and_overdue_once(province, dept_a, officer_a):
    req = make_request(province, [dept_a], include_below=False)
    set_due(req, datetime.date(2025, 4, 28))
    assert send_reminders(FRIDAY) == {"due_soon": 1, "overdue": 0}
    assert send_reminders(FRIDAY) == {"due_soon": 0, "overdue": 0}
    assert send_reminders(datetime.date(2025, 4, 29)) == {"due_soon": 0, "overdue": 1}
    assert send_reminders(datetime.date(2025, 4, 30)) == {"due_soon": 0, "overdue": 0}
    assert reminded() == [("officer_a", "Report due soon: Báo cáo công tác thi đua quý 1"),
                          ("officer_a", "Report overdue: Báo cáo công tác thi đua quý 1")]


def test_extension_reminds_again(province, dept_a, officer_a):
    req = make_request(province, [dept_a], include_below=False)
    set_due(req, datetime.date(2025, 4, 28))
    send_reminders(datetime.date(2025, 4, 29))
    filings.extend_due_date(filing_of(req, dept_a), actor=None,
                            due_date=datetime.date(2025, 5, 5), reason="Lũ lụt")
    assert send_reminders(datetime.date(2025, 5, 2)) == {"due_soon": 1, "overdue": 0}


def test_filed_reports_are_not_reminded(province, dept_a, officer_a, settings, tmp_path):
    from tests.reports.reporting_helpers import file_at

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    req = make_request(province, [dept_a], include_below=False)
    file_at(req, dept_a, datetime.datetime(2025, 4, 20, tzinfo=datetime.UTC))
    set_due(req, datetime.date(2025, 4, 28))
    assert send_reminders(FRIDAY) == {"due_soon": 0, "overdue": 0}


def test_command_prints_the_counts(province, dept_a, capsys):
    make_request(province, [dept_a], include_below=False)
    call_command("send_report_reminders")
    assert capsys.readouterr().out == "due soon: 0, overdue: 0\n"
