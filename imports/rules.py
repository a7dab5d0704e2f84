"""Permissions on import jobs. Running an importer is the owning app's permission (e.g.
`organisations.import_people`), declared on the importer; these rules cover the job itself."""

import rules

from accounts.predicates import is_system_admin


@rules.predicate
def uploaded_job(user, job) -> bool:
    return job is not None and job.created_by_id == user.pk


rules.add_perm("imports.view_job", uploaded_job | is_system_admin)
rules.add_perm("imports.change_job", uploaded_job | is_system_admin)
