"""The deep check behind ``validate``: generate variants and grade them like a learner.

A problem can read and compile yet still be unusable: constraints nobody can meet, an
answer that is undefined for most draws, a reference the grader cannot read back, or a
"wrong" option that grades as right. Only generating variants finds those.
"""

from __future__ import annotations

from practice.banks.loader import BankIssue
from practice.banks.problem import Problem
from practice.banks.summary import counted
from practice.banks.templates import zero_coefficients
from practice.timelimit import TimeUp, time_limit
from practice.variants.promises import broken_promise
from practice.variants.variant import (
    Variant,
    VariantError,
    grade_variant,
    make_variant,
    template_values,
)

DEFAULT_VARIANTS = 20


def check_problem(problem: Problem, variants: int = DEFAULT_VARIANTS) -> list[str]:
    """Messages for what is wrong with ``variants`` variants (seeds 0 … n-1)."""
    return [message for _key, message in check_findings(problem, variants)]


def problem_issues(problem: Problem, variants: int = DEFAULT_VARIANTS) -> list[BankIssue]:
    """The findings as ``validate`` prints them, each at the line of the key at fault."""
    return [
        BankIssue(problem.bank, problem.line_of(key), problem.id, message)
        for key, message in check_findings(problem, variants)
    ]


def problem_issues_within(problem: Problem, variants: int, seconds: float) -> list[BankIssue]:
    """``problem_issues`` within a time budget: a derivative or a solution that sympy
    cannot finish (an 8th mixed partial of a messy function) ends as one issue, not a
    hang, for ``validate`` and the Instructor page alike."""
    try:
        with time_limit(seconds):
            return problem_issues(problem, variants)
    except TimeUp:
        message = (
            f"checking {counted(variants, 'variant')} needs more than {seconds:g} s of computing: the "
            "answer, its derivatives or the worked solution are too heavy to compute; "
            "simplify `function` or `answer` (or raise --time-limit)"
        )
        return [BankIssue(problem.bank, problem.line_of("answer"), problem.id, message)]


def check_findings(problem: Problem, variants: int = DEFAULT_VARIANTS) -> list[tuple[str, str]]:
    """(top-level key at fault, message) pairs, so ``validate`` can point at its line."""
    try:
        return _check(problem, variants)
    except Exception as exc:  # noqa: BLE001 — a bank must never crash `validate`
        return [("answer", f"generating or grading a variant failed: {type(exc).__name__}: {exc}")]


def _check(problem: Problem, variants: int) -> list[tuple[str, str]]:
    for seed in range(variants):
        try:
            variant = make_variant(problem, seed)
        except VariantError as exc:
            return [(exc.key, str(exc))]
        result = grade_variant(variant, variant.answer)
        if not result.correct:
            reason = (result.error or result.feedback).splitlines()[0]
            return [
                (
                    "answer",
                    f"seed {seed}: the reference answer `{variant.answer}` does not grade as "
                    f"correct against itself ({reason})",
                )
            ]
        promise = broken_promise(variant)
        if promise:
            return [("prompt", promise)]
        wrong = _distractors_graded_right(variant)
        if wrong:
            return [("choices", f"choice {wrong} is not in the answer but grades as correct")]
        zero = _zero_coefficient(problem, seed)
        if zero:
            return [("params", zero)]
    return []


def _zero_coefficient(problem: Problem, seed: int) -> str | None:
    """A term or coefficient filter whose value is 0 in this variant: `0 x`, `+ 0`."""
    values = template_values(problem, seed)
    spec = problem.spec
    texts = [spec.prompt, *spec.hints, spec.solution or "", spec.answer.model_answer or ""]
    texts += [text for choice in spec.choices for text in (choice.text, choice.feedback or "")]
    for text in texts:
        found = zero_coefficients(text, values)
        if found:
            return (
                f"seed {seed}: `{found[0]}` is 0, which would print a `0 x` or `+ 0` term; "
                "exclude 0 from that parameter (`not: [0]`) or add a constraint"
            )
    return None


def _distractors_graded_right(variant: Variant) -> str | None:
    correct = {label.upper() for label in str(variant.expected).split(",")}
    for label, _text in variant.choices:
        if label.upper() not in correct and grade_variant(variant, label).correct:
            return label
    return None
