"""DOCX output read back with python-docx: texts and the formatting Decree 30/2020 prescribes."""

import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from documents.domain.model import Heading
from documents.interfaces import achievement_report_docx, document_docx, minutes_docx
from tests.documents import examples as ex


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def texts(paragraphs) -> list[str]:
    return [p.text for p in paragraphs]


def all_runs(document):
    for paragraph in document.paragraphs:
        yield from paragraph.runs
    for table in document.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                yield from paragraph.runs


def find(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


@pytest.fixture(scope="module")
def decision():
    return read(document_docx(ex.award_decision(people=3, collectives=1)))


def test_page_is_a4_with_decree_margins(decision):
    section = decision.sections[0]
    mm = [round(x / Mm(1), 1) for x in (section.page_width, section.page_height,
                                        section.top_margin, section.bottom_margin,
                                        section.left_margin, section.right_margin)]
    assert mm == [210.0, 297.0, 20.0, 20.0, 30.0, 15.0]


def test_every_run_is_times_new_roman(decision):
    assert {run.font.name for run in all_runs(decision)} == {"Times New Roman"}
    assert decision.styles["Normal"].font.name == "Times New Roman"


def test_header_block_texts(decision):
    left, right = decision.tables[0].rows[0].cells
    assert texts(left.paragraphs) == ["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG", "",
                                      "Số: 05/QĐ-UBND"]
    assert texts(right.paragraphs) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                       "Độc lập - Tự do - Hạnh phúc", "",
                                       "Tuyên Quang, ngày 05 tháng 01 năm 2026"]


def test_header_block_formatting(decision):
    left, right = decision.tables[0].rows[0].cells
    issuer, national, motto = left.paragraphs[0].runs[0], *[
        right.paragraphs[i].runs[0] for i in (0, 1)]
    place_date = right.paragraphs[3].runs[0]
    assert (issuer.bold, issuer.font.size) == (True, Pt(13))
    assert (national.bold, national.font.size) == (True, Pt(12))
    assert (motto.bold, motto.font.size) == (True, Pt(13))
    assert (place_date.italic, place_date.bold, place_date.font.size) == (True, False, Pt(14))
    assert left.paragraphs[3].runs[0].font.size == Pt(13)
    # the rules are paragraph bottom borders under the issuing body and the motto
    assert left.paragraphs[2]._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None
    assert right.paragraphs[2]._p.find(qn("w:pPr")).find(qn("w:pBdr")) is not None


def test_parent_body_is_not_bold():
    out = read(document_docx(ex.submission_letter()))
    left = out.tables[0].rows[0].cells[0]
    parent, issuer = left.paragraphs[0].runs[0], left.paragraphs[1].runs[0]
    assert (parent.text, parent.bold, issuer.text, issuer.bold) == (
        "ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", False, "SỞ NỘI VỤ", True)


def test_title_summary_authority_bases(decision):
    title = find(decision, "QUYẾT ĐỊNH")
    summary = find(decision, "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    authority = find(decision, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG")
    for paragraph in (title, summary, authority):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph.runs[0].bold is True
    assert title.runs[0].font.size == Pt(14)
    basis = find(decision, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;")
    assert (basis.runs[0].italic, basis.alignment) == (True, WD_ALIGN_PARAGRAPH.JUSTIFY)
    assert basis.paragraph_format.first_line_indent == Cm(1.27)
    assert basis.paragraph_format.space_after >= Pt(6)
    assert find(decision, "QUYẾT ĐỊNH:").runs[0].bold is True


def test_article_label_bold_text_upright(decision):
    paragraph = next(p for p in decision.paragraphs if p.text.startswith("Điều 1."))
    label, text = paragraph.runs
    assert (label.text, label.bold, label.font.size) == ("Điều 1.", True, Pt(14))
    assert text.bold is False and text.text.startswith(" Tặng Bằng khen")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert paragraph.paragraph_format.first_line_indent == Cm(1.27)


def test_recipients_left_signature_right(decision):
    left, right = decision.tables[1].rows[0].cells
    assert texts(left.paragraphs) == ["Nơi nhận:", "- Như Điều 3;", "- Chủ tịch UBND tỉnh;",
                                      "- Lưu: VT, SNV."]
    label = left.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size) == (True, True, Pt(12))
    assert {p.runs[0].font.size for p in left.paragraphs[1:]} == {Pt(11)}
    assert [p.text for p in right.paragraphs if p.text] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                                                            "Nguyễn Thị Hằng"]
    assert all(p.runs[0].bold for p in right.paragraphs if p.text)


def test_page_numbers_in_header_from_page_two(decision):
    section = decision.sections[0]
    assert section.different_first_page_header_footer is True
    assert "PAGE" in section.header._element.xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert texts(section.first_page_header.paragraphs) == [""]


def test_annex_is_a_new_section_numbered_from_one(decision):
    annex = decision.sections[1]
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert annex.different_first_page_header_footer is True
    subtitle = next(p for p in decision.paragraphs if p.text.startswith("(Kèm theo Quyết định"))
    assert (subtitle.runs[0].italic, subtitle.alignment) == (True, WD_ALIGN_PARAGRAPH.CENTER)
    assert find(decision, "I. TẬP THỂ").runs[0].bold is True


def test_annex_table_header_repeats_and_rows_do_not_split(decision):
    table = decision.tables[3]
    header = table.rows[0]
    assert [c.text for c in header.cells] == ["STT", "Họ và tên", "Chức vụ, đơn vị công tác",
                                              "Số tiền (đồng)"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    money = table.rows[1].cells[3].paragraphs[0]
    assert (money.text, money.alignment) == ("3.510.000", WD_ALIGN_PARAGRAPH.RIGHT)


def test_annex_with_1000_rows_has_every_row():
    document = ex.award_decision(people=1000, collectives=0)
    expected = document.annexes[0].tables[0].rows
    table = read(document_docx(document)).tables[-1]
    rows = [tuple(cell.text for cell in row.cells) for row in table.rows[1:]]
    assert rows == list(expected)
    assert [row[0] for row in rows] == [str(i) for i in range(1, 1001)]


def test_draft_has_mark_and_blanks():
    out = read(document_docx(ex.award_decision(draft=True)))
    assert out.paragraphs[0].text == "DỰ THẢO"
    left, right = out.tables[0].rows[0].cells
    assert left.paragraphs[-1].text == "Số:      /QĐ-UBND"
    assert right.paragraphs[-1].text == "Tuyên Quang, ngày     tháng     năm 2026"


def test_submission_letter_has_kinh_gui_and_no_authority_line():
    out = read(document_docx(ex.submission_letter()))
    body = texts(out.paragraphs)
    assert body[:4] == ["TỜ TRÌNH",
                        "Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "",
                        "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang."]
    assert out.paragraphs[3].runs[0].bold is False
    assert len(out.sections) == 1


def test_several_addressees_are_listed_under_kinh_gui():
    letter = ex.submission_letter()
    letter = type(letter)(**{**letter.__dict__, "addressees": (
        "- Chủ tịch Ủy ban nhân dân tỉnh;", "- Hội đồng Thi đua - Khen thưởng tỉnh.")})
    body = texts(read(document_docx(letter)).paragraphs)
    start = body.index("Kính gửi:")
    assert body[start + 1:start + 3] == ["- Chủ tịch Ủy ban nhân dân tỉnh;",
                                         "- Hội đồng Thi đua - Khen thưởng tỉnh."]


def test_report_with_headings_and_plain_paragraphs():
    letter = ex.submission_letter()
    report = type(letter)(**{**letter.__dict__, "type_name": "BÁO CÁO", "addressees": (),
                             "articles": (Heading("I. KẾT QUẢ"), "Đã tổ chức 12 phong trào.")})
    out = read(document_docx(report))
    heading = find(out, "I. KẾT QUẢ")
    assert heading.runs[0].bold is True
    assert find(out, "Đã tổ chức 12 phong trào.").runs[0].bold is False


def test_minutes():
    out = read(minutes_docx(ex.council_minutes()))
    body = texts(out.paragraphs)
    assert body[:3] == ["BIÊN BẢN", "Họp Hội đồng Thi đua - Khen thưởng tỉnh xét đề nghị danh "
                        "hiệu Chiến sĩ thi đua cấp tỉnh năm 2025", ""]
    assert "Thời gian bắt đầu: 08 giờ 30 phút, ngày 03 tháng 01 năm 2026." in body
    assert "- Đồng chí Lê Văn Cường, thành viên (có phiếu bầu bằng văn bản);" in body
    assert "Cuộc họp kết thúc vào 11 giờ 05 phút, ngày 03 tháng 01 năm 2026./." in body
    ballot = out.tables[1]
    assert [c.text for c in ballot.rows[2].cells] == ["2", "Trần Thị Bình", "5", "3", "1",
                                                      "55,6%", "Không đạt"]
    secretary, chair = out.tables[2].rows[0].cells
    assert [p.text for p in secretary.paragraphs if p.text] == ["THƯ KÝ", "Hoàng Văn Ước"]
    assert [p.text for p in chair.paragraphs if p.text] == ["CHỦ TỌA", "Nguyễn Thị Hằng"]
    assert out.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số: 03/BB-HĐTĐKT"


def test_individual_achievement_report():
    out = read(achievement_report_docx(ex.individual_report()))
    body = texts(out.paragraphs)
    assert body[:3] == ["BÁO CÁO THÀNH TÍCH",
                        "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", ""]
    headings = [p.text for p in out.paragraphs if p.text[:4] in ("I. S", "II. ", "III.")]
    assert headings == ["I. SƠ LƯỢC LÝ LỊCH", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                        "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"]
    assert "- Sinh ngày, tháng, năm: 05/01/1980" in body
    titles, forms = out.tables[1], out.tables[2]
    assert [c.text for c in titles.rows[0].cells][:2] == ["Năm", "Danh hiệu thi đua"]
    assert [c.text for c in titles.rows[1].cells][:2] == ["2024", "Chiến sĩ thi đua cơ sở"]
    assert [c.text for c in forms.rows[0].cells][:2] == ["Năm", "Hình thức khen thưởng"]
    head, reporter = out.tables[3].rows[0].cells
    assert [p.text for p in reporter.paragraphs if p.text] == [
        "NGƯỜI BÁO CÁO THÀNH TÍCH", "(Ký, ghi rõ họ và tên)", "Nguyễn Văn An"]
    assert body[-2] == "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG"
    assert out.tables[0].rows[0].cells[0].paragraphs[-1].text == ""  # no register number


def test_collective_achievement_report():
    out = read(achievement_report_docx(ex.collective_report()))
    body = texts(out.paragraphs)
    assert body[2] == "Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh Tuyên Quang"
    for heading in ("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH", "II. THÀNH TÍCH ĐẠT ĐƯỢC",
                    "2. Chức năng, nhiệm vụ:", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"):
        assert find(out, heading).runs[0].bold is True
    left, right = out.tables[-1].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == []
    assert [p.text for p in right.paragraphs if p.text] == [
        "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, đóng dấu)", "Phạm Quang Hải"]
