"""Navigation entries shown to the signed-in user (only those their roles allow)."""

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import active_assignments

NAV = [
    ("core:home", _("Home"), None),
    ("organisations:unit_list", _("Units"), "organisations.view_unit"),
    ("organisations:cluster_list", _("Clusters & blocks"), "organisations.view_cluster"),
    ("organisations:person_list", _("People"), "organisations.view_person"),
    ("organisations:collective_list", _("Collectives"), "organisations.view_subject"),
    ("organisations:household_list", _("Households"), "organisations.view_subject"),
    ("organisations:staff_list", _("Emulation staff"), "organisations.view_staff"),
    ("awards:ledger", _("Award ledger"), "awards.view_ledger"),
    ("awards:qualify", _("Who qualifies"), "awards.view_ledger"),
    ("awards:catalogue", _("Award catalogue"), "awards.view_catalogue"),
    ("proposals:list", _("Proposals"), "proposals.view_proposal"),
    ("proposals:inbox", _("Appraisal inbox"), "proposals.view_inbox"),
    ("proposals:session_list", _("Council"), "proposals.view_council"),
    ("decisions:list", _("Decisions"), "decisions.view_decision"),
    ("decisions:register", _("Document register"), "decisions.view_register"),
    ("claims:list", _("Wartime backlog"), "claims.view_claim"),
    ("emulation:initiative_list", _("Initiatives"), "emulation.view_initiative"),
    ("emulation:exemplar_list", _("Exemplary models"), "emulation.view_exemplar"),
    ("emulation:task_list", _("Inspections"), "emulation.view_tasks"),
    ("emulation:movement_list", _("Movements"), "emulation.view_movement"),
    ("emulation:round_list", _("Cluster emulation"), "emulation.view_cluster_round"),
    ("imports:job_list", _("Imports"), "organisations.import_people"),
    ("reports:dashboard", _("Statistics"), "reports.view_statistics"),
    ("reports:request_list", _("Report requests"), "reports.view_reporting"),
    ("reports:forms", _("Report forms"), "reports.view_statistics"),
    ("reports:export_list", _("My exports"), "awards.view_ledger"),
    ("audit:log", _("Audit log"), "audit.view_log"),
    ("accounts:user_list", _("Users"), "accounts.manage_users"),
    ("core:holiday_list", _("Holidays"), "core.view_holidays"),
    ("decisions:webhook_list", _("Exchange webhooks"), "decisions.manage_webhooks"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = [
        {"url": url, "label": label, "active": current.split(":")[0] == name.split(":")[0]
         and current.split("_")[0] == name.split("_")[0]}
        for name, label, url in allowed_entries(user)
    ]
    return {"nav_items": items}


# Role set -> the entries it may see, with their URLs. Every permission in NAV is asked without
# an object, and rules predicates answer that from the user's roles alone (accounts/predicates.py),
# so users holding the same roles see the same menu: 28 permission checks and reversals once per
# role set and process instead of on every page (12 % of a list page's Python).
_ALLOWED: dict[tuple, list[tuple]] = {}


def allowed_entries(user) -> list[tuple]:
    key = nav_key(user)
    if key not in _ALLOWED:
        _ALLOWED[key] = [(name, label, reverse(name)) for name, label, perm in NAV
                         if perm is None or user.has_perm(perm)]
    return _ALLOWED[key]


def nav_key(user) -> tuple:
    return (user.is_superuser, user.is_active, get_script_prefix(),
            frozenset(a.role for a in active_assignments(user)))
