"""Benchmark: rendering documents in bulk.

    python bench/bench_documents.py [PEOPLE] [CERTIFICATES]   # defaults 1000 and 1000

Renders, in this order and in one process:

    decision DOCX   a Chairman's Bằng khen decision with an annex of PEOPLE individuals (names,
                    positions, units, a money column) and 20 collectives
    decision PDF    the same decision as PDF (WeasyPrint, vendored fonts)
    certificates    CERTIFICATES certificates (A4 landscape, QR code each) as one PDF

and prints wall seconds, CPU seconds (this process and its finished children: a renderer that
uses worker processes is charged for them; on a shared, loaded machine CPU time is the steadier
figure, and "on idle CPUs" is this process's CPU time plus its workers' divided among the CPUs:
the least wall time the render could take with the machine to itself), output size and the
process's peak RSS after each step (the peak is cumulative: later lines include the earlier
steps). The load average is printed before and after. No database is
touched; Django is set up only for its template engine. BENCH_PEOPLE and BENCH_CERTIFICATES
(environment) change the sizes.
"""

import argparse
import os
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
    parser.add_argument("certificates", nargs="?", type=int,
                        default=int(os.environ.get("BENCH_CERTIFICATES", 1000)))
    return parser.parse_args()


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process, and of its children that have ended (os.times counts a child
    once it is waited for: a process pool must be shut down inside the measured call)."""
    t = os.times()
    return t.user + t.system, t.children_user + t.children_system


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(label: str, render) -> bytes:
    started, (own_started, workers_started) = time.perf_counter(), cpu_seconds()
    data = render()
    seconds, (own, workers) = time.perf_counter() - started, cpu_seconds()
    own, workers = own - own_started, workers - workers_started
    # On a loaded machine wall time says little; with the CPUs to itself a render would take
    # at least its own CPU time plus its workers' spread evenly over the CPUs.
    idle = own + workers / os.cpu_count()
    print(f"{label:<34} {seconds:7.2f} s wall {own + workers:7.2f} s CPU ({own:.2f} here, "
          f"{workers:.2f} workers; >= {idle:.2f} s on idle CPUs) {len(data) / 1024:6.0f} KiB "
          f"peak RSS {max_rss_mb():6.0f} MB", flush=True)
    return data


def run(args: argparse.Namespace) -> int:
    # Imported here: the renderers' templates need django.setup() (done in main) first.
    from documents.interfaces import certificates_pdf, document_docx, document_pdf
    from tests.documents import examples

    decision = examples.award_decision(people=args.people, collectives=20)
    certs = [examples.certificate(i) for i in range(1, args.certificates + 1)]
    print(f"CPUs {os.cpu_count()}, load average {load_average()}; "
          f"peak RSS before rendering: {max_rss_mb():.0f} MB")
    measure(f"decision DOCX ({args.people} people)", lambda: document_docx(decision))
    measure(f"decision PDF ({args.people} people)", lambda: document_pdf(decision))
    pdf = measure(f"certificates PDF ({args.certificates})", lambda: certificates_pdf(certs))
    print(f"  per certificate: {len(pdf) / max(len(certs), 1) / 1024:.1f} KiB")
    print(f"load average after: {load_average()}")
    return 0


def main() -> int:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        setup_django(var_dir)
        return run(args)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
