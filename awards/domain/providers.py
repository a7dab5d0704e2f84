"""What the apps above awards tell the eligibility case builder and the standing query
(issue 15.3). Awards sits below emulation and proposals in the layering, yet a case reads a
person's recognised initiatives and approved registrations (emulation), and where a subject
stands reads the open nominees (proposals). Those apps hand their readers over when they start
(`EmulationConfig.ready`, `ProposalsConfig.ready`), as the audit app hands its writer to
`core.trail`; until they have, a case refuses to be built rather than miss a fact.

* `initiative_facts(person_ids, where=None)` → {person id: (InitiativeFact, …)};
* `initiative_authors(year)` → a `values("person_id")` queryset of the authors of initiatives
  recognised in `year`;
* `registration_facts(people, year, where=None)` → {person id: award codes or None};
* `registration_possible(award, year)` → a filter (Q) of the people whose case may say they
  registered for `award` (`registration_facts` gives them None or codes holding it);
* `collective_registration(collective, year)` → award codes or None;
* `proposed(where, year, awards, field)` → a `values_list` queryset of (subject, code, held,
  reference) of the open nominees, united with the ledger's in one query."""

from django.core.exceptions import ImproperlyConfigured

_readers: dict = {}


def install(**readers) -> None:
    _readers.update(readers)


def _reader(name: str):
    if name not in _readers:
        raise ImproperlyConfigured(f"awards.providers: no app installed {name!r}")
    return _readers[name]


def initiative_facts(person_ids, where: dict | None = None) -> dict:
    return _reader("initiative_facts")(person_ids, where)


def initiative_authors(year: int):
    return _reader("initiative_authors")(year)


def registration_facts(people, year: int, where: dict | None = None) -> dict:
    return _reader("registration_facts")(people, year, where)


def registration_possible(award: str, year: int):
    return _reader("registration_possible")(award, year)


def collective_registration(collective, year: int) -> frozenset[str] | None:
    return _reader("collective_registration")(collective, year)


def proposed(where: dict, year: int, awards: list[str], field: str):
    return _reader("proposed")(where, year, awards, field)
