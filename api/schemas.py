"""Response schemas. Personal data is opt-in per field: CCCD and birth date only for callers whose
scope lets them change the person (record keepers); others get null."""

import datetime
import uuid

from ninja import Schema


class ErrorOut(Schema):
    detail: str


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
    """CCCD and birth date only for callers who may change this person's record."""
    request = (context or {}).get("request")
    return request is not None and request.user.has_perm("organisations.change_person", obj)


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
    revoked: bool

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
