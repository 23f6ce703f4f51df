"""The class server for real: two ``streamlit run`` replicas on one PostgreSQL schema
behind haproxy, started by ``python -m deploy.class_server`` on free ports.

One server for the module (starting replicas is the slow part); the tests run in file
order and the last two change it: one kills a replica, the last stops the whole server
with SIGINT, as Ctrl+C would.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPResponse
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar

import pytest
from websockets.asyncio.client import connect

from bench.loadgen.learner import Learner, Pace, Plan, Recorder
from bench.loadgen.protocol import STREAM_PATH
from bench.loadgen.store import stored_answers_at
from deploy.haproxy import COOKIE, REPLICA_HEADER
from tests.db.conftest import postgres_schema_url
from tests.deploy.class_support import RunningClassServer, alive, get, start_class_server

pytestmark = pytest.mark.postgres
T = TypeVar("T")
QUICK = Pace(think=(0.1, 0.3), type_pause=(0.05, 0.1), run_timeout=120.0)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    yield from postgres_schema_url()


@pytest.fixture(scope="module")
def server(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningClassServer]:
    with start_class_server(tmp_path_factory.mktemp("class"), pg_url, replicas=2) as running:
        yield running


def _run(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a thread of its own: Playwright's sync API (the browser tests,
    earlier in the same session) leaves an event loop running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()


def _sticky_cookie(reply: HTTPResponse) -> str | None:
    """The replica named by haproxy's cookie in this response, if it set one."""
    for header in reply.headers.get_all("Set-Cookie") or []:
        jar = SimpleCookie()
        jar.load(header)
        if COOKIE in jar:
            return jar[COOKIE].value
    return None


def test_the_app_loads_through_the_proxy_and_each_browser_sticks(
    server: RunningClassServer,
) -> None:
    first = get(f"{server.url}/")
    assert first.status == 200
    served = first.headers[REPLICA_HEADER]
    assert served in ("r1", "r2")
    assert _sticky_cookie(first) == served
    cookie = f"{COOKIE}={served}"
    for path in ("/", "/practice", "/_stcore/health", "/_stcore/host-config"):
        reply = get(f"{server.url}{path}", cookie)
        assert reply.headers[REPLICA_HEADER] == served, path
        assert _sticky_cookie(reply) is None  # an accepted cookie is not set again
    other = "r2" if served == "r1" else "r1"
    assert get(f"{server.url}/", f"{COOKIE}={other}").headers[REPLICA_HEADER] == other
    fresh = {get(f"{server.url}/").headers[REPLICA_HEADER] for _ in range(6)}
    assert fresh == {"r1", "r2"}  # browsers without a cookie are spread over both


def test_the_websocket_follows_the_cookie(server: RunningClassServer) -> None:
    async def served_by(replica: str) -> str:
        url = server.url.replace("http://", "ws://") + STREAM_PATH
        async with connect(
            url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            additional_headers={"Cookie": f"{COOKIE}={replica}"},
            open_timeout=60,
        ) as socket:
            assert socket.response is not None
            return str(socket.response.headers[REPLICA_HEADER])

    assert _run(served_by("r1")) == "r1"
    assert _run(served_by("r2")) == "r2"


def test_learners_practise_through_the_proxy_into_one_store(server: RunningClassServer) -> None:
    recorder = Recorder()

    async def class_of_two() -> None:
        learners = [
            Learner(Plan(name, rounds=1), server.url, QUICK, recorder, random.Random(name))
            for name in ("rep-ana", "rep-ben")
        ]
        await asyncio.gather(*(learner.run() for learner in learners))

    _run(class_of_two())
    assert recorder.errors == []
    stored = stored_answers_at(server.database_url)
    for name in ("rep-ana", "rep-ben"):
        assert sum(recorder.submitted[name].values()) == 1
        assert stored.get(name) == recorder.submitted[name]


def _wait_for(check: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds:.0f} s"
        time.sleep(0.5)


def test_a_dead_replica_sends_its_browsers_to_the_other_and_comes_back(
    server: RunningClassServer,
) -> None:
    old_pid = server.replica_pid("r1")
    server.kill_replica("r1")
    moved = get(f"{server.url}/", f"{COOKIE}=r1")
    assert moved.status == 200 and moved.headers[REPLICA_HEADER] == "r2"
    assert _sticky_cookie(moved) == "r2"  # the browser now sticks to r2
    _wait_for(lambda: server.replica_pid("r1") != old_pid, 30)  # the class server restarts it
    _wait_for(lambda: get(f"{server.url}/", f"{COOKIE}=r1").headers[REPLICA_HEADER] == "r1", 180)
    assert not alive(old_pid)


def test_ctrl_c_stops_haproxy_and_every_replica(server: RunningClassServer) -> None:
    pids = server.pids()
    assert len(pids) == 3 and all(alive(pid) for pid in pids)
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(60) == 0, server.log_tail()
    assert [pid for pid in pids if alive(pid)] == []
    with pytest.raises(OSError):
        get(f"{server.url}/_stcore/health")
    assert "class server stopped" in Path(server.output).read_text()
