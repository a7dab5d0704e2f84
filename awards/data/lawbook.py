"""The law as one list of dated rows, read mechanically from the data files
(`legal_parameters.py`, `catalogue.py`, `early_raise.py`), which stay the place where numbers are
written (in their own shapes). `law_rows()` is what the engine's default parameters read and what
`awards.data.sync.sync_law` loads into every database (migrations; `manage.py sync_law`).

Keys: `base_salary` (VND), `rounding` ([step, mode]), `household_factor`, `registration_required`
(award codes), `early_raise_months` ({award code: months}), `early_raise_cap_share`, criteria
numbers by their own keys (`ladder.cstd_co_so_for_cstd_tinh`, …), `articles` (the 2022
article → the article of the law version in force), `tracks.<award>` (the "one of the
following" tracks of a form); per award (`award` set):
`coefficient_individual`, `coefficient_collective`, `coefficient_household` (an explicit
override; else the household factor × individual), `granting_level`, `vote_share`,
`documents`, `documents_simplified`, `public_consultation`; the proposals' step deadlines
and consultation window (`procedure.deadline.<state>`, `procedure.consultation.working_days`)
and the claims' criteria numbers (`claims.…`), from `procedure.py`.
"""

import datetime
from dataclasses import dataclass

from awards.data import early_raise, procedure
from awards.data import legal_parameters as lp
from awards.data.catalogue import CATALOGUE, PUBLIC_CONSULTATION, VOTE_CITATION

LAW_2022 = datetime.date(2024, 1, 1)
D152 = datetime.date(2025, 7, 1)
ONE_DAY = datetime.timedelta(days=1)
DOSSIER_CITATION = "Luật TĐKT 2022, Điều 84; Nghị định 98/2023/NĐ-CP, Điều 30–40"
SIMPLIFIED_CITATION = "Luật TĐKT 2022, Điều 85; Nghị định 98/2023/NĐ-CP, Điều 40"
LEVEL_CITATION = "Luật TĐKT 2022, Điều 77–80; Nghị định 129/2025/NĐ-CP, Điều 59"
INITIATIVE_TITLES = {"cstd_co_so", "cstd_tinh", "cstd_toan_quoc"}


@dataclass(frozen=True)
class Row:
    """One dated value of the law: `key` (for one award's values, `award` too), in force from
    `valid_from` to `valid_to` (None: open), with its citation."""

    key: str
    value: object
    valid_from: datetime.date
    valid_to: datetime.date | None
    citation: str
    verified: bool = True
    award: str = ""  # "" for values not tied to one award


def law_rows() -> list[Row]:
    return [*general_rows(), *criteria_rows(), *article_rows(), *track_rows(), *award_rows(),
            *procedure_rows()]


def procedure_rows() -> list[Row]:
    """The procedure numbers of proposals and the criteria numbers of claims
    (`procedure.PROPOSALS`, `procedure.CLAIMS`): keys `procedure.…` and `claims.…`."""
    return [Row(key, value, start, end, citation, verified)
            for key, value, start, end, citation, verified in
            (*procedure.PROPOSALS, *procedure.CLAIMS)]


def general_rows() -> list[Row]:
    rows = [Row("base_salary", amount, start, end, citation, verified)
            for amount, start, end, citation, verified in lp.BASE_SALARY]
    rows += [Row("rounding", [step, mode], start, end, citation, verified)
             for step, mode, start, end, citation, verified in lp.ROUNDING]
    rows += [Row("household_factor", factor, start, end, citation, verified)
             for factor, start, end, citation, verified in lp.HOUSEHOLD_FACTOR]
    rows += [Row("registration_required", sorted(codes), start, end, citation, verified)
             for codes, start, end, citation, verified in lp.REGISTRATION_REQUIRED]
    rows += [Row("early_raise_months", dict(table), start, end, citation, verified)
             for table, start, end, citation, verified in early_raise.MONTHS]
    rows += [Row("early_raise_cap_share", share, start, end, citation, verified)
             for share, start, end, citation, verified in early_raise.CAP_SHARE]
    return rows


def law_period(code: str) -> tuple[datetime.date, datetime.date | None]:
    """The dates a law version's criteria apply to (its first day to the day before the next)."""
    starts = {row[0]: row[3] for row in lp.LAWS}
    later = [start for start in starts.values() if start > starts[code]]
    return starts[code], (min(later) - ONE_DAY if later else None)


def criteria_rows() -> list[Row]:
    """CRITERIA is keyed by law version (h3 and the legal reference write it so); each number
    becomes a row dated by that version's period."""
    rows = []
    for code, table in lp.CRITERIA.items():
        start, end = law_period(code)
        rows += [Row(key, value, start, end, citation, verified)
                 for key, (value, citation, verified) in table.items()]
    return rows


def article_rows() -> list[Row]:
    """ARTICLES (keyed by law version): one `articles` row per version's period, the 2022
    article → [that law's article, verified]; empty for the rules' own numbering."""
    citations = {row[0]: row[4] for row in lp.LAWS}
    rows = []
    for code, table in lp.ARTICLES.items():
        start, end = law_period(code)
        mapping = {head: list(found) for head, found in table.items()}
        rows.append(Row("articles", mapping, start, end, citations[code],
                        all(verified for _, verified in table.values())))
    return rows


def track_rows() -> list[Row]:
    """TRACKS: one `tracks.<award>` row per form, in force from the first law version known
    (a case under an older law cites that law's article through `articles`)."""
    first = min(row[3] for row in lp.LAWS)
    rows = []
    for award, tracks in lp.TRACKS.items():
        head = tracks[0][2].split(" khoản ")[0]
        rows.append(Row(f"tracks.{award}", [list(track) for track in tracks], first, None,
                        f"Luật TĐKT 2022, {head}", all(track[3] for track in tracks)))
    return rows


def documents_for(code: str, entry: dict) -> list[str]:
    """Dossier documents (legal reference §5.1)."""
    docs = ["to_trinh", "bao_cao_thanh_tich"]
    docs.append("bien_ban_binh_xet" if entry["category"] == "title" else "bien_ban_xet")
    if entry["vote_share"]:
        docs.append("ket_qua_bo_phieu")
    if code in INITIATIVE_TITLES:
        docs.append("chung_nhan_sang_kien")
    return docs


def award_rows() -> list[Row]:
    rows = []
    for code, entry in CATALOGUE.items():
        def add(key, value, start, citation, verified=True, end=None, code=code):
            rows.append(Row(key, value, start, end, citation, verified, award=code))

        add("granting_level", entry["level"], LAW_2022, LEVEL_CITATION)
        if entry["vote_share"]:
            # Decree 98 Art. 30.7 is confirmed; that Decree 152 keeps the numbers is [U].
            add("vote_share", entry["vote_share"], LAW_2022, VOTE_CITATION, end=D152 - ONE_DAY)
            add("vote_share", entry["vote_share"], D152, "Nghị định 152/2025/NĐ-CP", False)
        add("documents", documents_for(code, entry), LAW_2022, DOSSIER_CITATION)
        add("documents_simplified", ["to_trinh", "bao_cao_tom_tat"], LAW_2022,
            SIMPLIFIED_CITATION, verified=False)
        add("public_consultation", code in PUBLIC_CONSULTATION, LAW_2022,
            "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3", verified=code.startswith("anh_hung"))
        # Households: the household factor row × the individual coefficient (Parameters).
        for table, start, end, citation, verified in lp.COEFFICIENTS:
            individual, collective = table.get(code, (None, None))
            if individual is not None:
                add("coefficient_individual", individual, start, citation, verified, end)
            if collective is not None:
                add("coefficient_collective", collective, start, citation, verified, end)
    return rows
