"""Fuzz the REST API with schemathesis against its own OpenAPI document (`make fuzz`).

    python bench/fuzz_api.py [--quick] [--seed N] [--max-examples N] [--max-time S]

Builds the demo province in a scratch SQLite database under var/ (DATABASE_URL is ignored, so no
real database is touched), gives the board-staff persona a personal-access token, serves the
site with gunicorn on a free loopback port (deploy/gunicorn.conf.py, DEBUG off) and runs
schemathesis against /api/v1/openapi.json twice: with the token, then without any credentials.

The checks: no 5xx; every status code, content type, header and body is the one the document
declares; requests that break the schema are refused; an endpoint that needs credentials refuses
a request without them. Path parameters are drawn, more often than not, from the objects that
exist (so a transition reaches its domain function), otherwise generated.

--quick is the bounded mode `.ci/run` uses (a few examples per operation, fixed seed, no
stateful phase: about four minutes, seeding included). Without it, `make fuzz` runs every
phase with many more examples (about 25 minutes). Exits non-zero when schemathesis reports a
failure in either pass.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from serve import PYTHON, gunicorn, print_errors_from, site_env  # noqa: E402 — bench/ scripts

CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance", "negative_data_rejection",
    "ignored_auth", "unsupported_method",
])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="bounded mode for CI: few examples, no stateful phase")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", 2025)),
                        help="random seed of the data and of schemathesis (default 2025)")
    parser.add_argument("--max-examples", type=int, default=None,
                        help="test cases per operation (default 8 with --quick, 150 without)")
    parser.add_argument("--max-time", type=int, default=None,
                        help="time budget of each pass in seconds (schemathesis --max-time)")
    parser.add_argument("--people", type=int, default=300, help="people in the demo province")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    return parser.parse_args()


def prepare(people: int, seed: int) -> tuple[str, dict[str, list[str]]]:
    """Migrate and seed the scratch database; return the board persona's token and the ids
    of existing objects, by kind."""
    import django
    from django.core.management import call_command

    django.setup()
    from accounts.domain.tokens import create_token
    from accounts.enums import Role
    from accounts.models import RoleAssignment
    from decisions.models import Certificate, Decision
    from emulation.initiatives.models import Initiative
    from organisations.models import Person, Unit
    from proposals.models import Nominee, Proposal

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", people=people, reset=True, seed=seed, verbosity=0)
    print(f"scratch database migrated and seeded in {time.perf_counter() - started:.0f} s")
    board = (RoleAssignment.objects.filter(role=Role.BOARD_STAFF, is_active=True)
             .select_related("user").order_by("pk").first().user)
    _token, raw = create_token(board, name="fuzz")

    def ids(qs, field="public_id", limit=50):
        return [str(v) for v in qs.order_by("pk").values_list(field, flat=True)[:limit]]

    known = {
        "unit": ids(Unit.objects, "code", 200),
        "person": ids(Person.objects),
        "initiative": ids(Initiative.objects),
        "proposal": ids(Proposal.objects),
        "nominee": ids(Nominee.objects),
        "decision": ids(Decision.objects),
        "certificate": ids(Certificate.objects, "code"),
    }
    print(f"token for {board.username!r}; known objects: "
          + ", ".join(f"{len(v)} {k}" for k, v in known.items()))
    from django.db import connections

    connections.close_all()
    return raw, known


# Which operations take which kind of existing object in their path (the rest are generated).
PATH_OBJECTS = [
    ("^/api/v1/units/\\{code\\}$", "path.code", "unit"),
    ("^/api/v1/people/\\{public_id\\}$", "path.public_id", "person"),
    ("^/api/v1/initiatives/\\{public_id\\}$", "path.public_id", "initiative"),
    ("^/api/v1/proposals/\\{public_id\\}", "path.public_id", "proposal"),
    ("^/api/v1/nominees/\\{public_id\\}", "path.public_id", "nominee"),
    ("^/api/v1/decisions/\\{public_id\\}", "path.public_id", "decision"),
    ("^/api/v1/certificates/\\{code\\}$", "path.code", "certificate"),
]


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def write_config(path: Path, known: dict[str, list[str]]) -> None:
    """schemathesis.toml: dictionaries of existing objects, drawn 70% of the time."""
    lines = ["[generation]", 'database = "none"', ""]
    for kind, values in known.items():
        if values:
            lines += [f"[dictionaries.{kind}]", f"values = {toml_list(values)}", ""]
    for regex, parameter, kind in PATH_OBJECTS:
        if known.get(kind):
            lines += ["[[operations]]", f"include-path-regex = '{regex}'",
                      f'parameters = {{ "{parameter}" = {{ dictionary = "{kind}", '
                      "probability = 0.7 } }", ""]
    if known.get("unit"):
        lines += ["[parameters]",
                  '"query.unit" = { dictionary = "unit", probability = 0.5 }', ""]
    path.write_text("\n".join(lines))


def schemathesis(url: str, config: Path, args, *, token: str | None, label: str,
                 work_dir: Path) -> int:
    examples = args.max_examples or (8 if args.quick else 150)
    phases = "examples,coverage,fuzzing" if args.quick else "examples,coverage,fuzzing,stateful"
    command = [str(Path(PYTHON).parent / "schemathesis"), "--config-file", str(config), "run",
               url, "--checks", CHECKS, "--phases", phases, "--max-examples", str(examples),
               "--seed", str(args.seed), "--request-timeout", "60", "--warnings", "off",
               # One worker: Python 3.11's ast.parse is not thread-safe ("AST constructor
               # recursion depth mismatch" inside hypothesis), and the order stays reproducible.
               "--workers", "1"]
    if args.quick:
        command.append("--no-shrink")  # CI wants the verdict; a developer reruns to shrink
    if args.max_time:
        command += ["--max-time", str(args.max_time)]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    print(f"\n==== schemathesis: {label} ({examples} examples per operation, "
          f"phases {phases}, seed {args.seed}) ====", flush=True)
    return subprocess.run(command, cwd=work_dir).returncode


def main() -> int:
    args = parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="fuzz-", dir=ROOT / "var"))
    # Throttling stays on but out of reach: a 429 would only hide what the fuzzer looks for.
    env = site_env(var_dir, TDKT_API_RATE_ANON="1000000/m", TDKT_API_RATE_USER="1000000/m")
    env.pop("DATABASE_URL", None)
    os.environ.clear()
    os.environ.update(env)
    log = var_dir / "gunicorn.log"
    try:
        token, known = prepare(args.people, args.seed)
        config = var_dir / "schemathesis.toml"
        write_config(config, known)
        # No request-line limit: a 4 KB query string is answered by gunicorn itself (an HTML
        # 414, as nginx would), which says nothing about the API the fuzzer is checking.
        with gunicorn(env, workers=2, log=log, options=("--limit-request-line", "0")) as port:
            url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
            codes = {
                "with the board persona's token": schemathesis(
                    url, config, args, token=token, label="board persona's token",
                    work_dir=var_dir),
                "without credentials": schemathesis(
                    url, config, args, token=None, label="no credentials", work_dir=var_dir),
            }
        print("\n==== fuzz summary ====")
        for label, code in codes.items():
            print(f"{label:<32} {'passed' if code == 0 else f'FAILED (exit code {code})'}")
        if any(codes.values()):
            print_errors_from(log)
            return 1
        return 0
    finally:
        if args.keep:
            print(f"scratch directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
