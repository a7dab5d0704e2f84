"""Run every bench/bench_*.py in turn (`make bench`), each in its own process with this Python.

    python bench/run_all.py [NAME ...]    # only the scripts whose name contains NAME

Each script's output is printed as it comes. Exits non-zero when any script fails.
Scripts read their sizes from the environment too (e.g. BENCH_PEOPLE=3000 for a quick run).
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


def main(filters: list[str]) -> int:
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if filters:
        scripts = [s for s in scripts if any(f in s.name for f in filters)]
    if not scripts:
        print(f"no benchmark script matches in {BENCH_DIR}", file=sys.stderr)
        return 1

    outcomes = []
    for script in scripts:
        print(f"\n########## {script.name} ##########", flush=True)
        started = time.perf_counter()
        code = subprocess.run([sys.executable, str(script)], cwd=ROOT).returncode
        outcomes.append((script.name, code, time.perf_counter() - started))

    print("\n########## summary ##########")
    for name, code, seconds in outcomes:
        status = "ok" if code == 0 else f"FAILED (exit code {code})"
        print(f"{name:<40} {status:<24} {seconds:8.1f} s")
    return 0 if all(code == 0 for _name, code, _s in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
