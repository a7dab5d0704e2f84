"""What a document says, as frozen dataclasses: the renderers' whole input.

The apps that own the data (proposals, decisions, emulation) build these from their models; the
renderers (`documents.interfaces`) turn them into DOCX or PDF bytes. No ORM, no request, no clock:
the same dataclass renders the same bytes-worth of text on any machine.

Layout rules cite Decree 30/2020/NĐ-CP (Appendix I, the layout of administrative documents) —
see ../shared/domain/document-format.md. Vietnamese fixed texts live here as constants so the
DOCX and the PDF say exactly the same thing.
"""

import datetime
from dataclasses import dataclass, field

# Decree 30/2020 Appendix I.II, box 1: national name and motto.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_MARK = "DỰ THẢO"
RECIPIENTS_LABEL = "Nơi nhận:"
ADDRESSEES_LABEL = "Kính gửi:"

# A draft has no number or day yet: the clerk writes them in after signing (Decree 30 Art. 15).
# Spaces, not dots, so the handwritten figures fit; wide enough for four digits.
BLANK_NUMBER = " " * 6
BLANK_DAY = " " * 5


def format_number(number: int | None, symbol: str) -> str:
    """`Số: 05/QĐ-UBND` (Decree 30 Appx I.II box 3: pad numbers below 10 with a leading 0).

    `number=None` leaves the blank a draft needs: `Số:      /QĐ-UBND`. A symbol that is empty
    (a unit's own report with no register number) gives an empty string: no "Số" line.
    """
    if not symbol:
        return ""
    if number is None:
        return f"Số:{BLANK_NUMBER}/{symbol}"
    return f"Số: {number:02d}/{symbol}"


def format_date(date: datetime.date | None, *, year: int | None = None) -> str:
    """`ngày 05 tháng 01 năm 2026`: days below 10 and months 1 and 2 padded (Decree 30 Appx
    I.II box 4; March to September are written with one digit). `None` leaves the day and month
    blank for a draft, with `year` when known."""
    if date is None:
        tail = str(year) if year else BLANK_DAY
        return f"ngày{BLANK_DAY}tháng{BLANK_DAY}năm {tail}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def format_place_date(place: str, date: datetime.date | None, *, year: int | None = None) -> str:
    """`Tuyên Quang, ngày 05 tháng 01 năm 2026` (comma after the place), or the blank-date
    variant for drafts: `Tuyên Quang, ngày     tháng     năm 2026`."""
    return f"{place}, {format_date(date, year=year)}"


def format_money(amount: int) -> str:
    """Vietnamese thousands separator: 2.340.000."""
    return f"{amount:,}".replace(",", ".")


def lines(text: str) -> tuple[str, ...]:
    """A header name may be given on several lines ("ỦY BAN NHÂN DÂN\\nTỈNH TUYÊN QUANG")."""
    return tuple(part.strip() for part in text.split("\n") if part.strip())


@dataclass(frozen=True)
class Letterhead:
    """The two-column header of page 1 (Decree 30 Appx I.II, boxes 1–4).

    `parent_body` (optional, not bold) and `issuing_body` (bold, rule under it) are CAPS and may
    contain "\\n" where the name wraps. `date=None` is a draft: the day and month stay blank and
    `year` (if given) is printed.
    """

    parent_body: str
    issuing_body: str
    number: int | None
    symbol: str
    place: str
    date: datetime.date | None
    year: int | None = None

    @property
    def number_line(self) -> str:
        return format_number(self.number, self.symbol)

    @property
    def place_date_line(self) -> str:
        return format_place_date(self.place, self.date, year=self.year)


@dataclass(frozen=True)
class Signature:
    """Boxes 7a–7c: `prefix_lines` such as ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), the signer's
    `title` ("PHÓ CHỦ TỊCH") and `name` (no academic titles before it — Decree 30 Appx I.II)."""

    prefix_lines: tuple[str, ...]
    title: str
    name: str

    @property
    def heading_lines(self) -> tuple[str, ...]:
        return tuple(self.prefix_lines) + ((self.title,) if self.title else ())


@dataclass(frozen=True)
class AnnexTable:
    """One section of a list: heading ("I. CÁ NHÂN"), columns and rows of text.

    `widths` are relative column widths (default: the first column narrow, STT); `align` per
    column is "left", "center" or "right" (money). Which columns a list has is [U]
    (document-format.md §2): the caller decides.
    """

    heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    align: tuple[str, ...] = ()

    def column_widths(self) -> tuple[float, ...]:
        """Fractions of the text width, summing to 1."""
        raw = self.widths or (0.6,) + (3.0,) * (len(self.columns) - 1)
        total = sum(raw)
        return tuple(w / total for w in raw)

    def column_align(self, index: int) -> str:
        if index < len(self.align):
            return self.align[index]
        return "center" if index == 0 else "left"


@dataclass(frozen=True)
class Annex:
    """An annex on its own pages, numbered separately (Decree 30 Appx I.VI): optional `label`
    ("Phụ lục I", needed when there are two or more), `title` in CAPS, `subtitle`
    "(Kèm theo Quyết định số …)" in italics, then the tables."""

    title: str
    subtitle: str
    tables: tuple[AnnexTable, ...]
    label: str = ""


@dataclass(frozen=True)
class Article:
    """`Điều 1.` in bold followed by its text in the same paragraph; further paragraphs (clauses
    "1.", points "a)") follow indented."""

    label: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A section heading in the body ("I. KẾT QUẢ THỰC HIỆN"): bold, as given (CAPS by caller)."""

    text: str


BodyItem = Article | Heading | str


@dataclass(frozen=True)
class AdministrativeDocument:
    """A decision (Mẫu 1.2), submission letter, report or plan (Mẫu 1.4) of Decree 30.

    Body order: type name, summary (with a short rule), `addressees` ("Kính gửi:"), the
    `authority_line` (decisions: who decides), `bases` ("Căn cứ …;" italic), `proposal_lines`
    ("Xét đề nghị …" italic), `body_heading` ("QUYẾT ĐỊNH:"), `articles` (Article, Heading or
    plain paragraph strings), then recipients left / signature right, then each annex on a new
    page. `draft=True` prints "DỰ THẢO" at the top and is expected with `letterhead.number=None`.
    """

    letterhead: Letterhead
    type_name: str
    summary: str
    signature: Signature
    authority_line: str | None = None
    bases: tuple[str, ...] = ()
    proposal_lines: tuple[str, ...] = ()
    body_heading: str | None = None
    articles: tuple[BodyItem, ...] = ()
    addressees: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    annexes: tuple[Annex, ...] = ()
    draft: bool = False


@dataclass(frozen=True)
class Minutes:
    """Minutes of a meeting (Decree 30 Appx III, Mẫu 1.9), e.g. of the TĐKT council.

    `ballot_table` holds the secret-ballot tallies per nominee (agree/disagree/abstain, share of
    ALL members, passed) — Law 06/2022 and legal-reference.md §0.3. `signatures` is
    (secretary's name, chair's name): THƯ KÝ signs left, CHỦ TỌA right.
    """

    letterhead: Letterhead
    meeting_name: str
    started_at: datetime.datetime
    place: str
    chair: str
    secretary: str
    attendees: tuple[str, ...]
    paragraphs: tuple[str, ...]
    ended_at: datetime.datetime
    signatures: tuple[str, str]
    absent: tuple[str, ...] = ()
    ballot_table: AnnexTable | None = None
    title: str = "BIÊN BẢN"
    draft: bool = False


def format_time(moment: datetime.datetime) -> str:
    """`08 giờ 30 phút, ngày 05 tháng 01 năm 2026` (Mẫu 1.9 writes "… giờ …, ngày …")."""
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, {format_date(moment.date())}"


@dataclass(frozen=True)
class AwardHistoryRow:
    """A row of the award tables in section III of an achievement report (Decree 152 forms):
    year, title or form, and "Số, ngày, tháng, năm của quyết định …; cơ quan ban hành"."""

    year: str
    name: str
    decision: str


INDIVIDUAL = "individual"
COLLECTIVE = "collective"


@dataclass(frozen=True)
class AchievementReport:
    """Achievement report (báo cáo thành tích) for an individual (Decree 152/2025, Mẫu số 05 as
    reproduced by Hà Nội QĐ 71/2025 Mẫu 01 [P]) or a collective (headings [U]).

    `subject_kind` is "individual" or "collective" (glossary subject kinds). `proposed_award`
    completes the title "ĐỀ NGHỊ TẶNG …" (or "TRUY TẶNG" when `posthumous`).

    Individual: `profile` = (label, value) pairs of section I in the order of
    INDIVIDUAL_PROFILE_LABELS; `duties` (II.1) and `achievements` (II.2).
    Collective: `subject_name` under the title; `situation` (I.1), `functions` (I.2),
    `achievements` (II.1), `measures` (II.2), `policy` (II.3).
    Both: `titles` (III.1) and `forms` (III.2); signers' names.
    """

    letterhead: Letterhead
    subject_kind: str
    proposed_award: str
    subject_name: str
    profile: tuple[tuple[str, str], ...] = ()
    situation: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()
    achievements: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    policy: tuple[str, ...] = ()
    titles: tuple[AwardHistoryRow, ...] = ()
    forms: tuple[AwardHistoryRow, ...] = ()
    posthumous: bool = False
    reporter_name: str = ""
    head_name: str = ""


# Section I of the individual report, in the form's order (Hà Nội QĐ 71/2025 Mẫu 01) [P].
INDIVIDUAL_PROFILE_LABELS = (
    "Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt)",
    "Sinh ngày, tháng, năm",
    "Giới tính",
    "Quê quán",
    "Trú quán",
    "Đơn vị công tác",
    "Chức vụ (Đảng, chính quyền, đoàn thể)",
    "Trình độ chuyên môn, nghiệp vụ",
    "Học hàm, học vị, danh hiệu, giải thưởng",
)


@dataclass(frozen=True)
class Certificate:
    """One Giấy khen / Bằng khen / CSTĐCS certificate page (Decree 98/2023 Art. 104 layout; its
    successor under Decree 152 is [U], so every text is data).

    `authority_title` and `award_name` print in red; `decision_line` and `golden_book_no`
    (the recipient's ordinal in the decision) bottom left in bold italics; the QR code encodes
    `verify_url` and `code` is printed small under it. `status_note` (e.g. "ĐÃ THU HỒI") is
    printed at the top when set.
    """

    code: str
    verify_url: str
    authority_title: str
    lead: str
    award_name: str
    recipient: str
    recipient_detail: str
    achievement: str
    decision_line: str
    golden_book_no: str
    place_date: str
    signer_title: str
    signer_name: str
    status_note: str | None = None
    header_lines: tuple[str, ...] = field(default=(NATIONAL_NAME, NATIONAL_MOTTO))
    # "Thân nhân nhận: …" under the recipient of a posthumous award; empty otherwise.
    received_by: str = ""
