"""The tasks grading workers run: reading, grading, previews, variants and bank checks.

Each worker loads the banks itself and keeps the variants it has made, so a request
is a problem id, a seed and the learner's text, and a reply is plain data
(``practice.workers.views``). Domain failures come back as values (``Refused``,
``VariantUnavailable``), never as exceptions across the pipe.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from practice import timelimit
from practice.banks import BankIssue, Catalog, load_catalog
from practice.grading import BadRequest, GradeResult, ReadPreview, grade, preview
from practice.grading.results import Value
from practice.mathread import to_latex
from practice.session.by_mistake import mistake_index
from practice.variants import Variant, VariantError, grade_variant, make_variant
from practice.variants.check import problem_issues_within
from practice.variants.follow_through import PartsGrade, grade_parts
from practice.workers.views import MistakeView, Refused, VariantUnavailable, VariantView

KEPT_VARIANTS = 512
KEPT_CATALOGS = 4


@dataclass(frozen=True)
class Banks:
    """Which banks a request means: the folders, and how often the server reloaded
    them (a new generation makes every worker read the files again)."""

    folders: tuple[str, ...]
    generation: int = 0


_catalogs: OrderedDict[Banks, Catalog] = OrderedDict()
_variants: OrderedDict[tuple[Banks, str, int], Variant] = OrderedDict()


def warm(banks: Banks) -> None:
    """Load the banks now (in the forkserver, so every worker starts with them)."""
    _catalog(banks)


def variant_view(banks: Banks, problem_id: str, seed: int) -> VariantView | VariantUnavailable:
    found = _variant(banks, problem_id, seed)
    return found if isinstance(found, VariantUnavailable) else VariantView.of(found)


def grade_answer(
    banks: Banks, problem_id: str, seed: int, answer: str | bytes, grading_cpu: float
) -> GradeResult | VariantUnavailable | Refused:
    """Grade ``answer`` against the variant, exactly as ``check`` does. The variant is
    made (if this worker has not made it yet) within the task's first budget, then
    grading gets ``grading_cpu`` seconds of its own."""
    found = _variant(banks, problem_id, seed)
    if isinstance(found, VariantUnavailable):
        return found
    timelimit.rearm(grading_cpu)
    try:
        return grade_variant(found, answer)
    except BadRequest as error:  # the variant's reference cannot be graded against
        return Refused(str(error))


def grade_part_answers(
    banks: Banks, problem_id: str, seed: int, answers: Sequence[str]
) -> PartsGrade | VariantUnavailable | Refused:
    """Grade the first parts of a problem in parts, one answer each, as ``check`` does;
    ``grade_parts`` gives each part a CPU budget of its own once the variant is made."""
    found = _variant(banks, problem_id, seed)
    if isinstance(found, VariantUnavailable):
        return found
    try:
        return grade_parts(found, answers)
    except (BadRequest, ValueError) as error:  # not in parts, too many answers, a bad bank
        return Refused(str(error))


def variant_mistakes(
    banks: Banks, problem_id: str, seed: int
) -> tuple[MistakeView, ...] | VariantUnavailable:
    """The mistakes the grader recognises in one variant (the Instructor page)."""
    found = _variant(banks, problem_id, seed)
    if isinstance(found, VariantUnavailable):
        return found
    return tuple(
        MistakeView(
            m.tag, m.value if isinstance(m.value, str) else None, _latex(m.value), m.message
        )
        for m in found.misconceptions
    )


def check_problem(
    banks: Banks, problem_id: str, variants: int, cpu_seconds: float
) -> tuple[BankIssue, ...]:
    """``validate``'s deep check of one problem (the Instructor page's progress bar)."""
    problem = _catalog(banks).problems.get(problem_id)
    if problem is None:
        return ()
    return tuple(problem_issues_within(problem, variants, cpu_seconds))


def mistakes_practised(banks: Banks) -> dict[str, tuple[str, ...]]:
    """Mistake tag -> ids of the problems that recognise it."""
    return mistake_index(_catalog(banks).problems.values())


def preview_answer(kind: str, text: str, variables: Sequence[str]) -> ReadPreview | Refused:
    """ "We read this as …" for the answer box."""
    try:
        return preview(kind, text, tuple(variables))
    except BadRequest as error:
        return Refused(str(error))


def grade_request(
    kind: str,
    expected: str,
    answer: str,
    variables: Sequence[str],
    rtol: float | None,
    atol: float | None,
) -> GradeResult | Refused:
    """One ``grade --jsonl`` request, already parsed."""
    try:
        return grade(kind, expected, answer, variables=tuple(variables), rtol=rtol, atol=atol)
    except BadRequest as error:
        return Refused(str(error))


def _latex(value: Value) -> str | None:
    return None if isinstance(value, str) else to_latex(value)


def _catalog(banks: Banks) -> Catalog:
    if banks not in _catalogs:
        _catalogs[banks] = load_catalog([Path(folder) for folder in banks.folders])
        if len(_catalogs) > KEPT_CATALOGS:
            _catalogs.popitem(last=False)
    _catalogs.move_to_end(banks)
    return _catalogs[banks]


def _variant(banks: Banks, problem_id: str, seed: int) -> Variant | VariantUnavailable:
    key = (banks, problem_id, seed)
    if key in _variants:
        _variants.move_to_end(key)
        return _variants[key]
    problem = _catalog(banks).problems.get(problem_id)
    if problem is None:
        return VariantUnavailable(problem_id, seed, f"unknown problem `{problem_id}`")
    try:
        variant = make_variant(problem, seed)
    except VariantError as error:
        return VariantUnavailable(problem_id, seed, str(error))
    _variants[key] = variant
    if len(_variants) > KEPT_VARIANTS:
        _variants.popitem(last=False)
    return variant
