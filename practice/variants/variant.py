"""``make_variant`` and ``grade_variant``: the two calls the app and the CLI make.

A variant is fully determined by (problem id, seed): the parameters are drawn from
a stream seeded by both, and everything else is derived from them, so the same pair
always renders byte-identically.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from practice.banks.problem import Problem
from practice.banks.templates import render
from practice.grading import GradeResult, grade
from practice.grading.choice import label_set
from practice.grading.code import CodeTask, grade_code
from practice.grading.precision import DEFAULT_PRECISION, Precision
from practice.grading.results import Misconception
from practice.limits import LIMITS
from practice.timelimit import TimeUp, time_limit
from practice.variants.candidates import Candidates, candidates_for
from practice.variants.code_tests import code_task
from practice.variants.derive import Answer, Derivation, UndefinedDraw, derive
from practice.variants.numbers import (
    cached_latex,
    expression_text,
    number_latex,
    number_text,
    sum_latex,
    vector_latex,
    vector_text,
)
from practice.variants.options import ShownOption, shown_options
from practice.variants.sampling import Draw, draw_params, rng_for
from practice.variants.solutions import worked_solution
from practice.vocabulary import AnswerForm, Kind, Level

if TYPE_CHECKING:
    from practice.variants.parts import Chain

T = TypeVar("T")
MAX_DRAWS = 200
# What a learner "types" for a self-check: their rating after reading the model answer.
SELF_CHECK_ANSWER = "right"


class VariantError(ValueError):
    """No variant can be made: constraints never hold, or the answer is never defined."""

    def __init__(self, message: str, key: str = "answer") -> None:
        super().__init__(message)
        self.key = key  # the part of the problem at fault: `constraints` or `answer`


@dataclass(frozen=True)
class Variant:
    problem_id: str
    seed: int
    kind: Kind
    level: Level
    topic: str
    prompt: str
    answer: str  # text a learner could type that grades correct
    answer_latex: str
    hints: tuple[str, ...]
    solution: str
    variables: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (label, Markdown text)
    rtol: float | None
    atol: float | None
    expected: Answer | str  # what `grade` compares with: exact sympy, or choice labels
    precision: Precision = DEFAULT_PRECISION  # stated by the prompt, applied by `grade`
    degrees: bool = False  # an angle asked for in degrees
    choice_feedback: tuple[tuple[str, str], ...] = ()  # (label, feedback) for choices
    model_answer: str = ""  # self-check: the model answer to compare with (Markdown)
    code: CodeTask | None = None  # code: the function to write and its tests
    candidates: Candidates = field(default_factory=Candidates, repr=False)
    # A problem in parts: its parts, in order (the fields above then describe the whole:
    # the stem as prompt, the last part's answer), and what re-deriving a part from the
    # learner's own earlier answers needs (``practice.variants.follow_through``).
    parts: tuple[PartVariant, ...] = ()
    chain: Chain | None = field(default=None, repr=False, compare=False)

    @cached_property
    def misconceptions(self) -> tuple[Misconception, ...]:
        """Typical wrong answers of this variant, each with its tag and message.

        Worked out on first use (grading), not when the variant is made: filling in
        the candidates costs as much as the rest of the variant together."""
        return self.candidates.resolve()


@dataclass(frozen=True)
class PartVariant:
    """One part of a variant of a problem in parts."""

    number: int  # from 1
    variant: Variant  # the part as a variant of its own: prompt, answer, hints, grading
    depends_on: tuple[int, ...]  # the earlier parts whose answers it is computed from
    credit: float  # share of the credit when right only given the learner's earlier answers


def make_variant(problem: Problem, seed: int) -> Variant:
    """The variant of ``problem`` for ``seed``; raises ``VariantError`` if none exists,
    or if sympy cannot finish it within ``LIMITS.time.variant`` (a page must not hang on
    one heavy problem; ``validate`` reports such problems with their line)."""
    seconds = LIMITS.time.variant
    try:
        with time_limit(seconds):
            return _made(problem, seed)
    except TimeUp:
        raise VariantError(
            f"making this variant needs more than {seconds:g} s of computing; simplify `function` or `answer`"
        ) from None


def version_for(problem: Problem, seed: int) -> Problem:
    """The version of ``problem`` the variant for ``seed`` shows: the problem as written
    or one of its ``stems``, drawn from a stream of its own."""
    if not problem.stems:
        return problem
    versions = problem.versions
    return versions[rng_for(problem.id, seed, "stem").randrange(len(versions))]


def _made(problem: Problem, seed: int) -> Variant:
    problem = version_for(problem, seed)
    if problem.parts:
        from practice.variants.parts import made_in_parts  # it builds on this module

        return made_in_parts(problem, seed)
    draw, derivation = _draw(problem, seed)
    return built(problem, seed, draw, derivation)


def built(
    problem: Problem,
    seed: int,
    draw: Draw,
    derivation: Derivation,
    *,
    symbolic: bool | None = None,
    texts: Mapping[str, str] | None = None,
) -> Variant:
    """The variant of ``problem`` for a draw already derived. A part of a problem in
    parts says itself whether it is answered in the variables (``symbolic``) and adds
    its earlier parts' values to the placeholders (``texts``)."""
    texts = {**_template_values(problem, draw, derivation), **(texts or {})}
    options = shown_options(problem, seed) if problem.kind == Kind.CHOICE else ()
    answer, answer_latex, expected = _answer(problem, derivation, options)
    texts["answer"] = answer_latex
    spec = problem.spec
    solution_parts = [worked_solution(problem, derivation)]
    solution_parts += _choice_solution(problem, options, texts)
    if spec.answer.model_answer is not None:
        solution_parts.append(render(spec.answer.model_answer, texts))
    if spec.solution is not None:
        solution_parts.append(render(spec.solution, texts))
    tolerance = spec.tolerance
    return Variant(
        problem_id=problem.id,
        seed=seed,
        kind=problem.kind,
        level=problem.level,
        topic=problem.topic,
        prompt=render(spec.prompt, texts),
        answer=answer,
        answer_latex=answer_latex,
        hints=tuple(render(hint, texts) for hint in spec.hints),
        solution="\n\n".join(part.strip() for part in solution_parts if part.strip()),
        variables=problem.variable_names
        if (_symbolic(problem) if symbolic is None else symbolic)
        else (),
        choices=tuple(
            (option.label, render(spec.choices[option.index].text, texts)) for option in options
        ),
        rtol=tolerance.rtol if tolerance else None,
        atol=tolerance.atol if tolerance else None,
        expected=expected,
        precision=precision_of(problem),
        degrees=spec.unit == "degrees",
        choice_feedback=tuple(
            (option.label, render(feedback, texts))
            for option in options
            if (feedback := spec.choices[option.index].feedback)
        ),
        model_answer=render(spec.answer.model_answer, texts) if spec.answer.model_answer else "",
        code=derivation.code,
        candidates=candidates_for(problem, derivation, draw.values)
        if _graded(problem)
        else Candidates(),
    )


def template_values(problem: Problem, seed: int) -> dict[str, str]:
    """What each placeholder stands for in the variant for ``seed`` (before filters):
    lets ``validate`` see, e.g., a coefficient that is 0 in some variant."""
    problem = version_for(problem, seed)
    draw, derivation = _draw(problem, seed)
    return _template_values(problem, draw, derivation)


def grade_variant(variant: Variant, answer: str | bytes) -> GradeResult:
    """Grade one answer exactly as the app and ``check`` do.

    A self-check is answered with the learner's own rating (right / partly / wrong)
    after comparing with the model answer; the grader reads that rating. A code
    problem's answer is the learner's file, run in the sandbox on the variant's tests.
    """
    if variant.code is not None:
        return grade_code(variant.code, answer)
    if isinstance(answer, bytes):
        answer = answer.decode("utf-8", "replace")
    result = grade(
        variant.kind,
        variant.expected,
        answer,
        variables=variant.variables,
        rtol=variant.rtol,
        atol=variant.atol,
        misconceptions=variant.misconceptions,
        precision=variant.precision,
        degrees=variant.degrees,
    )
    if variant.kind == Kind.CHOICE and result.error is None:
        return _with_choice_feedback(variant, answer, result)
    return result


def _draw(problem: Problem, seed: int) -> tuple[Draw, Derivation]:
    return draw_derived(problem, seed, lambda draw: _derived(problem, draw))


def _derived(problem: Problem, draw: Draw) -> Derivation:
    derivation = derive(problem, draw.values)
    if problem.kind == Kind.CODE:  # its tests, with what sympy expects of them
        derivation = replace(derivation, code=code_task(problem, draw.values))
    return derivation


def draw_derived(problem: Problem, seed: int, derive_from: Callable[[Draw], T]) -> tuple[Draw, T]:
    """The first draw for ``seed`` that satisfies the constraints and whose answers
    ``derive_from`` can derive; raises ``VariantError`` when none does."""
    rng = rng_for(problem.id, seed)
    rejected_params = undefined = 0
    for _ in range(MAX_DRAWS):
        draw = draw_params(problem, rng)
        if draw is None:
            rejected_params += 1
            continue
        try:
            return draw, derive_from(draw)
        except UndefinedDraw:
            undefined += 1
        except (ValueError, TypeError, ArithmeticError, RecursionError):
            undefined += 1  # sympy giving up on a pathological draw: treat as undefined
    if undefined == 0:
        raise VariantError(
            f"no parameter draw satisfies the `not` lists, derived values and constraints "
            f"(tried {MAX_DRAWS} draws)",
            "constraints" if problem.constraints else "params",
        )
    raise VariantError(
        f"the answer is undefined, infinite or complex for every draw that satisfied the "
        f"constraints ({undefined} of {MAX_DRAWS} draws); add a constraint or change the ranges"
    )


def _template_values(problem: Problem, draw: Draw, derivation: Derivation) -> dict[str, str]:
    texts = dict(draw.shown)
    for name, symbol, _expression in problem.derived:
        texts[name] = number_latex(draw.values[symbol])
    if derivation.function is not None:
        texts["f"] = sum_latex(derivation.function, derivation.function_terms)
    if derivation.point is not None:
        texts["point"] = vector_latex(derivation.point)
    if problem.kind in (Kind.NUMBER, Kind.VECTOR):
        components = problem.kind == Kind.VECTOR
        texts["precision"] = precision_of(problem).instruction(components=components)
    plan = problem.answer
    if plan.form == AnswerForm.DESCENT:
        texts["start"] = vector_latex(derivation.start)
        texts["rate"] = number_latex(derivation.rate) if derivation.rate is not None else ""
        texts["steps"] = str(plan.steps)
        if derivation.given_gradient is not None:
            texts["gradient"] = vector_latex(derivation.given_gradient)
    return texts


def _answer(
    problem: Problem, derivation: Derivation, options: tuple[ShownOption, ...]
) -> tuple[str, str, Answer | str]:
    """(typed answer, LaTeX answer, what the grader compares with)."""
    value = derivation.answer
    if problem.kind == Kind.CHOICE:
        labels = ",".join(option.label for option in options if option.correct)
        return labels, labels, labels
    if problem.kind == Kind.SELF_CHECK:
        return SELF_CHECK_ANSWER, "", ""
    if derivation.code is not None:  # a file that passes every test: the model solution
        return derivation.code.solution, "", ""
    assert value is not None
    if isinstance(value, tuple):
        numeric = not any(component.free_symbols for component in value)
        latex = vector_latex(value) if numeric else cached_latex(value)
        return vector_text(value, numeric=numeric), latex, value
    if problem.kind == Kind.EXPRESSION:
        stages = derivation.stages
        terms = stages[-1].after_terms if stages and stages[-1].after is value else None
        return expression_text(value), sum_latex(value, terms), value
    return number_text(value), number_latex(value), value


def _choice_solution(
    problem: Problem, options: tuple[ShownOption, ...], texts: Mapping[str, str]
) -> list[str]:
    if problem.kind != Kind.CHOICE:
        return []
    lines = []
    for option in options:
        if option.correct:
            choice = problem.spec.choices[option.index]
            line = f"**{option.label}.** {render(choice.text, texts)}"
            if choice.feedback:
                line += f" — {render(choice.feedback, texts)}"
            lines.append(line)
    return ["\n\n".join(lines)]


def _with_choice_feedback(variant: Variant, answer: str, result: GradeResult) -> GradeResult:
    """Add the instructor's feedback for each picked option to the grader's feedback."""
    known = frozenset(label.upper() for label, _text in variant.choices)
    picked = label_set(answer, known)
    notes = [feedback for label, feedback in variant.choice_feedback if label.upper() in picked]
    if not notes:
        return result
    return replace(result, feedback=" ".join([result.feedback, *notes]).strip())


def precision_of(problem: Problem) -> Precision:
    """The problem's precision, or the default: 4 significant figures."""
    stated = problem.spec.precision
    if stated is None:
        return DEFAULT_PRECISION
    return Precision(significant=stated.significant, decimals=stated.decimals)


def _symbolic(problem: Problem) -> bool:
    """Answers written in the variables: expressions, and gradients without a point."""
    plan = problem.answer
    return problem.kind == Kind.EXPRESSION or (plan.form == AnswerForm.GRADIENT and plan.at is None)


def _graded(problem: Problem) -> bool:
    """Kinds whose wrong answers are matched against typical mistakes."""
    return problem.kind not in (Kind.CHOICE, Kind.SELF_CHECK, Kind.CODE)
