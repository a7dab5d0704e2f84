"""The shape every report form takes: a period, a scope, a header tree (merged cells), and rows
of integer cells. Renderers (HTML, .xlsx, .docx, JSON) only read this; forms only build it."""

import datetime
from dataclasses import dataclass, field

from organisations.models import Unit

# Circular 02/2023/TT-BNV: the emulation & commendation year runs from 1 December of the
# previous year to 30 November of the reporting year (statistical-forms.md, "Common rules").
PERIOD_START = (12, 1)
PERIOD_END = (11, 30)


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @classmethod
    def reporting_years(cls, year_from: int, year_to: int) -> "Period":
        """TĐKT years `year_from`..`year_to`: 1/12/(year_from − 1) to 30/11/year_to."""
        return cls(datetime.date(year_from - 1, *PERIOD_START), datetime.date(year_to, *PERIOD_END))

    @property
    def years(self) -> tuple[int, int]:
        return self.start.year + 1, self.end.year

    @property
    def label(self) -> str:
        first, last = self.years
        return f"Năm {last}" if first == last else f"Từ năm {first} đến năm {last}"


@dataclass(frozen=True)
class FormScope:
    """Whose figures: `root` and every unit below it (the closure table), in `period`."""

    root: Unit
    period: Period


@dataclass
class Col:
    """A header node. Leaves (no children) are data columns keyed by `key`; `code` is the
    column-code row label ("1", "2", "1=(2+3+4)"), spanning every leaf under the node."""

    text: str
    key: str = ""
    code: str = ""
    children: list["Col"] = field(default_factory=list)

    @property
    def leaves(self) -> list["Col"]:
        return [self] if not self.children else [x for c in self.children for x in c.leaves]

    @property
    def depth(self) -> int:
        return 1 + max((c.depth for c in self.children), default=0)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Row:
    code: str
    label: str
    values: list[int | None] = field(default_factory=list)
    unit: str = ""
    bold: bool = False
    heading: bool = False


@dataclass
class FormTable:
    code: str                 # registry key: "0602", "by_unit"…
    number: str               # "0602.N/BNV-TĐKT"; "" for forms the circular does not set
    title: str
    period: Period
    unit_name: str
    receiving_unit: str
    lead: list[Col]           # label, code, unit columns (left of the data)
    columns: list[Col]        # the data header tree
    rows: list[Row]
    measure: str = ""         # "Đơn vị tính: …" when one unit covers the whole form
    notes: list[str] = field(default_factory=list)

    @property
    def leaves(self) -> list[Col]:
        return [x for c in self.columns for x in c.leaves]

    @property
    def depth(self) -> int:
        return max(c.depth for c in [*self.lead, *self.columns])

    @property
    def width(self) -> int:
        return len(self.lead) + len(self.leaves)

    def header_cells(self) -> list[HeaderCell]:
        """Grid cells of the header (0-based row/col), leaves stretched down to the last
        header row, groups across their leaves."""
        cells: list[HeaderCell] = []
        depth = self.depth

        def walk(node: Col, row: int, col: int) -> int:
            span = len(node.leaves)
            rowspan = depth - row if not node.children else 1
            cells.append(HeaderCell(node.text, row, col, rowspan, span))
            for child in node.children:
                col = walk(child, row + 1, col)
            return col if node.children else col + 1

        col = 0
        for node in [*self.lead, *self.columns]:
            col = walk(node, 0, col)
        return cells

    def header_rows(self) -> list[list[HeaderCell]]:
        """The header cells row by row, left to right (an HTML table's <tr>s)."""
        rows: list[list[HeaderCell]] = [[] for _ in range(self.depth)]
        for cell in sorted(self.header_cells(), key=lambda c: (c.row, c.col)):
            rows[cell.row].append(cell)
        return rows

    def code_cells(self) -> list[HeaderCell]:
        """The column-code row (A, B, C, 1, 2…): one cell per coded node, over its leaves."""
        cells: list[HeaderCell] = []

        def walk(node: Col, col: int) -> int:
            if node.code or not node.children:
                cells.append(HeaderCell(node.code, 0, col, 1, len(node.leaves)))
                return col + len(node.leaves)
            for child in node.children:
                col = walk(child, col)
            return col

        col = 0
        for node in [*self.lead, *self.columns]:
            col = walk(node, col)
        return cells

    def lead_values(self, row: Row) -> list[str]:
        values = {"label": row.label, "code": row.code, "unit": row.unit}
        return [values[c.key] for c in self.lead]

    def body(self) -> list[tuple[Row, list[str]]]:
        """Each row with its lead cells (label, code, unit), for templates."""
        return [(row, self.lead_values(row)) for row in self.rows]

    def value(self, row_code: str, key: str) -> int | None:
        """One cell by row code and leaf key (tests and the API read cells this way)."""
        keys = [leaf.key for leaf in self.leaves]
        row = next(r for r in self.rows if r.code == row_code)
        return row.values[keys.index(key)]


def cells(rows_spec, compute, keys: list[str]) -> list[Row]:
    """Rows from a spec of (code, label, unit, is_heading) and `compute(code) -> {key: n}`;
    keys missing from the dict are cells that cannot apply (left empty)."""
    out = []
    for code, label, unit, heading in rows_spec:
        if heading:
            out.append(Row("", label, [None] * len(keys), bold=True, heading=True))
            continue
        found = compute(code)
        out.append(Row(code, label, [found.get(k) for k in keys], unit=unit,
                       bold=code == "01"))
    return out


def lead_columns(with_unit: bool = True) -> list[Col]:
    """The circular's lead columns: A (label), B "Mã số", C "Đơn vị tính" where the units differ
    by row."""
    lead = [Col("", key="label", code="A"), Col("Mã số", key="code", code="B")]
    return [*lead, Col("Đơn vị tính", key="unit", code="C")] if with_unit else lead


def receiving_unit(scope: FormScope) -> str:
    """The unit the report goes to: the reporting unit's managing unit, else the Ministry of
    Home Affairs (statistical-forms.md: receiving body UNVERIFIED; the reference implementation
    prints the managing unit)."""
    parent = scope.root.parent
    return parent.name if parent else "Bộ Nội vụ (Ban Thi đua - Khen thưởng Trung ương)"
