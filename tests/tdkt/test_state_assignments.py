"""Nothing but core/state.py assigns a state machine's field (issue 15.2, STYLE rule 4).

The source is read as syntax (AST), not run: an assignment `x.state = …` / `x.status = …`
(plain, tuple or augmented), `setattr(x, "state", …)` and `….update(state=…)` outside
core/state.py fail the test. Creating a row in its first state (`create(state=…)`) is not a
state change and is allowed."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIELDS = frozenset({"state", "status"})
SKIPPED_DIRS = frozenset({"tests", "migrations", ".venv", "node_modules", "bench", "deploy",
                          "docs", "locale", "static", "templates"})
# Machines not yet converted (issue 15.2): each entry would be a module that still assigns its
# machine's field directly. Every machine is converted: the set must stay empty.
NOT_YET_CONVERTED: frozenset[str] = frozenset()
# Modules whose `status` is not a stored state: the scan's hits there are no state change.
NOT_A_MACHINE = frozenset({
    "decisions/domain/vc_verify.py",  # Verdict.status: a verification's answer, in memory
})


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        name = str(path.relative_to(ROOT))
        if not parts & SKIPPED_DIRS and path != ROOT / "core" / "state.py" and (
                name not in NOT_A_MACHINE):
            yield path


def _targets(node):
    if isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _targets(element)
    else:
        yield node


def state_assignments(tree: ast.AST) -> list[int]:
    """Line numbers where `tree` assigns a state field."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            lines += [node.lineno for target in targets for t in _targets(target)
                      if isinstance(t, ast.Attribute) and t.attr in FIELDS]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "update" and any(k.arg in FIELDS for k in node.keywords):
                lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "setattr" and len(node.args) > 1
              and isinstance(node.args[1], ast.Constant) and node.args[1].value in FIELDS):
            lines.append(node.lineno)
    return sorted(lines)


def _found() -> dict[str, list[int]]:
    found = {}
    for path in _modules():
        lines = state_assignments(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    return found


def test_no_module_but_core_state_assigns_a_state_field():
    found = _found()
    assert {k: v for k, v in found.items() if k not in NOT_YET_CONVERTED} == {}


def test_the_not_yet_converted_list_names_only_modules_that_still_assign():
    assert sorted(NOT_YET_CONVERTED - set(_found())) == []


def test_the_scan_finds_each_form_of_assignment():
    source = ("a.state = 1\nb.status, c = 2, 3\nd.state += 1\nsetattr(e, 'state', 4)\n"
              "Q.objects.filter(x=1).update(status=5)\nx.__dict__.update(state=6)\n"
              "Q.objects.create(state=7)\nf.states = 8\n")
    assert state_assignments(ast.parse(source)) == [1, 2, 3, 4, 5, 6]


def test_the_not_a_machine_list_names_only_modules_the_scan_would_flag():
    flagged = {name for name in NOT_A_MACHINE
               if state_assignments(ast.parse((ROOT / name).read_text(encoding="utf-8")))}
    assert flagged == NOT_A_MACHINE
