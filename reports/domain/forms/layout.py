"""The text around a form's table, shared by the .xlsx and .docx renderers and the preview.

Statutory forms carry the circular's header (statistical-forms.md, "Header" and "Footer");
the province's own summaries carry the Decree 30/2020 header (document-format.md §1.2: issuing
unit on the left, Quốc hiệu and Tiêu ngữ on the right)."""

from dataclasses import dataclass

from reports.domain.forms.table import FormTable

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
# 0601 and 0602 print this deadline; for 0603–0605 it is assumed (UNVERIFIED in the reference).
RECEIPT = "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    italic: bool = False


def header(table: FormTable) -> tuple[list[Line], list[Line]]:
    """(left column, right column) of the header block."""
    if table.number:
        left = [Line(f"Biểu số: {table.number}", bold=True), Line(CIRCULAR, italic=True),
                Line(RECEIPT, italic=True)]
        right = [Line(f"Đơn vị báo cáo: {table.unit_name}"),
                 Line(f"Đơn vị nhận báo cáo: {table.receiving_unit}")]
        return left, right
    return ([Line(table.unit_name.upper(), bold=True)],
            [Line(NATIONAL_NAME, bold=True), Line(MOTTO, bold=True)])


def titles(table: FormTable) -> list[Line]:
    lines = [Line(table.title.upper(), bold=True), Line(table.period.label, italic=True)]
    return lines


def footer() -> tuple[list[Line], list[Line]]:
    """Left: the compiler; right: place/date and the head of the unit (signature, seal)."""
    return ([Line("Người lập biểu", bold=True), Line("(Ký, họ tên)", italic=True)],
            [Line("…, ngày … tháng … năm …", italic=True), Line("THỦ TRƯỞNG ĐƠN VỊ", bold=True),
             Line("(Ký, họ tên, đóng dấu)", italic=True)])
