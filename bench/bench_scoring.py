"""Benchmark: scoring and ranking a cluster of many units against a large criteria set.

    python bench/bench_scoring.py [UNITS] [CRITERIA]    # default 1000 units × 50 criteria

1. The pure module (emulation.movements.domain.scoring): compute every unit's total, rank, classify.
2. Through the database: a scratch SQLite database (fresh TDKT_VAR_DIR, deleted at the end) with
   one cluster round, UNITS member units and one board score per unit × leaf criterion
   (bulk-inserted), then `cluster_rounds.results(round)` — the ranking page's computation.
BENCH_UNITS / BENCH_CRITERIA (environment) change the defaults.
"""

import os
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scratch import setup_django  # noqa: E402 — bench/ is run as scripts

GROUP = 10  # leaves per group


def tree(criteria: int):
    from emulation.movements.domain.scoring import Node

    nodes = []
    groups = max(1, criteria // GROUP)
    for g in range(groups):
        nodes.append(Node(f"{g + 1}", None, Decimal(GROUP * 10)))
        for leaf in range(GROUP):
            nodes.append(Node(f"{g + 1}.{leaf + 1}", f"{g + 1}", Decimal(10)))
    return nodes


def bench_pure(units: int, criteria: int) -> None:
    from emulation.movements.domain import scoring

    nodes = tree(criteria)
    leaves = [n.code for n in nodes if n.parent]
    rng = random.Random(1)
    raw = {u: {c: Decimal(rng.randint(0, 1000)) / 100 for c in leaves} for u in range(units)}
    started = time.perf_counter()
    totals = {u: scoring.compute(nodes, raw[u]).total for u in range(units)}
    computed = time.perf_counter()
    ranks = scoring.rank(totals)
    top = scoring.max_total(nodes)
    grades = {u: scoring.classify(totals[u] * 100 / top) for u in totals}
    done = time.perf_counter()
    print(f"pure: {units} units × {len(leaves)} criteria: compute {1000 * (computed - started):.1f}"
          f" ms, rank+classify {1000 * (done - computed):.1f} ms; best rank {min(ranks.values())},"
          f" graded {sum(1 for g in grades.values() if g)}")


def bench_db(units: int, criteria: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accounts.models import User
    from emulation.movements.domain import cluster_rounds
    from emulation.movements.domain import criteria as criteria_domain
    from emulation.movements.enums import RoundState
    from emulation.movements.models import ClusterRound, CriteriaSet, Criterion, Score
    from organisations.domain.tree import rebuild_tree_index
    from organisations.models import Cluster, ClusterMembership, Unit

    actor = User.objects.create(username="bench", is_superuser=True)
    root = Unit.objects.create(code="ROOT", name="Tỉnh", level="province", kind="peoples_committee",
                               valid_from="2010-01-01")
    Unit.objects.bulk_create(Unit(code=f"B{i:05d}", name=f"Đơn vị {i}", parent=root,
                                  level="grassroots", kind="agency", valid_from="2010-01-01")
                             for i in range(units))
    rebuild_tree_index()
    cluster = Cluster.objects.create(code="BENCH", name="Cụm bench", kind="cluster",
                                     managing_unit=root)
    ClusterMembership.objects.bulk_create(
        ClusterMembership(cluster=cluster, year=2025, unit=u)
        for u in Unit.objects.exclude(pk=root.pk))
    cset = CriteriaSet.objects.create(name="Bench", year=2025)
    by_code = {}
    for position, node in enumerate(tree(criteria)):
        by_code[node.code] = Criterion.objects.create(
            criteria_set=cset, parent=by_code.get(node.parent), code=node.code, name=node.code,
            max_points=node.max_points, position=position)
    cluster_round = cluster_rounds.open_round(actor=actor, cluster=cluster, year=2025,
                                              criteria_set=cset)
    ClusterRound.objects.filter(pk=cluster_round.pk).update(state=RoundState.SCORING)
    leaves = criteria_domain.leaves(cset.criteria.all())
    rng = random.Random(2)
    started = time.perf_counter()
    Score.objects.bulk_create(
        (Score(round=cluster_round, unit_id=uid, criterion=c, kind="board",
               points=Decimal(rng.randint(0, 1000)) / 100)
         for uid in Unit.objects.exclude(pk=root.pk).values_list("pk", flat=True)
         for c in leaves), batch_size=5000)
    inserted = time.perf_counter()
    rows = cluster_rounds.results(cluster_round)
    done = time.perf_counter()
    print(f"db: {Score.objects.count()} score rows bulk-inserted in {inserted - started:.1f} s; "
          f"results() for {len(rows)} units in {1000 * (done - inserted):.0f} ms "
          f"(top total {rows[0].total}, rank {rows[0].rank})")


def main() -> int:
    units = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("BENCH_UNITS", 1000))
    criteria = (int(sys.argv[2]) if len(sys.argv) > 2
                else int(os.environ.get("BENCH_CRITERIA", 50)))
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        bench_pure(units, criteria)
        bench_db(units, criteria)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
