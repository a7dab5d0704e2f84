"""Work split over processes: slices, order, and that the parts really ran elsewhere."""

import os

import pytest

from documents.interfaces.parallel import can_fork, map_parts, split_evenly


def _pid(_part) -> int:
    return os.getpid()


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize(("items", "parts", "lengths"), [
    (range(10), 2, [5, 5]),
    (range(11), 3, [4, 4, 3]),
    (range(2), 5, [1, 1]),
    (range(7), 1, [7]),
])
def test_split_evenly_keeps_order_and_balances(items, parts, lengths):
    slices = split_evenly(items, parts)
    assert [len(s) for s in slices] == lengths
    assert [x for s in slices for x in s] == list(items)


def test_map_parts_returns_results_in_order():
    assert map_parts(_square, [3, 1, 2, 5], workers=2) == [9, 1, 4, 25]


@pytest.mark.skipif(not can_fork(), reason="no fork on this platform: parts run in-process")
def test_map_parts_runs_parts_in_other_processes():
    pids = map_parts(_pid, [1, 2], workers=2)
    assert os.getpid() not in pids


def test_one_worker_runs_in_this_process():
    assert map_parts(_pid, [1, 2, 3], workers=1) == [os.getpid()] * 3
