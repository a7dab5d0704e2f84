"""PDF output read back with pypdf: texts (Vietnamese included), pages, numbering, fonts, QR."""

import dataclasses
import io

import pypdf
import pytest
import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from documents.interfaces import (
    certificates_pdf,
    document_pdf,
    minutes_pdf,
    qr_png,
)
from documents.interfaces.pdf import LocalFetcher, annex_parts
from tests.documents import examples as ex


def read(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_lines(page) -> list[str]:
    return [line.strip() for line in page.extract_text().split("\n")]


def bare_numbers(page) -> list[str]:
    """Lines that are only a number: the running page number in the top margin."""
    return [line for line in page_lines(page) if line.isdigit()]


@pytest.fixture(scope="module")
def decision():
    # 60 people: the annex takes three pages, numbered (none), 2, 3.
    return read(document_pdf(ex.award_decision(people=60, collectives=2)))


def test_decision_texts_in_vietnamese(decision):
    first = page_lines(decision.pages[0])
    assert first[:7] == ["ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG", "Số: 05/QĐ-UBND",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Tuyên Quang, ngày 05 tháng 01 năm 2026", "QUYẾT ĐỊNH"]
    text = decision.pages[0].extract_text()
    for word in ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;", "Nơi nhận:",
                 "Điều 1.", "Quyết định này./.", "Nguyễn Thị Hằng"):
        assert word in text


def test_every_vietnamese_letter_comes_back_from_the_pdf():
    letters = ("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđĐơƠưƯăĂĩĨũŨ"
               "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ")
    letter = dataclasses.replace(ex.submission_letter(), articles=(letters,))
    for style in ("bold", "italic"):  # summary is bold, bases italic, body upright
        letter = dataclasses.replace(letter, summary=letters if style == "bold" else "x",
                                     bases=(letters,) if style == "italic" else ())
        lines = page_lines(read(document_pdf(letter)).pages[0])
        assert lines.count(letters) == 2


def test_decision_pages_and_separate_annex_numbering(decision):
    assert len(decision.pages) == 4
    assert [bare_numbers(page) for page in decision.pages] == [[], [], ["2"], ["3"]]
    assert page_lines(decision.pages[1])[0] == "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN"


def test_annex_header_row_repeats_and_every_row_is_present(decision):
    annex_text = "\n".join(p.extract_text() for p in decision.pages[1:])
    assert all("STT Họ và tên Chức vụ, đơn vị công tác Số tiền (đồng)" in p.extract_text()
               for p in decision.pages[1:])
    people = ex.award_decision(people=60, collectives=2).annexes[0].tables[1].rows
    for stt, name, _detail, money in people:
        assert f"{stt} {name} " in annex_text and money in annex_text


def test_page_one_has_no_number_and_later_pages_do():
    long_decision = ex.award_decision(people=1, collectives=0)
    many = tuple(f"Căn cứ văn bản số {i}/QĐ-UBND ngày 05 tháng 01 năm 2026;" for i in range(40))
    pdf = read(document_pdf(dataclasses.replace(long_decision, bases=many, annexes=())))
    assert [bare_numbers(page) for page in pdf.pages] == [[], ["2"]]


def test_fonts_are_the_vendored_ones(decision):
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1]
             for font in decision.pages[0]["/Resources"]["/Font"].values()}
    # "TDKT Serif" is the @font-face family of the vendored files: no system font was used.
    assert fonts == {"TDKT-Serif", "TDKT-Serif-Bold", "TDKT-Serif-Italic",
                     "TDKT-Serif-Bold-Italic"}


def test_pages_are_a4_portrait(decision):
    box = decision.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
        210, 297)


def test_draft_pdf_has_mark_and_blanks():
    lines = page_lines(read(document_pdf(ex.award_decision(draft=True))).pages[0])
    assert lines[:4] == ["DỰ THẢO", "ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG", "Số:      /QĐ-UBND"]
    assert "Tuyên Quang, ngày     tháng     năm 2026" in lines


def test_minutes_pdf():
    pdf = read(minutes_pdf(ex.council_minutes()))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in ("BIÊN BẢN", "Số: 03/BB-HĐTĐKT",
                     "Thời gian bắt đầu: 08 giờ 30 phút, ngày 03 tháng 01 năm 2026.",
                     "2 Trần Thị Bình 5 3 1 55,6% Không đạt",
                     "Cuộc họp kết thúc vào 11 giờ 05 phút, ngày 03 tháng 01 năm 2026./.",
                     "THƯ KÝ", "CHỦ TỌA", "Hoàng Văn Ước"):
        assert expected in text


def test_user_text_is_escaped():
    letter = ex.submission_letter()
    evil = dataclasses.replace(letter, articles=('<img src="file:///etc/passwd"> & <b>x</b>',))
    text = read(document_pdf(evil)).pages[0].extract_text()
    assert '<img src="file:///etc/passwd"> & <b>x</b>' in text


def test_fetcher_refuses_files_outside_the_app_and_urls():
    fetcher = LocalFetcher()
    for url in ("file:///etc/passwd", "https://example.org/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_certificates_one_landscape_page_each():
    certs = [ex.certificate(i) for i in (1, 2, 3)]
    pdf = read(certificates_pdf(certs))
    assert len(pdf.pages) == 3
    for page, cert in zip(pdf.pages, certs, strict=True):
        box = page.mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (
            297, 210)
        lines = page_lines(page)
        assert lines[:5] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", "TẶNG", "BẰNG KHEN"]
        for expected in (cert.recipient, cert.recipient_detail, cert.decision_line,
                         f"Số sổ vàng: {cert.golden_book_no}", cert.code, cert.signer_name):
            assert expected in lines


def test_certificate_qr_image_is_the_verification_url():
    cert = ex.certificate(7)
    page = read(certificates_pdf([cert])).pages[0]
    images = list(page.images)
    assert len(images) == 1
    expected = Image.open(io.BytesIO(qr_png(cert.verify_url))).convert("L")
    assert images[0].image.convert("L").tobytes() == expected.tobytes()


def test_certificate_status_note_is_printed():
    cert = dataclasses.replace(ex.certificate(1), status_note="ĐÃ THU HỒI")
    assert page_lines(read(certificates_pdf([cert])).pages[0])[0] == "ĐÃ THU HỒI"


def test_certificates_need_at_least_one():
    with pytest.raises(ValueError):
        certificates_pdf([])


def test_qr_png_is_what_qrcode_makes_for_the_url():
    url = "https://tdkt.tuyenquang.gov.vn/xac-minh/BK-2026-000007"
    # Mask 0 fixed (documents.domain.qr.MASK_PATTERN says why); the rest is qrcode's default.
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=4, border=2, mask_pattern=0)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    assert qr_png(url) == buffer.getvalue()
    assert qr_png(url) != qr_png(url + "8")


# Parts: long documents are written, and certificates rendered, by several processes and joined.

def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read(data).pages]


@pytest.fixture(scope="module")
def long_decision():
    """403 annex rows: laid out in two parts of ~200 rows (ROWS_PER_PART), side by side."""
    doc = ex.award_decision(people=400, collectives=3)
    return doc, document_pdf(doc, workers=2)


def test_joined_decision_has_the_pages_of_one_process(long_decision):
    doc, joined = long_decision
    assert page_texts(joined) == page_texts(document_pdf(doc, workers=1))


def test_joined_decision_page_numbers_continue_across_parts(long_decision):
    _doc, joined = long_decision
    pdf = read(joined)
    assert len(pdf.pages) == 17  # 1 for the decision, 16 for the annex's two parts
    # Page 1 of the decision and page 1 of the annex carry no number (Decree 30 Appx I.I); the
    # annex's parts were laid out unnumbered and numbered 2–16 after the join.
    assert [bare_numbers(page) for page in pdf.pages] == (
        [[], []] + [[str(n)] for n in range(2, 17)])


def test_joined_decision_lists_every_awardee_once(long_decision):
    doc, joined = long_decision
    annex_text = "\n".join(page_texts(joined)[1:])
    rows = doc.annexes[0].tables[1].rows
    lines = [line.strip() for line in annex_text.split("\n")]
    for stt, name, _detail, _money in rows:
        assert sum(1 for line in lines if line.startswith(f"{stt} {name} ")) == 1
    assert all("STT Họ và tên Chức vụ, đơn vị công tác Số tiền (đồng)" in text
               for text in page_texts(joined)[2:])


def test_joined_annex_title_and_table_headings_only_once(long_decision):
    _doc, joined = long_decision
    lines = [line.strip() for text in page_texts(joined)[1:] for line in text.split("\n")]
    assert lines.count("DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN") == 1
    assert (lines.count("I. TẬP THỂ"), lines.count("II. CÁ NHÂN")) == (1, 1)


def test_second_part_starts_a_page_with_its_first_row(long_decision):
    doc, joined = long_decision
    parts = annex_parts(doc.annexes[0])
    first_row = parts[1].annex.tables[0].rows[0]
    starts = [page_lines(page)[1] for page in read(joined).pages[2:]]  # [0]: the header row
    assert sum(1 for line in starts if line.startswith(f"{first_row[0]} {first_row[1]} ")) == 1


def test_each_long_annex_is_numbered_on_its_own():
    doc = ex.award_decision(people=300, collectives=0)
    second = dataclasses.replace(doc.annexes[0], label="Phụ lục II")
    doc = dataclasses.replace(doc, annexes=(dataclasses.replace(doc.annexes[0],
                                                                label="Phụ lục I"), second))
    pdf = read(document_pdf(doc))
    numbers = [bare_numbers(page) for page in pdf.pages]
    annex_pages = (len(pdf.pages) - 1) // 2
    expected_annex = [[]] + [[str(n)] for n in range(2, annex_pages + 1)]
    assert numbers == [[]] + expected_annex + expected_annex
    assert page_lines(pdf.pages[1 + annex_pages])[0] == "Phụ lục II"


def test_annex_parts_hold_every_row_once_in_order():
    annex = ex.award_annex(people=523, collectives=7)
    parts = annex_parts(annex, rows_per_part=100)
    assert [sum(len(t.rows) for t in p.annex.tables) for p in parts] == [89, 89, 88, 88, 88, 88]
    assert [p.first for p in parts] == [True] + [False] * 5
    assert [p.alone for p in parts] == [False] * 6
    for index, original in enumerate(annex.tables):
        pieces = [t for p in parts for t in p.annex.tables if t.columns == original.columns]
        assert tuple(row for t in pieces for row in t.rows) == original.rows
        assert [t.heading for t in pieces] == [original.heading] + [""] * (len(pieces) - 1), index


def test_short_annex_is_one_part_numbered_by_itself():
    parts = annex_parts(ex.award_annex(people=60, collectives=2))
    assert [(p.first, p.alone) for p in parts] == [(True, True)]
    assert parts[0].annex == ex.award_annex(people=60, collectives=2)


def test_annex_rows_are_text_never_markup():
    evil = "<b>x</b> & <i>y"  # short: a wrapped cell reads back with a space
    annex = ex.award_annex(people=1)
    table = dataclasses.replace(annex.tables[0], rows=(("1", evil, "x", "y"),))
    doc = dataclasses.replace(ex.award_decision(), annexes=(
        dataclasses.replace(annex, tables=(table,)),))
    assert evil in read(document_pdf(doc)).pages[1].extract_text()


def test_certificates_in_parts_one_page_each_in_order():
    certs = [ex.certificate(i) for i in range(1, 46)]  # 45: two parts of 23 and 22
    joined = certificates_pdf(certs, workers=2)
    texts = page_texts(joined)
    assert len(texts) == 45
    for text, cert in zip(texts, certs, strict=True):
        assert [t for t in (c.code for c in certs) if t in text] == [cert.code]
        assert f"Số sổ vàng: {cert.golden_book_no}" in text.split("\n")
    assert texts == page_texts(certificates_pdf(certs, workers=1))
