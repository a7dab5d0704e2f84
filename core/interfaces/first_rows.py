"""Which row of an import file first held each identity: the in-file duplicate check ("Same
record as row 6."), in ~27 bytes a row (27.0 MB for a million, tracemalloc).

A dict of one key per row held 105 MB at a million award rows (tracemalloc, session 8): a
Python int object per key and per row number, and the dict's own entries, ~100 bytes a row —
a third of the worker's peak memory. Here an identity (a tuple of non-negative integers:
subject kind, subject id, award type, year) is packed *exactly* into one 64-bit word by the
field widths the caller gives — no digest, so two distinct identities never share a word and
nothing needs re-checking — and the words and their row numbers live in `array`s, 8 + 4 bytes
each, spread over 65,536 buckets by a multiplicative hash of the word (a bucket holds ~16
words at a million rows: a C-level scan of the array, well under a microsecond). A row costs
1.8 µs here against the dict's 0.4 µs: ~1.4 s of a million-row check's 50–110 s of CPU.

An identity with a part wider than its field (an id past 2^40, a negative number) cannot be
packed without meeting another: it is kept in an ordinary dict under the tuple itself — exact
too, only larger, and it never happens with real ids.

Nothing here depends on Python's `hash()` of text, which is salted per process: the check is
one process, but a word means the same in any.
"""

from array import array

WORD_BITS = 64
BUCKET_BITS = 16  # 65,536 buckets: ~16 words each at Excel's 1,048,576 rows
_GOLDEN = 0x9E3779B97F4A7C15  # 2^64 / φ: Fibonacci hashing spreads sequential ids evenly
_WORD_MASK = (1 << WORD_BITS) - 1


class FirstRows:
    """`first(identity, row)`: the row that first held `identity`, or None after recording
    `row` as its first. `widths` gives each part's bits (at most 64 in all)."""

    def __init__(self, widths: tuple[int, ...], *, bucket_bits: int = BUCKET_BITS):
        if sum(widths) > WORD_BITS:
            raise ValueError(f"{sum(widths)} bits do not fit a {WORD_BITS}-bit word")
        self.widths = widths
        self.shift = WORD_BITS - bucket_bits
        # Per bucket, created on first use: (words, their rows' numbers) in insertion order.
        self.buckets: list[tuple[array, array] | None] = [None] * (1 << bucket_bits)
        self.wide: dict[tuple, int] = {}

    def pack(self, identity: tuple[int, ...]) -> int | None:
        """The identity as one word, or None when a part does not fit its field."""
        word = 0
        for part, width in zip(identity, self.widths, strict=True):
            if not 0 <= part < 1 << width:
                return None
            word = word << width | part
        return word

    def first(self, identity: tuple[int, ...], row: int) -> int | None:
        word = self.pack(identity)
        if word is None:
            earlier = self.wide.get(identity)
            if earlier is None:
                self.wide[identity] = row
            return earlier
        index = (word * _GOLDEN & _WORD_MASK) >> self.shift
        bucket = self.buckets[index]
        if bucket is None:
            bucket = self.buckets[index] = (array("Q"), array("I"))
        words, rows = bucket
        if word in words:
            return rows[words.index(word)]
        words.append(word)
        rows.append(row)
        return None

    def __len__(self) -> int:
        return len(self.wide) + sum(len(b[0]) for b in self.buckets if b is not None)
