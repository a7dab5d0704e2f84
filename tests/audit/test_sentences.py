"""Readable history (issue 18.6): every action code the source can write has a sentence, the
proposal's history says what happened in words, and people appear by full name."""

import pytest
from django.urls import reverse

from audit.domain.record import record
from audit.interfaces.sentences import SENTENCES, actor_name, describe, sentence
from audit.models import AuditEntry
from proposals.domain import workflow
from tests.audit.test_log_every_action import _actions
from tests.proposals.helpers import submitted


def test_every_action_code_in_the_source_has_a_sentence():
    assert sorted(set(_actions()) - set(SENTENCES)) == []


def test_no_sentence_for_a_code_nobody_writes():
    assert sorted(set(SENTENCES) - set(_actions())) == []


def test_sentences_are_vietnamese_for_a_vietnamese_reader():
    from django.utils import translation

    with translation.override("vi"):
        assert [sentence("proposals.proposal.submitted"),
                sentence("proposals.proposal.returned")] == ["Đã gửi hồ sơ", "Trả lại để bổ sung"]
    with translation.override("en"):
        english = {code: str(text) for code, text in SENTENCES.items()}
    with translation.override("vi"):
        untranslated = [code for code, text in SENTENCES.items() if str(text) == english[code]]
    assert untranslated == []


def test_a_reason_follows_its_sentence(admin_user, province):
    entry = record(admin_user, "proposals.proposal.returned", province,
                   reason="Thiếu biên bản họp Hội đồng")
    assert describe(entry) == "Returned for supplement: Thiếu biên bản họp Hội đồng"


def test_people_by_full_name_never_by_login(admin_user, province):
    admin_user.full_name = "Nguyễn Thị Mai"
    admin_user.save()
    entry = record(admin_user, "organisations.unit.update", province)
    assert (entry.actor_label, actor_name(AuditEntry.objects.get(pk=entry.pk))) == (
        admin_user.username, "Nguyễn Thị Mai")
    system = record(None, "imports.job.fail", province)
    assert actor_name(system) == "System"


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_proposal_history_reads_in_words(en, officer_a, board_user, dept_a):
    officer_a.full_name = "Trần Văn Bình"
    officer_a.save()
    proposal = submitted(officer_a, dept_a, dept_a)
    workflow.return_for_supplement(board_user, proposal, reason="Thiếu biên bản")
    en.force_login(officer_a)
    page = en.get(reverse("proposals:detail", args=[proposal.public_id]))
    history = [(e.who, e.sentence) for e in page.context["timeline"]]
    assert ("Trần Văn Bình", "Dossier submitted") in history
    assert history[0][1] == "Returned for supplement: Thiếu biên bản"
    html = page.content.decode()
    assert "proposals.proposal." not in html and officer_a.username not in html


def test_audit_log_shows_sentences_and_names(en, admin_user, board_user, province):
    board_user.full_name = "Lê Thị Hồng"
    board_user.save()
    record(board_user, "organisations.unit.rename", province, unit=province)
    en.force_login(board_user)
    page = en.get(reverse("audit:log"))
    entry = page.context["page"].object_list[0]
    assert (entry.who, entry.sentence) == ("Lê Thị Hồng", "Unit renamed")
