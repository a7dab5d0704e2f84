"""`clean_given`: `full_clean` without the existence queries of the related rows the caller
holds, every other check kept."""

import pytest
from django.core.exceptions import ValidationError

from core.validation import clean_given
from proposals.models import Proposal
from tests.factories import UserFactory

GIVEN = ("unit", "recipient_unit", "created_by", "movement", "consolidated_into")


def _proposal(unit, **fields) -> Proposal:
    return Proposal(**{"unit": unit, "recipient_unit": unit, "created_by": UserFactory(),
                       "code": "DN2025-ABCDEF",
                       "title": "Đề nghị", "authority_level": "unit", "track": "annual",
                       "procedure": "normal", "year": 2025} | fields)


def test_clean_given_reads_only_the_unique_code(dept_a, django_assert_num_queries):
    proposal = _proposal(dept_a)
    with django_assert_num_queries(1):  # the code's uniqueness only
        clean_given(proposal, related=GIVEN, fresh=("public_id",))


def test_full_clean_reads_each_related_row(dept_a, django_assert_num_queries):
    proposal = _proposal(dept_a)
    # What clean_given saves: the two units, the creator and the public_id's uniqueness.
    with django_assert_num_queries(5):
        proposal.full_clean()


def test_clean_given_still_refuses_a_missing_required_row(dept_a):
    with pytest.raises(ValidationError) as refused:
        clean_given(_proposal(dept_a, recipient_unit=None), related=GIVEN)
    assert list(refused.value.message_dict) == ["recipient_unit"]


def test_clean_given_keeps_the_other_fields_checks(dept_a):
    with pytest.raises(ValidationError) as refused:
        clean_given(_proposal(dept_a, track="no-such-track", title=""), related=GIVEN)
    assert sorted(refused.value.message_dict) == ["title", "track"]
