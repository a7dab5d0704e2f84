"""Load the catalogue seed (catalogue.py, legal_parameters.py) into the database. Called by a
data migration with the historical `apps` registry, so it only uses `apps.get_model`."""

import datetime

from awards.data import legal_parameters as lp
from awards.data.authorities import authority_rows
from awards.data.catalogue import CATALOGUE, PUBLIC_CONSULTATION, VOTE_CITATION

LAW_2022 = datetime.date(2024, 1, 1)
D152 = datetime.date(2025, 7, 1)
DOSSIER_CITATION = "Luật TĐKT 2022, Điều 84; Nghị định 98/2023/NĐ-CP, Điều 30–40"
SIMPLIFIED_CITATION = "Luật TĐKT 2022, Điều 85; Nghị định 98/2023/NĐ-CP, Điều 40"
LEVEL_CITATION = "Luật TĐKT 2022, Điều 77–80; Nghị định 129/2025/NĐ-CP, Điều 59"
INITIATIVE_TITLES = {"cstd_co_so", "cstd_tinh", "cstd_toan_quoc"}


def documents_for(code: str, entry: dict) -> list[str]:
    """Dossier documents (legal reference §5.1)."""
    docs = ["to_trinh", "bao_cao_thanh_tich"]
    docs.append("bien_ban_binh_xet" if entry["category"] == "title" else "bien_ban_xet")
    if entry["vote_share"]:
        docs.append("ket_qua_bo_phieu")
    if code in INITIATIVE_TITLES:
        docs.append("chung_nhan_sang_kien")
    return docs


def seed_catalogue(apps, schema_editor=None) -> None:
    AwardType = apps.get_model("awards", "AwardType")
    AwardParameter = apps.get_model("awards", "AwardParameter")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    RoundingRule = apps.get_model("awards", "RoundingRule")
    params = []
    for order, (code, entry) in enumerate(CATALOGUE.items()):
        award, _ = AwardType.objects.update_or_create(code=code, defaults={
            "name": entry["name"], "category": entry["category"],
            "subject_kinds": entry["subjects"], "award_kinds": entry["award_kinds"],
            "sort_order": order})
        params += award_parameters(AwardParameter, award, code, entry)
    AwardParameter.objects.bulk_create(params)
    BaseSalary.objects.bulk_create(
        [BaseSalary(amount=a, valid_from=s, valid_to=e, citation=c, verified=v)
         for a, s, e, c, v in lp.BASE_SALARY])
    RoundingRule.objects.bulk_create(
        [RoundingRule(step=st, mode=m, valid_from=s, valid_to=e, citation=c, verified=v)
         for st, m, s, e, c, v in lp.ROUNDING])


def award_parameters(AwardParameter, award, code: str, entry: dict) -> list:  # noqa: N803
    """The seeded dated parameters of one award type (unsaved rows)."""
    params = []

    def add(key, value, start, citation, verified=True, end=None):
        params.append(AwardParameter(award_type=award, key=key, value=value, valid_from=start,
                                     valid_to=end, citation=citation, verified=verified))

    add("granting_level", entry["level"], LAW_2022, LEVEL_CITATION)
    if entry["vote_share"]:
        # Decree 98 Art. 30.7 is confirmed; that Decree 152 keeps the numbers is [U].
        add("vote_share", entry["vote_share"], LAW_2022, VOTE_CITATION, end=D152 - _day())
        add("vote_share", entry["vote_share"], D152, "Nghị định 152/2025/NĐ-CP", False)
    add("documents", documents_for(code, entry), LAW_2022, DOSSIER_CITATION)
    add("documents_simplified", ["to_trinh", "bao_cao_tom_tat"], LAW_2022,
        SIMPLIFIED_CITATION, verified=False)
    add("public_consultation", code in PUBLIC_CONSULTATION, LAW_2022,
        "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 3", verified=code.startswith("anh_hung"))
    for row in coefficient_rows(code, entry):
        add(**row)
    return params


def seed_new_awards(apps, schema_editor=None) -> None:
    """Award types the catalogue gained after a database was seeded, with their parameters and
    granting authorities, and criteria numbers added since (a province's rows are kept)."""
    AwardType = apps.get_model("awards", "AwardType")
    AwardParameter = apps.get_model("awards", "AwardParameter")
    GrantingAuthority = apps.get_model("awards", "GrantingAuthority")
    LegalCriterion = apps.get_model("awards", "LegalCriterion")
    known = set(AwardType.objects.values_list("code", flat=True))
    new = {}
    for order, (code, entry) in enumerate(CATALOGUE.items()):
        if code in known:
            continue
        award = new[code] = AwardType.objects.create(
            code=code, name=entry["name"], category=entry["category"],
            subject_kinds=entry["subjects"], award_kinds=entry["award_kinds"], sort_order=order)
        AwardParameter.objects.bulk_create(award_parameters(AwardParameter, award, code, entry))
    if GrantingAuthority.objects.exists():  # else seed_authorities loads them all
        GrantingAuthority.objects.bulk_create(
            [GrantingAuthority(award_type=new[row.pop("code")], **row)
             for row in authority_rows() if row["code"] in new])
    have = set(LegalCriterion.objects.values_list("law", "key"))
    LegalCriterion.objects.bulk_create(
        [LegalCriterion(law=law, key=key, value=value, citation=citation, verified=verified)
         for law, table in lp.CRITERIA.items()
         for key, (value, citation, verified) in table.items() if (law, key) not in have])


def coefficient_rows(code: str, entry: dict) -> list[dict]:
    """The dated money coefficients of one award (AwardParameter fields but the award)."""
    rows = []
    for table, start, end, citation, verified in lp.COEFFICIENTS:
        individual, collective = table.get(code, (None, None))
        if individual is not None:
            rows.append({"key": "coefficient_individual", "value": individual, "start": start,
                         "end": end, "citation": citation, "verified": verified})
            if "household" in entry["subjects"]:
                rows += [{"key": "coefficient_household", "value": value, "start": h_start,
                          "end": h_end, "citation": h_citation, "verified": h_verified}
                         for value, h_start, h_end, h_citation, h_verified in household_rows(
                             individual, start, end, citation, verified)]
        if collective is not None:
            rows.append({"key": "coefficient_collective", "value": collective, "start": start,
                         "end": end, "citation": citation, "verified": verified})
    return rows


def household_rows(individual, start, end, citation, verified):
    """The household coefficient over (start, end): individual × the household factor, for the
    part of the period a factor is in force (none before Decree 152/2025)."""
    rows = []
    for factor, f_start, f_end, f_citation, f_verified in lp.HOUSEHOLD_FACTOR:
        first = max(start, f_start)
        last = min((d for d in (end, f_end) if d is not None), default=None)
        if last is None or first <= last:
            rows.append((round(individual * factor, 4), first, last,
                         f"{citation}; {f_citation}", verified and f_verified))
    return rows


def _day():
    return datetime.timedelta(days=1)


def seed_criteria(apps, schema_editor=None) -> None:
    """Criteria numbers per law version (migration 0005; its model came after 0002)."""
    LegalCriterion = apps.get_model("awards", "LegalCriterion")
    if LegalCriterion.objects.exists():
        return
    LegalCriterion.objects.bulk_create(
        [LegalCriterion(law=law, key=key, value=value, citation=citation, verified=verified)
         for law, table in lp.CRITERIA.items()
         for key, (value, citation, verified) in table.items()])


def seed_authorities(apps, schema_editor=None) -> None:
    """The granting-authority table (data migration 0011); rows a province already has are
    kept (it edits them on the authorities screen)."""
    GrantingAuthority = apps.get_model("awards", "GrantingAuthority")
    AwardType = apps.get_model("awards", "AwardType")
    if GrantingAuthority.objects.exists():
        return
    awards = dict(AwardType.objects.values_list("code", "pk"))
    GrantingAuthority.objects.bulk_create(
        [GrantingAuthority(award_type_id=awards[row.pop("code")], **row)
         for row in authority_rows() if row["code"] in awards])


def seed_all(apps) -> None:
    """Everything the data migrations load (used after `flush`)."""
    seed_catalogue(apps)
    seed_criteria(apps)
    seed_authorities(apps)
