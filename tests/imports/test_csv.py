"""CSV imports: the same columns, preview, row errors and all-or-nothing commit as Excel."""

import io

import pytest
from django.urls import reverse

from awards.interfaces.importers import AwardImporter
from awards.models import AwardRecord
from imports.domain.reader import sniff_delimiter
from imports.models import ImportJob
from tests.awards.test_importers import AWARD_HEADER, award_row, errors_of
from tests.factories import PersonFactory
from tests.imports.helpers import committed, validated


def write_csv(path, header, rows, *, delimiter=",", bom=True, encoding="utf-8"):
    lines = [delimiter.join(f'"{v}"' if delimiter in str(v) else str(v) for v in line)
             for line in [header, *rows]]
    path.write_bytes(("\ufeff" if bom else "").encode() + "\r\n".join(lines).encode(encoding))
    return path


@pytest.fixture
def person(dept_a):
    return PersonFactory(unit=dept_a)


@pytest.mark.parametrize(("delimiter", "bom"), [(",", True), (";", True), (";", False)])
def test_valid_csv_awards_are_committed(tmp_path, officer_a, person, delimiter, bom):
    path = write_csv(tmp_path / "a.csv", AWARD_HEADER, [
        award_row(cccd=person.cccd),
        award_row(cccd=person.cccd, award="Chiến sĩ thi đua cơ sở", year=2023,
                  decision_number="9/QĐ", revoked="Có")], delimiter=delimiter, bom=bom)
    job = committed(officer_a, "awards", path)
    assert (job.state, job.stored_name.endswith(".csv"), job.summary["rows"]) == (
        "committed", True, 2)
    assert sorted(AwardRecord.objects.values_list("award_type__code", "year", "revoked",
                                                  "decision_number")) == [
        ("cstd_co_so", 2023, True, "9/QĐ"), ("ldtt", 2024, False, "12/QĐ-SGD")]


def test_csv_row_errors_name_row_and_column_and_nothing_is_saved(tmp_path, officer_a, person):
    path = write_csv(tmp_path / "a.csv", AWARD_HEADER, [
        award_row(cccd=person.cccd),
        award_row(cccd=person.cccd, award="khong_co"),
        award_row(cccd=person.cccd, year="hai nghìn")], delimiter=";")
    job = validated(officer_a, "awards", path)
    assert job.state == "invalid"
    assert errors_of(job) == [
        (3, "Mã danh hiệu/hình thức", "Unknown title or form “khong_co”."),
        (4, "Năm thành tích", "“hai nghìn” is not a year.")]
    assert AwardRecord.objects.count() == 0


def test_csv_header_must_match_the_template(tmp_path, officer_a):
    path = write_csv(tmp_path / "a.csv", ["Số CCCD", "Năm"], [["001085012345", "2024"]])
    job = validated(officer_a, "awards", path)
    assert (job.state, errors_of(job)[0][:2]) == ("invalid", (1, "Mã đơn vị"))


def test_quoted_cell_with_a_line_break_keeps_record_numbers(tmp_path, officer_a, person):
    header = ",".join(AWARD_HEADER)
    good = ",".join(str(v) for v in award_row(cccd=person.cccd))
    bad = ",".join(str(v) for v in award_row(cccd=person.cccd, award="khong_co",
                                             issuer='"Giám đốc\nSở"'))
    path = tmp_path / "a.csv"
    path.write_text(f"{header}\n{bad}\n{good}\n", encoding="utf-8")
    job = validated(officer_a, "awards", path)
    assert [e[0] for e in errors_of(job)] == [2]


def test_invalid_utf8_after_the_first_bytes_fails_with_a_message(tmp_path, officer_a, person):
    path = write_csv(tmp_path / "a.csv", AWARD_HEADER,
                     [award_row(cccd=person.cccd, decision_number=f"{n}/QĐ")
                      for n in range(3000)])
    path.write_bytes(path.read_bytes() + b"Gi\xe1m \xf0\xf4c\n")
    job = validated(officer_a, "awards", path)
    assert job.state == "failed"
    assert job.message.startswith("The CSV file is not UTF-8 text (after row")


@pytest.mark.parametrize(("line", "expected"), [("A;B;C", ";"), ("A,B", ","), ("A", ",")])
def test_delimiter_is_read_from_the_header(line, expected):
    assert sniff_delimiter(line) == expected


def test_upload_csv_through_the_page(client_for, officer_a, person,
                                     django_capture_on_commit_callbacks):
    client = client_for(officer_a)
    client.cookies["django_language"] = "en"
    content = "\ufeff" + ";".join(AWARD_HEADER) + "\n" + ";".join(
        str(v) for v in award_row(cccd=person.cccd)) + "\n"
    upload = io.BytesIO(content.encode())
    upload.name = "so-khen-thuong.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_create"),
                               {"kind": "awards", "file": upload})
    job = ImportJob.objects.get()
    assert (response.status_code, job.state, job.original_name) == (302, "validated",
                                                                    "so-khen-thuong.csv")


def test_csv_template_has_the_template_columns(client_for, officer_a):
    client = client_for(officer_a)
    response = client.get(reverse("imports:template", args=["awards"]) + "?format=csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text[1:].splitlines()[0] == ",".join(
        c.header + (" *" if c.required else "") for c in AwardImporter.columns)


def test_outsider_gets_no_csv_template_of_units(client_for, outsider):
    response = client_for(outsider).get(reverse("imports:template", args=["units"])
                                        + "?format=csv")
    assert response.status_code == 403
