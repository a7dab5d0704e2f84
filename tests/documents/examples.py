"""Realistic example documents: how the other apps are expected to fill the dataclasses, and
the input of the tests and of bench/bench_documents.py (test data, so it lives under tests/)."""

import datetime
import random

from documents.domain.model import (
    COLLECTIVE,
    INDIVIDUAL,
    INDIVIDUAL_PROFILE_LABELS,
    AchievementReport,
    AdministrativeDocument,
    Annex,
    AnnexTable,
    Article,
    AwardHistoryRow,
    Certificate,
    Letterhead,
    Minutes,
    Signature,
    format_money,
)

PROVINCE = "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG"
DECISION_DATE = datetime.date(2026, 1, 5)
CHAIR_SIGNATURE = Signature(("KT. CHỦ TỊCH",), "PHÓ CHỦ TỊCH", "Nguyễn Thị Hằng")

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Ma", "Triệu", "Nông", "Hà", "Quan")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quốc", "Thanh", "Xuân", "Mạnh")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
         "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngọc", "Phương", "Quang",
         "Sơn", "Thảo", "Thắng", "Thủy", "Trang", "Tuấn", "Việt", "Yến", "Ánh", "Đạt", "Ước")
POSITIONS = ("Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Chuyên viên", "Kế toán",
             "Trưởng phòng", "Phó Trưởng phòng", "Bác sĩ", "Điều dưỡng", "Cán bộ địa chính")
UNITS = ("Trường THPT Chuyên Tuyên Quang", "Sở Giáo dục và Đào tạo", "Sở Y tế",
         "Bệnh viện Đa khoa tỉnh", "Ủy ban nhân dân xã Mỹ Lâm", "Trường THCS Phan Thiết",
         "Ủy ban nhân dân phường Hà Giang 1", "Trung tâm Y tế xã Yên Minh", "Sở Nội vụ",
         "Trường Tiểu học Ỷ La")
BANG_KHEN_INDIVIDUAL = 3_510_000  # 1.5 × 2,340,000 base salary, rounded up (Decree 152 Art. 49)
BANG_KHEN_COLLECTIVE = 7_020_000  # 3.0 × base salary


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def letterhead(number: int | None = 5, date: datetime.date | None = DECISION_DATE,
               symbol: str = "QĐ-UBND") -> Letterhead:
    return Letterhead(parent_body="", issuing_body=PROVINCE, number=number, symbol=symbol,
                      place="Tuyên Quang", date=date, year=2026)


def award_annex(people: int, collectives: int = 0, *, seed: int = 1) -> Annex:
    """The list of awardees with a money column, collectives first (document-format.md §2)."""
    rng = random.Random(seed)
    tables = []
    if collectives:
        rows = tuple((str(i), f"{rng.choice(('Phòng', 'Tổ', 'Khoa'))} {rng.choice(GIVEN)}, "
                      f"{rng.choice(UNITS)}", format_money(BANG_KHEN_COLLECTIVE))
                     for i in range(1, collectives + 1))
        tables.append(AnnexTable("I. TẬP THỂ", ("STT", "Tên tập thể", "Số tiền (đồng)"), rows,
                                 widths=(0.6, 4.4, 1.4), align=("center", "left", "right")))
    rows = tuple((str(i), person_name(rng), f"{rng.choice(POSITIONS)}, {rng.choice(UNITS)}",
                  format_money(BANG_KHEN_INDIVIDUAL)) for i in range(1, people + 1))
    heading = "II. CÁ NHÂN" if collectives else "I. CÁ NHÂN"
    tables.append(AnnexTable(heading, ("STT", "Họ và tên", "Chức vụ, đơn vị công tác",
                                       "Số tiền (đồng)"), rows,
                             widths=(0.6, 1.9, 3.1, 1.2),
                             align=("center", "left", "left", "right")))
    return Annex(title="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN\n"
                       "CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
                 subtitle="(Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 01 năm 2026 "
                          "của Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang)",
                 tables=tuple(tables))


def award_decision(people: int = 3, collectives: int = 1, *, draft: bool = False
                   ) -> AdministrativeDocument:
    """A Chairman's Bằng khen decision (Mẫu 1.2; skeleton of document-format.md §2)."""
    return AdministrativeDocument(
        letterhead=letterhead(None if draft else 5, None if draft else DECISION_DATE),
        type_name="QUYẾT ĐỊNH",
        summary="Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        authority_line="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
        bases=("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
               "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
               "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy "
               "định chi tiết một số điều của Luật Thi đua, khen thưởng;"),
        proposal_lines=("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày "
                        "02 tháng 01 năm 2026.",),
        body_heading="QUYẾT ĐỊNH:",
        articles=(
            Article("Điều 1.", (f"Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho "
                                f"{collectives} tập thể và {people} cá nhân (có danh sách kèm "
                                "theo), đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm "
                                "2025.",)),
            Article("Điều 2.", ("Tiền thưởng thực hiện theo quy định hiện hành, từ nguồn Quỹ "
                                "thi đua, khen thưởng của tỉnh năm 2026.",)),
            Article("Điều 3.", ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ "
                                "trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân "
                                "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",)),
        ),
        recipients=("- Như Điều 3;", "- Chủ tịch UBND tỉnh;", "- Lưu: VT, SNV."),
        signature=CHAIR_SIGNATURE,
        annexes=(award_annex(people, collectives),),
        draft=draft,
    )


def submission_letter() -> AdministrativeDocument:
    """Tờ trình of the Sở Nội vụ to the Chairman (Mẫu 1.4 with Kính gửi)."""
    return AdministrativeDocument(
        letterhead=Letterhead("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG", "SỞ NỘI VỤ", 12, "TTr-SNV",
                              "Tuyên Quang", datetime.date(2026, 1, 2)),
        type_name="TỜ TRÌNH",
        summary="Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        addressees=("Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang.",),
        articles=("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15, Sở Nội vụ kính trình Chủ "
                  "tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen cho 1 tập thể và 3 cá nhân "
                  "(có danh sách kèm theo).",
                  "Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./."),
        recipients=("- Như trên;", "- Lưu: VT, TĐKT."),
        signature=Signature(("KT. GIÁM ĐỐC",), "PHÓ GIÁM ĐỐC", "Hoàng Văn Ước"),
    )


def council_minutes() -> Minutes:
    ballot = AnnexTable(
        "Kết quả bỏ phiếu kín (tính trên tổng số 9 thành viên Hội đồng):",
        ("STT", "Họ và tên", "Đồng ý", "Không đồng ý", "Không ý kiến", "Tỷ lệ đồng ý",
         "Kết quả"),
        (("1", "Nguyễn Văn An", "8", "1", "0", "88,9%", "Đạt"),
         ("2", "Trần Thị Bình", "5", "3", "1", "55,6%", "Không đạt")),
        widths=(0.5, 2.2, 0.9, 0.9, 0.9, 1.0, 1.1),
        align=("center", "left", "center", "center", "center", "center", "center"))
    return Minutes(
        letterhead=Letterhead("ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
                              "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", 3, "BB-HĐTĐKT", "Tuyên Quang",
                              datetime.date(2026, 1, 3)),
        meeting_name="Họp Hội đồng Thi đua - Khen thưởng tỉnh xét đề nghị danh hiệu "
                     "Chiến sĩ thi đua cấp tỉnh năm 2025",
        started_at=datetime.datetime(2026, 1, 3, 8, 30),
        place="Phòng họp số 1, Ủy ban nhân dân tỉnh Tuyên Quang",
        chair="Đồng chí Nguyễn Thị Hằng, Phó Chủ tịch Ủy ban nhân dân tỉnh, Phó Chủ tịch "
              "Thường trực Hội đồng",
        secretary="Đồng chí Hoàng Văn Ước, Trưởng Ban Thi đua - Khen thưởng",
        attendees=("Đồng chí Nguyễn Thị Hằng, Phó Chủ tịch Thường trực Hội đồng",
                   "8 thành viên Hội đồng (có danh sách kèm theo)"),
        absent=("Đồng chí Lê Văn Cường, thành viên (có phiếu bầu bằng văn bản)",),
        paragraphs=("Hội đồng đã nghe Thường trực Hội đồng báo cáo tóm tắt thành tích của các "
                    "cá nhân được đề nghị.",
                    "Hội đồng tiến hành bỏ phiếu kín; kết quả như sau:"),
        ballot_table=ballot,
        ended_at=datetime.datetime(2026, 1, 3, 11, 5),
        signatures=("Hoàng Văn Ước", "Nguyễn Thị Hằng"),
    )


def individual_report() -> AchievementReport:
    values = ("Nguyễn Văn An", "05/01/1980", "Nam", "xã Mỹ Lâm, tỉnh Tuyên Quang",
              "phường Minh Xuân, tỉnh Tuyên Quang", "Trường THPT Chuyên Tuyên Quang",
              "Hiệu trưởng", "Thạc sĩ Quản lý giáo dục", "Không")
    return AchievementReport(
        letterhead=Letterhead("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG THPT CHUYÊN\nTUYÊN QUANG",
                              None, "", "Tuyên Quang", datetime.date(2025, 12, 20)),
        subject_kind=INDIVIDUAL,
        proposed_award="BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        subject_name="Nguyễn Văn An",
        profile=tuple(zip(INDIVIDUAL_PROFILE_LABELS, values, strict=True)),
        duties=("Phụ trách chung; trực tiếp giảng dạy môn Toán lớp 12.",),
        achievements=("Trường đạt 100% học sinh tốt nghiệp; 25 giải học sinh giỏi quốc gia.",),
        titles=(AwardHistoryRow("2024", "Chiến sĩ thi đua cơ sở",
                                "Quyết định số 45/QĐ-SGDĐT ngày 10/8/2024 của Sở Giáo dục và "
                                "Đào tạo"),),
        forms=(AwardHistoryRow("2023", "Giấy khen",
                               "Quyết định số 30/QĐ-SGDĐT ngày 15/8/2023 của Sở Giáo dục và "
                               "Đào tạo"),),
        reporter_name="Nguyễn Văn An",
        head_name="Trần Thị Bình",
    )


def collective_report() -> AchievementReport:
    return AchievementReport(
        letterhead=Letterhead("SỞ Y TẾ", "BỆNH VIỆN ĐA KHOA TỈNH", None, "", "Tuyên Quang",
                              datetime.date(2025, 12, 20)),
        subject_kind=COLLECTIVE,
        proposed_award="BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        subject_name="Khoa Hồi sức tích cực, Bệnh viện Đa khoa tỉnh Tuyên Quang",
        situation=("Khoa có 32 cán bộ, trong đó 8 bác sĩ.",),
        functions=("Cấp cứu, hồi sức người bệnh nặng.",),
        achievements=("Năm 2025 điều trị 1.250 lượt người bệnh.",),
        measures=("Hưởng ứng phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn "
                  "hóa công sở”.",),
        policy=("Chi bộ đạt “Hoàn thành tốt nhiệm vụ”.",),
        forms=(AwardHistoryRow("2024", "Giấy khen", "Quyết định số 12/QĐ-SYT ngày 02/02/2024 "
                                                    "của Sở Y tế"),),
        head_name="Phạm Quang Hải",
    )


def certificate(index: int = 1, *, rng: random.Random | None = None) -> Certificate:
    rng = rng or random.Random(index)
    code = f"BK-2026-{index:06d}"
    return Certificate(
        code=code,
        verify_url=f"https://tdkt.tuyenquang.gov.vn/xac-minh/{code}",
        authority_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TUYÊN QUANG",
        lead="TẶNG",
        award_name="BẰNG KHEN",
        recipient=f"Ông {person_name(rng)}",
        recipient_detail=f"{rng.choice(POSITIONS)}, {rng.choice(UNITS)}",
        achievement="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2025",
        decision_line="Quyết định số 05/QĐ-UBND, ngày 05/01/2026",
        golden_book_no=str(index),
        place_date="Tuyên Quang, ngày 05 tháng 01 năm 2026",
        signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        signer_name="Nguyễn Thị Hằng",
    )
