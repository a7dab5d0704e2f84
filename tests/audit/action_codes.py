"""Every audit action code the code base can write, read from the source.

Each call of `audit.domain.record.record(actor, action, ...)` is found with `ast`, and its
`action` argument is resolved statically: a string literal; an f-string whose placeholders are
parameters of the enclosing function (resolved through every call of that function in the same
module, recursively); a parameter passed down from callers; a module-level dict of codes
subscripted (`ACTIONS[new]`). What cannot be resolved this way is returned as a pattern with `{}`
for each unresolved placeholder, so a test can expand the few known ones and fail on a new one.

Also reads the keys of a literal `changes={...}` dict at each call site, so the test can write
entries shaped like the real ones (a key named `items` was what broke the log page).

State changes write their audit through `core.state` (issue 15.2): each audited machine's
steps are read from its table (`Machine.action`), with the machine's state field plus the keys
of any literal `changes={...}` passed to `transition(…, MACHINE, "step", …)`.
"""

import ast
import importlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "bench", "migrations", ".venv", "node_modules", "deploy", "docs"}


@dataclass
class CallSite:
    where: str  # "path:line"
    codes: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)  # unresolved: "proposals.proposal.{}"
    change_keys: tuple[str, ...] = ()


def _source_files():
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if not parts & SKIPPED_DIRS:
            yield path


# core writes through core.trail (it imports no app), which forwards to audit.domain.record.
RECORD_MODULES = ("audit.domain.record", "core.trail")


def _imports_record(tree: ast.Module) -> bool:
    return any(isinstance(node, ast.ImportFrom) and node.module in RECORD_MODULES
               and any(alias.name == "record" for alias in node.names)
               for node in ast.walk(tree))


class _Module:
    def __init__(self, tree: ast.Module):
        self.tree = tree
        self.functions = {n.name: n for n in ast.walk(tree)
                          if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.dicts = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign)
                      for t in n.targets if isinstance(t, ast.Name)
                      and isinstance(n.value, ast.Dict)}
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent

    def enclosing_function(self, node):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def calls_of(self, name: str):
        return [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)
                and isinstance(n.func, ast.Name) and n.func.id == name]

    def resolve(self, expr, function, depth=0) -> tuple[set[str], set[str]]:
        """(codes, unresolved patterns) that `expr`, evaluated inside `function`, can hold."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}, set()
        if isinstance(expr, ast.JoinedStr):
            return self._resolve_fstring(expr, function, depth)
        if isinstance(expr, ast.Name) and function is not None and depth < 6:
            params = [a.arg for a in function.args.posonlyargs + function.args.args]
            keyword_only = [a.arg for a in function.args.kwonlyargs]
            if expr.id in params or expr.id in keyword_only:
                return self._resolve_parameter(function, expr.id, params, depth)
        if (isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name)
                and expr.value.id in self.dicts):
            values = self.dicts[expr.value.id].values
            if all(isinstance(v, ast.Constant) for v in values):
                return {v.value for v in values}, set()
        return set(), {"{}"}

    def _resolve_fstring(self, expr, function, depth):
        texts = {""}  # every text the f-string can make; "{}" marks an unresolved placeholder
        for part in expr.values:
            if isinstance(part, ast.Constant):
                pieces = {part.value}
            else:
                codes, unresolved = self.resolve(part.value, function, depth + 1)
                pieces = codes | ({"{}"} if unresolved else set())
            texts = {t + p for t in texts for p in pieces}
        return {t for t in texts if "{}" not in t}, {t for t in texts if "{}" in t}

    def _resolve_parameter(self, function, name, params, depth):
        codes, patterns = set(), set()
        index = params.index(name) if name in params else None
        for call in self.calls_of(function.name):
            argument = next((k.value for k in call.keywords if k.arg == name), None)
            if argument is None and index is not None and index < len(call.args):
                argument = call.args[index]
            if argument is None:
                continue
            found, unresolved = self.resolve(argument, self.enclosing_function(call), depth + 1)
            codes |= found
            patterns |= unresolved
        # Called only from other modules (or not at all): what it receives is not known here.
        return (codes, patterns) if codes or patterns else (set(), {"{}"})


def _change_keys(call: ast.Call) -> tuple[str, ...]:
    changes = next((k.value for k in call.keywords if k.arg == "changes"), None)
    if isinstance(changes, ast.Dict):
        return tuple(k.value for k in changes.keys
                     if isinstance(k, ast.Constant) and isinstance(k.value, str))
    return ()


def record_call_sites() -> list[CallSite]:
    sites = []
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if not _imports_record(tree):
            continue
        module = _Module(tree)
        for call in module.calls_of("record"):
            action = call.args[1] if len(call.args) > 1 else next(
                (k.value for k in call.keywords if k.arg == "action"), None)
            codes, patterns = module.resolve(action, module.enclosing_function(call))
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            sites.append(CallSite(where, codes, patterns, _change_keys(call)))
    return sites


def _machine_declarations() -> dict[str, object]:
    """{variable name: Machine} of every `NAME = state.Machine(...)` in the source."""
    found = {}
    for path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                    and isinstance(node.value.func, ast.Attribute)
                    and node.value.func.attr == "Machine"):
                module = importlib.import_module(
                    ".".join(path.relative_to(ROOT).with_suffix("").parts))
                for target in node.targets:
                    found[target.id] = getattr(module, target.id)
    return found


def transition_call_sites() -> list[CallSite]:
    """One site per step of every audited machine, with the `changes` keys its callers add."""
    machines = _machine_declarations()
    extra: dict[tuple[str, str], set[str]] = {}
    for path in _source_files():
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(getattr(call, "func", None), "attr", None) or getattr(
                getattr(call, "func", None), "id", None)
            if (isinstance(call, ast.Call) and name == "transition" and len(call.args) > 2
                    and isinstance(call.args[1], ast.Name)
                    and isinstance(call.args[2], ast.Constant)):
                extra.setdefault((call.args[1].id, call.args[2].value), set()).update(
                    _change_keys(call))
    sites = []
    for variable, machine in machines.items():
        if not machine.audited:
            continue
        for t in machine.transitions:
            keys = {machine.field} | extra.get((variable, t.name), set())
            sites.append(CallSite(f"{variable}.{t.name}", {machine.action(t)}, set(),
                                  tuple(sorted(keys))))
    return sites
