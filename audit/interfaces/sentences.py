"""What happened, in words: one sentence per audit action code, for histories and the log.

Every code a `record(...)` call can write has a sentence here (`tests/audit/
test_sentences.py` reads the codes from the source and fails on a missing one), so a reader
sees "Dossier submitted" / "Đã gửi hồ sơ", never `proposals.proposal.submitted`; and people
by their full name, never by their login.
"""

from django.utils.translation import pgettext, pgettext_lazy

# The "audit" context keeps these sentences apart from button labels with the same English.
SENTENCES = {
    "accounts.2fa.disable": pgettext_lazy("audit", "Two-step sign-in turned off"),
    "accounts.2fa.enable": pgettext_lazy("audit", "Two-step sign-in turned on"),
    "accounts.2fa.enrol": pgettext_lazy("audit", "Authenticator app enrolled"),
    "accounts.2fa.recovery_code_used": pgettext_lazy("audit", "Signed in with a recovery code"),
    "accounts.2fa.reset": pgettext_lazy("audit", "Two-step sign-in reset"),
    "accounts.password_change": pgettext_lazy("audit", "Password changed"),
    "accounts.password_reset": pgettext_lazy("audit", "Password reset"),
    "accounts.role.grant": pgettext_lazy("audit", "Role granted"),
    "accounts.role.revoke": pgettext_lazy("audit", "Role withdrawn"),
    "accounts.sign_in": pgettext_lazy("audit", "Signed in"),
    "accounts.token.create": pgettext_lazy("audit", "API token created"),
    "accounts.token.revoke": pgettext_lazy("audit", "API token revoked"),
    "accounts.user.create": pgettext_lazy("audit", "Account created"),
    "accounts.user.set_active": pgettext_lazy("audit", "Account enabled or disabled"),
    "awards.authority.end": pgettext_lazy("audit", "Granting power ended"),
    "awards.authority.set": pgettext_lazy("audit", "Granting power set"),
    "awards.discipline.record": pgettext_lazy("audit", "Discipline recorded"),
    "awards.law.correct": pgettext_lazy("audit", "Legal value corrected"),
    "awards.law.set": pgettext_lazy("audit", "New legal value in force from a date"),
    "awards.parameter.set": pgettext_lazy("audit", "Award parameter set"),
    "awards.pending.close": pgettext_lazy("audit", "Pending matter closed"),
    "awards.pending.open": pgettext_lazy("audit", "Pending matter opened"),
    "awards.rating.set": pgettext_lazy("audit", "Task rating recorded"),
    "awards.record.correct": pgettext_lazy("audit", "Award record corrected"),
    "awards.record.create": pgettext_lazy("audit", "Award recorded in the ledger"),
    "awards.record.revoke": pgettext_lazy("audit", "Award revoked"),
    "awards.screening.fail": pgettext_lazy("audit", "Who-qualifies screening failed"),
    "awards.screening.finish": pgettext_lazy("audit", "Who-qualifies screening done"),
    "awards.screening.request": pgettext_lazy("audit", "Who-qualifies screening requested"),
    "awards.screening.start": pgettext_lazy("audit", "Who-qualifies screening started"),
    "claims.check.record": pgettext_lazy("audit", "Verification check recorded"),
    "claims.claim.decided": pgettext_lazy("audit", "Claim decided"),
    "claims.claim.propose": pgettext_lazy("audit", "Claim put into a proposal"),
    "claims.claim.proposed": pgettext_lazy("audit", "Claim proposed"),
    "claims.claim.read": pgettext_lazy("audit", "Claim opened for reading"),
    "claims.claim.refused": pgettext_lazy("audit", "Claim refused"),
    "claims.claim.register": pgettext_lazy("audit", "Claim registered"),
    "claims.claim.verified": pgettext_lazy("audit", "Claim verified"),
    "claims.claim.verifying": pgettext_lazy("audit", "Claim under verification"),
    "claims.claim.waiting_evidence": pgettext_lazy("audit", "Claim waiting for evidence"),
    "claims.claim.withdrawn": pgettext_lazy("audit", "Claim withdrawn"),
    "claims.evidence.add": pgettext_lazy("audit", "Evidence added"),
    "claims.evidence.read": pgettext_lazy("audit", "Evidence opened for reading"),
    "claims.evidence.withdraw": pgettext_lazy("audit", "Evidence withdrawn"),
    "claims.family.add": pgettext_lazy("audit", "Martyr of the family added"),
    "core.holiday.add": pgettext_lazy("audit", "Public holiday added"),
    "core.holiday.deactivate": pgettext_lazy("audit", "Public holiday removed"),
    "decisions.decision.cancelled": pgettext_lazy("audit", "Draft decision cancelled"),
    "decisions.decision.draft": pgettext_lazy("audit", "Decision drafted"),
    "decisions.decision.export_bundle": pgettext_lazy("audit", "Decision bundle exported"),
    "decisions.decision.issued": pgettext_lazy("audit", "Decision numbered and issued"),
    "decisions.decision.signed": pgettext_lazy("audit",
                                               "Digitally signed copy received and verified"),
    "decisions.item.corrected": pgettext_lazy("audit", "Award corrected by an amending decision"),
    "decisions.item.revoked": pgettext_lazy("audit", "Award revoked by decision"),
    "decisions.key.generate": pgettext_lazy("audit", "New key for signing certificates"),
    "decisions.webhook.deactivate": pgettext_lazy("audit", "Receiving system stopped"),
    "decisions.webhook.retry": pgettext_lazy("audit", "Event sent again"),
    "decisions.webhook.subscribe": pgettext_lazy("audit", "Receiving system registered"),
    "emulation.cluster_round.open": pgettext_lazy("audit", "Cluster round opened"),
    "emulation.cluster_round.open_voting":
        pgettext_lazy("audit", "Scoring closed and voting opened"),
    "emulation.cluster_round.publish":
        pgettext_lazy("audit", "Round results published and locked"),
    "emulation.cluster_round.rescore":
        pgettext_lazy("audit", "Score changed by the head or board"),
    "emulation.cluster_round.score_peer": pgettext_lazy("audit", "Peer score entered"),
    "emulation.cluster_round.self_assess": pgettext_lazy("audit", "Self-assessment entered"),
    "emulation.cluster_round.sign_pact": pgettext_lazy("audit", "Emulation pact signed"),
    "emulation.cluster_round.vote": pgettext_lazy("audit", "Vote cast"),
    "emulation.criteria_set.add_criterion": pgettext_lazy("audit", "Criterion added"),
    "emulation.criteria_set.copy": pgettext_lazy("audit", "Criteria set copied"),
    "emulation.criteria_set.move_criterion": pgettext_lazy("audit", "Criterion moved"),
    "emulation.criteria_set.retire_criterion": pgettext_lazy("audit", "Criterion retired"),
    "emulation.criteria_set.thresholds": pgettext_lazy("audit", "Grade thresholds set"),
    "emulation.criteria_set.update_criterion": pgettext_lazy("audit", "Criterion corrected"),
    "emulation.exemplar.correct": pgettext_lazy("audit", "Exemplary model corrected"),
    "emulation.exemplar.create": pgettext_lazy("audit", "Exemplary model registered"),
    "emulation.exemplar.evidence": pgettext_lazy("audit", "Exemplary model evidence attached"),
    "emulation.exemplar.follow_up": pgettext_lazy("audit", "Exemplary model followed up"),
    "emulation.exemplar.publish": pgettext_lazy("audit", "Exemplary model published"),
    "emulation.exemplar.recognise": pgettext_lazy("audit", "Exemplary model recognised"),
    "emulation.exemplar.withdraw": pgettext_lazy("audit", "Exemplary model withdrawn"),
    "emulation.initiative.claim": pgettext_lazy("audit", "Initiative claimed for a proposal"),
    "emulation.initiative.confirm_use": pgettext_lazy("audit", "Use of the initiative confirmed"),
    "emulation.initiative.recognise": pgettext_lazy("audit", "Initiative recognised"),
    "emulation.initiative.register": pgettext_lazy("audit", "Initiative registered"),
    "emulation.initiative.release_use": pgettext_lazy("audit", "Use of the initiative released"),
    "emulation.initiative.revoke": pgettext_lazy("audit", "Initiative recognition revoked"),
    "emulation.initiative.update": pgettext_lazy("audit", "Initiative updated"),
    "emulation.inspection.conclude": pgettext_lazy("audit", "Inspection concluded"),
    "emulation.inspection.findings": pgettext_lazy("audit", "Inspection findings recorded"),
    "emulation.inspection.plan": pgettext_lazy("audit", "Inspection planned"),
    "emulation.inspection.schedule": pgettext_lazy("audit", "Inspection scheduled"),
    "emulation.inspection.task": pgettext_lazy("audit", "Remedial task assigned"),
    "emulation.inspection.task_accept": pgettext_lazy("audit", "Remedial task accepted"),
    "emulation.inspection.task_report": pgettext_lazy("audit", "Remedial task reported"),
    "emulation.inspection.task_return": pgettext_lazy("audit", "Remedial task returned"),
    "emulation.movement.attach": pgettext_lazy("audit", "Document attached to the movement"),
    "emulation.movement.close": pgettext_lazy("audit", "Movement closed"),
    "emulation.movement.create": pgettext_lazy("audit", "Movement created"),
    "emulation.movement.launch": pgettext_lazy("audit", "Movement launched"),
    "emulation.movement.mid_review": pgettext_lazy("audit", "Mid-term review recorded"),
    "emulation.movement.stop": pgettext_lazy("audit", "Movement stopped"),
    "emulation.movement.update": pgettext_lazy("audit", "Movement updated"),
    "emulation.plan.create": pgettext_lazy("audit", "Annual plan created"),
    "emulation.plan.publish": pgettext_lazy("audit", "Annual plan published"),
    "emulation.plan.update": pgettext_lazy("audit", "Annual plan updated"),
    "emulation.registration.approve": pgettext_lazy("audit", "Registration approved"),
    "emulation.registration.create": pgettext_lazy("audit", "Registration drafted"),
    "emulation.registration.return": pgettext_lazy("audit", "Registration returned"),
    "emulation.registration.submit": pgettext_lazy("audit", "Registration submitted"),
    "emulation.registration.update": pgettext_lazy("audit", "Registration updated"),
    "emulation.replication.assign": pgettext_lazy("audit", "Replication assigned"),
    "emulation.replication.close": pgettext_lazy("audit", "Replication closed"),
    "emulation.replication.complete": pgettext_lazy("audit", "Replication completed"),
    "emulation.replication.report": pgettext_lazy("audit", "Replication progress reported"),
    "emulation.rescore_request.approve": pgettext_lazy("audit", "Re-score request approved"),
    "emulation.rescore_request.file": pgettext_lazy("audit", "Re-score requested"),
    "emulation.rescore_request.refuse": pgettext_lazy("audit", "Re-score request refused"),
    "emulation.result.confirm": pgettext_lazy("audit", "Movement results confirmed"),
    "emulation.result.enter": pgettext_lazy("audit", "Movement result entered"),
    "emulation.result.propose": pgettext_lazy("audit", "Movement results proposed for awards"),
    "emulation.result.return": pgettext_lazy("audit", "Movement results returned"),
    "emulation.result.submit": pgettext_lazy("audit", "Movement results submitted"),
    "imports.job.cancel": pgettext_lazy("audit", "Import cancelled"),
    "imports.job.commit": pgettext_lazy("audit", "Import written"),
    "imports.job.commit_request": pgettext_lazy("audit", "Import confirmed for writing"),
    "imports.job.fail": pgettext_lazy("audit", "Import failed"),
    "imports.job.invalid": pgettext_lazy("audit", "Import file has errors"),
    "imports.job.upload": pgettext_lazy("audit", "Import file uploaded"),
    "imports.job.validate": pgettext_lazy("audit", "Import file being checked"),
    "imports.job.validated": pgettext_lazy("audit", "Import file checked"),
    "organisations.cluster.add_member": pgettext_lazy("audit", "Member added to the cluster"),
    "organisations.cluster.create": pgettext_lazy("audit", "Cluster created"),
    "organisations.cluster.set_leadership": pgettext_lazy("audit", "Cluster head and deputy set"),
    "organisations.cluster.start_year": pgettext_lazy("audit", "Cluster year started"),
    "organisations.cluster.update": pgettext_lazy("audit", "Cluster updated"),
    "organisations.collective.create": pgettext_lazy("audit", "Collective registered"),
    "organisations.collective.update": pgettext_lazy("audit", "Collective updated"),
    "organisations.household.create": pgettext_lazy("audit", "Household registered"),
    "organisations.household.update": pgettext_lazy("audit", "Household updated"),
    "organisations.person.create": pgettext_lazy("audit", "Person registered"),
    "organisations.person.end_employment": pgettext_lazy("audit", "Employment ended"),
    "organisations.person.register_deceased": pgettext_lazy(
        "audit", "Deceased person registered from family records"),
    "organisations.person.transfer": pgettext_lazy("audit", "Person transferred"),
    "organisations.person.update": pgettext_lazy("audit", "Person updated"),
    "organisations.staff.end": pgettext_lazy("audit", "Emulation staff period ended"),
    "organisations.staff.register": pgettext_lazy("audit", "Emulation staff registered"),
    "organisations.training.attendance": pgettext_lazy("audit", "Training attendance recorded"),
    "organisations.training.create": pgettext_lazy("audit", "Training session created"),
    "organisations.unit.create": pgettext_lazy("audit", "Unit created"),
    "organisations.unit.dissolve": pgettext_lazy("audit", "Unit dissolved"),
    "organisations.unit.merge": pgettext_lazy("audit", "Units merged"),
    "organisations.unit.move": pgettext_lazy("audit", "Unit moved"),
    "organisations.unit.rename": pgettext_lazy("audit", "Unit renamed"),
    "organisations.unit.update": pgettext_lazy("audit", "Unit updated"),
    "proposals.comment.create": pgettext_lazy("audit", "Public comment received"),
    "proposals.comment.resolve": pgettext_lazy("audit", "Public comment resolved"),
    "proposals.consultation.close": pgettext_lazy("audit", "Public consultation closed"),
    "proposals.consultation.open": pgettext_lazy("audit", "Public consultation opened"),
    "proposals.document.attach": pgettext_lazy("audit", "Document attached"),
    "proposals.document.generate": pgettext_lazy("audit", "Document generated"),
    "proposals.document.withdraw": pgettext_lazy("audit", "Document withdrawn"),
    "proposals.finding.record":
        pgettext_lazy("audit", "Appraisal finding recorded: track met"),
    "proposals.finding.withdraw": pgettext_lazy("audit", "Appraisal finding withdrawn"),
    "proposals.nominee.add": pgettext_lazy("audit", "Nominee added"),
    "proposals.nominee.carry":
        pgettext_lazy("audit", "Nominee carried into a consolidated proposal"),
    "proposals.nominee.drop": pgettext_lazy("audit", "Nominee dropped"),
    "proposals.nominee.initiative": pgettext_lazy("audit", "Initiative linked to the nominee"),
    "proposals.nominee.opinion": pgettext_lazy("audit", "Appraisal opinion given"),
    "proposals.nominee.update": pgettext_lazy("audit", "Nominee updated"),
    "proposals.proposal.appraised": pgettext_lazy("audit", "Appraisal finished"),
    "proposals.proposal.appraising": pgettext_lazy("audit", "Appraisal started"),
    "proposals.proposal.assign": pgettext_lazy("audit", "Appraisers assigned"),
    "proposals.proposal.consolidated":
        pgettext_lazy("audit", "Consolidated into a higher-level proposal"),
    "proposals.proposal.consultation": pgettext_lazy("audit", "Sent to public consultation"),
    "proposals.proposal.council_done": pgettext_lazy("audit", "Council vote finished"),
    "proposals.proposal.create": pgettext_lazy("audit", "Proposal created"),
    "proposals.proposal.decided": pgettext_lazy("audit", "Award decided"),
    "proposals.proposal.forwarded": pgettext_lazy("audit", "Forwarded to a higher authority"),
    "proposals.proposal.in_council": pgettext_lazy("audit", "Put before the council"),
    "proposals.proposal.rejected": pgettext_lazy("audit", "Not awarded"),
    "proposals.proposal.returned": pgettext_lazy("audit", "Returned for supplement"),
    "proposals.proposal.submitted": pgettext_lazy("audit", "Dossier submitted"),
    "proposals.proposal.update": pgettext_lazy("audit", "Proposal updated"),
    "proposals.proposal.withdrawn": pgettext_lazy("audit", "Proposal withdrawn"),
    "proposals.session.agenda": pgettext_lazy("audit", "Put on the council agenda"),
    "proposals.session.close": pgettext_lazy("audit", "Council session closed and tallied"),
    "proposals.session.create": pgettext_lazy("audit", "Council session scheduled"),
    "proposals.session.open": pgettext_lazy("audit", "Council session opened"),
    "proposals.session.seat": pgettext_lazy("audit", "Council member seated"),
    "proposals.session.vote": pgettext_lazy("audit", "Council vote cast"),
    "reports.export.fail": pgettext_lazy("audit", "Export failed"),
    "reports.export.finish": pgettext_lazy("audit", "Export ready"),
    "reports.export.request": pgettext_lazy("audit", "Export requested"),
    "reports.export.start": pgettext_lazy("audit", "Export started"),
    "reports.filing.extend": pgettext_lazy("audit", "Report deadline extended"),
    "reports.filing.file": pgettext_lazy("audit", "Report filed"),
    "reports.filing.return": pgettext_lazy("audit", "Report returned"),
    "reports.request.cancel": pgettext_lazy("audit", "Report request cancelled"),
    "reports.request.close": pgettext_lazy("audit", "Report request closed"),
    "reports.request.create": pgettext_lazy("audit", "Report request drafted"),
    "reports.request.issue": pgettext_lazy("audit", "Report request issued"),
    "reports.request.update": pgettext_lazy("audit", "Report request updated"),
}


def sentence(action: str) -> str:
    """The sentence of `action`; a code without one (a new action not yet worded) reads as a
    plain "change recorded" rather than as a code."""
    return str(SENTENCES.get(action) or pgettext("audit", "Change recorded"))


def describe(entry) -> str:
    """The entry's sentence, followed by its reason when it has one ("Returned for
    supplement: the minutes are missing")."""
    text = sentence(entry.action)
    return f"{text}: {entry.reason}" if entry.reason else text


def actor_name(entry) -> str:
    """Who acted, by full name: the account's current name, else the label kept with the entry
    (an account since deleted), "System" for scheduled work."""
    actor = entry.actor
    return name_of_actor(None if actor is None else actor.full_name, entry.actor_label)


def name_of_actor(full_name: str | None, label: str) -> str:
    """`actor_name` of an entry read as values: its account's full name (None without an
    account) and its kept label."""
    if full_name is not None and (name := full_name.strip()):
        return name
    if label in ("", "system"):
        return pgettext("audit", "System")
    return label
