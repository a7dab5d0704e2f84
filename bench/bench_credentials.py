"""Benchmark: verifiable credentials of a large decision (issue 17 §3–4).

    python bench/bench_credentials.py [PEOPLE]   # default 1000 (BENCH_PEOPLE)

Builds, in a scratch SQLite database, an issued decision with PEOPLE awardees and their
certificates (bulk-loaded, as bench_bundle.py does), then times: issuing the PEOPLE credentials
(the issuer's key generated on first use, ES256 signatures, status entries taken), signing the
issuer's two status lists after a tenth of the certificates are revoked, verifying every
credential offline against the DID document and the lists (what a third party does), and
building the exchange event's payload. Prints seconds, per-credential figures and peak RSS.
"""

import argparse
import datetime
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import max_rss_mb, setup_django  # noqa: E402 — bench/ is run as scripts


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("people", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_PEOPLE", 1000)))
    return parser.parse_args()


def build(people: int):
    """An issued decision with its certificates, bulk-loaded (no credential yet)."""
    from accounts.enums import Role
    from accounts.models import RoleAssignment, User
    from awards.models import AwardType
    from decisions.domain.issuing import certificate_code
    from decisions.enums import DecisionState
    from decisions.models import Certificate, Decision, DecisionItem
    from organisations.domain.tree import rebuild_tree_index
    from organisations.enums import UnitKind, UnitLevel
    from organisations.models import Person, Unit

    admin = User.objects.create_user("bench-admin", password=secrets.token_hex(8))
    RoleAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN)
    unit = Unit.objects.create(code="TINH", name="Ủy ban nhân dân tỉnh", level=UnitLevel.PROVINCE,
                               kind=UnitKind.PEOPLES_COMMITTEE)
    rebuild_tree_index()
    award = AwardType.objects.get(code="giay_khen")
    persons = Person.objects.bulk_create(
        Person(cccd=f"0010850{n:05d}", full_name=f"Nguyễn Văn Thử {n}", gender="male",
               birth_date=datetime.date(1985, 1, 1), unit=unit) for n in range(people))
    decision = Decision.objects.create(
        issuer=unit, authority_title="Chủ tịch Ủy ban nhân dân tỉnh", place="Tuyên Quang",
        summary="Về việc tặng Giấy khen", legal_bases="Căn cứ Luật Thi đua, khen thưởng;",
        signer_title="Chủ tịch", signer_name="Nguyễn Văn Ký", created_by=admin, award_type=award,
        number=1, year=2026, date=datetime.date(2026, 1, 5), state=DecisionState.ISSUED)
    items = DecisionItem.objects.bulk_create(
        DecisionItem(decision=decision, award_type=award, person=p, unit=unit, year=2025,
                     kind="cong_trang", recipient_name=p.full_name,
                     recipient_detail="Chuyên viên, Văn phòng", ordinal=n, money=1_490_000)
        for n, p in enumerate(persons, 1))
    Certificate.objects.bulk_create(Certificate(item=item, code=certificate_code())
                                    for item in items)
    return admin, decision


def timed(label: str, count: int, work):
    """Wall and CPU seconds: the machine is shared, wall time stretches at random."""
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    per = f" ({cpu / count * 1000:.2f} ms CPU each)" if count > 1 else ""
    print(f"{label:<42} {seconds:6.2f} s wall, {cpu:6.2f} s CPU{per}", flush=True)
    return result


def run(people: int) -> int:
    from django.urls import reverse
    from joserfc import jws

    from decisions.domain import credential_keys, vc
    from decisions.domain.credentials import issue_credentials, signed_status_list
    from decisions.domain.events import build_payload
    from decisions.domain.vc_verify import verify
    from decisions.enums import CertificateStatus
    from decisions.models import Certificate, Credential

    admin, decision = build(people)
    reverse("portal:home")  # a serving process has its URLconf loaded: not part of the figure
    print(f"decision with {people} awardees; peak RSS before: {max_rss_mb():.0f} MB")
    issued = timed(f"issue {people} credentials (+ key)", people,
                   lambda: issue_credentials(admin, decision))
    assert issued == people
    revoked = Certificate.objects.filter(item__decision=decision, item__ordinal__lte=people // 10)
    revoked.update(status=CertificateStatus.REVOKED)
    issuer = decision.issuer
    lists = timed("sign both status lists (131,072 entries)", 1, lambda: [
        signed_status_list(admin, issuer, purpose) for purpose in (vc.REVOCATION, vc.MESSAGE)])
    print(f"status list sizes: {', '.join(f'{len(t):,} B' for t in lists)}")
    by_id = {json.loads(jws.extract_compact(t.encode()).payload)["id"]: t for t in lists}
    keys = credential_keys.did_document(issuer)
    tokens = list(Credential.objects.values_list("token", flat=True))
    print(f"credential size: {sum(map(len, tokens)) / len(tokens):,.0f} B on average")
    verdicts = timed(f"verify {people} credentials offline", people,
                     lambda: [verify(t, keys, by_id).status for t in tokens])
    print(f"statuses: { {s: verdicts.count(s) for s in sorted(set(verdicts))} }")
    payload = timed("build the exchange event payload", 1, lambda: build_payload(
        "decision.issued", decision, event_id="bench", created=decision.issued_at
        or datetime.datetime.now(datetime.UTC)))
    print(f"event payload: {len(json.dumps(payload, ensure_ascii=False)):,} B; "
          f"peak RSS after: {max_rss_mb():.0f} MB")
    return 0


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-credentials-"))
    try:
        setup_django(var_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return run(args.people)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
