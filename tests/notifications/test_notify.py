"""notify(), the outbox sender and the send_outbox command."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from notifications.domain import outbox
from notifications.domain.notify import mark_all_read, mark_read, notify, unread_count
from notifications.enums import MailState
from notifications.models import Notification, OutboxMail
from tests.factories import UserFactory


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", email="alice@so-a.gov.vn")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", email="")


def _notify(*users, **kwargs):
    return notify(users, verb="proposals.submit", title="Hồ sơ mới",
                  body="Sở A đã nộp hồ sơ đề nghị khen thưởng.", url="/proposals/x/", **kwargs)


def test_notify_writes_rows_and_sends_after_commit(alice, bob, officer_a,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notes = _notify(alice, bob, alice, actor=officer_a)
    assert [(n.recipient, n.actor, n.verb, n.read_at) for n in notes] == [
        (alice, officer_a, "proposals.submit", None), (bob, officer_a, "proposals.submit", None)]
    sent = OutboxMail.objects.get()
    assert (sent.to, sent.state, sent.attempts, sent.notification) == (
        alice.email, MailState.SENT, 1, notes[0])
    assert [(m.to, m.subject) for m in mail.outbox] == [(["alice@so-a.gov.vn"], "Hồ sơ mới")]
    assert mail.outbox[0].body == (
        "Sở A đã nộp hồ sơ đề nghị khen thưởng.\n\nhttps://tdkt.test/proposals/x/\n\n-- \nTĐKT")


def test_nothing_is_sent_inside_the_transaction(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(alice)
    # Two callbacks wait for the commit: the mail's enqueueing and the unread count's refresh.
    assert (len(callbacks), mail.outbox, OutboxMail.objects.get().state) == (
        2, [], MailState.DRAFT)


def test_email_false_writes_no_mail(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(alice, email=False)
    assert (Notification.objects.count(), OutboxMail.objects.count()) == (1, 0)


def test_inactive_users_are_skipped(alice):
    alice.is_active = False
    alice.save()
    assert _notify(alice) == []


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "/\\evil.example",
                                 "javascript:alert(1)"])
def test_links_must_be_internal_paths(alice, url):
    with pytest.raises(ValueError):
        notify([alice], verb="x", title="t", body="b", url=url)


def test_unread_count_and_marking(alice):
    first, = _notify(alice, email=False)
    _notify(alice, email=False)
    assert unread_count(alice) == 2
    mark_read(first, alice)
    read_at = Notification.objects.get(pk=first.pk).read_at
    mark_read(first, alice)  # again: keeps the first reading time
    assert Notification.objects.get(pk=first.pk).read_at == read_at
    assert (unread_count(alice), mark_all_read(alice), unread_count(alice)) == (1, 1, 0)


def test_mark_read_refuses_someone_elses(alice, bob):
    note, = _notify(alice, email=False)
    with pytest.raises(Notification.DoesNotExist):
        mark_read(note, bob)
    assert Notification.objects.get(pk=note.pk).read_at is None


# ---------------------------------------------------------------- the outbox

def _draft(**fields) -> OutboxMail:
    return OutboxMail.objects.create(to="x@tinh.gov.vn", subject="S", body="B", **fields)


def test_a_mail_is_claimed_once(db):
    draft = _draft()
    assert outbox.claim(draft.public_id).attempts == 1
    assert outbox.claim(draft.public_id) is None  # leased by the first sender
    assert outbox.send_one(draft.public_id) == "skipped"
    assert mail.outbox == []


def test_a_sent_mail_is_never_sent_again(db):
    draft = _draft()
    assert outbox.send_one(draft.public_id) == MailState.SENT
    assert outbox.send_one(draft.public_id) == "skipped"
    assert len(mail.outbox) == 1


def test_an_expired_lease_can_be_taken_over(db):
    draft = _draft(claimed_at=timezone.now() - timedelta(seconds=outbox.CLAIM_SECONDS + 1),
                   attempts=1)
    assert outbox.send_one(draft.public_id) == MailState.SENT
    assert OutboxMail.objects.get().attempts == 2


def test_failure_is_recorded(db, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.EmailBackend"
    draft = _draft()
    assert outbox.send_one(draft.public_id) == MailState.FAILED
    draft.refresh_from_db()
    assert (draft.state, draft.attempts, draft.claimed_at, draft.last_error) == (
        MailState.FAILED, 1, None, "SMTPServerDisconnected: relay down")


def test_send_outbox_retries_drafts_and_failed_with_attempts_left(db):
    retry = _draft(state=MailState.FAILED, attempts=4)
    lost = _draft()
    _draft(state=MailState.FAILED, attempts=5)  # out of attempts
    done = _draft(state=MailState.SENT, attempts=1)
    leased = _draft(claimed_at=timezone.now(), attempts=1)
    out = StringIO()
    call_command("send_outbox", stdout=out)
    assert out.getvalue().strip() == "sent: 2, failed: 0, skipped: 0"
    assert set(OutboxMail.objects.filter(state=MailState.SENT).values_list("pk", flat=True)) == {
        retry.pk, lost.pk, done.pk}
    assert [m.to for m in mail.outbox] == [["x@tinh.gov.vn"], ["x@tinh.gov.vn"]]
    assert OutboxMail.objects.get(pk=leased.pk).state == MailState.DRAFT
