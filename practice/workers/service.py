"""The grading service the app and the CLI call: tasks in the pool, with the budgets
and the words a learner reads when a task fails.

Reading and grading get 0.8 s of CPU time each, a variant 10 s: CPU time of the worker
that does the work, so a machine kept busy by others never trips them. A wall-clock
ceiling still ends every request (the worker is then killed), and the CLI keeps its
``grade --jsonl`` promise of an answer within one second with a tighter one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from practice import config
from practice.banks import BankIssue
from practice.grading import BadRequest, GradeResult, ReadPreview
from practice.limits import LIMITS
from practice.variants.follow_through import PartGrade, PartsGrade
from practice.workers import tasks
from practice.workers.pool import Budget, OverBudget, PoolBusy, TaskFailed, WorkerPool
from practice.workers.settings import worker_count
from practice.workers.views import (
    RESULT_TYPES,
    MistakeView,
    Refused,
    VariantUnavailable,
    VariantView,
)

log = logging.getLogger(__name__)

_TIME, _WALL = LIMITS.time, LIMITS.workers


@dataclass(frozen=True)
class Budgets:
    """CPU seconds and wall ceilings, both from ``practice.limits``."""

    reading: Budget = Budget(_TIME.reading, _WALL.reading)
    grading: Budget = Budget(_TIME.grading, _WALL.grading)
    variant: Budget = Budget(_TIME.variant, _WALL.variant)


# `grade --jsonl` answers every request within one second (../shared/contracts.md).
CLI_BUDGETS = Budgets(grading=Budget(_TIME.grading, _WALL.grade_request))


def why_unchecked(failure: TaskFailed) -> str:
    """Why a reading or grading gave no result, in words for the learner."""
    if isinstance(failure, OverBudget) and failure.resource == "cpu":
        return f"it needs more than {failure.seconds:g} s of computing"
    if isinstance(failure, OverBudget):
        return f"no result within {failure.seconds:g} s"
    if isinstance(failure, PoolBusy):
        return "the server is busy right now"
    return "the checker stopped on it"


def not_checked(failure: TaskFailed) -> GradeResult:
    """The result of a grading that gave no result: not right, and says why."""
    reason = why_unchecked(failure)
    advice = (
        "try again in a moment" if isinstance(failure, PoolBusy) else "try writing it more simply"
    )
    return GradeResult(
        False,
        0.0,
        f"This answer took too long to check ({reason}); {advice}.",
        f"the answer took too long to check ({reason})",
    )


class Grading:
    """Reading, grading, previews and variants, each a task in ``pool``."""

    def __init__(
        self, pool: WorkerPool, banks: Sequence[Path] | None = None, budgets: Budgets = Budgets()
    ) -> None:
        self.pool = pool
        folders = tuple(str(folder) for folder in (banks or config.bank_dirs()))
        self.banks = tasks.Banks(folders)
        self.budgets = budgets

    def reload(self) -> None:
        """Read the bank files again (each worker, on its next request)."""
        self.banks = replace(self.banks, generation=self.banks.generation + 1)

    def close(self) -> None:
        self.pool.close()

    def __enter__(self) -> Grading:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def variant(
        self, problem_id: str, seed: int, *, tenant: str | None = None
    ) -> VariantView | VariantUnavailable:
        try:
            return self.pool.run(
                tasks.variant_view,
                self.banks,
                problem_id,
                seed,
                budget=self.budgets.variant,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return VariantUnavailable(
                problem_id, seed, f"this variant could not be made: {failure}"
            )

    def grade(
        self, problem_id: str, seed: int, answer: str, *, tenant: str | None = None
    ) -> GradeResult | VariantUnavailable:
        """Grade ``answer`` as ``check`` does; a variant not made yet in that worker
        is made within the variant budget first. Raises ``BadRequest`` when the
        variant's own answer cannot be graded against (a broken bank)."""
        budget = Budget(self.budgets.variant.cpu, self.budgets.grading.wall)
        try:
            result = self.pool.run(
                tasks.grade_answer,
                self.banks,
                problem_id,
                seed,
                answer,
                self.budgets.grading.cpu,
                budget=budget,
                tenant=tenant,
            )
        except OverBudget as failure:
            if failure.resource == "cpu":  # the grading phase's own budget ran out
                failure = OverBudget("cpu", self.budgets.grading)
            return not_checked(failure)
        except TaskFailed as failure:
            return not_checked(failure)
        if isinstance(result, Refused):
            raise BadRequest(result.message)
        return result

    def grade_parts(
        self, problem_id: str, seed: int, answers: Sequence[str], *, tenant: str | None = None
    ) -> PartsGrade | VariantUnavailable:
        """Grade the first ``len(answers)`` parts of a problem in parts, one answer each,
        with follow-through, as ``check`` does; raises ``BadRequest`` like ``grade``."""
        wall = self.budgets.grading.wall * max(1, len(answers))
        try:
            result = self.pool.run(
                tasks.grade_part_answers,
                self.banks,
                problem_id,
                seed,
                tuple(answers),
                budget=Budget(self.budgets.variant.cpu, wall),
                tenant=tenant,
            )
        except TaskFailed as failure:
            unchecked = not_checked(failure)
            parts = tuple(PartGrade(number, unchecked) for number in range(1, len(answers) + 1))
            return PartsGrade(parts, max(1, len(answers)))
        if isinstance(result, Refused):
            raise BadRequest(result.message)
        return result

    def grade_code(
        self, problem_id: str, seed: int, source: str | bytes, *, tenant: str | None = None
    ) -> GradeResult | VariantUnavailable:
        """Grade a code problem's file: the worker makes the variant and runs the file in
        the sandbox (a process of its own, killed with the worker if the ceiling passes).
        The worker's CPU budget covers making the variant and judging the values; the
        learner's code has the sandbox's own limits."""
        budget = Budget(self.budgets.variant.cpu, _WALL.code)
        try:
            result = self.pool.run(
                tasks.grade_answer,
                self.banks,
                problem_id,
                seed,
                source,
                self.budgets.variant.cpu,
                budget=budget,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return not_checked(failure)
        if isinstance(result, Refused):
            raise BadRequest(result.message)
        return result

    def preview(
        self, kind: str, text: str, variables: Sequence[str] = (), *, tenant: str | None = None
    ) -> ReadPreview:
        """ "We read this as …"; raises ``BadRequest`` on an unknown kind only."""
        try:
            result = self.pool.run(
                tasks.preview_answer,
                kind,
                text,
                tuple(variables),
                budget=self.budgets.reading,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return ReadPreview(
                False, None, f"this answer takes too long to read ({why_unchecked(failure)})"
            )
        if isinstance(result, Refused):
            raise BadRequest(result.message)
        return result

    def grade_request(
        self,
        kind: str,
        expected: str,
        answer: str,
        *,
        variables: Sequence[str] = (),
        rtol: float | None = None,
        atol: float | None = None,
        tenant: str | None = None,
    ) -> GradeResult:
        """``practice.grading.grade`` in a worker; raises ``BadRequest`` like it."""
        try:
            result = self.pool.run(
                tasks.grade_request,
                kind,
                expected,
                answer,
                tuple(variables),
                rtol,
                atol,
                budget=self.budgets.grading,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return not_checked(failure)
        if isinstance(result, Refused):
            raise BadRequest(result.message)
        return result

    def mistakes(
        self, problem_id: str, seed: int, *, tenant: str | None = None
    ) -> tuple[MistakeView, ...] | VariantUnavailable:
        """The mistakes the grader recognises in one variant."""
        try:
            return self.pool.run(
                tasks.variant_mistakes,
                self.banks,
                problem_id,
                seed,
                budget=self.budgets.variant,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return VariantUnavailable(
                problem_id, seed, f"the mistakes could not be listed: {failure}"
            )

    def check_problem(
        self, problem_id: str, variants: int, *, tenant: str | None = None
    ) -> tuple[BankIssue, ...] | str:
        """``validate``'s deep check of one problem: its issues, or why it gave none."""
        cpu = LIMITS.time.problem_check_seconds(variants)
        budget = Budget(cpu + 1.0, 3 * cpu + 10.0)  # its own limit ends it first
        try:
            return self.pool.run(
                tasks.check_problem,
                self.banks,
                problem_id,
                variants,
                cpu,
                budget=budget,
                tenant=tenant,
            )
        except TaskFailed as failure:
            return str(failure)

    def mistakes_practised(self) -> dict[str, tuple[str, ...]]:
        """Mistake tag -> ids of the problems that recognise it; raises ``TaskFailed``."""
        budget = Budget(60.0, 180.0)  # one variant of every problem
        found: dict[str, tuple[str, ...]] = self.pool.run(
            tasks.mistakes_practised, self.banks, budget=budget
        )
        return found


PRELOAD = ("practice.workers.preload",)


def open_grading(
    size: int | None = None,
    *,
    banks: Sequence[Path] | None = None,
    budgets: Budgets = Budgets(),
    preload: Sequence[str] = (),
) -> Grading:
    """A grading service on a pool of its own (``PRACTICE_WORKERS`` workers by default),
    started; ``close()`` it (or use it as a context manager). ``preload``: more modules
    for the forkserver (see ``WorkerPool``)."""
    pool = WorkerPool(
        size or worker_count(), result_types=RESULT_TYPES, preload=(*PRELOAD, *preload)
    )
    pool.start()
    return Grading(pool, banks, budgets)
