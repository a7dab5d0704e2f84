"""JSON ⇄ Case/Verdict for the command-line interface and the API
(../shared/domain/eligibility-interface.md). Malformed input raises CaseError with a message that
names the field, never a traceback."""

import datetime

from django.utils.translation import gettext as _

from awards.data.catalogue import CODES
from awards.eligibility.engine import MANUAL, RULES
from awards.eligibility.facts import (
    RATING_ORDER,
    SCOPE_ORDER,
    Case,
    Discipline,
    FlagQuota,
    HeldAward,
    Initiative,
    Members,
    Rating,
    Research,
    Subject,
    UnitQuota,
)

SUBJECT_KINDS = {"individual", "collective", "household"}
AWARD_KINDS = {"cong_trang", "chuyen_de", "dot_xuat", "qua_trinh_cong_hien", "nien_han",
               "doi_ngoai"}
PENDING = {"discipline", "investigation", "inspection", "complaint"}
DISCIPLINE_LEVELS = {"khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc",
                     "buoc_thoi_viec"}


class CaseError(ValueError):
    pass


def _date(value, where: str, required: bool = True) -> datetime.date | None:
    if value is None and not required:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise CaseError(_("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).") % {
            "where": where, "value": value})


def _int(value, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CaseError(_("%(where)s: a whole number is required.") % {"where": where})
    return value


def _optional_bool(value, where: str) -> bool | None:
    """An optional yes/no fact: absent or null means "not checked"."""
    if value is not None and not isinstance(value, bool):
        raise CaseError(_("%(where)s: true, false or null is required.") % {"where": where})
    return value


def _choice(value, allowed, where: str) -> str:
    if value not in allowed:
        raise CaseError(_("%(where)s: unknown code “%(value)s”.") % {"where": where,
                                                                     "value": value})
    return value


def _items(data: dict, key: str) -> list:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise CaseError(_("%(key)s must be a list.") % {"key": key})
    return items


def parse_case(data: dict) -> Case:
    if not isinstance(data, dict):
        raise CaseError(_("A case must be an object."))
    award = _choice(data.get("award"), RULES.keys() | MANUAL.keys(), "award")
    subject = data.get("subject") or {}
    if not isinstance(subject, dict):
        raise CaseError(_("subject must be an object."))
    members = data.get("members")
    quota = data.get("unit_quota")
    return Case(
        id=str(data.get("id", "")), award=award, year=_int(data.get("year"), "year"),
        decision_date=_date(data.get("decision_date"), "decision_date", required=False),
        subject=Subject(kind=_choice(subject.get("kind"), SUBJECT_KINDS, "subject.kind"),
                        gender=subject.get("gender"), is_leader=bool(subject.get("is_leader")),
                        is_direct_worker=bool(subject.get("is_direct_worker")),
                        armed_forces=bool(subject.get("armed_forces")),
                        posthumous=bool(subject.get("posthumous"))),
        ratings=tuple(Rating(_int(r.get("year"), f"ratings[{i}].year"),
                             _choice(r.get("rating"), RATING_ORDER, f"ratings[{i}].rating"))
                      for i, r in enumerate(_items(data, "ratings"))),
        awards=tuple(HeldAward(_choice(a.get("award"), CODES, f"awards[{i}].award"),
                               _int(a.get("year"), f"awards[{i}].year"),
                               _choice(a.get("kind", "cong_trang"), AWARD_KINDS,
                                       f"awards[{i}].kind"), bool(a.get("revoked")))
                     for i, a in enumerate(_items(data, "awards"))),
        initiatives=tuple(Initiative(str(x.get("code")), _choice(x.get("scope"), SCOPE_ORDER,
                                                                 f"initiatives[{i}].scope"),
                                     _date(x.get("recognised_on"), f"initiatives[{i}]"),
                                     x.get("used_for"))
                          for i, x in enumerate(_items(data, "initiatives"))),
        research=tuple(Research(str(x.get("code")), _choice(x.get("scope"), SCOPE_ORDER,
                                                            f"research[{i}].scope"),
                                _date(x.get("accepted_on"), f"research[{i}]"), x.get("used_for"))
                       for i, x in enumerate(_items(data, "research"))),
        discipline=tuple(Discipline(_choice(d.get("level"), DISCIPLINE_LEVELS,
                                            f"discipline[{i}].level"),
                                    _date(d.get("from"), f"discipline[{i}].from"),
                                    _date(d.get("to"), f"discipline[{i}].to", required=False))
                         for i, d in enumerate(_items(data, "discipline"))),
        pending=tuple(_choice(p, PENDING, "pending") for p in _items(data, "pending")),
        members=Members(**{k: _int(members.get(k, 0), f"members.{k}") for k in (
            "total", "completed_tasks", "ldtt", "cstd_co_so", "disciplined_warning_or_above")})
        if members else None,
        unit_quota=UnitQuota(_int(quota.get("ldtt"), "unit_quota.ldtt"),
                             _int(quota.get("cstd_co_so_proposed"),
                                  "unit_quota.cstd_co_so_proposed")) if quota else None,
        cluster_leading=bool(data.get("cluster_leading")),
        framework_met=data.get("framework_met"),
        registered=_optional_bool(data.get("registered"), "registered"),
        achievements=frozenset(_achievement(code, i)
                               for i, code in enumerate(_items(data, "achievements"))),
        flag_quota=_flag_quota(data.get("flag_quota")),
    )


def _achievement(code, i: int) -> str:
    """A track the appraisal recorded as met: "<award code>.<track>"."""
    award, _dot, track = str(code).partition(".")
    if award not in CODES or not track:
        raise CaseError(_("achievements[%(i)s]: “%(code)s” is not “<award code>.<track>”.") % {
            "i": i, "code": code})
    return str(code)


def _flag_quota(data) -> FlagQuota | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CaseError(_("flag_quota must be an object."))
    return FlagQuota(_int(data.get("cluster_leaders"), "flag_quota.cluster_leaders"),
                     _int(data.get("proposed"), "flag_quota.proposed"))
