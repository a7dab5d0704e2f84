"""What personal data looks like on a page, for the tests that scan public pages for it."""

import re

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TWELVE_DIGITS = re.compile(r"(?<!\d)\d{12}(?!\d)")  # the shape of a CCCD


def cccd_shapes(body: str) -> list[str]:
    """Twelve-digit runs on a page, once its public ids are taken out: a UUID's last group is
    twelve hex digits, all of them decimal for about one public id in 280 (0.625 ** 12), and is
    not a CCCD (it made the portal test fail at random)."""
    return TWELVE_DIGITS.findall(UUID.sub("", body))
