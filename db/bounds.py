"""What the store keeps: bounds and clean-up for everything that reaches it from outside.

A learner controls their name and their raw answer; banks control ids, topics and
levels. Names are refused with a message a page can show; answers are kept (cut to a
bound, with what PostgreSQL cannot store replaced) because losing an attempt is worse
than shortening it.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from db.models import (
    ANSWER_MAX,
    CODE_ANSWER_MAX,
    GIVEN_MAX,
    KIND_MAX,
    LEVEL_MAX,
    MISTAKE_MAX,
    NAME_KEY_MAX,
    NAME_MAX,
    PROBLEM_ID_MAX,
    READ_AS_MAX,
    SUBMISSION_KEY_MAX,
    TEST_TEXT_MAX,
    TESTS_MAX,
    TOPIC_MAX,
)
from practice.limits import LIMITS
from practice.session.attempt import Attempt

COUNT_MAX = 1000


class InvalidInput(ValueError):
    """A value the store will not keep; ``str(error)`` is a sentence for the user."""


class UnknownLearner(LookupError):
    """No learner with that name or id."""


@dataclass(frozen=True)
class LearnerName:
    display: str  # trimmed, inner whitespace collapsed
    key: str  # what makes two names the same learner


def learner_name(raw: str) -> LearnerName:
    """The learner name in ``raw``, or InvalidInput saying why it cannot be one."""
    display = " ".join(str(raw).split())
    if not display:
        raise InvalidInput("a learner name cannot be empty")
    if len(display) > NAME_MAX:
        raise InvalidInput(f"a learner name has at most {NAME_MAX} characters")
    if any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in display):
        raise InvalidInput("a learner name cannot contain control or invisible characters")
    key = unicodedata.normalize("NFKC", display).casefold()[:NAME_KEY_MAX]
    return LearnerName(display=display, key=key)


def stored_text(raw: str | None, limit: int) -> str | None:
    """``raw`` cut to ``limit`` characters, without NULs or unpaired surrogates, which
    PostgreSQL (NUL) and UTF-8 itself (surrogates) cannot hold."""
    if raw is None:
        return None
    cleaned = str(raw).replace("\x00", "\ufffd")
    cleaned = cleaned.encode("utf-8", "replace").decode("utf-8")
    return cleaned[:limit]


def answer_text(raw: str, kind: str = "") -> str:
    """The answer as kept: a typed answer up to ``ANSWER_MAX`` characters, a code
    problem's file up to ``CODE_ANSWER_MAX`` (the file a learner ran, whole)."""
    return stored_text(raw, CODE_ANSWER_MAX if kind == "code" else ANSWER_MAX) or ""


def tests_json(tests: Any) -> str | None:
    """A code attempt's test results as the JSON the ``tests`` column keeps, bounded;
    None for other kinds."""
    if tests is None:
        return None
    kept = [
        {
            "name": stored_text(str(test.name), TEST_TEXT_MAX),
            "passed": bool(test.passed),
            "message": stored_text(str(test.message), TEST_TEXT_MAX),
        }
        for test in list(tests)[:TESTS_MAX]
    ]
    return json.dumps(kept, ensure_ascii=False)


def given_json(given: Any) -> str | None:
    """The earlier answers a part was graded on, as the JSON the ``given`` column keeps:
    a list of [part, answer], each answer cut like an answer; None when there are none."""
    kept = [
        [count(number, "an earlier part", minimum=1), answer_text(str(text))]
        for number, text in list(given)[:GIVEN_MAX]
    ]
    return json.dumps(kept, ensure_ascii=False) if kept else None


def _part(value: int | None) -> int | None:
    if value is None:
        return None
    number = count(value, "part", minimum=1)
    if number > GIVEN_MAX:
        raise InvalidInput(f"part must be between 1 and {GIVEN_MAX}")
    return number


def read_as_text(raw: str | None) -> str | None:
    return stored_text(raw, READ_AS_MAX)


def label(raw: str | None, what: str, limit: int, *, optional: bool = False) -> str | None:
    """A bank-given identifier (problem id, topic, level, kind, mistake tag)."""
    if raw is None and optional:
        return None
    text = str(raw).strip()
    if not text:
        if optional:
            return None
        raise InvalidInput(f"{what} cannot be empty")
    if len(text) > limit or "\x00" in text:
        raise InvalidInput(f"{what} is longer than {limit} characters or holds a NUL")
    return text


def _problem_id(raw: str) -> str:
    return label(raw, "problem id", PROBLEM_ID_MAX) or ""


def _topic(raw: str) -> str:
    return label(raw, "topic", TOPIC_MAX) or ""


def _level(raw: str) -> str:
    return label(raw, "level", LEVEL_MAX) or ""


def _kind(raw: str) -> str:
    return label(raw, "kind", KIND_MAX) or ""


def _mistake(raw: str | None) -> str | None:
    return label(raw, "mistake tag", MISTAKE_MAX, optional=True) if raw is not None else None


def _number(value: Any, what: str, kind: Callable[[Any], float]) -> float:
    """``kind(value)``, or InvalidInput instead of whatever int()/float() would raise."""
    try:
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidInput(f"{what} must be a number, not {str(value)[:20]!r}") from None


def fraction(value: float, what: str) -> float:
    number = _number(value, what, float)
    if not math.isfinite(number):
        raise InvalidInput(f"{what} must be a finite number")
    return min(1.0, max(0.0, number))


def _seconds(value: float | None) -> float | None:
    """Time taken, clamped to a day; None when unknown or absurd (negative, not finite),
    so a broken clock can never earn an Easy rating."""
    if value is None:
        return None
    number = _number(value, "seconds", float)
    if not math.isfinite(number) or number < 0:
        return None
    return min(number, LIMITS.durations.stored)


def count(value: int, what: str, *, minimum: int = 0) -> int:
    number = int(_number(value, what, int))
    if number < minimum:
        raise InvalidInput(f"{what} must be at least {minimum}")
    return min(number, COUNT_MAX)


def _seed(value: int) -> int:
    number = int(_number(value, "seed", int))
    if not 0 <= number <= LIMITS.seeds.largest:
        raise InvalidInput(f"seed must be between 0 and {LIMITS.seeds.largest}")
    return number


@dataclass(frozen=True)
class CleanAttempt:
    """An attempt whose every field is within the store's bounds, ready to insert."""

    learner_id: int
    attempt: Attempt  # its fields cleaned
    created_at: datetime
    day: date  # the learner's calendar day at ``created_at``
    submission_key: str | None = None

    def row(self) -> dict[str, object]:
        """The values of the ``attempts`` row."""
        values = {f.name: getattr(self.attempt, f.name) for f in fields(self.attempt)}
        # Not a column: what it decides (the rating Again) is in the review log.
        values.pop("solution_seen")
        return {
            "learner_id": self.learner_id,
            **values,
            "tests": tests_json(self.attempt.tests),
            "given": given_json(self.attempt.given) if self.attempt.part is not None else None,
            "created_at": self.created_at,
            "day": self.day,
            "submission_key": self.submission_key,
        }


def clean_attempt(
    learner_id: int,
    attempt: Attempt,
    when: datetime,
    timezone: tzinfo = UTC,
    submission_key: str | None = None,
) -> CleanAttempt:
    """``attempt`` within bounds, or InvalidInput saying which value is refused. ``when``
    is aware; ``timezone`` says whose calendar day the attempt counts on."""
    cleaned = Attempt(
        problem_id=_problem_id(attempt.problem_id),
        topic=_topic(attempt.topic),
        level=_level(attempt.level),
        kind=_kind(attempt.kind),
        seed=_seed(attempt.seed),
        answer=answer_text(attempt.answer, str(attempt.kind)),
        read_as=read_as_text(attempt.read_as),
        correct=bool(attempt.correct),
        score=fraction(attempt.score, "score"),
        mistake=_mistake(attempt.mistake),
        hints_used=count(attempt.hints_used, "hints used"),
        attempt_number=count(attempt.attempt_number, "attempt number", minimum=1),
        seconds=_seconds(attempt.seconds),
        is_review=bool(attempt.is_review),
        tests=attempt.tests,
        solution_seen=bool(attempt.solution_seen),
        part=_part(attempt.part),
        follow_through=None if attempt.follow_through is None else bool(attempt.follow_through),
        given=tuple(attempt.given),
    )
    day = when.astimezone(timezone).date()
    return CleanAttempt(int(learner_id), cleaned, when, day, _submission_key(submission_key))


def _submission_key(raw: str | None) -> str | None:
    """A key as ``practice.session.submission_key`` makes them: short, plain ASCII."""
    if raw is None:
        return None
    if not (
        isinstance(raw, str)
        and 0 < len(raw) <= SUBMISSION_KEY_MAX
        and all(c.isascii() and (c.isalnum() or c in ":-_") for c in raw)
    ):
        raise InvalidInput("a submission key is at most 64 letters, digits, `:`, `-` or `_`")
    return raw


def clean_problem_id(raw: str) -> str:
    """A problem id as the store keeps it (the open round's, like an attempt's)."""
    return _problem_id(raw)


def clean_seed(value: int) -> int:
    """A seed within the range the store keeps, or InvalidInput."""
    return _seed(value)
