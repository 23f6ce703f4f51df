"""Fixtures for the sandbox tests.

``grade(source, calls=None, expected=None)`` runs ``source`` (text or bytes) in the real
sandbox with the default limits, on two tests of ``numerical_gradient`` unless ``calls``
are given, and returns ``(report, checks)``: the ``RunReport`` and one ``compare.Check``
per test against the sympy-derived gradient. Afterwards it asserts that no process
carrying the run's token is alive.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from practice.sandbox import Call, RunReport, run_function
from practice.sandbox.compare import Check, Expected, check
from tests.sandbox.helpers import ENTRY, Grade, assert_nothing_left, default_calls, default_expected


@pytest.fixture
def grade() -> Grade:
    def run(
        source: str | bytes,
        calls: Sequence[Call] | None = None,
        expected: Sequence[Expected] | None = None,
    ) -> tuple[RunReport, list[Check]]:
        calls = default_calls() if calls is None else calls
        expected = default_expected() if expected is None else expected
        report = run_function(source, ENTRY, calls)
        if report.run_id:
            assert_nothing_left(report.run_id)
        checks = [check(o, e) for o, e in zip(report.outcomes, expected, strict=True)]
        return report, checks

    return run
