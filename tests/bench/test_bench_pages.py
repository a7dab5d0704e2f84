"""The page benchmark's 333-awardee decision is one the public portal publishes (its rows
"portal decision (333)" and "portal decision search" answered 404: the clone was of a draft)."""

import pytest
from django.urls import reverse

from bench import bench_pages
from decisions.enums import DecisionState
from decisions.models import Decision
from portal.domain.queries.decisions import published_decision

pytestmark = pytest.mark.django_db


def test_big_decision_source_is_published_though_the_newest_is_a_draft(demo_province):
    newest = Decision.objects.filter(items__isnull=False).order_by("-pk").first()
    source = bench_pages.big_decision_source()
    assert (newest.state, source.state) == (DecisionState.DRAFT, DecisionState.ISSUED)
    assert published_decision(source.public_id)["number"] == source.number


@pytest.mark.postgres_only
def test_big_decision_page_and_its_search_answer_on_the_portal(client, demo_province):
    public_id = bench_pages.add_big_decision()
    page = client.get(reverse("portal:decision_detail", args=[public_id]))
    assert (page.status_code, len(page.context["page"].object_list),
            page.context["page"].has_next) == (200, 100, True)
    found = client.get(reverse("portal:decision_detail", args=[public_id]), {"q": "nguyen"})
    names = [row["recipient_name"] for row in found.context["page"].object_list]
    assert names != [] and [n for n in names if "Nguyễn" not in n] == []


@pytest.mark.postgres_only
def test_a_kept_province_pointing_at_a_draft_gets_an_issued_decision(client, demo_province):
    """A province kept from before the fix names a decision cloned from a draft: the run finds
    (or clones) an issued one with 333 awardees, and keeps it on the next run."""
    draft = Decision.objects.filter(state=DecisionState.DRAFT).order_by("-pk").first()
    data = {"decision": str(draft.public_id)}
    changed = bench_pages.issued_big_decision(data)
    again = bench_pages.issued_big_decision(data)
    decision = Decision.objects.get(public_id=data["decision"])
    page = client.get(reverse("portal:decision_detail", args=[decision.public_id]))
    assert (changed, again, decision.state, decision.items.count(), page.status_code) == (
        True, False, DecisionState.ISSUED, 333, 200)
