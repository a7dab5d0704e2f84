"""Pagination for back-office lists.

Large lists (100,000 people) are paged without COUNT(*) over the whole table on every page:
we fetch one row more than the page size to know whether a next page exists.
"""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool
    per_page: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0


def paginate(request, qs: QuerySet, per_page: int = 50) -> Page:
    try:
        number = max(1, int(request.GET.get("page", 1)))
    except ValueError:
        number = 1
    offset = (number - 1) * per_page
    rows = list(qs[offset:offset + per_page + 1])
    return Page(rows[:per_page], number, len(rows) > per_page, per_page)
