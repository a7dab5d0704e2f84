"""Limit/offset pagination with bounds in the schema.

ninja's own `LimitOffsetPagination` accepts any integer, and an offset or limit beyond 64 bits
reaches the database as a 500 (SQLite: "Python int too large", PostgreSQL: bigint out of range);
`make fuzz` found it. Here both are bounded, so such a request is a documented 422. Routers import
this class under the same name: `from api.pagination import LimitOffsetPagination`."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1  # far beyond any list (a province has ~10^5 people), safe in SQL


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
