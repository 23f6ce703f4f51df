"""The store recovers by itself and says what is wrong: a write that fails is tried
once more on fresh connections; a fault that outlives that is a ``StoreFault`` of one
kind (read-only, full, unreachable) whose words name no path, host or user; and once
the cause is gone the same Store writes again, without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from db import Store, StoreFault, open_store
from practice.session import Attempt
from tests.db.conftest import postgres_schema_url
from tests.db.store_faults import Relay, small_disk

ATTEMPT = Attempt("p1", "gradients", "A", "number", 1, "2.5", "2.5", True, 1.0)


def _saved(store: Store, learner_id: int, key: str) -> bool:
    try:
        store.record_attempt(learner_id, ATTEMPT, submission_key=key)
    except StoreFault:
        return False
    return True


def _private(message: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in message


def test_a_read_only_file_is_said_and_writable_again_is_used(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        store = open_store(disk.url())
        disk.watch(store.engine)
        try:
            ana = store.learner("Ana")
            assert _saved(store, ana.id, "r1:a")
            disk.read_only(True)
            with pytest.raises(StoreFault) as fault:
                store.record_attempt(ana.id, ATTEMPT, submission_key="r1:b")
            assert fault.value.kind == "read-only"
            assert fault.value.learner_message == (
                "your answer was not saved: the progress store is read-only — tell your instructor"
            )
            _private(fault.value.learner_message, str(disk.root), "sqlite")
            disk.read_only(False)
            assert _saved(store, ana.id, "r1:b"), "the same Store writes again"
            assert len(store.attempts(ana.id)) == 2
        finally:
            store.close()


def test_a_full_disk_is_said_and_freed_space_is_used(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        store = open_store(disk.url())
        disk.watch(store.engine)
        try:
            ana = store.learner("Ana")
            disk.fill(True)
            kinds = set()
            for n in range(200):  # until the free pages are used up
                try:
                    store.record_attempt(ana.id, ATTEMPT, submission_key=f"f1:{n}")
                except StoreFault as fault:
                    kinds.add(fault.kind)
                    break
            assert kinds == {"full"}
            disk.fill(False)
            assert _saved(store, ana.id, "f1:after")
        finally:
            store.close()


@pytest.fixture
def relayed_postgres() -> Iterator[tuple[str, Relay]]:
    for url in postgres_schema_url():
        parsed = make_url(url)
        relay = Relay((parsed.host or "127.0.0.1", parsed.port or 5432))
        try:
            yield parsed.set(port=relay.port).render_as_string(hide_password=False), relay
        finally:
            relay.cut()


@pytest.mark.postgres
def test_an_unreachable_postgresql_is_said_and_its_return_is_used(
    relayed_postgres: tuple[str, Relay],
) -> None:
    url, relay = relayed_postgres
    store = open_store(url)
    try:
        ana = store.learner("Ana")
        assert _saved(store, ana.id, "p1:a")
        relay.cut()
        with pytest.raises(StoreFault) as fault:
            store.record_attempt(ana.id, ATTEMPT, submission_key="p1:b")
        assert fault.value.kind == "unreachable"
        _private(fault.value.learner_message, "127.0.0.1", str(relay.port), "postgres")
        relay.mend()
        assert _saved(store, ana.id, "p1:b"), "the same Store writes again"
        assert _saved(store, ana.id, "p1:b"), "and the same key is still one attempt"
        assert len(store.attempts(ana.id)) == 2
    finally:
        store.close()


def test_the_log_says_where_the_store_is(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with small_disk(tmp_path / "disk") as disk:
        store = open_store(disk.url())
        disk.watch(store.engine)
        try:
            ana = store.learner("Ana")
            disk.read_only(True)
            with pytest.raises(StoreFault):
                store.record_attempt(ana.id, ATTEMPT)
            assert str(disk.root) in caplog.text
        finally:
            disk.read_only(False)
            store.close()
