"""Learners: get-or-create by name, names trimmed, bounded and case-insensitive."""

from __future__ import annotations

import pytest

from db import InvalidInput, Store
from tests.db.statements import statements


def test_same_name_any_spacing_or_case_is_one_learner(store: Store) -> None:
    first = store.learner("  Ana   María ")
    assert first.name == "Ana María"
    assert store.learner("ana maría").id == first.id
    assert store.find_learner("ANA  MARÍA") == first
    assert first.created_at.tzinfo is not None


def test_learners_are_listed_by_name(store: Store) -> None:
    for name in ["zoe", "Bea", "adam"]:
        store.learner(name)
    assert [learner.name for learner in store.learners()] == ["adam", "Bea", "zoe"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty"),
        ("   \t ", "empty"),
        ("x" * 61, "at most 60"),
        ("bad\x00name", "control"),
        ("bell\x07", "control"),
        ("zero\u200bwidth", "invisible"),
    ],
)
def test_bad_names_are_refused_with_a_reason(store: Store, name: str, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        store.learner(name)
    assert store.find_learner(name) is None
    assert store.learners() == []


def test_longest_allowed_name_and_unicode_work(store: Store) -> None:
    longest = store.learner("ß" * 60)
    assert longest.name == "ß" * 60
    assert store.find_learner("ẞ" * 60) == longest  # capital sharp s folds to the same key
    assert store.learner("名前").name == "名前"
    assert len(store.learners()) == 2


def test_the_list_is_read_again_only_when_a_learner_was_added(store: Store) -> None:
    """The sidebar lists profiles on every run: an unchanged list costs one aggregate,
    and a profile added by another process (here another store) shows at once."""
    store.learner("Ana")
    listings = statements(store.engine, lambda sql: "ORDER BY learners.name_key" in sql)
    assert [learner.name for learner in store.learners()] == ["Ana"]
    assert [learner.name for learner in store.learners()] == ["Ana"]
    assert len(listings) == 1
    elsewhere = Store(store.engine)
    elsewhere.learner("Ben")
    assert [learner.name for learner in store.learners()] == ["Ana", "Ben"]
    assert len(listings) == 2
    listed = store.learners()
    listed.clear()  # a caller's list is its own
    assert len(store.learners()) == 2
