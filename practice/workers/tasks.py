"""The tasks grading workers run: reading, grading, previews and variants.

Each worker loads the banks itself and keeps the variants it has made, so a request
is a problem id, a seed and the learner's text, and a reply is plain data
(``practice.workers.views``). Domain failures come back as values (``Refused``,
``VariantUnavailable``), never as exceptions across the pipe.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from practice.banks import Catalog, load_catalog
from practice.grading import BadRequest, GradeResult, ReadPreview, grade, preview
from practice.variants import Variant, VariantError, grade_variant, make_variant
from practice import timelimit
from practice.workers.views import Refused, VariantUnavailable, VariantView

Banks = tuple[str, ...]  # the bank folders, as the server's PRACTICE_BANKS names them
KEPT_VARIANTS = 512

_catalogs: dict[Banks, Catalog] = {}
_variants: OrderedDict[tuple[Banks, str, int], Variant] = OrderedDict()


def warm(banks: Banks) -> None:
    """Load the banks now (in the forkserver, so every worker starts with them)."""
    _catalog(banks)


def variant_view(banks: Banks, problem_id: str, seed: int) -> VariantView | VariantUnavailable:
    found = _variant(banks, problem_id, seed)
    return found if isinstance(found, VariantUnavailable) else VariantView.of(found)


def grade_answer(
    banks: Banks, problem_id: str, seed: int, answer: str, grading_cpu: float
) -> GradeResult | VariantUnavailable:
    """Grade ``answer`` against the variant, exactly as ``check`` does. The variant is
    made (if this worker has not made it yet) within the task's first budget, then
    grading gets ``grading_cpu`` seconds of its own."""
    found = _variant(banks, problem_id, seed)
    if isinstance(found, VariantUnavailable):
        return found
    timelimit.rearm(grading_cpu)
    return grade_variant(found, answer)


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


def _catalog(banks: Banks) -> Catalog:
    if banks not in _catalogs:
        _catalogs[banks] = load_catalog([Path(folder) for folder in banks])
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
