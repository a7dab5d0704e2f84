"""Demo backlog (seed_demo stage): the commune of Yên Sơn carries a few hundred claims in every
stage, a few other communes a handful, so the dashboard has a province to show. Rows are
bulk-written (a few hundred claims in well under a second); their history is written with
them. Proposed and decided demo claims carry no nominee: the proposal path is shown by the
proposals stage, and the Playwright walk takes a claim through it for real."""

import datetime
import random

from django.utils import timezone

from accounts.models import User
from claims.data.checklists import CHECKLISTS
from claims.domain.steps import new_code
from claims.enums import ClaimKind, ClaimState, EvidenceKind, Period, ServiceRole
from claims.models import Claim, ClaimCheck, ClaimEvidence, ClaimStep, FamilyMember
from core.text import fold
from organisations.models import Unit

HOME_COMMUNE = "TQ-X-YS-25"
DEMO_OFFICER = "canbo_yenson"
PATHS = {  # the stages a claim passed through to reach its current one
    ClaimState.REGISTERED: [],
    ClaimState.WAITING_EVIDENCE: [ClaimState.VERIFYING, ClaimState.WAITING_EVIDENCE],
    ClaimState.VERIFYING: [ClaimState.VERIFYING],
    ClaimState.VERIFIED: [ClaimState.VERIFYING, ClaimState.VERIFIED],
    ClaimState.PROPOSED: [ClaimState.VERIFYING, ClaimState.VERIFIED, ClaimState.PROPOSED],
    ClaimState.DECIDED: [ClaimState.VERIFYING, ClaimState.VERIFIED, ClaimState.PROPOSED,
                         ClaimState.DECIDED],
    ClaimState.REFUSED: [ClaimState.VERIFYING, ClaimState.REFUSED],
    ClaimState.WITHDRAWN: [ClaimState.WITHDRAWN],
}
WEIGHTS = {ClaimState.REGISTERED: 50, ClaimState.WAITING_EVIDENCE: 70,
           ClaimState.VERIFYING: 50, ClaimState.VERIFIED: 25, ClaimState.PROPOSED: 35,
           ClaimState.DECIDED: 40, ClaimState.REFUSED: 20, ClaimState.WITHDRAWN: 10}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Ma", "Nông"]
MIDDLE = ["Văn", "Thị", "Đình", "Quang", "Hữu", "Thị Kim"]
GIVEN = ["Kháng", "Chiến", "Thắng", "Lợi", "Hòa", "Bình", "Mận", "Đào", "Sen", "Lựu"]


def _name(rng) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _claim(rng, unit, state, now, actor) -> tuple[Claim, list[datetime.datetime]]:
    kind = rng.choices(list(ClaimKind.values), weights=[70, 20, 10])[0]
    registered = (now - datetime.timedelta(days=rng.randint(10, 1100))).date()
    path = PATHS[state]
    span = max(1, (now.date() - registered).days)
    moments = sorted(now - datetime.timedelta(days=rng.randint(0, span - 1),
                                              minutes=rng.randint(0, 600))
                     for _ in path)
    deceased = kind != ClaimKind.RESISTANCE or rng.random() < 0.4
    claim = Claim(
        code=new_code(registered.year), kind=kind, unit=unit, state=state,
        state_changed_at=moments[-1] if moments else timezone.make_aware(
            datetime.datetime.combine(registered, datetime.time(9))),
        registered_on=registered, claimant_name=_name(rng),
        claimant_birth_year=rng.randint(1915, 1955), claimant_deceased=deceased,
        claimant_address=f"Thôn {rng.randint(1, 12)}, {unit.name}",
        applicant_name=_name(rng) if deceased else "",
        applicant_relation="child" if deceased else "self",
        period=rng.choice(list(Period.values)) if kind == ClaimKind.RESISTANCE else "",
        service_role=(rng.choice(list(ServiceRole.values)) if kind == ClaimKind.RESISTANCE
                      else ""),
        service_from=1965 if kind == ClaimKind.RESISTANCE else None,
        service_to=1972 if kind == ClaimKind.RESISTANCE else None,
        children_count=rng.randint(1, 6) if kind != ClaimKind.RESISTANCE else None,
        originals_kept_at=rng.choice(["Gia đình giữ", "Lưu tại UBND xã", "Hội Cựu chiến binh xã"]),
        reason="" if state not in (ClaimState.REFUSED, ClaimState.WITHDRAWN,
                                   ClaimState.WAITING_EVIDENCE) else "Dữ liệu mẫu",
        created_by=actor)
    claim.search_text = fold(f"{claim.code} {claim.claimant_name} {claim.applicant_name}")
    return claim, moments


def build_backlog(rng: random.Random, *, home: int = 300, others: int = 15) -> int:
    """`home` claims in the demo commune, `others` in each of a few other communes; entered
    by the commune's demo officer."""
    actor = User.objects.get(username=DEMO_OFFICER)
    now = timezone.now()
    communes = list(Unit.objects.filter(level="commune", valid_to__isnull=True)
                    .exclude(code=HOME_COMMUNE).order_by("code")[:6])
    plan = [(Unit.objects.get(code=HOME_COMMUNE), home)] + [(u, others) for u in communes]
    built = []
    for unit, count in plan:
        # A few of every stage whatever the random draw (which shifts whenever an earlier
        # stage of seed_demo draws differently); the rest by the weights.
        each = count // 50
        states = [state for state in WEIGHTS for _ in range(each)] + rng.choices(
            list(WEIGHTS), weights=list(WEIGHTS.values()), k=count - each * len(WEIGHTS))
        built += [_claim(rng, unit, state, now, actor) for state in states]
    claims = Claim.objects.bulk_create([c for c, _m in built], batch_size=500)
    _history(claims, [m for _c, m in built], actor)
    _evidence_and_checks(rng, claims, actor, now)
    return len(claims)


def _history(claims, moments, actor) -> None:
    steps = []
    for claim, times in zip(claims, moments, strict=True):
        registered = timezone.make_aware(datetime.datetime.combine(claim.registered_on,
                                                                   datetime.time(9)))
        steps.append(ClaimStep(claim=claim, old="", new=ClaimState.REGISTERED, at=registered,
                               actor=actor))
        old = ClaimState.REGISTERED
        for new, at in zip(PATHS[claim.state], times, strict=True):
            steps.append(ClaimStep(claim=claim, old=old, new=new, at=at, actor=actor))
            old = new
    ClaimStep.objects.bulk_create(steps, batch_size=1000)


def _evidence_and_checks(rng, claims, actor, now) -> None:
    evidence, checks, family = [], [], []
    for claim in claims:
        kinds = [EvidenceKind.IDENTITY, EvidenceKind.WITNESS, EvidenceKind.WITNESS]
        if claim.kind != ClaimKind.RESISTANCE:
            kinds = [EvidenceKind.IDENTITY, EvidenceKind.MARTYR_CERTIFICATE,
                     EvidenceKind.FAMILY_STATEMENT]
            family += [FamilyMember(claim=claim, full_name=_name(rng), relation="child",
                                    status="martyr", added_by=actor,
                                    certificate=f"TQGC-{rng.randint(1000, 99999)}")
                       for _ in range(2)]
        evidence += [ClaimEvidence(claim=claim, kind=k, title=str(k.label),
                                   dated=claim.registered_on, added_by=actor) for k in kinds]
        if claim.state in (ClaimState.VERIFIED, ClaimState.PROPOSED, ClaimState.DECIDED):
            checks += [ClaimCheck(claim=claim, item=item, result="confirmed",
                                  source="Hồ sơ lưu trữ", checked_by=actor, checked_at=now)
                       for item in CHECKLISTS[claim.kind]]
    ClaimEvidence.objects.bulk_create(evidence, batch_size=1000)
    ClaimCheck.objects.bulk_create(checks, batch_size=1000)
    FamilyMember.objects.bulk_create(family, batch_size=1000)
