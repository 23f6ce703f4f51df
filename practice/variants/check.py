"""The deep check behind ``validate``: generate variants and grade them like a learner.

A problem can read and compile yet still be unusable: constraints nobody can meet, an
answer that is undefined for most draws, a reference the grader cannot read back, or a
"wrong" option that grades as right. Only generating variants finds those.
"""

from __future__ import annotations

from collections.abc import Mapping

from practice.banks.loader import BankIssue
from practice.banks.problem import Problem
from practice.banks.schema import ProblemSpec
from practice.banks.summary import counted
from practice.banks.templates import zero_coefficients
from practice.timelimit import TimeUp, time_limit
from practice.variants.code_check import check_code
from practice.variants.parts import part_template_values, read_value, rederived
from practice.variants.promises import broken_promise
from practice.variants.variant import (
    PartVariant,
    Variant,
    VariantError,
    grade_variant,
    make_variant,
    template_values,
    version_for,
)
from practice.variants.variety import variety_findings
from practice.vocabulary import Kind

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
    if problem.kind == Kind.CODE:
        return check_code(problem, variants)
    made: list[Variant] = []
    for seed in range(variants):
        try:
            variant = make_variant(problem, seed)
        except VariantError as exc:
            return [(exc.key, str(exc))]
        if variant.parts:
            finding = check_parts(problem, variant)
        else:
            spec = version_for(problem, seed).spec
            finding = _check_variant(variant, template_values(problem, seed), spec)
        if finding is not None:
            return [finding]
        made.append(variant)
    if problem.parts:
        return []
    return variety_findings(made, fixed=problem.spec.fixed, allow=problem.spec.allow)


def check_parts(problem: Problem, variant: Variant) -> tuple[str, str] | None:
    """A fault of one variant of a problem in parts: in a part of its own, or in the
    chain (a part re-derived from the earlier parts' answers, as a learner would type
    them, must come out as its reference: that is what follow-through grades against)."""
    texts = part_template_values(problem, variant.seed)
    for part, shown, values in zip(problem.parts, variant.parts, texts, strict=True):
        where = f"part {part.number}: "
        finding = _check_variant(shown.variant, values, part.problem.spec, where)
        if finding is not None:
            return (f"parts.{part.number - 1}.{finding[0]}", finding[1])
    for shown in variant.parts:
        if shown.depends_on:
            problem_found = _rederives(variant, shown)
            if problem_found is not None:
                return (f"parts.{shown.number - 1}.answer", problem_found)
    return None


def _rederives(variant: Variant, part: PartVariant) -> str | None:
    typed = {number: variant.parts[number - 1].variant.answer for number in part.depends_on}
    own = {
        number: read_value(variant.parts[number - 1].variant, text)
        for number, text in typed.items()
    }
    again = rederived(variant, part.number, own)
    if grade_variant(again, part.variant.answer).correct:
        return None
    return (
        f"seed {variant.seed}: part {part.number}: derived from the earlier answers as typed "
        f"({', '.join(f'`{text}`' for text in typed.values())}) it comes out as "
        f"`{again.answer}`, not `{part.variant.answer}`"
    )


def _check_variant(
    variant: Variant, values: Mapping[str, str], spec: ProblemSpec, where: str = ""
) -> tuple[str, str] | None:
    """A fault of one variant (of a problem, or of one part: ``where`` says which)."""
    seed = variant.seed
    result = grade_variant(variant, variant.answer)
    if not result.correct:
        reason = (result.error or result.feedback).splitlines()[0]
        return (
            "answer",
            f"seed {seed}: {where}the reference answer `{variant.answer}` does not grade as "
            f"correct against itself ({reason})",
        )
    promise = broken_promise(variant)
    if promise:
        return ("prompt", f"{where}{promise}")
    wrong = _distractors_graded_right(variant)
    if wrong:
        return ("choices", f"{where}choice {wrong} is not in the answer but grades as correct")
    repeated = _repeated_option(variant)
    if repeated:
        return ("choices", f"{where}{repeated}")
    zero = _zero_coefficient(spec, values)
    if zero:
        return (
            "params",
            f"seed {seed}: {where}`{zero}` is 0, which would print a `0 x` or `+ 0` term; "
            "exclude 0 from that parameter (`not: [0]`) or add a constraint",
        )
    return None


def _zero_coefficient(spec: ProblemSpec, values: Mapping[str, str]) -> str | None:
    """A term or coefficient filter whose value is 0 in this variant: `0 x`, `+ 0`."""
    texts = [spec.prompt, *spec.hints, spec.solution or "", spec.answer.model_answer or ""]
    texts += [text for choice in spec.choices for text in (choice.text, choice.feedback or "")]
    for text in texts:
        found = zero_coefficients(text, values)
        if found:
            return found[0]
    return None


def _repeated_option(variant: Variant) -> str | None:
    """Two options that read the same in this variant (parameters in the options)."""
    seen: dict[str, str] = {}
    for label, text in variant.choices:
        if text in seen:
            return f"seed {variant.seed}: options {seen[text]} and {label} both read `{text}`"
        seen[text] = label
    return None


def _distractors_graded_right(variant: Variant) -> str | None:
    correct = {label.upper() for label in str(variant.expected).split(",")}
    for label, _text in variant.choices:
        if label.upper() not in correct and grade_variant(variant, label).correct:
            return label
    return None
