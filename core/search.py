"""The folded search's word conditions (`search_text`, `decision_number_folded`; core/text.py).

A word of three letters or more matches anywhere in the folded text (`LIKE '%word%'`), which
the pg_trgm GIN indexes serve (core.migration_ops.trigram_index). A trigram index cannot serve
a shorter fragment: `LIKE '%le%'` read every entry of the decision numbers' index (330 ms on
1 M records) and the people were walked or scanned whole (session 10, h3). So a word of one or
two letters matches the START of a word of the text instead: "le" finds Lê, Lệ, Lên; "an"
finds An and Anh, not the "an" inside Văn, Tuấn, Hoàng, Thanh (62 % of the province's people,
a page of which nobody looks for); "12" finds decision 12/QĐ-UBND and 120/…, a CCCD starting
with 12. Vietnamese names are written as syllables, and an officer typing one or two letters
types a syllable or its beginning. Words are separated by a space or ASCII punctuation, so
"qd" finds "7/qd-ubnd". Written as a regular expression whose separators pg_trgm reads as the
blank before a word: the index answers it from the trigram " le" (0.05 ms on the numbers).
SQLite runs the same expression through Python's `re` (Django's REGEXP): the same results.
"""

import re
import string

from django.db.models import Q

# Shorter words than this match a word's start, not any substring (see above).
TRIGRAM = 3
# What starts a word: the text's start, a space or any ASCII punctuation. Only non-word
# characters, so pg_trgm reads the class as its word boundary; `[^a-z0-9]` would hold
# letters too (ß, ø survive folding) and pg_trgm then reads the whole index.
_WORD_START = "(^|[" + re.escape(" " + string.punctuation) + "])"


def word_match(field: str, word: str) -> Q:
    """`field` (folded text) holds folded `word`: as a substring, or at a word's start when
    `word` is shorter than a trigram."""
    substring = Q(**{f"{field}__contains": word})
    if len(word) >= TRIGRAM:
        return substring
    # The substring first, though implied: where PostgreSQL filters row by row, LIKE rejects
    # most rows for a third of the regular expression's cost (100,000 people: 14.7 ms against
    # 44 ms). Its estimate multiplies the expression's (262 people for the 4,553 "le"), so the
    # people list sorts the few matches (core.interfaces.paging.sort_few_matches, 7.8 ms)
    # rather than walk the name order to the Lê (84 ms). The index scan reads only the
    # expression's trigrams: PostgreSQL ≥ 13 skips a GIN key that would read every entry
    # when another key of the same scan is narrow.
    return substring & Q(**{f"{field}__regex": _WORD_START + re.escape(word)})

