"""`python manage.py eligibility check CASES.json [--lang en]` — the stable command-line contract
of ../shared/domain/eligibility-interface.md: one result per case in input order; a malformed case
gets {"id", "error"} and the exit status is 2, the other cases are still evaluated."""

import json
import sys

from django.core.management.base import BaseCommand
from django.utils import translation

from awards.eligibility.engine import evaluate
from awards.eligibility.json_io import CaseError, parse_case


class Command(BaseCommand):
    help = "Evaluate eligibility cases given as JSON (see eligibility-interface.md)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Evaluate every case of a JSON file.")
        check.add_argument("path", help="CASES.json ('-' for standard input)")
        check.add_argument("--lang", default="vi", choices=["vi", "en"])

    def handle(self, *args, action, path, lang, **options):
        with translation.override(lang):
            results, failed = self.evaluate_file(path)
        self.stdout.write(json.dumps({"results": results}, ensure_ascii=False, indent=2))
        if failed:
            sys.exit(2)

    def evaluate_file(self, path: str) -> tuple[list[dict], bool]:
        try:
            if path == "-":
                raw = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    raw = handle.read()
            cases = json.loads(raw)["cases"]
            if not isinstance(cases, list):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError) as exc:
            detail = str(exc) or 'expected {"cases": [...]}'
            return [{"id": None, "error": f"{path}: {detail}"}], True
        results, failed = [], False
        for data in cases:
            try:
                results.append(evaluate(parse_case(data)).as_dict())
            except CaseError as error:
                failed = True
                results.append({"id": str(data.get("id")) if isinstance(data, dict) else None,
                                "error": str(error)})
        return results, failed
