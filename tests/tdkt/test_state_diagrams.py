"""docs/architecture.md shows each state machine as a Mermaid diagram generated from its table
(core/state.py `mermaid`), and the docs match the tables. After changing a table, rewrite the
block with:

    .venv/bin/python manage.py shell -c "from tests.tdkt.test_state_diagrams import write; write()"
"""

from pathlib import Path

from core.state import mermaid
from tests.audit.action_codes import _machine_declarations

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"
BEGIN = "<!-- state diagrams: generated from the tables, see tests/tdkt/test_state_diagrams.py -->"
END = "<!-- end of state diagrams -->"


def render() -> str:
    """One subsection per machine, in the order of their names."""
    machines = sorted(_machine_declarations().values(), key=lambda m: m.name)
    parts = [BEGIN]
    for machine in machines:
        parts += [f"#### `{machine.name}` ({machine.model.__name__}.{machine.field})", "",
                  "```mermaid", mermaid(machine), "```", ""]
    return "\n".join(parts + [END])


def _current() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text[text.index(BEGIN):text.index(END) + len(END)]


def write() -> None:
    text = DOC.read_text(encoding="utf-8")
    DOC.write_text(text.replace(_current(), render()), encoding="utf-8")


def test_the_docs_show_every_machine_as_its_table_draws_it():
    assert _current() == render()
