"""The in-file duplicate check's store: exact, whatever the ids, buckets or field widths."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.interfaces.first_rows import FirstRows


def first_rows_of(identities, store):
    """What `store.first` answers for each identity in turn (rows numbered from 2)."""
    return [store.first(identity, row) for row, identity in enumerate(identities, start=2)]


def reference(identities):
    """The same answers from a plain dict of the tuples themselves."""
    seen, answers = {}, []
    for row, identity in enumerate(identities, start=2):
        answers.append(seen.get(identity))
        seen.setdefault(identity, row)
    return answers


def test_a_repeated_identity_names_its_first_row_every_time():
    store = FirstRows((1, 40, 15, 8))
    assert first_rows_of([(0, 7, 3, 79), (1, 7, 3, 79), (0, 7, 3, 79), (0, 7, 3, 78),
                          (0, 7, 3, 79)], store) == [None, None, 2, None, 2]
    assert len(store) == 3


def test_identities_sharing_one_bucket_are_told_apart_exactly():
    # One bucket: every word meets every other one, as colliding digests would.
    store = FirstRows((1, 40, 15, 8), bucket_bits=0)
    identities = [(kind, subject, 1, year) for kind in (0, 1) for subject in (1, 2, 2**39)
                  for year in (0, 255)]
    assert first_rows_of(identities, store) == [None] * len(identities)
    assert first_rows_of(identities, store) == list(range(2, 2 + len(identities)))


def test_a_part_wider_than_its_field_never_meets_a_packed_identity():
    # Truncated to its 4 bits, (0, 16) would be the word of (1, 0); (0, 2**40 + 5) that of
    # (0, 5) with a 40-bit field. Each is kept aside under its tuple instead.
    store = FirstRows((4, 4), bucket_bits=0)
    assert first_rows_of([(1, 0), (0, 16), (0, 16), (1, 0)], store) == [None, None, 3, 2]
    wide = FirstRows((1, 40))
    assert first_rows_of([(0, 5), (0, 2**40 + 5), (0, -5), (0, 2**40 + 5), (0, -5)],
                         wide) == [None, None, None, 3, 4]


def test_python_hash_equal_ids_are_different_identities():
    # hash(2**61 - 1 + n) == hash(n): the check keyed on hash() took these for one row.
    store = FirstRows((1, 40, 15, 8))
    assert hash((0, 1, 3, 79)) == hash((0, 2**61, 3, 79))
    assert first_rows_of([(0, 1, 3, 79), (0, 2**61, 3, 79)], store) == [None, None]


def test_the_fields_must_fit_one_word():
    with pytest.raises(ValueError, match="65 bits"):
        FirstRows((1, 40, 16, 8))


small = st.integers(min_value=-2, max_value=20)


@settings(max_examples=300, deadline=None)
@given(identities=st.lists(st.tuples(small, small, small), max_size=60),
       bucket_bits=st.integers(min_value=0, max_value=4))
def test_answers_are_those_of_a_dict_of_the_identities(identities, bucket_bits):
    # Three-bit fields: values from -2 to 20 fall both inside and outside them.
    store = FirstRows((3, 3, 3), bucket_bits=bucket_bits)
    assert first_rows_of(identities, store) == reference(identities)
