"""The fixed wording of minutes and achievement reports, shared by the DOCX and PDF
renderers so both say exactly the same thing."""

from documents.domain.model import (
    COLLECTIVE,
    INDIVIDUAL,
    AchievementReport,
    AnnexTable,
    AwardHistoryRow,
    Minutes,
    format_time,
)


def minutes_preamble(m: Minutes) -> list[str]:
    """Mẫu 1.9: time, place, attendees, chair, secretary, then the content heading."""
    out = [f"Thời gian bắt đầu: {format_time(m.started_at)}.",
           f"Địa điểm: {m.place}.",
           "Thành phần tham dự:"]
    out += [f"- {name};" for name in m.attendees]
    if m.absent:
        out.append("Vắng mặt:")
        out += [f"- {name};" for name in m.absent]
    out += [f"Chủ trì (chủ tọa): {m.chair}.",
            f"Thư ký (người ghi biên bản): {m.secretary}.",
            "Nội dung (theo diễn biến cuộc họp):"]
    return out


def minutes_closing(m: Minutes) -> str:
    return f"Cuộc họp kết thúc vào {format_time(m.ended_at)}./."


HISTORY_COLUMNS = ("Năm", "Danh hiệu thi đua",
                   "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; "
                   "cơ quan ban hành quyết định")
FORM_COLUMNS = ("Năm", "Hình thức khen thưởng",
                "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định")
HISTORY_WIDTHS = (0.8, 2.6, 4.0)


def report_title_lines(r: AchievementReport) -> tuple[str, ...]:
    verb = "ĐỀ NGHỊ TRUY TẶNG" if r.posthumous else "ĐỀ NGHỊ TẶNG"
    out = ("BÁO CÁO THÀNH TÍCH", f"{verb} {r.proposed_award}")
    return out + ((r.subject_name,) if r.subject_kind == COLLECTIVE else ())


def report_sections(r: AchievementReport) -> list[tuple[str, list]]:
    """(heading, items) where items are str paragraphs, ("sub", text) sub-headings or
    AnnexTables. Individual headings [P] follow Hà Nội QĐ 71/2025 Mẫu 01; collective headings
    are [U] (document-format.md §3)."""
    titles = AnnexTable("", HISTORY_COLUMNS, _history_rows(r.titles), widths=HISTORY_WIDTHS,
                        align=("center", "left", "left"))
    forms = AnnexTable("", FORM_COLUMNS, _history_rows(r.forms), widths=HISTORY_WIDTHS,
                       align=("center", "left", "left"))
    awards = ("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
              [("sub", "1. Danh hiệu thi đua:"), titles,
               ("sub", "2. Hình thức khen thưởng:"), forms])
    if r.subject_kind == INDIVIDUAL:
        profile = [f"- {label}: {value}" for label, value in r.profile]
        return [("I. SƠ LƯỢC LÝ LỊCH", profile),
                ("II. THÀNH TÍCH ĐẠT ĐƯỢC",
                 [("sub", "1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:"), *r.duties,
                  ("sub", "2. Thành tích đạt được của cá nhân:"), *r.achievements]),
                awards]
    return [("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH",
             [("sub", "1. Đặc điểm, tình hình:"), *r.situation,
              ("sub", "2. Chức năng, nhiệm vụ:"), *r.functions]),
            ("II. THÀNH TÍCH ĐẠT ĐƯỢC",
             [("sub", "1. Kết quả thực hiện nhiệm vụ được giao:"), *r.achievements,
              ("sub", "2. Các biện pháp, giải pháp, phong trào thi đua đã thực hiện:"),
              *r.measures,
              ("sub", "3. Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà "
                      "nước; công tác xây dựng Đảng và đoàn thể:"), *r.policy]),
            awards]


Signer = tuple[tuple[str, ...], str, str]  # heading lines, name, note


def report_signers(r: AchievementReport) -> tuple[Signer | None, Signer]:
    """(left, right) signers; the superior's confirmation comes below both."""
    head = ("THỦ TRƯỞNG ĐƠN VỊ",)
    if r.subject_kind == INDIVIDUAL:
        return ((head + ("XÁC NHẬN, ĐỀ NGHỊ",), r.head_name, "(Ký, đóng dấu)"),
                (("NGƯỜI BÁO CÁO THÀNH TÍCH",), r.reporter_name, "(Ký, ghi rõ họ và tên)"))
    return None, (head, r.head_name, "(Ký, đóng dấu)")


CONFIRMATION = ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)")


def _history_rows(rows: tuple[AwardHistoryRow, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((row.year, row.name, row.decision) for row in rows)
