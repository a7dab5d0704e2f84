import json

import pytest
from django.core.management import call_command

CASE = {"id": "x1", "award": "cstd_co_so", "year": 2024, "decision_date": "2025-02-10",
        "subject": {"kind": "individual", "gender": "female", "is_leader": False,
                    "is_direct_worker": True, "armed_forces": False, "posthumous": False},
        "ratings": [{"year": 2024, "rating": "tot"}],
        "awards": [{"award": "ldtt", "year": 2024, "kind": "cong_trang", "revoked": False}],
        "initiatives": [{"code": "SK-2024-01", "scope": "co_so", "recognised_on": "2024-11-20",
                         "used_for": None}],
        "research": [], "discipline": [], "pending": []}


def run(tmp_path, capsys, cases, *args):
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    code = 0
    try:
        call_command("eligibility", "check", str(path), *args)
    except SystemExit as exit_:
        code = exit_.code
    return code, json.loads(capsys.readouterr().out)


def test_cli_evaluates_the_documented_example(tmp_path, capsys):
    code, out = run(tmp_path, capsys, [CASE], "--lang", "en")
    result = out["results"][0]
    assert code == 0
    assert (result["id"], result["eligible"], result["initiatives_used"]) == (
        "x1", True, ["SK-2024-01"])
    assert result["law"] == "Luật Thi đua, khen thưởng 06/2022/QH15"
    assert result["reward"] == {"coefficient": 1.0, "base_salary_vnd": 2340000,
                                "amount_vnd": 2340000,
                                "citation": "Nghị định 98/2023/NĐ-CP, Điều 54; "
                                            "Nghị định 98/2023/NĐ-CP, Điều 53; "
                                            "Nghị định 73/2024/NĐ-CP"}
    assert [r["rule"] for r in result["reasons"]] == [
        "cstd_co_so.subject", "common.hold", "common.discipline", "cstd_co_so.ldtt",
        "cstd_co_so.excellence_or_initiative"]


@pytest.mark.parametrize(("broken", "message"), [
    ({"award": "khong_co"}, "award: unknown code “khong_co”."),
    ({"achievements": ["khong_co.a"]},
     "achievements[0]: “khong_co.a” is not “<award code>.<track>”."),
    ({"decision_date": "10/02/2025"}, "decision_date: “10/02/2025” is not a date (YYYY-MM-DD)."),
    ({"year": "2024"}, "year: a whole number is required."),
    ({"ratings": [{"year": 2024, "rating": "gioi"}]}, "ratings[0].rating: unknown code “gioi”."),
])
def test_cli_bad_case_gets_error_and_exit_2_others_still_evaluated(tmp_path, capsys, broken,
                                                                   message):
    code, out = run(tmp_path, capsys, [CASE | broken | {"id": "bad"}, CASE], "--lang", "en")
    assert code == 2
    assert out["results"][0] == {"id": "bad", "error": message}
    assert out["results"][1]["eligible"] is True


@pytest.mark.parametrize(("award", "citation"), [
    ("hc_sao_vang", "Luật TĐKT 2022, Điều 34"), ("ba_me_vnah", "Luật TĐKT 2022, Điều 59"),
    ("ky_niem_chuong", "Luật TĐKT 2022, Điều 72")])
def test_cli_form_judged_by_hand_is_an_answer_not_an_error(tmp_path, capsys, award, citation):
    """Forms the engine cannot judge from records answer "not checked automatically — appraise
    by hand" with the article, exit status 0."""
    code, out = run(tmp_path, capsys, [CASE | {"award": award}], "--lang", "en")
    assert code == 0
    assert out["results"][0] == {
        "id": "x1", "award": award, "eligible": None,
        "law": "Luật Thi đua, khen thưởng 06/2022/QH15", "initiatives_used": [],
        "reasons": [{"rule": f"{award}.manual", "ok": True, "citation": citation,
                     "message": f"Not checked automatically — appraise by hand against "
                                f"{citation}."}]}


def test_cli_unreadable_file_exits_2(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("eligibility", "check", str(path))
    assert exit_.value.code == 2
    assert json.loads(capsys.readouterr().out)["results"][0]["id"] is None
