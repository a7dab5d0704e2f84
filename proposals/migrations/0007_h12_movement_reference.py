"""The proposal's movement becomes a reference to a movement: the old free text is kept in
`movement_note`, and where it names one movement (by code or name) the reference is set and the
note cleared."""

import django.db.models.deletion
from django.db import migrations, models


def match_movements(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    Movement = apps.get_model("emulation", "Movement")
    by_key = {}
    for pk, code, name in Movement.objects.values_list("pk", "code", "name"):
        for key in (code.strip().casefold(), name.strip().casefold()):
            by_key.setdefault(key, set()).add(pk)
    for proposal in Proposal.objects.exclude(movement_note=""):
        found = by_key.get(proposal.movement_note.strip().casefold(), set())
        if len(found) == 1:  # an ambiguous name stays a note
            proposal.movement_id, proposal.movement_note = found.pop(), ""
            proposal.save(update_fields=["movement", "movement_note"])


def back_to_text(apps, schema_editor):
    Proposal = apps.get_model("proposals", "Proposal")
    for proposal in Proposal.objects.filter(movement__isnull=False).select_related("movement"):
        proposal.movement_note = proposal.movement.name[:255]
        proposal.save(update_fields=["movement_note"])


class Migration(migrations.Migration):

    dependencies = [
        ("emulation", "0009_h12_movement_results"),
        ("proposals", "0006_h2_council_minutes"),
    ]

    operations = [
        migrations.RenameField("proposal", "movement", "movement_note"),
        migrations.AlterField(
            model_name="proposal", name="movement_note",
            field=models.CharField(blank=True, max_length=255,
                                   verbose_name="emulation movement (note)")),
        migrations.AddField(
            model_name="proposal", name="movement",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="proposals", to="emulation.movement",
                                    verbose_name="emulation movement")),
        migrations.RunPython(match_movements, back_to_text),
    ]
