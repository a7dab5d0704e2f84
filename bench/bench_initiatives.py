"""Benchmark: the initiative registry with 50,000 initiatives.

    python bench/bench_initiatives.py [N]      # N initiatives (default 50000)

Builds a small demo province (2,000 people, no award history) in a scratch SQLite database (a
fresh TDKT_VAR_DIR, deleted at the end; DATABASE_URL is ignored), bulk-loads N initiatives with
their search text, similarity signature and title tokens, then times:

    near-duplicate search   similar_initiatives() for 50 titles reworded from existing ones
                            (typo, word order, an added word), p50 / p95, and how often the
                            original came first
    list page               the board's initiative list: page 1, page 50, a search, a filter
    claim_initiative        50 claims of different initiatives (lock, checks, insert, audit)

BENCH_INITIATIVES and BENCH_RUNS (environment) change the defaults.
"""

import argparse
import math
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts

WORDS = ["xã Yên Sơn", "phường Minh Xuân", "xã Hà Giang", "thôn Nà Hang", "bản Lũng Cú", "khối 6",
         "khối 9", "vùng cao", "miền núi", "đồng bào Dao", "đồng bào Tày", "người cao tuổi",
         "thanh niên", "phụ nữ", "hộ nghèo", "trẻ mầm non", "trẻ khuyết tật", "giáo viên trẻ",
         "điều dưỡng", "y tế cơ sở", "hợp tác xã", "doanh nghiệp nhỏ", "cán bộ công chức",
         "đoàn viên", "hội viên nông dân", "cựu chiến binh", "học sinh bán trú", "trạm y tế xã",
         "bộ phận một cửa", "kho bạc", "thuế", "kiểm lâm", "biên phòng"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("initiatives", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_INITIATIVES", 50_000)))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", 50)))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser.parse_args()


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def line(label: str, samples: list[float], extra: str = "") -> None:
    print(f"{label:<34} p50 {statistics.median(samples):8.2f} ms   p95 {p95(samples):8.2f} ms"
          f"   {extra}")


def random_title(rng: random.Random) -> tuple[str, str]:
    from emulation.initiatives.interfaces.demo import ACTIONS, OBJECTS, PLACES

    subject, field = rng.choice(OBJECTS)
    extra = " ".join(rng.sample(WORDS, k=rng.choice([1, 2])))
    return f"{rng.choice(ACTIONS)} {subject} cho {extra} {rng.choice(PLACES)}", field


def load(n: int, rng: random.Random) -> None:
    """Bulk-load n initiatives (85 % recognised) with one author each, as an import would."""
    from core.text import fold_join
    from emulation.initiatives.domain.similarity import index_tokens, signature
    from emulation.initiatives.models import Initiative, InitiativeAuthor, InitiativeToken
    from organisations.models import Person

    people = list(Person.objects.filter(unit__isnull=False).select_related("unit")[:2000])
    for start in range(0, n, 5000):
        rows = []
        for i in range(start, min(n, start + 5000)):
            title, field = random_title(rng)
            person = rng.choice(people)
            year = 2016 + i % 10
            recognised = rng.random() < 0.85
            rows.append(Initiative(
                code=f"SK-{year}-9{i:05d}", title=title, field=field, unit=person.unit,
                year=year, summary="", state="recognised" if recognised else "draft",
                scope=rng.choices(["co_so", "tinh", "toan_quoc"], [80, 18, 2])[0]
                if recognised else "",
                recognition_date=f"{year}-10-01" if recognised else None,
                search_text=fold_join(f"SK-{year}-9{i:05d}", title, field),
                signature=signature(title)))
        Initiative.objects.bulk_create(rows, batch_size=2000)
        InitiativeAuthor.objects.bulk_create(
            [InitiativeAuthor(initiative=r, person=rng.choice(people), share=100)
             for r in rows], batch_size=5000)
        InitiativeToken.objects.bulk_create(
            [t for r in rows for t in index_tokens(r)], batch_size=10_000)


def reworded(rng: random.Random, title: str) -> str:
    words = title.split()
    change = rng.choice(["typo", "swap", "add"])
    if change == "typo":
        i = rng.randrange(len(words))
        words[i] = words[i][:-1] + ("x" if words[i][-1] != "x" else "y")
    elif change == "swap":
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        words.append("năm 2025")
    return " ".join(words)


def bench_similarity(rng, runs: int) -> None:
    from emulation.initiatives.domain.similarity import similar_initiatives
    from emulation.initiatives.models import Initiative

    originals = list(Initiative.objects.order_by("?")[:runs])
    similar_initiatives(originals[0].title)  # warm caches
    samples, first = [], 0
    for original in originals:
        query = reworded(rng, original.title)
        started = time.perf_counter()
        matches = similar_initiatives(query)
        samples.append((time.perf_counter() - started) * 1000)
        # Several loaded titles may be identical (random combinations): count a tie as found.
        first += bool(matches) and matches[0].score >= max(
            (m.score for m in matches if m.initiative.pk == original.pk), default=2)
    line("near-duplicate search", samples,
         f"original ranked first (or tied) in {first}/{len(originals)}")


def bench_list(board, runs: int) -> None:
    from django.test import Client

    client = Client()
    client.force_login(board)
    for label, url in [("list, page 1", "/emulation/initiatives/"),
                       ("list, page 50", "/emulation/initiatives/?page=50"),
                       ("list, search 'phan mem quan ly'",
                        "/emulation/initiatives/?q=phan+mem+quan+ly"),
                       ("list, scope=tinh & year=2024",
                        "/emulation/initiatives/?scope=tinh&year=2024")]:
        for _ in range(3):
            response = client.get(url, secure=True)  # production settings redirect to HTTPS
            if response.status_code != 200:
                raise SystemExit(f"GET {url} answered {response.status_code}: "
                                 f"{response.content[:300]!r}")
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url, secure=True)
            samples.append((time.perf_counter() - started) * 1000)
        line(label, samples)


def bench_claims(board, runs: int) -> None:
    from emulation.initiatives.domain.initiative_uses import claim_initiative
    from emulation.initiatives.models import Initiative

    targets = list(Initiative.objects.filter(state="recognised").order_by("?")[:runs])
    samples = []
    for n, initiative in enumerate(targets):
        started = time.perf_counter()
        claim_initiative(initiative, award_code="cstd_co_so", claim_ref=f"bench:{n}",
                         claim_label=f"Tờ trình {n}", actor=board)
        samples.append((time.perf_counter() - started) * 1000)
    line("claim_initiative", samples)


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        return run(args)
    finally:
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def run(args) -> int:
    from django.core.management import call_command

    from accounts.enums import Role
    from accounts.models import RoleAssignment
    from emulation.initiatives.models import InitiativeToken

    rng = random.Random(2025)
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", people=2000, reset=True, history=False, verbosity=0)
    started = time.perf_counter()
    load(args.initiatives, rng)
    print(f"== Initiative benchmark: {args.initiatives:,} initiatives loaded in "
          f"{time.perf_counter() - started:.1f} s ({InitiativeToken.objects.count():,} tokens), "
          f"{args.runs} runs each, SQLite")
    board = (RoleAssignment.objects.filter(role=Role.BOARD_STAFF, is_active=True)
             .select_related("user").order_by("pk").first().user)
    bench_similarity(rng, args.runs)
    bench_list(board, args.runs)
    bench_claims(board, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
