"""The document desk's register (sổ đăng ký văn bản đi): every register in the reader's scope
with its gaps, and one register's entries."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.interfaces.guards import get_in, require
from core.interfaces.kept_pages import kept_page
from decisions.domain.numbering import gaps
from decisions.domain.queries import register_entries, registered_numbers, registers_for_user


def _runs(runs) -> str:
    """[(3, 5), (9, 9)] → "03–05, 09" (numbers as the register writes them)."""
    return ", ".join(f"{a:02d}" if a == b else f"{a:02d}–{b:02d}" for a, b in runs)


@login_required
def register_list(request):
    require(request, "decisions.view_register")
    return kept_page(request, REGISTER_LIST_TABLES, lambda: _register_list(request))


# Every table the list's statements read (tests/decisions/test_lists_kept.py captures them):
# its page is kept under their epochs (core.interfaces.kept_pages).
REGISTER_LIST_TABLES = ("decisions_decision", "decisions_numberseries", "organisations_unit",
                        "organisations_unitclosure")


def _register_list(request):
    registers = list(registers_for_user(request.user))
    numbers = registered_numbers(registers)
    rows = [{"register": r, "entries": len(numbers[r.pk]),
             "gaps": _runs(gaps(numbers[r.pk], r.last_number))} for r in registers]
    return render(request, "decisions/register_list.html", {"rows": rows})


@login_required
def register_book(request, issuer, year, symbol):
    require(request, "decisions.view_register")  # a role that never reads registers: 403
    register = get_in(registers_for_user(request.user), issuer__code=issuer, year=year,
                      symbol=symbol)
    require(request, "decisions.view_register", register)
    entries = list(register_entries(register))
    return render(request, "decisions/register_book.html", {
        "register": register, "entries": entries,
        "gaps": _runs(gaps([e.number for e in entries], register.last_number))})
