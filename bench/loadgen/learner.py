"""One simulated learner doing the practice loop over the websocket.

Open Practice with ``?learner=NAME`` (a new name gets its profile through the sidebar
form, as a person would create it), then per round: type the answer in three steps
(three reruns, as the live "we read this as" preview does), check it, think, and go
to the next problem ("Next variant" for a slow learner, who stays on the problem where
its answer is slow). A problem without a typed answer box (multiple choice, self-check)
is passed over with "Next problem" and counted as a skip; a learner offered nothing else
25 times in a row leaves, counted as an error.

Widgets are found by key or label in the elements the server sends, never by a fixed
id. When the page no longer has what the loop needs, ``PageChanged`` says what was
looked for and what was there; that is a fault of the benchmark's assumptions, so the
run stops instead of counting it as load.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from collections.abc import Awaitable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from websockets.exceptions import WebSocketException

from .answers import slow_steps, typed_steps
from .protocol import AppConnection, AppError, Page, Widget

PRACTICE_PAGE = "practice"  # the URL path of the Practice page
NOT_COUNTED_MARK = "not counted"  # in both of the app's not-counted messages (ui/feedback.py)
MAX_SKIPS_IN_A_ROW = 25  # problems without a typed answer before we give up


class PageChanged(RuntimeError):
    """The page lacks a widget the loop needs: the app changed under the benchmark."""

    def __init__(self, wanted: str, page: Page) -> None:
        seen = page.describe()
        extra = f" The app drew an error: {page.exceptions[0]}" if page.exceptions else ""
        super().__init__(
            f"could not find {wanted} on the page; it has: {seen}.{extra} "
            "If the app changed, update the finders in bench/loadgen/learner.py."
        )


@dataclass(frozen=True)
class Pace:
    """How long a learner waits, in seconds (each drawn uniformly from a range)."""

    think: tuple[float, float]  # reading the feedback before the next problem
    type_pause: tuple[float, float]  # between typing steps (the preview's pause and more)
    run_timeout: float  # one run must finish within this


@dataclass(frozen=True)
class Plan:
    """Who the learner is and how long they stay."""

    name: str
    rounds: int
    slow_problem: str | None = None  # set: a slow learner, deep-linked to this problem


@dataclass(frozen=True)
class Sample:
    """One timed rerun: ``what`` is open, profile, type, submit, next or skip."""

    learner: str
    what: str
    seconds: float
    ended: float  # time.monotonic() when the run finished
    slow: bool
    fragment: bool = False  # the server reran only a fragment (the answer box)
    runs: int = 1  # script runs it took (2 when the page calls st.rerun)


@dataclass
class Recorder:
    """What every learner of a run did, for the report and the store check."""

    samples: list[Sample] = field(default_factory=list)
    submitted: dict[str, Counter[str]] = field(default_factory=dict)
    said: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)  # alerts after
    slow_learners: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    skips: int = 0
    not_counted: int = 0  # checks the page said were not counted (near misses, unreadable)
    started: dict[str, float] = field(default_factory=dict)  # learner -> page opened
    finished: dict[str, float] = field(default_factory=dict)  # learner -> left

    def times(self, what: str, *, slow: bool = False) -> list[float]:
        return [s.seconds for s in self.samples if s.what == what and s.slow == slow]


async def _pause(rng: random.Random, bounds: tuple[float, float]) -> None:
    await asyncio.sleep(rng.uniform(*bounds))


class Learner:
    """Runs one plan on its own websocket, recording into a shared ``Recorder``."""

    def __init__(
        self, plan: Plan, base_url: str, pace: Pace, recorder: Recorder, rng: random.Random
    ) -> None:
        self.plan = plan
        self._url = base_url
        self._pace = pace
        self._recorder = recorder
        self._rng = rng
        self._slow = plan.slow_problem is not None
        self._doing = "connect"
        self._tab: AppConnection | None = None

    async def run(self, stop: asyncio.Event | None = None) -> None:
        """The whole visit. Server trouble (a timeout, a dropped socket, an error the app
        drew) ends this learner and is recorded; ``PageChanged`` propagates."""
        if self._slow:
            self._recorder.slow_learners.add(self.plan.name)
        self._recorder.submitted.setdefault(self.plan.name, Counter())
        try:
            async with AppConnection(
                self._url, PRACTICE_PAGE, self._query(), run_timeout=self._pace.run_timeout
            ) as tab:
                self._tab = tab
                page = await self._sign_in(tab)
                self._recorder.started[self.plan.name] = time.monotonic()
                for _ in range(self.plan.rounds):
                    if stop is not None and stop.is_set():
                        break
                    page = await self._round(tab, page)
        except (AppError, WebSocketException, OSError) as error:
            self._recorder.errors.append(
                f"{self.plan.name}, at {self._doing}: {type(error).__name__}: {error}"
            )
        finally:
            self._recorder.finished[self.plan.name] = time.monotonic()

    def _query(self) -> str:
        params = {"learner": self.plan.name}
        if self.plan.slow_problem is not None:
            params |= {"problem": self.plan.slow_problem, "seed": str(self._rng.randrange(10**6))}
        return urlencode(params)

    async def _timed(self, what: str, run: Awaitable[Page]) -> Page:
        self._doing = what
        started = time.monotonic()
        page = await run
        ended = time.monotonic()
        fragment = self._tab is not None and self._tab.fragment_run
        runs = self._tab.runs if self._tab is not None else 1
        self._recorder.samples.append(
            Sample(self.plan.name, what, ended - started, ended, self._slow, fragment, runs)
        )
        if page.exceptions:
            raise AppError(f"the app drew an error after {what}: {page.exceptions[0]}")
        return page

    async def _sign_in(self, tab: AppConnection) -> Page:
        """Open Practice; a name the store does not know yet gets a profile through the
        sidebar's "New learner" form, which the page fills in from ``?learner=``."""
        page = await self._timed("open", tab.open())
        if _next_problem(page) is not None:
            return page
        name_box = page.find("text_input", key_part="new_name", label_start="Your name")
        create = next(
            (w for w in page.widgets if w.is_form_submitter and "profile" in w.label.lower()),
            None,
        )
        if name_box is None or create is None:
            raise PageChanged(
                "the Practice page ('Next problem' button) or the sidebar's profile form "
                "('Your name' box and 'Create profile' button)",
                page,
            )
        page = await self._timed("profile", tab.rerun({name_box: self.plan.name}, trigger=create))
        if _next_problem(page) is None:
            raise PageChanged("the 'Next problem' button after creating a profile", page)
        return page

    async def _round(self, tab: AppConnection, page: Page) -> Page:
        """One problem: answer and check it, or pass it over; then the next one."""
        for _ in range(MAX_SKIPS_IN_A_ROW):
            box = _answer_box(page)
            if box is not None:
                return await self._answer(tab, page, box)
            self._recorder.skips += 1
            await _pause(self._rng, self._pace.type_pause)
            page = await self._timed("skip", tab.rerun(trigger=_require_next(page)))
        # The page works; it only keeps offering problems this loop does not answer.
        raise AppError(f"no problem with a typed answer in {MAX_SKIPS_IN_A_ROW} in a row")

    async def _answer(self, tab: AppConnection, page: Page, box: Widget) -> Page:
        steps = slow_steps(self._rng) if self._slow else typed_steps(self._rng)
        for text in steps:
            await _pause(self._rng, self._pace.type_pause)
            page = await self._timed("type", tab.rerun({box: text}))
            box = _answer_box(page) or box
        check = page.find("button", key_part="check", label_start="Check")
        if check is None:
            raise PageChanged("the 'Check answer' button", page)
        self._recorder.submitted[self.plan.name][steps[-1]] += 1
        page = await self._timed("submit", tab.rerun({box: steps[-1]}, trigger=check))
        self._recorder.said[self.plan.name, steps[-1]] = page.alerts
        if not counted(page.alerts):
            # The app keeps no attempt for it, by design (e.g. "8 + 6/4" for 9.53, rounded
            # too early): not a submission the store should hold.
            self._recorder.submitted[self.plan.name][steps[-1]] -= 1
            self._recorder.not_counted += 0 if self._slow else 1
        await _pause(self._rng, self._pace.think)
        onward = _next_variant(page) if self._slow else None
        return await self._timed("next", tab.rerun(trigger=onward or _require_next(page)))


def counted(alerts: tuple[str, ...]) -> bool:
    """Whether the page, after a check, kept the answer as an attempt: it says so when
    it did not (an unreadable answer, a near miss such as a number rounded too early)."""
    return not any(NOT_COUNTED_MARK in alert for alert in alerts)


def _answer_box(page: Page) -> Widget | None:
    return page.find("text_input", key_part="_answer_", label_start="Your answer")


def _next_problem(page: Page) -> Widget | None:
    return page.find("button", key_part="next_problem", label_start="Next problem")


def _next_variant(page: Page) -> Widget | None:
    return page.find("button", key_part="next_variant", label_start="Next variant")


def _require_next(page: Page) -> Widget:
    found = _next_problem(page)
    if found is None:
        raise PageChanged("the 'Next problem' button", page)
    return found
