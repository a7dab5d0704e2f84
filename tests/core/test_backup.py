"""Backup → change → restore gives back exactly the backed-up data and files."""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from organisations.models import Person
from tests.factories import PersonFactory, UnitFactory


@pytest.fixture
def private_file():
    path = settings.PRIVATE_MEDIA_ROOT / "imports" / "ho-so.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"backed up")
    yield path
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT / "imports", ignore_errors=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_backup_restore_round_trip(tmp_path, capsys, private_file):
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and not shutil.which(
            "pg_dump"):
        pytest.skip("pg_dump is not installed (apt-get install postgresql-client)")
    unit = UnitFactory(code="SO-GOC")
    kept = PersonFactory(unit=unit, full_name="Người Trong Bản Sao")
    call_command("backup", "--output", str(tmp_path))
    archive = capsys.readouterr().out.strip()

    PersonFactory(unit=unit, full_name="Thêm Sau Khi Sao Lưu")
    Person.objects.filter(pk=kept.pk).update(full_name="Đã Sửa")
    private_file.write_bytes(b"changed")

    call_command("restore", archive, "--yes")
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Người Trong Bản Sao"]
    assert private_file.read_bytes() == b"backed up"


def test_restore_needs_confirmation(tmp_path):
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "x.tar.gz"))
