"""Load the catalogue and the law into the database. Called by data migrations with the
historical `apps` registry, so it only uses `apps.get_model`. The law itself is loaded by
`awards.data.sync.sync_law` (migration 0014 and later); the two functions 0002 and 0005 call
are kept for those migrations."""

from awards.data.authorities import authority_rows
from awards.data.sync import sync_award_types, sync_law


def seed_catalogue(apps, schema_editor=None) -> None:
    """The award types (migration 0002); their dated values come with `sync_law` (0014)."""
    sync_award_types(apps)


def seed_criteria(apps, schema_editor=None) -> None:
    """Migration 0005 loaded criteria per law version; `sync_law` (0014) loads them dated."""


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
    sync_law(apps)
    seed_authorities(apps)
