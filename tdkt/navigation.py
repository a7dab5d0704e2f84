"""The main menu, by task: at most seven groups (issue 18.2), each showing only the entries the
signed-in user's roles allow; a group with none is not shown. Templates render each group as a
<details> (core/base.html), so the menu folds on a phone with no script."""

from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from accounts.domain.scope import active_assignments
from core.context_processors import request_user
from tdkt.guide import guide_url

# (group label, [(URL name, label, permission or None)]). The portal is public: everyone sees it.
GROUPS = [
    (pgettext_lazy("menu group", "Award dossiers"), [
        ("proposals:list", _("Proposals"), "proposals.view_proposal"),
        ("proposals:inbox", _("Appraisal inbox"), "proposals.view_inbox"),
        ("proposals:session_list", _("Council"), "proposals.view_council"),
        ("decisions:list", _("Decisions"), "decisions.view_decision"),
        ("decisions:register", _("Document register"), "decisions.view_register"),
        ("claims:list", _("Wartime backlog"), "claims.view_claim"),
    ]),
    (pgettext_lazy("menu group", "Emulation movements"), [
        ("emulation:movement_list", _("Movements"), "emulation.view_movement"),
        ("emulation:round_list", _("Cluster emulation"), "emulation.view_cluster_round"),
        ("emulation:initiative_list", _("Initiatives"), "emulation.view_initiative"),
        ("emulation:exemplar_list", _("Exemplary models"), "emulation.view_exemplar"),
        ("emulation:task_list", _("Inspections"), "emulation.view_tasks"),
    ]),
    (pgettext_lazy("menu group", "Subjects"), [
        ("organisations:unit_list", _("Units"), "organisations.view_unit"),
        ("organisations:cluster_list", _("Clusters & blocks"), "organisations.view_cluster"),
        ("organisations:person_list", _("People"), "organisations.view_person"),
        ("organisations:collective_list", _("Collectives"), "organisations.view_subject"),
        ("organisations:household_list", _("Households"), "organisations.view_subject"),
        ("organisations:staff_list", _("Emulation staff"), "organisations.view_staff"),
    ]),
    (pgettext_lazy("menu group", "Award register"), [
        ("awards:ledger", _("Award ledger"), "awards.view_ledger"),
        ("awards:qualify", _("Who qualifies"), "awards.view_ledger"),
        ("awards:catalogue", _("Award catalogue"), "awards.view_catalogue"),
        ("awards:early_raise", _("Early salary raise"), "awards.view_ledger"),
    ]),
    (pgettext_lazy("menu group", "Reports and statistics"), [
        ("reports:dashboard", _("Statistics"), "reports.view_statistics"),
        ("reports:request_list", _("Report requests"), "reports.view_reporting"),
        ("reports:forms", _("Report forms"), "reports.view_statistics"),
        ("reports:export_list", _("My exports"), "awards.view_ledger"),
    ]),
    (pgettext_lazy("menu group", "Public portal"), [
        ("portal:home", _("Portal home page"), None),
        ("portal:decision_list", _("Published decisions"), None),
        ("portal:verify", _("Verify a certificate"), None),
    ]),
    (pgettext_lazy("menu group", "Administration"), [
        ("imports:job_list", _("Imports"), "organisations.import_people"),
        ("audit:log", _("Audit log"), "audit.view_log"),
        ("accounts:user_list", _("Users"), "accounts.manage_users"),
        ("core:holiday_list", _("Holidays"), "core.view_holidays"),
        ("decisions:webhook_list", _("Exchange webhooks"), "decisions.manage_webhooks"),
        ("guide", _("User guide"), None),
    ]),
]
# Every entry, in menu order (the link crawl starts from them).
NAV = [entry for _group, entries in GROUPS for entry in entries]


def navigation(request):
    """`nav_groups` for the menu and `nav_items` (the same entries, flat) for the pages and
    tests that ask which entry is current."""
    user = request_user(request)  # unwrapped: nav_key reads four of its attributes
    if user is None or not user.is_authenticated:
        return {"nav_groups": [], "nav_items": [], "guide_url": None, "nav_html": "",
                "layout_urls": layout_urls()}
    current = request.resolver_match.view_name if request.resolver_match else ""
    key = nav_key(user)
    menu = _menu(key, user, current)
    html_key = (menu["key"], get_language())
    if html_key not in _HTML:
        _HTML[html_key] = _render_menu(menu["nav_groups"])
    return {"nav_groups": menu["nav_groups"], "nav_items": menu["nav_items"],
            "guide_url": menu["guide_url"], "nav_html": _HTML[html_key],
            "layout_urls": layout_urls()}


# (role set, current view) -> the menu's groups and items with the current entry marked, its
# guide link and the key of its HTML: the same for every user with these roles on this page, so
# built once per process instead of ~30 dicts and ~70 string splits on every page (issue 14.2).
# Keys are few: role sets in use × views (~300). Shared between requests: read only.
_MENUS: dict[tuple, dict] = {}


def _menu(key: tuple, user, current: str) -> dict:
    menu = _MENUS.get((key, current))
    if menu is None:
        groups = []
        for label, entries in allowed_groups(user, key):
            items = [{"url": url, "label": item_label, "active": _is_current(current, name)}
                     for name, item_label, url in entries]
            groups.append({"label": label, "items": items,
                           "active": any(item["active"] for item in items)})
        active = tuple(i["url"] for g in groups for i in g["items"] if i["active"])
        menu = _MENUS[(key, current)] = {
            "nav_groups": groups, "nav_items": [i for g in groups for i in g["items"]],
            "guide_url": guide_url(current), "key": (key, active)}
    return menu


# The layout's own links (brand, account menu, sign-out, language), reversed once per script
# prefix and process instead of seven `{% url %}` on every page.
_LAYOUT_URLS: dict[str, dict] = {}
LAYOUT_URL_NAMES = {"home": "core:home", "notifications": "notifications:list",
                    "password_change": "accounts:password_change",
                    "security": "accounts:security", "token_list": "accounts:token_list",
                    "logout": "accounts:logout", "set_language": "set_language"}


def layout_urls() -> dict:
    prefix = get_script_prefix()
    if prefix not in _LAYOUT_URLS:
        _LAYOUT_URLS[prefix] = {key: reverse(name) for key, name in LAYOUT_URL_NAMES.items()}
    return _LAYOUT_URLS[prefix]


# (role set, current entries, language) -> the menu's HTML: ~30 links rendered through template
# nodes on every page were a twentieth of a list page's Python. The role set is read from the
# cached assignments, which a grant or revocation drops (accounts.apps), so a changed role set
# is a new key at once. Keys are few: role sets in use × 2 languages × ~30 current entries.
_HTML: dict[tuple, str] = {}


# Constant attributes (no user data in them).
_CURRENT_GROUP = mark_safe(' class="current"')  # noqa: S308
_CURRENT_PAGE = mark_safe(' aria-current="page"')  # noqa: S308


def _render_menu(groups: list[dict]) -> str:
    """The menu as HTML, in Python rather than through a template: rendered inside a context
    processor, a template would appear among the page's templates on the first page of a
    process only (tests that ask which template a page used would depend on their order)."""
    def links(group):
        return format_html_join("", '<li><a href="{}"{}>{}</a></li>', (
            (item["url"], _CURRENT_PAGE if item["active"] else "", item["label"])
            for item in group["items"]))

    entries = format_html_join("\n", (
        '<li><details name="mainnav"{}>\n<summary>{}</summary>\n<ul>{}</ul>\n</details></li>'), (
        (_CURRENT_GROUP if group["active"] else "", group["label"], links(group))
        for group in groups))
    return format_html('<nav class="mainnav" aria-label="{}">\n<ul>\n{}\n</ul>\n</nav>',
                       gettext("Main menu"), entries)


def _is_current(current: str, name: str) -> bool:
    """The entry of the page's own list: same app, same noun (`proposals:detail` is under
    `proposals:list`'s app but `proposals:session_detail` belongs to `session_list`)."""
    return (current.split(":")[0] == name.split(":")[0]
            and current.split("_")[0] == name.split("_")[0])


# Role set -> the groups it may see, with their URLs. Every permission in GROUPS is asked without
# an object, and rules predicates answer that from the user's roles alone (accounts/predicates.py),
# so users holding the same roles see the same menu: the permission checks and reversals run
# once per role set and process instead of on every page (12 % of a list page's Python).
_ALLOWED: dict[tuple, list[tuple]] = {}


def allowed_groups(user, key: tuple | None = None) -> list[tuple]:
    """`key`: the user's nav_key, when the caller has it already."""
    key = key or nav_key(user)
    if key not in _ALLOWED:
        groups = []
        for label, entries in GROUPS:
            allowed = [(name, item_label, reverse(name)) for name, item_label, perm in entries
                       if perm is None or user.has_perm(perm)]
            if allowed:
                groups.append((label, allowed))
        _ALLOWED[key] = groups
    return _ALLOWED[key]


def nav_key(user) -> tuple:
    return (user.is_superuser, user.is_active, get_script_prefix(),
            frozenset(a.role for a in active_assignments(user)))
