"""Problems in parts: a chain of questions on one draw of the parameters.

The lessons' exercises are chains (the partials, then the gradient at a point, then a
step of descent from there), and a part's answer is usually *computed from* an earlier
part's. A part gives its answer a ``name``; later parts use that name in their own
answer (``descent: {start: [x0, y0], rate: eta, gradient: [g1, g2]}``), which is what
lets the grader re-derive a later part from the learner's own earlier answers
(follow-through, ``practice.variants.follow_through``).

Everything shared (id, level, parameters, function, the stem of the prompt) is written
once on the problem (``ProblemCommon``); each part has what a one-part problem has for
its answer: a kind, a prompt, an answer form, hints, a solution, options, a tolerance.
Whether the names a part uses come from earlier parts is checked when the problem is
compiled (``practice.banks.compile``), since that needs the math reader.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from practice.banks.schema import (
    Answer,
    Choice,
    ExpressionText,
    Name,
    PrecisionSpec,
    ProblemCommon,
    Text,
    Tolerance,
    _Strict,
    check_answer_fits,
    check_answer_shape,
    check_numbers,
    check_reserved_names,
)
from practice.vocabulary import AnswerForm, Kind, Reveal

MAX_PARTS = 8
PART_KINDS = (Kind.NUMBER, Kind.EXPRESSION, Kind.VECTOR, Kind.CHOICE)


class PartSpec(_Strict):
    """One part: answered, graded, hinted and solved like a problem of its own."""

    name: Name | list[Name] | None = Field(
        None,
        description="the name later parts use for this part's answer; a vector takes one "
        "name per component: `[g1, g2]`",
    )
    kind: Kind = Field(description="number, expression, vector or choice")
    prompt: Text = Field(min_length=1, description="Markdown + LaTeX with {{placeholders}}")
    answer: Answer
    at: list[ExpressionText] | None = Field(
        None,
        description="with a `value` answer: the point (one coordinate per variable) where "
        "the value's variables are evaluated, e.g. `value: [fx, fy]` at `[x0, y0]`",
    )
    choices: list[Choice] = Field(default_factory=list, max_length=26)
    hints: list[Text] = Field(min_length=1, max_length=10)
    solution: Text | None = Field(None, description="instructor text after the generated steps")
    tolerance: Tolerance | None = Field(None, description="default: the problem's tolerance")
    precision: PrecisionSpec | None = Field(
        None, description="figures the answer needs (default: 4 significant)"
    )
    unit: Literal["degrees"] | None = Field(None, description="an angle asked for in degrees")
    credit: float = Field(
        1.0,
        ge=0,
        le=1,
        description="share of this part's credit when it is right only given the learner's "
        "own (wrong) earlier answers; default full",
    )

    @model_validator(mode="after")
    def _consistent(self) -> PartSpec:
        if self.kind not in PART_KINDS:
            kinds = ", ".join(f"`{kind}`" for kind in PART_KINDS)
            raise ValueError(f"a part is one of {kinds}, not `{self.kind}`")
        check_answer_shape(self.kind, self.answer, self.choices)
        check_numbers(self.kind, self.precision, self.unit)
        if self.at is not None:
            if self.answer.form != AnswerForm.VALUE or self.kind == Kind.EXPRESSION:
                raise ValueError("`at` goes with a `value` answer of kind `number` or `vector`")
        self._check_name()
        return self

    def _check_name(self) -> None:
        if self.name is None:
            return
        if self.kind == Kind.CHOICE:
            raise ValueError("a choice part has no value to name: remove `name`")
        if isinstance(self.name, list) != (self.kind == Kind.VECTOR):
            raise ValueError(
                "a vector part takes one name per component (`name: [g1, g2]`), "
                "any other part a single name (`name: fx`)"
            )
        if isinstance(self.name, list) and len(set(self.name)) != len(self.name):
            raise ValueError("`name` lists a name twice")

    @property
    def names(self) -> list[str]:
        """The names this part's answer is known by (none, one, or one per component)."""
        if self.name is None:
            return []
        return list(self.name) if isinstance(self.name, list) else [self.name]


class MultiPartSpec(ProblemCommon):
    """A problem in parts: the stem (``prompt``) and what is drawn are shared, each part
    asks for one answer, and a part may use the answers of the parts before it."""

    reveal: Reveal = Field(
        Reveal.ONE_BY_ONE,
        description="`one-by-one`: each part appears once the one before it is answered; "
        "`all-at-once`: every part is shown and checked together",
    )
    parts: list[PartSpec] = Field(min_length=2, max_length=MAX_PARTS)

    @model_validator(mode="after")
    def _parts_fit(self) -> MultiPartSpec:
        for number, part in enumerate(self.parts, start=1):
            try:
                check_answer_fits(part.kind, part.answer, self.variables, self.function)
                self._check_point(part)
                self._check_component_names(part)
            except ValueError as error:
                raise ValueError(f"part {number}: {error}") from None
        self._check_part_names()
        return self

    def _check_point(self, part: PartSpec) -> None:
        if part.at is not None and len(part.at) != len(self.variables):
            raise ValueError(
                f"`at` has {len(part.at)} coordinates but there are {len(self.variables)} variables"
            )

    def _check_component_names(self, part: PartSpec) -> None:
        """A vector part names each of its components, so the count must match."""
        if not isinstance(part.name, list):
            return
        answer = part.answer
        size = len(answer.value) if isinstance(answer.value, list) else len(self.variables)
        if len(part.name) != size:
            raise ValueError(f"`name` has {len(part.name)} names for {size} components")

    def _check_part_names(self) -> None:
        taken = {*self.variables, *self.params, *self.derived}
        seen: dict[str, int] = {}
        for number, part in enumerate(self.parts, start=1):
            for name in part.names:
                if name in taken:
                    raise ValueError(
                        f"part {number}: `{name}` is already a variable or parameter; "
                        "name the answer differently"
                    )
                if name in seen:
                    raise ValueError(
                        f"part {number}: `{name}` already names the answer of part {seen[name]}"
                    )
                seen[name] = number
        check_reserved_names(list(seen), list(seen))
