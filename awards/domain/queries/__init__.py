"""Permission-aware ledger queries."""

import operator
import threading
import time
from functools import reduce

from django.db import connection
from django.db.models import F, Q, QuerySet, Subquery, Sum
from django.db.models.expressions import RawSQL

from accounts.domain.scope import restrict_to_scope, restricted, scope_shape
from awards.models import AwardRecord, AwardTotal, AwardType, TaskRating
from core.interfaces.paging import VERDICT_SECONDS, AnyOf
from core.search import word_match
from core.text import fold, is_number
from organisations.models import Collective, Household, Person, UnitClosure


def records_for_user(user, q: str | None = None) -> QuerySet:
    """Award records in the user's scope (by the subject's unit when awarded, so records of
    merged units stay visible from their successor); diacritics-insensitive search on the
    subject's name and the decision number (its folded copy: "7/qd" finds "7/QĐ-UBND"); a word
    of one or two letters matches a word's start (core.search: "le" finds Lê and Lệ)."""
    qs = records_in_scope(scope_shape(user, AwardRecord))
    words = fold(q).split()
    if not words:
        return qs
    subjects, number = _matching(words)
    return qs.filter(reduce(operator.or_, subjects, number))


def records_in_scope(shape: tuple) -> QuerySet:
    """Award records under a scope's filter (accounts.domain.scope.scope_shape): all that
    records_for_user reads of its user, so a statement built from it may be kept per shape."""
    return restricted(AwardRecord.objects.select_related(
        "award_type", "person", "collective", "household__head", "unit", "issuer_unit"), shape)


def search_parts(qs: QuerySet, q: str | None) -> list[QuerySet]:
    """`qs` (records_for_user without `q`, filtered) narrowed to `q`'s matches as parts whose
    union is `records_for_user(user, q)`'s rows: records of matching people, of collectives,
    of households, and those whose decision number holds a word. The ledger page estimates and
    fetches each on its own (`paginate_union`): as one OR, PostgreSQL estimated 898,824
    matches of "nguyen van" for the real 4,130 and walked 13,000 records to find 51."""
    words = fold(q).split()
    if not words:
        return [qs]
    parts = [qs.filter(part) for field, model in SUBJECT_KINDS
             if (part := _resolved(field, model, words)) is not None]
    return [*parts, qs.filter(_number_match(words))]


# Up to this many matching subjects of a kind, their ids are read first and their records
# found by subject id (the index on it) and sorted: ~10 records a person, so about the
# FEW_MATCHES records a sort handles in a few ms (core/interfaces/paging.py; "nguyen van": 413
# people, 4,130 records, 8.9 ms against 22.7 ms walking the ledger). Beyond, the subquery
# stays: the matches are dense in the ledger and a walk of its order fills a page in a few
# hundred records ("nguyen", 4,811 people: 8.7 ms walking, 94 ms sorting their 48,110).
FEW_SUBJECTS = 800
SUBJECT_KINDS = (("person", Person), ("collective", Collective), ("household", Household))


def _resolved(field: str, model, words: list[str]) -> Q | None:
    """The records whose `field` subject (a `model` row) holds every word, with the subjects'
    ids read first: None when no subject matches, the ids when few do, else the subquery. The
    planner estimates a subquery's records from the subject column's statistics, not from the
    matches: the 43 households named "van", none of them awarded, were estimated at 144,451
    records and the ledger was walked whole for them (7.7 s); the ids' records it estimates
    from the ids."""
    ids = _subject_ids(model, words)
    if not ids:
        return None
    if len(ids) > FEW_SUBJECTS:
        return Q(**{f"{field}__in": _subjects(model, words)})
    return Q(**{f"{field}__in": _id_array(ids) if connection.vendor == "postgresql" else ids})


# The id lookup's statement by (model, the folded words), compiled once per process on
# PostgreSQL: it is a function of them alone (core.search.word_match; the subjects' own
# tables, no scope: the records' parts keep the user's). Building and compiling the three
# lookups was ~1 ms of a search's ~3.3 ms of `search_parts` (session 12 hD). The words are the
# user's: at most SUBJECT_LOOKUPS_KEPT statements, the oldest evicted first.
SUBJECT_LOOKUPS_KEPT = 512
_SUBJECT_LOOKUPS: dict[tuple, tuple[str, tuple]] = {}
_subject_lookups_lock = threading.Lock()


def _subject_ids(model, words: list[str]) -> list[int]:
    """Up to FEW_SUBJECTS + 1 ids of the `model` rows holding every word, in no order."""
    # Unordered: in the name order (Meta) PostgreSQL walked `person_name_order` to collect
    # them, 36 ms for the 4,813 "vu"; any FEW_SUBJECTS + 1 of them say "many" as well.
    if connection.vendor != "postgresql":
        return list(_subjects(model, words).order_by().values_list("pk", flat=True)[
            :FEW_SUBJECTS + 1])
    key = (model, tuple(words))
    if (statement := _SUBJECT_LOOKUPS.get(key)) is None:
        ids = _subjects(model, words).order_by().values_list("pk", flat=True)[:FEW_SUBJECTS + 1]
        sql, params = ids.query.sql_with_params()
        statement = (sql, tuple(params))
        with _subject_lookups_lock:
            if len(_SUBJECT_LOOKUPS) >= SUBJECT_LOOKUPS_KEPT:
                del _SUBJECT_LOOKUPS[next(iter(_SUBJECT_LOOKUPS))]
            _SUBJECT_LOOKUPS[key] = statement
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return [pk for pk, in cursor.fetchall()]


def _id_array(ids: list[int]) -> RawSQL:
    """The ids as one array parameter (PostgreSQL): one parameter, not one per id for Django to
    prepare (awards.domain.queries.cases._id_array, the same reason)."""
    return RawSQL("SELECT unnest(%s::bigint[])", (ids,))


def _matching(words: list[str]) -> tuple[list[Q], Q]:
    """Every word in the subject's name or in the decision number, as conditions any of which a
    matching record meets: the subject's (person, collective, household), and the number's.

    Written as: the subject holds every word itself, or the decision number holds one of them
    and each word is in one or the other (the same records). Subjects are matched in their own
    tables (trigram indexes on PostgreSQL), then records whose subject is among them, so the
    ledger is walked in its index order and never joined whole. The plain form — per word, the
    subjects holding that word — built and probed hashes of every "van" and every "nguyen" of
    the province (17,000 people) for each record walked: 176 ms on 100,000 people. Now the
    first test is one small hash (the few hundred "nguyen van"), and the per-word ones are
    built only if a decision number ever matches a word, which names do not.
    """
    return [Q(**{f"{field}__in": _subjects(model, words)}) for field, model in SUBJECT_KINDS], \
        _number_match(words)


def _number_match(words: list[str]) -> Q:
    """The records whose decision number holds one of the words and each word is in it or in
    the subject's name (`_matching`)."""
    number_has_one = Q()
    each_word = Q()
    for word in words:
        number_has_one |= word_match("decision_number_folded", word)
        each_word &= (word_match("decision_number_folded", word)
                      | Q(person__in=_subjects(Person, [word]))
                      | Q(collective__in=_subjects(Collective, [word]))
                      | Q(household__in=_subjects(Household, [word])))
    return number_has_one & each_word


def _subjects(model, words: list[str]) -> QuerySet:
    subjects = model.objects.all()
    for word in words:
        subjects = subjects.filter(word_match("search_text", word))
    return subjects.values("pk")


# What the ledger page shows of a record (the exports and the API read more), as a named row
# of values: 50 records built as model instances were ~0.8 ms of the page's CPU (session 10
# h4). Its subject is read by `page_subjects`, not joined: with six left joins PostgreSQL
# spent 10–80 ms a request *planning* the page's query (reading it took under 1 ms).
LEDGER_PAGE_FIELDS = (
    "id", "public_id", "year", "decision_number", "decision_date", "issuer", "revoked",
    "person_id", "collective_id", "household_id", "source", "issuer_unit_id",
    "revoking_decision_number", "revoking_decision_date", "revoking_issuer")


def ledger_page(qs: QuerySet) -> QuerySet:
    """`qs` (from records_for_user) reduced to what one ledger page shows, rows of
    LEDGER_PAGE_FIELDS and two small joins (title, unit) read as two names (`award_type_name`,
    `unit_name`: a title and a unit built as model instances per row were a fifth of the
    page's CPU, session 9 h6). The page's subjects are then read by `page_subjects`."""
    return (qs.select_related(None)
            .annotate(award_type_name=F("award_type__name"), unit_name=F("unit__name"))
            .values_list(*LEDGER_PAGE_FIELDS, "award_type_name", "unit_name", named=True))


def _people(ids) -> list[tuple]:
    return [(pk, (str(public_id), name)) for pk, public_id, name
            in _by_ids(Person, ("pk", "public_id", "full_name"), ids)]


def _collectives(ids) -> list[tuple]:
    return [(pk, ("", name)) for pk, name in _by_ids(Collective, ("pk", "name"), ids)]


_BY_IDS: dict[tuple, str] = {}  # (model, fields) -> its statement, compiled once per process


def _by_ids(model, fields: tuple[str, ...], ids) -> list[tuple]:
    """`fields` of the `model` rows whose ids are `ids`, unordered. On PostgreSQL the statement
    takes the ids as one array, so it is the same for every page and compiled once per
    process: building and compiling the queryset was half of the lookup's 0.6 ms a page, the
    rows' reading the other half (session 11 h2). It reads rows by id, whose records the
    page's scoped query found: no scope of its own to keep."""
    if connection.vendor != "postgresql":
        return list(model.objects.filter(pk__in=ids).values_list(*fields))
    sql = _BY_IDS.get((model, fields))
    if sql is None:
        rows = model.objects.filter(pk__in=_id_array([])).order_by().values_list(*fields)
        sql = _BY_IDS[model, fields] = rows.query.sql_with_params()[0]
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(ids)])
        return cursor.fetchall()


def _households(ids) -> list[tuple]:  # "Household of …": the model's own wording
    return [(household.pk, ("", str(household))) for household in Household.objects.filter(
        pk__in=ids).select_related("head").only("head__full_name")]


# A ledger page's subjects, by kind: what the page shows of each, (public id, name).
PAGE_SUBJECTS = (("person", _people), ("collective", _collectives), ("household", _households))


def page_subjects(rows: list) -> dict[tuple[str, int], tuple[str, str]]:
    """What a ledger page (rows of `ledger_page`) shows of its subjects, by (kind, id): a
    person's public id and name (the link to the profile), a collective's or a household's
    name; read with the page's rows where they carry them (`around_the_page`), else one query
    for each kind the page holds. Not `prefetch_related`: Django 5.2 prefetches a foreign key
    through a tuple lookup, one compiled expression per id, a sixth of the page's CPU
    (session 9 h6); and values, not instances (session 10 h4)."""
    if rows and hasattr(rows[0], "around"):
        return _subjects_around(rows)
    found = {}
    for kind, read in PAGE_SUBJECTS:
        ids = {getattr(row, f"{kind}_id") for row in rows} - {None}
        if ids:
            found.update(((kind, pk), shown) for pk, shown in read(ids))
    return found


def filter_ledger(qs: QuerySet, params) -> QuerySet:
    """The ledger screen's filters (`award` code, `year`, `revoked` 0/1), shared by its exports."""
    return filtered(qs, ledger_filters(params))


def ledger_filters(params) -> tuple[str, int | None, bool | None]:
    """What `filter_ledger` reads of `params`: the title's code ("" for any), the year and
    revoked or not (None for either). All that decides its conditions: a statement may be
    kept by it (awards.views.ledger)."""
    year = params.get("year", "")
    revoked = params.get("revoked")
    return (params.get("award") or "", int(year) if is_number(year) else None,
            revoked == "1" if revoked in {"0", "1"} else None)


def filtered(qs: QuerySet, filters: tuple[str, int | None, bool | None], *,
             by_type_order: bool = False) -> QuerySet:
    """`qs` under the ledger's filters. `by_type_order`: the title named by its id, read by a
    subquery (`award_type_id = (SELECT id … WHERE code = …)`), where the code joined to the
    titles hides the title from the planner: it then knows the title's records are an ordered
    range of `award_type_ledger_order` and walks it (`walks_type_order`). The same rows."""
    award, year, revoked = filters
    if award and by_type_order:
        qs = qs.filter(award_type_id=Subquery(AwardType.objects.filter(code=award).values("pk")))
    elif award:
        qs = qs.filter(award_type__code=award)
    if year is not None:
        qs = qs.filter(year=year)
    if revoked is not None:
        qs = qs.filter(revoked=revoked)
    return qs


# A title filter's page walks the title's order (`award_type_ledger_order`, backward) probing
# each record's unit against the scope, or the planner's own plan: the title and year's records
# of the whole province gathered (bitmap), the scope's kept and sorted. The walk passes
# (offset + page) / share records, `share` the scope's part of the title's records (of the
# year); the sort handles the scope's n of them, each read from the table and sorted, ~this
# many times a walked entry's cost. On the province (session 15 hE): giay_khen 2024, the
# department (4,500 of 25,674) 85 → 0.7 ms walking, a district 39 → 0.5, a 3 % scope 7.9 →
# 1.7; a one-unit scope (1,000 records) without a year 0.5 ms sorting, 85–234 ms walking.
SORT_COST = 10
# The scope's and the province's live records of a (title, year), by (scope shape, filters),
# read from the totals the database keeps on every write (AwardTotal) and kept per process
# VERDICT_SECONDS: a share grown stale costs speed only, never rows (both forms keep the same).
_TYPE_SHARES: dict[tuple, tuple[float, tuple[int, int]]] = {}
TYPE_SHARES_KEPT = 512
_type_shares_lock = threading.Lock()


def walks_type_order(shape: tuple, filters: tuple, offset: int, per_page: int) -> bool:
    """Whether a ledger page of `filters` under `shape`, from `offset`, walks the title's order
    (`filtered`'s `by_type_order`): always for the shapes the ledger's order serves without a
    probe of the closure (the board: 0.5 → 0.2 ms), never without a title filter or for
    whole provinces (their own order index), and for a closure when the walk would pass fewer
    records than SORT_COST times the scope's records it sorts instead."""
    award, year, _revoked = filters
    kind = shape[0]
    if not award or kind in {"none", "provinces"}:
        return False
    if kind != "closure":
        return True
    scope, province = _type_share(shape, award, year)
    # (offset + per_page + 1) * province / scope < SORT_COST * scope, in integers
    return scope > 0 and (offset + per_page + 1) * province < SORT_COST * scope * scope


def _type_share(shape: tuple, award: str, year: int | None) -> tuple[int, int]:
    """The live records of title `award` (of `year`, if given) under `shape` (a closure) and in
    the whole table, from the kept totals (kept above)."""
    key = (shape, award, year)
    now = time.monotonic()
    if (kept := _TYPE_SHARES.get(key)) is not None and kept[0] > now:
        return kept[1]
    totals = AwardTotal.objects.filter(award_type__code=award)
    if year is not None:
        totals = totals.filter(year=year)
    covered = UnitClosure.objects.filter(ancestor_id__in=shape[1]).values("descendant_id")
    sums = totals.aggregate(scope=Sum("live", filter=Q(unit_id__in=Subquery(covered))),
                            province=Sum("live"))
    share = (sums["scope"] or 0, sums["province"] or 0)
    with _type_shares_lock:
        _TYPE_SHARES.pop(key, None)
        if len(_TYPE_SHARES) >= TYPE_SHARES_KEPT:
            del _TYPE_SHARES[next(iter(_TYPE_SHARES))]
        _TYPE_SHARES[key] = (now + VERDICT_SECONDS, share)
    return share


def merges_units(shape: tuple, filters: tuple) -> bool:
    """Whether a ledger page by number of `filters` under `shape` is read as its units' first
    records merged (`first_in_units`): a closure's scope without a title filter, on PostgreSQL
    (a title filter has its own order: `walks_type_order`)."""
    return shape[0] == "closure" and not filters[0] and connection.vendor == "postgresql"


def first_in_units(shape: tuple, filters: tuple, limit: int,
                   match: tuple[str, tuple] | None = None, start: int = 0) -> AnyOf:
    """The records among the first `limit` of a closure's scope (`shape`) under `filters` (year
    and revoked; no title), in the ledger's order: each unit's first `limit`, read from its own
    order (`award_unit_ledger_order`, the index alone), merged and cut. The page then reads its
    rows among them, its scope and filters checked again. Walking the whole ledger's order
    probing each record's unit passed (offset + page) / share records — 13,795 for a department
    holding 18 % of the ledger at page 50, 51,000 for a unit holding 0.1 % at page 1 (217 ms) —
    where the units' own orders give at most units × `limit` (session 15 hE). A scope's unit
    reached through two of its roots is read once (DISTINCT), so the cut keeps `limit` records.
    `match`: a condition more on each unit's entries (SQL on the record's own columns, its
    values), tested while walking: the records among the first `limit` of those meeting it.
    `start`: only those from the `start`-th on (OFFSET, in the merged entries' own order): a
    later page's own ids, its rows then read by them alone (paging.AtOffset)."""
    _award, year, revoked = filters
    quote = connection.ops.quote_name
    records = quote(AwardRecord._meta.db_table)
    closure = quote(UnitClosure._meta.db_table)
    conditions = "".join([" AND year = %s" if year is not None else "",
                          " AND revoked = %s" if revoked is not None else ""])
    values = [value for value in (year, revoked) if value is not None]
    if match is not None:
        conditions += f" AND {match[0]}"
        values += match[1]
    roots = ", ".join(["%s"] * len(shape[1]))
    order = "{0}year DESC, {0}decision_date DESC, {0}id DESC"
    sql = (f"SELECT page.id FROM (SELECT DISTINCT descendant_id FROM {closure}"
           f" WHERE ancestor_id IN ({roots})) AS scope CROSS JOIN LATERAL (SELECT id, year,"
           f" decision_date FROM {records} WHERE unit_id = scope.descendant_id{conditions}"
           f" ORDER BY {order.format('')} LIMIT %s) AS page"
           f" ORDER BY {order.format('page.')} LIMIT %s OFFSET %s")
    # As one array the page looks its ids up by key; as `IN (subquery)` the planner hashed
    # them and read every id of the scope (182,891) to join them.
    return AnyOf(F("pk"), RawSQL(sql, (*shape[1], *values, limit, limit - start, start)))


def ratings_for_user(user) -> QuerySet:
    return restrict_to_scope(TaskRating.objects.select_related("person", "collective"), user)


def around_the_page(page: str, order: str) -> str:
    """The ledger page's statement `page` (its rows in `order`) with what the page shows
    besides them, read in the same round trip (`paginate_kept`'s `around`): each row's
    subject — the person's public id and name, the collective's name, the household head's
    name — and the law tables' stamp (the filter form is kept by it: `ledger_rows.
    ledger_filter`). Two statements more a page before (`page_subjects`' lookup by ids,
    `law_tables_stamp`), each a round trip, a parse and a plan (session 13 hC). Joined to the
    page's at most 51 rows after its LIMIT: the planner plans the page's statement as it
    did alone (with the joins inside, it spent 10–80 ms planning, session 10 h4)."""
    quote = connection.ops.quote_name
    person, collective, household = (quote(model._meta.db_table)
                                     for model in (Person, Collective, Household))
    return (
        "SELECT page.*, person.public_id, person.full_name, collective.name, head.full_name, "
        f"(SELECT stamp FROM awards_law_tables_stamp WHERE id = 1) FROM ({page}) AS page "
        f"LEFT JOIN {person} AS person ON person.id = page.person_id "
        f"LEFT JOIN {collective} AS collective ON collective.id = page.collective_id "
        f"LEFT JOIN {household} AS household ON household.id = page.household_id "
        f"LEFT JOIN {person} AS head ON head.id = household.head_id ORDER BY {order}")


def around_stamp(rows: list) -> int | None:
    """The law tables' stamp read with the page's rows (`around_the_page`), None if not."""
    return rows[0].around[4] if rows and hasattr(rows[0], "around") else None


def _subjects_around(rows: list) -> dict[tuple[str, int], tuple[str, str]]:
    found = {}
    for row in rows:
        public_id, name, collective, head, _stamp = row.around
        if row.person_id:
            found["person", row.person_id] = (str(public_id), name)
        elif row.collective_id:
            found["collective", row.collective_id] = ("", collective)
        elif row.household_id:  # the model's own wording (`Household.__str__`)
            found["household", row.household_id] = ("", str(Household(head=Person(
                full_name=head))))
    return found
