"""Response schemas. Personal data is opt-in per field: CCCD and birth date only for callers the
one rule allows (organisations.domain.personal_data: record keepers); others get null."""

import datetime
import re
import uuid
from typing import Annotated

from ninja import Query, Schema
from pydantic import BeforeValidator, ConfigDict

from organisations.domain.personal_data import may_see_personal_data


def _iso_only(value):
    """pydantic would read a bare number ("0", "0.5") as a Unix timestamp: a date or date-time
    parameter is ISO 8601, as the schema says, and anything else is a 422 (`make fuzz` found
    `?since=0.5` and `?to=0`)."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected an ISO 8601 date, e.g. 2026-12-01 or 2026-12-01T00:00:00+07:00")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_only)]
IsoDateTime = Annotated[datetime.datetime, BeforeValidator(_iso_only)]


class ErrorOut(Schema):
    detail: str


class ObjectIn(Schema):
    """Base of a request body whose fields are all optional. ninja reads a body through
    attribute access, so without this any JSON (a list, a number) passes as "no fields given";
    `make fuzz` found it. Forbidding extra keys makes pydantic check the raw body first, so a
    body that is not an object, or names a field that does not exist, is a 422."""

    model_config = ConfigDict(extra="forbid")


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    level: str
    kind: str
    parent_code: str | None = None
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    predecessors: list[str] = []

    @staticmethod
    def resolve_parent_code(obj):
        if isinstance(obj, dict):
            return obj.get("parent_code")
        return obj.parent.code if obj.parent_id else None


def _personal(obj, context) -> bool:
    """CCCD and birth date only where the one rule allows (organisations.domain.personal_data,
    as on the person page and in the exports)."""
    request = (context or {}).get("request")
    return request is not None and may_see_personal_data(request.user, obj)


class PersonOut(Schema):
    public_id: uuid.UUID
    full_name: str
    gender: str
    ethnicity: str
    unit_code: str | None = None
    position: str
    title: str
    is_leader: bool
    is_direct_worker: bool
    cccd: str | None = None
    birth_date: datetime.date | None = None

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_cccd(obj, context):
        return obj.cccd if _personal(obj, context) else None

    @staticmethod
    def resolve_birth_date(obj, context):
        return obj.birth_date if _personal(obj, context) else None


class MembershipOut(Schema):
    year: int
    unit_code: str
    role: str


class ClusterOut(Schema):
    code: str
    name: str
    kind: str
    managing_unit_code: str
    is_active: bool
    members: list[MembershipOut] = []


class AwardTypeOut(Schema):
    code: str
    name: str
    category: str
    subject_kinds: list[str]
    award_kinds: list[str]


class AwardRecordOut(Schema):
    public_id: uuid.UUID
    award: str
    year: int
    kind: str
    subject_kind: str
    subject_id: uuid.UUID
    subject_name: str
    unit_code: str
    decision_number: str
    decision_date: datetime.date
    issuer: str
    issuer_unit_code: str | None
    revoked: bool
    revoking_decision_number: str
    revoking_decision_date: datetime.date | None
    revoking_issuer: str
    revoked_reason: str

    @staticmethod
    def resolve_issuer_unit_code(obj):
        return obj.issuer_unit.code if obj.issuer_unit_id else None

    @staticmethod
    def resolve_award(obj):
        return obj.award_type.code

    @staticmethod
    def resolve_subject_kind(obj):
        return "individual" if obj.person_id else "collective" if obj.collective_id else "household"

    @staticmethod
    def resolve_subject_id(obj):
        return obj.subject.public_id

    @staticmethod
    def resolve_subject_name(obj):
        return str(obj.subject)

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code


class InitiativeAuthorOut(Schema):
    person_public_id: uuid.UUID
    full_name: str
    share: float

    @staticmethod
    def resolve_person_public_id(obj):
        return obj.person.public_id

    @staticmethod
    def resolve_full_name(obj):
        return obj.person.full_name


class InitiativeOut(Schema):
    public_id: uuid.UUID
    code: str
    kind: str
    title: str
    summary: str
    unit_code: str
    field: str
    year: int
    applied_from: datetime.date | None
    scope: str
    state: str
    recognition_decision_number: str
    recognition_date: datetime.date | None
    recognised_by: str
    council: str
    authors: list[InitiativeAuthorOut]

    @staticmethod
    def resolve_unit_code(obj):
        return obj.unit.code

    @staticmethod
    def resolve_authors(obj):
        return list(obj.authors.all())


class InitiativeUseOut(Schema):
    award_code: str
    category: str
    claim_label: str
    state: str
    override_note: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_award_code(obj):
        return obj.award_type.code


class InitiativeDetailOut(InitiativeOut):
    uses: list[InitiativeUseOut]

    @staticmethod
    def resolve_uses(obj):
        return list(obj.uses.select_related("award_type").order_by("created_at", "id"))


def year_param():
    """A year filter, bounded so that a huge number is a 422, not a database overflow (one
    Param object per parameter: ninja keeps per-parameter state on it)."""
    return Query(None, ge=1900, le=2100)
