"""What workers hand back: plain data the server draws without sympy.

A ``Variant`` holds sympy objects (the exact reference answer, the mistake candidates)
that only grading needs, and grading happens in the workers. The server draws from a
``VariantView``: text, LaTeX and numbers only, cheap to send and to keep per session.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from practice.banks import BankIssue
from practice.grading import GradeResult, ReadPreview
from practice.grading.code import CodeTask
from practice.grading.results import TestResult
from practice.sandbox.compare import describe
from practice.variants import Variant
from practice.variants.follow_through import PartGrade, PartsGrade
from practice.variants.variant import PartVariant
from practice.vocabulary import AnswerForm, Kind, Level, Mistake, Reveal


@dataclass(frozen=True)
class CodeTestView:
    """One test of a code problem as a page lists it; ``expected`` is for the
    Instructor page (the learner's page does not show it)."""

    name: str
    description: str  # its arguments in words; "" for an instructor's check
    expected: str  # the value it expects, in words


@dataclass(frozen=True)
class CodeView:
    """What a page shows of a code problem's variant: the function to write and its tests."""

    entry: str
    signature: str
    starter: str
    tests: tuple[CodeTestView, ...]

    @classmethod
    def of(cls, task: CodeTask) -> CodeView:
        tests = tuple(
            CodeTestView(case.name, case.description, describe(case.expected.value, digits=8))
            for case in task.cases
        )
        return cls(task.entry, task.signature, task.starter, tests)


@dataclass(frozen=True)
class PartView:
    """One part of a problem in parts as a page shows it (``practice.variants.PartVariant``)."""

    number: int  # from 1
    kind: Kind
    prompt: str
    answer: str
    answer_latex: str
    hints: tuple[str, ...]
    solution: str
    variables: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]
    depends_on: tuple[int, ...]  # the earlier parts its answer is computed from
    credit: float  # its share of credit when right only given the learner's earlier answers

    @classmethod
    def of(cls, part: PartVariant) -> PartView:
        shown = part.variant
        return cls(
            part.number,
            shown.kind,
            shown.prompt,
            shown.answer,
            shown.answer_latex,
            tuple(shown.hints),
            shown.solution,
            tuple(shown.variables),
            tuple(shown.choices),
            tuple(part.depends_on),
            part.credit,
        )


@dataclass(frozen=True)
class VariantView:
    """Everything a page shows of one variant (see ``practice.variants.Variant``)."""

    problem_id: str
    seed: int
    kind: Kind
    level: Level
    topic: str
    prompt: str  # Markdown + LaTeX
    answer: str  # text a learner could type that grades correct
    answer_latex: str
    hints: tuple[str, ...]
    solution: str
    variables: tuple[str, ...]
    choices: tuple[tuple[str, str], ...]  # (label, Markdown text)
    rtol: float | None
    atol: float | None
    choice_feedback: tuple[tuple[str, str], ...] = ()
    model_answer: str = ""
    code: CodeView | None = None  # a code problem: the function and its tests
    parts: tuple[PartView, ...] = ()  # a problem in parts: its parts, in order
    reveal: Reveal = Reveal.ONE_BY_ONE  # a problem in parts: one by one, or all at once

    @classmethod
    def of(cls, variant: Variant) -> VariantView:
        own = ("code", "parts", "reveal")
        shown = {f.name: getattr(variant, f.name) for f in fields(cls) if f.name not in own}
        code = CodeView.of(variant.code) if variant.code is not None else None
        parts = tuple(PartView.of(part) for part in variant.parts)
        chain = variant.chain
        reveal = chain.problem.reveal if chain is not None else Reveal.ONE_BY_ONE
        return cls(**shown, code=code, parts=parts, reveal=Reveal(reveal))

    def part(self, number: int) -> VariantView:
        """Part ``number`` as a one-part view, for the widgets made for one answer."""
        part = self.parts[number - 1]
        return replace(
            self,
            kind=part.kind,
            prompt=part.prompt,
            answer=part.answer,
            answer_latex=part.answer_latex,
            hints=part.hints,
            solution=part.solution,
            variables=part.variables,
            choices=part.choices,
            choice_feedback=(),
            parts=(),
        )


@dataclass(frozen=True)
class VariantUnavailable:
    """No variant for this problem and seed: unknown id, or ``VariantError``'s message."""

    problem_id: str
    seed: int
    message: str


@dataclass(frozen=True)
class MistakeView:
    """One mistake the grader recognises in a variant: its tag, what a learner with it
    answers (a choice label, or LaTeX), and the sentence they read."""

    tag: str
    label: str | None
    latex: str | None
    message: str


@dataclass(frozen=True)
class Refused:
    """The request itself was wrong (``practice.grading.BadRequest``): its message."""

    message: str


# Every class a grading worker may send back (messages.safe_loads' allowlist): the
# vocabulary's enums are rebuilt from their value, nothing runs.
RESULT_TYPES: tuple[type, ...] = (
    Kind,
    Level,
    AnswerForm,
    Mistake,
    VariantView,
    VariantUnavailable,
    Refused,
    MistakeView,
    BankIssue,
    GradeResult,
    TestResult,
    CodeView,
    CodeTestView,
    ReadPreview,
    PartGrade,
    PartsGrade,
    PartView,
    Reveal,
)
