"""The bank format as pydantic models: what an instructor may write, and nothing else.

Every model forbids unknown keys, so a typo such as ``hint:`` for ``hints:`` is an
error with a line number instead of a silently dropped hint. The models check the
*shape* of a bank; whether its expressions read, its placeholders are known and its
answers are defined is checked when the problem is compiled (``practice.variants``),
because that needs the safe math reader.

``python -m practice schema`` publishes ``BankFile.model_json_schema()`` so editors can
autocomplete and check bank files.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from practice.banks.code_spec import THE_FUNCTION, CodeAnswer, function_texts
from practice.banks.param_spec import ParamSpec, _Strict
from practice.banks.schema_types import ExpressionText, Name, Text
from practice.mathread import FUNCTIONS
from practice.vocabulary import AnswerForm, Degeneracy, Kind, Level

PROBLEM_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_DESCENT_STEPS = 50
MAX_STEMS = 20
# Names that already mean something: in expressions (functions, constants) or in
# templates (built-in placeholders). A parameter called `sin` or `f` would shadow them.
RESERVED_PLACEHOLDERS = frozenset(
    {"f", "point", "start", "rate", "steps", "gradient", "answer", "precision"}
)


class Tolerance(_Strict):
    """Overrides of the grader's default tolerances for this problem."""

    rtol: float | None = Field(None, gt=0, le=1)
    atol: float | None = Field(None, ge=0, le=1e6)


class PrecisionSpec(_Strict):
    """How many figures an answer needs, stated by the prompt (``{{precision}}``) and
    applied by the grader: exactly one of ``significant`` and ``decimals``."""

    significant: int | None = Field(None, ge=1, le=15, description="significant figures")
    decimals: int | None = Field(None, ge=0, le=12, description="decimal places")

    @model_validator(mode="after")
    def _one(self) -> PrecisionSpec:
        if (self.significant is None) == (self.decimals is None):
            raise ValueError("a precision needs exactly one of `significant` or `decimals`")
        return self


class Choice(_Strict):
    """One option of a multiple-choice problem, with what to say when it is picked."""

    label: str | None = Field(
        None, pattern=r"^[A-Za-z0-9]{1,3}$", description="default: A, B, C … in order"
    )
    text: Text = Field(min_length=1)
    feedback: Text | None = Field(None, description="shown when the learner picks this option")


class PartialAnswer(_Strict):
    wrt: Name | list[Name] = Field(
        description="variable to differentiate by; a list differentiates repeatedly"
    )
    at: list[ExpressionText] | None = Field(
        None,
        description="point, one coordinate per variable; without it the answer is the expression",
    )


class GradientAnswer(_Strict):
    at: list[ExpressionText] | None = Field(
        None, description="point, one coordinate per variable; without it: the vector of partials"
    )


class DescentAnswer(_Strict):
    start: list[ExpressionText] = Field(min_length=1, description="w0, one entry per variable")
    rate: ExpressionText = Field(description="learning rate η")
    steps: int = Field(1, ge=1, le=MAX_DESCENT_STEPS)
    gradient: list[ExpressionText] | None = Field(
        None,
        description="the gradient to use, one entry per variable (numbers, or expressions "
        "in the variables); default: the gradient of `function`",
    )


class Answer(_Strict):
    """How the reference answer is derived: exactly one key."""

    partial: PartialAnswer | None = None
    gradient: GradientAnswer | None = None
    descent: DescentAnswer | None = None
    value: ExpressionText | list[ExpressionText] | None = Field(
        None, description="an expression in the params (and variables for `expression`)"
    )
    choice: str | list[str] | None = Field(None, description="label(s) of the correct option(s)")
    model_answer: Text | None = Field(None, description="the model answer of a self-check")
    code: CodeAnswer | None = Field(None, description="the function a code problem asks for")

    @model_validator(mode="after")
    def _exactly_one(self) -> Answer:
        given = [form for form in AnswerForm if getattr(self, form) is not None]
        if len(given) != 1:
            listed = ", ".join(f"`{form}`" for form in AnswerForm)
            found = ", ".join(f"`{form}`" for form in given) or "none"
            raise ValueError(f"an answer needs exactly one of {listed} (found {found})")
        return self

    @property
    def form(self) -> AnswerForm:
        return next(form for form in AnswerForm if getattr(self, form) is not None)


class Stem(_Strict):
    """Another version of a problem's prompt. Each variant shows the problem's own prompt
    or one of its stems, at random; a stem may bring its own answer, hints, solution and
    options, and shares everything else (parameters, function, kind) with the problem."""

    prompt: Text = Field(min_length=1, description="Markdown + LaTeX with {{placeholders}}")
    answer: Answer | None = Field(None, description="default: the problem's answer")
    hints: list[Text] | None = Field(
        None, min_length=1, max_length=10, description="default: the problem's hints"
    )
    solution: Text | None = Field(None, description="default: the problem's solution")
    choices: list[Choice] | None = Field(
        None, max_length=26, description="default: the problem's choices"
    )

    def overrides(self) -> dict[str, object]:
        """The fields this stem replaces in its problem."""
        return {name: getattr(self, name) for name in self.model_fields_set}


# Which answer forms make sense for which kind of problem.
FORMS_FOR_KIND: dict[Kind, tuple[AnswerForm, ...]] = {
    Kind.EXPRESSION: (AnswerForm.PARTIAL, AnswerForm.VALUE),
    Kind.NUMBER: (AnswerForm.PARTIAL, AnswerForm.DESCENT, AnswerForm.VALUE),
    Kind.VECTOR: (AnswerForm.GRADIENT, AnswerForm.DESCENT, AnswerForm.VALUE),
    Kind.CHOICE: (AnswerForm.CHOICE,),
    Kind.SELF_CHECK: (AnswerForm.MODEL_ANSWER,),
    Kind.CODE: (AnswerForm.CODE,),
}


class ProblemCommon(_Strict):
    """What every problem has, whether it is answered in one go or in parts: its id and
    level, the stem of its prompt, and what its variants are drawn from."""

    id: str = Field(
        pattern=PROBLEM_ID.pattern,
        max_length=80,
        description="stable slug: it keys every learner's progress, never rename it",
    )
    level: Level = Field(
        description="A recall & calculation, B conceptual, C derivation & implementation, "
        "D research thinking"
    )
    title: str | None = Field(None, max_length=120)
    prompt: Text = Field(min_length=1, description="Markdown + LaTeX with {{placeholders}}")
    variables: list[Name] = Field(default_factory=list, max_length=8)
    params: dict[Name, ParamSpec] = Field(default_factory=dict, max_length=20)
    derived: dict[Name, ExpressionText] = Field(
        default_factory=dict,
        max_length=20,
        description="named expressions in the params, computed in order",
    )
    constraints: list[ExpressionText] = Field(
        default_factory=list,
        max_length=20,
        description="relations over params that every variant satisfies, e.g. `a != b`",
    )
    function: ExpressionText | None = Field(None, description="f, in the variables and params")
    tolerance: Tolerance | None = Field(
        None, description="overrides the tolerance that `precision` implies"
    )
    tags: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=20)

    @field_validator("variables")
    @classmethod
    def _distinct_variables(cls, names: list[str]) -> list[str]:
        if len(set(names)) != len(names):
            raise ValueError("a variable is listed twice")
        return names

    @model_validator(mode="after")
    def _names_distinct(self) -> ProblemCommon:
        clash = set(self.variables) & (set(self.params) | set(self.derived))
        if clash:
            raise ValueError(f"`{sorted(clash)[0]}` is both a variable and a parameter")
        clash = set(self.params) & set(self.derived)
        if clash:
            raise ValueError(f"`{sorted(clash)[0]}` is both in `params` and in `derived`")
        valued = [*self.params, *self.derived]
        check_reserved_names([*self.variables, *valued], valued)
        return self


class ProblemSpec(ProblemCommon):
    """One problem answered in one go; its variants differ only in the sampled ``params``."""

    kind: Kind
    answer: Answer
    choices: list[Choice] = Field(default_factory=list, max_length=26)
    hints: list[Text] = Field(min_length=1, max_length=10)
    solution: Text | None = Field(None, description="instructor text after the generated steps")
    precision: PrecisionSpec | None = Field(
        None,
        description="figures the answer needs (default: 4 significant); `{{precision}}` in "
        "the prompt says it",
    )
    unit: Literal["degrees"] | None = Field(
        None, description="an angle asked for in degrees: `90°` and `90 degrees` are read"
    )
    stems: list[Stem] = Field(
        default_factory=list,
        max_length=MAX_STEMS,
        description="other versions of the prompt; each variant shows the prompt or one of these",
    )
    show: int | None = Field(
        None,
        ge=2,
        le=26,
        description="choice: options shown per variant, drawn from `choices` (a pool); "
        "the right option is always among them",
    )
    shuffle: bool = Field(
        True,
        description="choice: shuffle the options in every variant (the key follows); "
        "false keeps the written order",
    )
    fixed: bool = Field(
        False,
        description="the same problem in every variant on purpose: `validate` does not ask "
        "for three different variants",
    )
    allow: list[Degeneracy] = Field(
        default_factory=list,
        description="degenerate variants this problem accepts on purpose: `zero-answer`, "
        "`mistake-as-answer`",
    )

    @model_validator(mode="after")
    def _consistent(self) -> ProblemSpec:
        self._check_version()
        for index in range(len(self.stems)):
            try:
                self.with_stem(index)._check_version()
            except ValueError as exc:
                raise ValueError(f"stems[{index}]: {exc}") from None
        return self

    def _check_version(self) -> None:
        check_answer_shape(self.kind, self.answer, self.choices)
        check_answer_fits(self.kind, self.answer, self.variables, self.function)
        check_numbers(self.kind, self.precision, self.unit)
        _check_options(self.kind, self.choices, self.show, self.shuffle)

    def with_stem(self, index: int) -> ProblemSpec:
        """This problem as stem ``index`` shows it: the stem's fields over the problem's."""
        return self.model_copy(update={**self.stems[index].overrides(), "stems": []})

    def choice_labels(self) -> list[str]:
        """Each choice's label: its own, or A, B, C … by position."""
        return choice_labels(self.choices)

    def correct_labels(self) -> list[str]:
        return correct_labels(self.answer)


def check_reserved_names(names: list[str], valued: list[str]) -> None:
    """No name may shadow a function or constant of the reader, and no name that gets a
    value (``valued``) may shadow a built-in placeholder."""
    for name in names:
        if name in FUNCTIONS or name in ("e", "pi"):
            raise ValueError(
                f"`{name}` is a function or constant of the math reader; pick another name"
            )
    for name in valued:
        if name in RESERVED_PLACEHOLDERS:
            raise ValueError(
                f"`{name}` is a built-in placeholder (`{{{{{name}}}}}`); pick another name"
            )


def check_numbers(kind: Kind, precision: PrecisionSpec | None, unit: str | None) -> None:
    if precision is not None and kind not in (Kind.NUMBER, Kind.VECTOR):
        raise ValueError("`precision` goes with `number` and `vector` problems")
    if unit is not None and kind != Kind.NUMBER:
        raise ValueError("`unit` goes with `number` problems")


def check_answer_shape(kind: Kind, answer: Answer, choices: list[Choice]) -> None:
    """What an answer needs of its own kind and options (a problem's, or a part's)."""
    form = answer.form
    allowed = FORMS_FOR_KIND[kind]
    if form not in allowed:
        forms = ", ".join(f"`{f}`" for f in allowed)
        raise ValueError(f"a `{kind}` problem takes an answer of {forms}, not `{form}`")
    if answer.partial is not None:
        _check_kind(Kind.NUMBER if answer.partial.at else Kind.EXPRESSION, kind, "partial")
    if answer.value is not None and isinstance(answer.value, list) != (kind == Kind.VECTOR):
        raise ValueError("`value` is a list exactly when the kind is `vector`")
    _check_choices(kind, choices, answer)


def check_answer_fits(
    kind: Kind, answer: Answer, variables: list[str], function: str | None
) -> None:
    """What an answer needs of the problem around it: variables, a function, points
    with one coordinate per variable."""
    form, n = answer.form, len(variables)
    if form in (AnswerForm.PARTIAL, AnswerForm.GRADIENT, AnswerForm.DESCENT) and not variables:
        raise ValueError(f"a `{form}` answer needs `variables`")
    if form in (AnswerForm.PARTIAL, AnswerForm.GRADIENT) and function is None:
        raise ValueError(f"a `{form}` answer needs a `function`")
    if answer.partial is not None:
        wrt = [answer.partial.wrt] if isinstance(answer.partial.wrt, str) else answer.partial.wrt
        unknown = [w for w in wrt if w not in variables]
        if unknown:
            raise ValueError(f"`wrt: {unknown[0]}` is not one of the variables")
        _check_point("partial", answer.partial.at, n)
    if answer.gradient is not None:
        _check_point("gradient", answer.gradient.at, n)
    if answer.descent is not None:
        descent = answer.descent
        _check_point("descent `start`", descent.start, n)
        if descent.gradient is not None:
            _check_point("descent `gradient`", descent.gradient, n)
        elif function is None:
            raise ValueError("a `descent` answer needs a `function` or a `gradient`")
        if kind == Kind.NUMBER and n != 1:
            raise ValueError("a `number` descent needs exactly one variable; use `vector`")
    if answer.code is not None:
        _check_code(answer.code, function is not None, bool(variables))


def _check_code(code: CodeAnswer, has_function: bool, has_variables: bool) -> None:
    texts = function_texts(code)
    if THE_FUNCTION in (text.strip() for text in texts) and not has_function:
        raise ValueError("a code test uses `f`, the problem's `function`, but there is none")
    if texts and not has_variables:
        raise ValueError("a code test uses a function of the variables: list `variables`")


def _check_choices(kind: Kind, choices: list[Choice], answer: Answer) -> None:
    if kind != Kind.CHOICE:
        if choices:
            raise ValueError("`choices` only go with `kind: choice`")
        return
    if len(choices) < 2:
        raise ValueError("a choice problem needs at least two `choices`")
    labels = choice_labels(choices)
    if len(set(label.upper() for label in labels)) != len(labels):
        raise ValueError("two choices have the same label")
    correct = correct_labels(answer)
    unknown = [c for c in correct if c.upper() not in {label.upper() for label in labels}]
    if unknown:
        raise ValueError(f"answer names choice `{unknown[0]}`, which is not a label")
    if not correct:
        raise ValueError("`answer: choice` names no label")


def _check_options(kind: Kind, choices: list[Choice], show: int | None, shuffle: bool) -> None:
    if kind != Kind.CHOICE and (show is not None or not shuffle):
        raise ValueError("`show` and `shuffle` only go with `kind: choice`")
    if show is not None and show > len(choices):
        raise ValueError(f"`show: {show}` but there are {len(choices)} choices")


def choice_labels(choices: list[Choice]) -> list[str]:
    """Each choice's label: its own, or A, B, C … by position."""
    return [choice.label or chr(ord("A") + index) for index, choice in enumerate(choices)]


def correct_labels(answer: Answer) -> list[str]:
    raw = answer.choice
    if raw is None:
        return []
    parts = [raw] if isinstance(raw, str) else raw
    return [p.strip() for part in parts for p in part.split(",") if p.strip()]


def _check_point(what: str, point: list[str] | None, n: int) -> None:
    if point is not None and len(point) != n:
        raise ValueError(f"{what} has {len(point)} coordinates but there are {n} variables")


def _check_kind(expected: Kind, kind: Kind, form: str) -> None:
    if expected != kind:
        hint = "remove `at`" if expected == Kind.NUMBER else "add `at`"
        raise ValueError(
            f"this `{form}` answer is a {expected}, not a {kind} ({hint} or change `kind`)"
        )


class BankHeader(_Strict):
    """A bank's metadata, checked on its own so a bad problem never hides the topic."""

    topic: str = Field(pattern=PROBLEM_ID.pattern, max_length=60)
    title: str = Field(min_length=1, max_length=120)
    description: Text | None = None
