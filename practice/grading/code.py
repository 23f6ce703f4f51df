"""Grading a learner's file: run it in the sandbox, judge each test outside.

The score is the share of tests passed; every test says in words what it called, what
was expected and what came back. If the sandbox cannot start, grading fails closed:
not correct, nothing run, and a message for the person who runs the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from practice.grading.results import GradeResult, TestResult
from practice.sandbox import Call, CallOutcome, RunReport, SandboxUnavailable, run_function
from practice.sandbox.compare import Expected, check

PRINTED_KEPT = 2000  # characters of what the learner's code printed, shown back


@dataclass(frozen=True)
class CodeCase:
    """One test: what the sandbox calls, what must come back, and how to say it."""

    name: str
    description: str  # the arguments in words; "" for an instructor's check
    call: Call
    expected: Expected


@dataclass(frozen=True)
class CodeTask:
    """What a learner writes and how it is tested, for one variant."""

    entry: str  # the function's name
    signature: str
    starter: str
    solution: str
    cases: tuple[CodeCase, ...]


def grade_code(task: CodeTask, source: str | bytes) -> GradeResult:
    return grade_code_each([task], source)[0]


def grade_code_each(tasks: Sequence[CodeTask], source: str | bytes) -> list[GradeResult]:
    """One file graded against several variants' tests in one run of the sandbox (all
    tasks must name the same function): ``validate`` checks a model solution so."""
    if not tasks:
        return []
    calls = [case.call for task in tasks for case in task.cases]
    try:
        report = run_function(source, tasks[0].entry, calls)
    except SandboxUnavailable as error:
        return [unavailable(str(error))] * len(tasks)
    results, start = [], 0
    for task in tasks:
        outcomes = report.outcomes[start : start + len(task.cases)]
        start += len(task.cases)
        results.append(_graded(task, report, outcomes))
    return results


def _graded(task: CodeTask, report: RunReport, outcomes: Sequence[CallOutcome]) -> GradeResult:
    tests = tuple(
        _tested(case, outcome) for case, outcome in zip(task.cases, outcomes, strict=True)
    )
    passed = sum(test.passed for test in tests)
    return GradeResult(
        correct=passed == len(tests),
        score=passed / len(tests) if tests else 0.0,
        feedback=_feedback(report, tests),
        error=None if report.loaded else report.load_error,
        tests=tests,
        printed=report.stdout[:PRINTED_KEPT] or None,
    )


def unavailable(reason: str) -> GradeResult:
    """Fail closed: the code was not run, so it is not right."""
    return GradeResult(
        False,
        0.0,
        "Your code could not be run on this server, so it was not graded. "
        f"Please tell the person who runs it: {reason}.",
        f"the code sandbox is unavailable: {reason}",
        tests=(),
        graded=False,
    )


def _tested(case: CodeCase, outcome: CallOutcome) -> TestResult:
    verdict = check(outcome, case.expected)
    message = f"on {case.description}: {verdict.message}" if case.description else verdict.message
    return TestResult(case.name, verdict.passed, message)


def _feedback(report: RunReport, tests: tuple[TestResult, ...]) -> str:
    passed, total = sum(t.passed for t in tests), len(tests)
    if not report.loaded:
        return f"Your file did not load, so no test ran: {report.load_error}."
    if passed == total:
        return f"All {total} tests pass."
    first = next(t for t in tests if not t.passed)
    summary = f"{passed} of {total} tests pass. First failing, {first.name}: {first.message}."
    return summary if report.stopped is None else f"{summary} ({report.stopped})"
