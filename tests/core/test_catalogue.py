"""One language at a time (issue 18.7): the build fails when a UI string of the source has no
Vietnamese translation, and when Vietnamese reaches an English reader as a UI string."""

from tests.core.catalogue import (
    catalogue,
    python_messages,
    template_messages,
    untranslated_template_text,
    vietnamese_ui_text,
)


def _messages():
    return python_messages() + template_messages()


def test_the_extractor_finds_strings_of_both_kinds():
    python, templates = python_messages(), template_messages()
    assert any(m.msgid == "Dossier submitted" and m.context == "audit" for m in python)
    assert any(m.msgid == "Add nominees to %(code)s" for m in templates)


def test_every_ui_string_has_a_vietnamese_translation():
    entries = catalogue()
    missing = sorted({f"{m.where}: {m.msgid!r}" for m in _messages()
                      if not (entry := entries.get((m.context, m.msgid)))
                      or not (entry.msgstr or entry.msgstr_plural.get(0))
                      or "fuzzy" in entry.flags})
    assert missing == []


def test_no_template_shows_vietnamese_outside_a_translation_tag():
    assert untranslated_template_text() == []


def test_no_vietnamese_sentence_is_used_as_an_english_msgid():
    """A msgid is what an English reader sees. A Vietnamese term may be glossed in parentheses
    ("Summary (trích yếu)"), and proper names stay; other Vietnamese is a Vietnamese UI
    string."""
    vietnamese = sorted({f"{m.where}: {m.msgid!r}" for m in _messages()
                         if vietnamese_ui_text(m.msgid)})
    assert vietnamese == []


def test_the_language_check_sees_vietnamese_and_spares_proper_names():
    assert vietnamese_ui_text("Trả lại để bổ sung")
    assert vietnamese_ui_text("Returned — đã trả lại")
    assert not vietnamese_ui_text("Summary (trích yếu)")
    assert not vietnamese_ui_text("Who signs, e.g. Chủ tịch UBND cấp xã.")
    assert not vietnamese_ui_text("Holds or meets Lao động tiên tiến in %(year)s.")
    assert not vietnamese_ui_text("Holds or meets Chiến sĩ tiên tiến in %(year)s.")
    assert not vietnamese_ui_text("Already awarded: decision no. 01/QĐ-UBND")
