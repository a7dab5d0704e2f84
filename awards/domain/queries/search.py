"""The ledger search's parts as one kept statement can hold them (PostgreSQL; session 14 hC).

`search_parts` (awards.domain.queries) reads each subject kind's matching ids first, then puts
them in its part as an array of values: right for the planner, but data in the statement, so
the statement is built, compiled and planned on every request (the three id lookups, three or
four parts: ~14 ms of Python and 13 ms of PostgreSQL a "nguyen van"). Here every part finds its
subjects inside the statement, so the statement holds no data — only the user's scope shape,
the filters and the folded words, by which it may be kept (core.interfaces.paging.
paginate_union_kept) — and each part is written in the plan its verdict asks for:

* few people hold the words (at most FEW_SUBJECTS): `person_id = ANY(ARRAY(the people's ids))`
  and the records sorted (no index can serve the order): the people's ids are read first
  (an InitPlan), their records by the person index, ~4,000 sorted ("nguyen van": 3.6 ms);
* many, for a scope the ledger's order serves (the board, the administrator, whole provinces):
  `(person_id IN (the people's ids)) IS TRUE`, which PostgreSQL cannot turn into a join, so it
  walks the ledger's order probing a hash of the ids: "le" (4,553 people, 45,530 records)
  5.5 ms, where the planner, estimating 262 people from the substring and the expression
  multiplied, sorted the 45,530 records (73 ms);
* many, for an officer (a closure of units) on the first pages and without a title filter:
  each unit's first records among the people's, walking the units' own order probing a hash
  of the ids (`first_in_units`, UNITS_WALK_LIMIT; session 16 hC): "le" for a department
  35–44 → ~4 ms, where the planner read the people's 45,530 records by person and kept the
  scope's;
* many, for an officer otherwise: the subquery, the planner's own choice, as before (the
  ledger's order would pass every record outside the officer's units).

The people are matched in their narrow copy (organisations.models.person_words: the same text,
kept by triggers in the writer's transaction), whose trigram candidates are rechecked in a
seventh of the pages. Collectives and households are few and have few records each: their
records by subject id, sorted. The decision number's part is `search_parts`' own. A verdict
grown stale costs speed only: every form reads the same rows.
"""

from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery

from awards.domain.queries import (
    FEW_SUBJECTS,
    _number_match,
    _subject_ids,
    _subjects,
    filtered,
    first_in_units,
    ledger_page,
    merges_units,
    records_in_scope,
)
from core.interfaces.paging import AnyOf, sorted_unindexed
from core.search import word_match
from organisations.models import Collective, Household, Person, PersonWords
from organisations.models.person_words import EPOCH_SQL as PEOPLE_EPOCH_SQL

# A search page's ids are kept under two epochs, read in the statement that reads the page by
# them (core.interfaces.paging.paginate_union_kept's `epoch`): the people's search copy's (its
# words, the unit closure) and one the database moves with every committed write of the other
# tables the search reads (records, titles, units, people, collectives, households): the
# portal's public epoch, which watches them (portal.domain.public_epoch.LEDGER_WATCHED) and
# which the portal names here at start-up (portal.apps: awards may not import it). Unnamed, no
# page's ids are kept. A repeated "le" was 5 ms of PostgreSQL a request, most of it finding
# the 4,553 people holding the word in the copy (~2.3 ms) and walking the ledger for them.
_LEDGER_EPOCH: list[str] = []


def watch_ledger(epoch_sql: str) -> None:
    """Name the statement reading the ledger's epoch (a number changed at the commit of every
    transaction writing a table the search reads but the people's copy and the closure)."""
    _LEDGER_EPOCH[:] = [epoch_sql]


def search_epoch() -> str | None:
    """The statement reading the search's epoch (both, as one array), None where unnamed."""
    if not _LEDGER_EPOCH:
        return None
    return f"SELECT ARRAY[({PEOPLE_EPOCH_SQL}), ({_LEDGER_EPOCH[0]})]"


# Scope shapes whose records the ledger's order index walks without a per-row probe of a
# closure (accounts.domain.scope.restricted: no filter, `unit_id IS NOT NULL`, the province key
# with its own order index).
WALKABLE_SHAPES = frozenset({"all", "tree", "provinces"})


# Up to this many rows from a page's start (pages 1–20), an officer's search of many people
# reads its units' own orders probing the people (`first_in_units`): each unit passes about
# limit / the people's share of its records, ~1,130 entries a unit for "le"'s 4.5 %, read from
# the index alone ("le", canbo_sgd: 35–44 → ~4 ms of PostgreSQL). Deeper, the walks near the
# scope's whole order (page 50: 30–67 ms), and reading the people's records by person (45,530
# for "le", ~40 ms) is no worse. Code only: the page's number is in the kept statement's key.
UNITS_WALK_LIMIT = 1001


def _probing(people: QuerySet) -> tuple[str, tuple]:
    """`(person_id IN (people)) IS TRUE` as SQL and values for `first_in_units`' walk: the
    people hashed once, probed on each entry (IsTrue: not pulled up into a join)."""
    sql, params = people.query.sql_with_params()
    return f"(person_id IN ({sql})) IS TRUE", tuple(params)


class IsTrue(Func):
    """`(condition) IS TRUE`: the same rows as the condition, but PostgreSQL neither pulls an
    `IN (subquery)` inside it up into a join nor estimates it from the subquery's rows."""

    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()
    conditional = True


def kept_search_parts(shape: tuple, filters: tuple, words: list[str],
                      limit: int | None = None) -> list[QuerySet]:
    """The ledger page's parts (rows of `ledger_page`, in the ledger's order) whose union is
    `search_parts(filtered(records_in_scope(shape), filters), q)`'s, for `words` (folded,
    non-empty), holding no data of the database: the subjects are matched inside each part.
    PostgreSQL only (the people's copy). `limit`: the page reads at most this many rows of
    each part from its start (a page by number): the few people's records are then sorted
    as their ids, and only the first `limit` joined to their title and unit ("nguyen van":
    4,130 records joined before the sort were half of the statement's 7 ms)."""
    records = filtered(records_in_scope(shape), filters)
    people = PersonWords.objects.all()
    for word in words:
        people = people.filter(word_match("search_text", word))
    people = people.order_by().values("pk")
    many = len(_subject_ids(Person, words)) > FEW_SUBJECTS  # the verdict, read once
    if many and shape[0] in WALKABLE_SHAPES:
        walked = records.filter(IsTrue(Q(person_id__in=people)))
        # A page by number: the walk reads its ids from the ledger's order alone (it carries
        # the unit and the person), then only the first `limit` rows are read from the table.
        parts = [ledger_page(walked) if limit is None else sorted_unindexed(ledger_page(
            records.filter(AnyOf(F("pk"), Subquery(walked.values("pk")[:limit])))))]
    elif many and limit is not None and limit <= UNITS_WALK_LIMIT and merges_units(
            shape, filters):
        # Each of the officer's units' first entries probing the people's ids, from the units'
        # order alone (its entries carry the person): the same rows as the subquery's form.
        first = first_in_units(shape, filters, limit, _probing(people))
        parts = [sorted_unindexed(ledger_page(records.filter(first)))]
    elif many:
        parts = [ledger_page(records.filter(person_id__in=people))]
    elif limit is None:
        parts = [sorted_unindexed(ledger_page(records.filter(
            AnyOf(F("person_id"), Subquery(people)))))]
    else:  # the records' ids sorted first (no join), the rows of the first `limit` of them
        first = sorted_unindexed(records.filter(AnyOf(F("person_id"), Subquery(people))))
        parts = [sorted_unindexed(ledger_page(records.filter(AnyOf(F("pk"), Subquery(
            first.values("pk")[:limit])))))]
    for field, model in (("collective", Collective), ("household", Household)):
        parts.append(sorted_unindexed(ledger_page(records.filter(
            AnyOf(F(f"{field}_id"), Subquery(_subjects(model, words).order_by()))))))
    return [*parts, ledger_page(records.filter(_number_match(words)))]

