"""Published decisions for the public portal: only ISSUED decisions (drafts and cancelled drafts
never), and of their awardees only the public facts of the annex — name, position and unit,
title/form, decision number and date, and whether the award was revoked or corrected.

Every query selects its fields with `.values()`, so a template cannot reach the person's CCCD,
birth date, phone, e-mail or address. Search uses the items' and decisions' own folded
`search_text` (core.text.fold), never Person.search_text, which holds the CCCD."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from awards.models import AwardType
from core.search import word_match
from core.text import fold
from decisions.enums import DecisionState
from decisions.models import Decision, DecisionItem, DecisionPdf
from organisations.domain.queries import search
from organisations.models import Unit

DECISION_FIELDS = ("pk", "public_id", "kind", "number", "symbol", "date", "summary",
                   "authority_title", "issuer__name", "issued_at", "amends__public_id",
                   "amends__number", "amends__symbol")
# Who signed the official copy and when (the same query: the detail page's count stays fixed).
SIGNATURE_FIELDS = ("pdf__signer_name", "pdf__signing_time", "pdf__signed_sha256")
AWARDEE_FIELDS = ("pk", "ordinal", "recipient_name", "posthumous", "recipient_detail",
                  "unit__name", "award_type__name", "year", "award_record__revoked",
                  "award_record__revoked_on", "corrects__award_record__revoked",
                  "corrects__award_record__revoked_on")
HITS_PER_DECISION = 5  # awardees named under a decision in search results


@dataclass(frozen=True)
class DecisionFilters:
    q: str = ""
    year: int | None = None
    form: str = ""  # AwardType.code
    issuer: str = ""  # Unit.code


def number_label(number, symbol) -> str:
    """Decision.number_label for a values() row (05/QĐ-UBND)."""
    return f"{number:02d}/{symbol}" if number is not None else f"…/{symbol}"


def _issued() -> QuerySet:
    return Decision.objects.filter(state=DecisionState.ISSUED)


def _all_words(words: list[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= word_match("search_text", word)
    return condition


def published_decisions(filters: DecisionFilters = DecisionFilters()) -> QuerySet:
    """Issued decisions, newest first, as rows of DECISION_FIELDS. `q` matches, without
    diacritics, a decision (number, summary, issuer) or any of its awardees (name, position,
    unit, title/form): every word must appear in the one or the other."""
    qs = _issued()
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.issuer:
        qs = qs.filter(issuer__code=filters.issuer)
    if filters.form:
        qs = qs.filter(Exists(DecisionItem.objects.filter(
            decision=OuterRef("pk"), award_type__in=AwardType.objects.filter(
                code=filters.form).values("pk"))))
    words = fold(filters.q).split()
    if words:
        items = search(DecisionItem.objects.all(), filters.q).values("decision_id")
        qs = qs.filter(Q(pk__in=items) | _all_words(words))
    return qs.order_by("-date", "-number", "-pk").values(*DECISION_FIELDS)


def decorate(rows: list[dict], q: str = "") -> list[dict]:
    """Add to a page of decision rows their label, forms with awardee counts and, for a search,
    the awardees that matched. Two queries whatever the page size."""
    ids = [row["pk"] for row in rows]
    forms: dict[int, list] = {pk: [] for pk in ids}
    for entry in (DecisionItem.objects.filter(decision_id__in=ids)
                  .values("decision_id", "award_type__name").annotate(n=Count("pk"))
                  .order_by("decision_id", "award_type__name")):
        forms[entry["decision_id"]].append((entry["award_type__name"], entry["n"]))
    hits: dict[int, list] = {pk: [] for pk in ids}
    if ids and fold(q).split():
        matched = search(DecisionItem.objects.filter(decision_id__in=ids), q).order_by(
            "decision_id", "ordinal").values("decision_id", "recipient_name", "unit__name",
                                             "award_type__name")
        for hit in matched[:HITS_PER_DECISION * len(ids) * 4]:
            if len(hits[hit["decision_id"]]) < HITS_PER_DECISION:
                hits[hit["decision_id"]].append(hit)
    return [_labelled(row) | {"forms": forms[row["pk"]],
                              "awardees": sum(n for _name, n in forms[row["pk"]]),
                              "hits": hits[row["pk"]]} for row in rows]


def _labelled(row: dict) -> dict:
    amends = (number_label(row["amends__number"], row["amends__symbol"])
              if row["amends__public_id"] else "")
    return row | {"label": number_label(row["number"], row["symbol"]), "amends_label": amends}


def published_decision(public_id) -> dict | None:
    """One issued decision (None for a draft, a cancelled draft or an unknown id), with the
    issued decisions that amend it."""
    row = (_issued().filter(public_id=public_id)
           .values(*DECISION_FIELDS, *SIGNATURE_FIELDS).first())
    if row is None:
        return None
    row["signed"] = ({"signer_name": row["pdf__signer_name"],
                      "signing_time": row["pdf__signing_time"]}
                     if row["pdf__signed_sha256"] else None)
    amendments = (_issued().filter(amends_id=row["pk"]).order_by("date", "number")
                  .values("public_id", "number", "symbol", "date"))
    return _labelled(row) | {"amendments": [a | {"label": number_label(a["number"], a["symbol"])}
                                            for a in amendments]}


def published_signed_pdf(decision_pk: int) -> bytes | None:
    signed = (DecisionPdf.objects.filter(decision_id=decision_pk).exclude(signed_sha256="")
              .values_list("signed", flat=True).first())
    return bytes(signed) if signed is not None else None


def public_awardees(decision_pk: int, q: str = "") -> QuerySet:
    """The awardees of a decision in annex order, as rows of AWARDEE_FIELDS (map a page of them
    with `awardee_status`)."""
    qs = DecisionItem.objects.filter(decision_id=decision_pk)
    return search(qs, q).order_by("ordinal").values(*AWARDEE_FIELDS)


def awardee_status(rows: list[dict]) -> list[dict]:
    """Status of each awardee row: "revoked" (its award, or the one it corrects, was revoked),
    "corrected" (with the issued amending decision's public id and number), or "in_force".
    One query for the corrections of the page's rows (by the indexed `corrects` key: a
    correlated subquery per row let SQLite pick a plan that scanned every item)."""
    fixes = {}
    for fix in (DecisionItem.objects.filter(corrects_id__in=[r["pk"] for r in rows],
                                            decision__state=DecisionState.ISSUED)
                .order_by("decision__date", "decision_id")
                .values("corrects_id", "decision__public_id", "decision__number",
                        "decision__symbol")):
        fixes[fix["corrects_id"]] = fix  # the latest correction wins
    result = []
    for row in rows:
        revoked = row["award_record__revoked"] or row["corrects__award_record__revoked"]
        revoked_on = row["award_record__revoked_on"] or row["corrects__award_record__revoked_on"]
        fix = fixes.get(row["pk"])
        status = "revoked" if revoked else "corrected" if fix else "in_force"
        result.append(row | {"status": status, "revoked_on": revoked_on,
                             "amended_by": fix and {
                                 "public_id": fix["decision__public_id"],
                                 "label": number_label(fix["decision__number"],
                                                       fix["decision__symbol"])}})
    return result


def filter_choices() -> dict:
    """Options of the list's filters: years and issuers of issued decisions, and the titles and
    forms that appear in some decision (an index probe per catalogue entry)."""
    years = list(_issued().order_by("-year").values_list("year", flat=True).distinct())
    issuers = list(Unit.objects.filter(pk__in=_issued().values("issuer_id")).order_by("name")
                   .values_list("code", "name"))
    forms = list(AwardType.objects.filter(Exists(DecisionItem.objects.filter(
        award_type=OuterRef("pk")))).order_by("sort_order", "name").values_list("code", "name"))
    return {"years": years, "issuers": issuers, "forms": forms}


def latest_decisions(limit: int = 50) -> list[dict]:
    """The newest issued decisions by time of issue (the Atom feed and the home page)."""
    rows = list(_issued().order_by("-issued_at", "-pk").values(*DECISION_FIELDS)[:limit])
    return decorate(rows)
