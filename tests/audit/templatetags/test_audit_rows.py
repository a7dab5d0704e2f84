"""The audit log's rows rendered in Python are the rows the template loop rendered."""

import datetime
import decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from audit.domain.record import record
from audit.interfaces.sentences import SENTENCES, actor_name, sentence
from audit.models import AuditEntry
from audit.templatetags import audit_rows as audit_rows_module
from audit.templatetags.audit_rows import KeptFormNode, audit_rows
from audit.views import AuditFilterForm, _shown, _with_sentences

pytestmark = pytest.mark.django_db

# The loop the tag replaced (audit/log.html before session 9).
LOOP = Template(
    '{% for e in entries %}\n'
    '  <tr><td>{{ e.at|date:"d/m/Y H:i:s" }}</td><td>{{ e.who }}</td><td><span title="{{ e.ac'
    'tion }}">{{ e.sentence }}</span></td>\n'
    '    <td>{{ e.object_label }}{% if e.unit %}<div class="muted">{{ e.unit }}</div>{% endif '
    '%}</td>\n'
    '    <td>{% for field, is_pair, old, new in e.change_rows %}<div><strong>{{ field }}</str'
    'ong>: {% if is_pair %}{{ old|default_if_none:"—" }} → {% endif %}{{ new|default_if_none'
    ':"—" }}</div>{% endfor %}</td>\n'
    '    <td>{{ e.reason }}</td></tr>\n'
    '  {% endfor %}')


def _loop_rows(html: str) -> list[str]:
    """The loop's markup row by row, without the whitespace its tags left between rows."""
    return [row.strip() for row in html.split("</tr>") if row.strip()]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_those_of_the_template_loop(school_a, admin_user, language):
    record(admin_user, "organisations.unit.update", school_a, unit=school_a,
           changes={"name": ["<b>A</b> & B", None], "size": [1500, 2750.5],
                    "since": [None, "2025-07-01"], "rate": [decimal.Decimal("0.25"), 1],
                    "codes": ["x", "y", "z"], "note": "bare <value>"},
           reason="Sửa theo <quyết định> số 12")
    record(admin_user, "accounts.user.create", admin_user)  # no unit, no changes
    # The same strings again, as a key and a value, beside numbers and booleans: a string is
    # escaped once a page and shown again from then on, the others localised every time.
    record(admin_user, "organisations.unit.update", school_a, unit=school_a,
           changes={"<b>A</b> & B": ["<b>A</b> & B", "bare <value>"], "flag": [False, True],
                    "size": [1500, "1500"], "name": ["", None], "note": "<b>A</b> & B"})
    # Names and labels as typed: every one escaped in the row as the template escaped it.
    admin_user.full_name = 'Lê <Thị> "Hồng" & Co\'s'
    admin_user.save(update_fields=["full_name"])
    record(admin_user, "organisations.unit.rename", school_a, unit=school_a,
           label='Trường <b>"A"</b> & B\'s', reason='<"&\'>')
    # Older entries hold a bare list; values straight in the JSON keep their types.
    AuditEntry.objects.create(actor_label="system", action="decisions.decision.issue",
                              unit=school_a, object_label="QĐ 12", changes=["a list", "of codes"])
    AuditEntry.objects.create(actor_label="canbo", action="awards.record.revoke",
                              object_label="Bằng khen", changes={"amount": [0.5, None]})
    rows = list(_shown(AuditEntry.objects.order_by("pk")))  # as the page reads them
    rows[1] = rows[1]._replace(at=datetime.datetime(2025, 12, 31, 23, 59, 58, tzinfo=datetime.UTC))
    page = type("Page", (), {"object_list": rows})
    with translation.override(language):
        _with_sentences(page)
        assert _loop_rows(audit_rows(page.object_list)) \
            == _loop_rows(LOOP.render(Context({"entries": page.object_list})))


FIELDS_LOOP = ('{% for field in form %}<div><label for="{{ field.id_for_label }}">{{ field.label }}'
               '</label>{{ field }}</div>{% endfor %}')
KEPT = Template("{% load audit_rows %}{% kept_form form %}" + FIELDS_LOOP + "{% endkept_form %}")


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("data", [None, {}, {"q": '<"&\'', "actor": "canbo"},
                                  {"action": "proposals", "date_from": "2026-01-02",
                                   "date_to": "2026-02-03"},
                                  {"date_from": "not a date"}])  # invalid: aria-invalid
def test_the_kept_filter_form_is_the_template_loop(language, data):
    with translation.override(language):
        form = AuditFilterForm(data)
        form.is_valid()
        plain = Template(FIELDS_LOOP).render(Context({"form": form}))
        # The first rendering is kept, the second served from memory: both the loop's.
        assert [KEPT.render(Context({"form": AuditFilterForm(data)})) for _ in range(2)] \
            == [plain, plain]


def test_the_kept_filter_form_is_kept_once_per_language_and_values():
    node = next(node for node in KEPT.nodelist if isinstance(node, KeptFormNode))
    node.rendered.clear()
    for language, data in [("vi", {"q": "a"}), ("vi", {"q": "a"}), ("en", {"q": "a"}),
                           ("vi", {"q": "b"}), ("vi", {"q": "a", "page": "2"})]:
        with translation.override(language):
            KEPT.render(Context({"form": AuditFilterForm(data)}))
    assert [(key[0], key[3]) for key in node.rendered] == [
        ("vi", (("a", False), (None, False), (None, False), (None, False), (None, False))),
        ("en", (("a", False), (None, False), (None, False), (None, False), (None, False))),
        ("vi", (("b", False), (None, False), (None, False), (None, False), (None, False)))]


def test_the_kept_filter_forms_are_bounded(monkeypatch):
    node = next(node for node in KEPT.nodelist if isinstance(node, KeptFormNode))
    node.rendered.clear()
    monkeypatch.setattr(audit_rows_module, "KEPT_FORMS", 3)
    for word in "abcde":
        KEPT.render(Context({"form": AuditFilterForm({"q": word})}))
    assert [key[3][0][0] for key in node.rendered] == ["c", "d", "e"]


# A value of each type the JSON holds, with equal values of different types (1, 1.0, True and
# "1") and the same values again in later entries: a page shows each as its own type shows it.
VALUES = {"text": ["<b>A</b> & B", "<b>A</b> & B"], "int": [1, 1234567], "float": [1.0, 0.1],
          "bool": [True, False], "one": [1, True], "str_one": ["1", 1.0], "none": [None, ""],
          "list": [[1, "<a>"], [True, None]], "object": [{"a": "&"}, {"b": [2.5, False]}],
          "negative": [-3, -2.5], "same": [7, 7]}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_action_and_value_type_is_shown_as_the_template_loop(school_a, admin_user,
                                                                   language):
    """Each action's sentence (and a code without one), actors of scheduled work and of an
    account, entries without a unit, with nothing changed, with a bare value or list."""
    codes = [*sorted(SENTENCES), "x.without.sentence"]
    for i, action in enumerate(codes):
        changes = [VALUES, {}, ["a", 1, True], "bare <value>", {"n": [i, i * 0.5]}][i % 5]
        AuditEntry.objects.create(actor=admin_user if i % 3 else None,
                                  actor_label=["system", "", '<"&\'>'][i % 3],
                                  action=action, unit=school_a if i % 4 else None,
                                  object_label=f"Đối tượng <{i}> & \"x\"", changes=changes,
                                  reason=["", '<"&', "lý do"][i % 3])
    rows = list(_shown(AuditEntry.objects.order_by("pk")))  # as the page reads them
    page = type("Page", (), {"object_list": rows})
    with translation.override(language):
        _with_sentences(page)
        assert (_loop_rows(audit_rows(page.object_list)),
                [(e.who, e.sentence) for e in page.object_list]) \
            == (_loop_rows(LOOP.render(Context({"entries": page.object_list}))),
                [(actor_name(entry), sentence(entry.action))
                 for entry in AuditEntry.objects.order_by("pk")])
    assert len(rows) == len(codes)
