"""Which problems practise a mistake: the Progress page's "practise this mistake" link.

A problem's mistake candidates are derived per variant (``Variant.misconceptions``),
so the index looks at one variant of each problem; the tags a problem can show depend on
its form and rarely on the numbers drawn (a coupling term whose coefficient is 0 in that
variant drops nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from practice.banks import Problem


def mistake_index(problems: Iterable[Problem], seed: int = 0) -> dict[str, tuple[str, ...]]:
    """Mistake tag -> ids of the problems whose variants recognise it, in catalog order.
    Problems without a variant are left out (the Instructor page reports them)."""
    # Imported here: practice.session is on the Welcome page's path, which must not
    # pay for sympy before its first paint.
    from practice.variants import VariantError, make_variant

    index: dict[str, list[str]] = {}
    for problem in problems:
        try:
            variant = make_variant(problem, seed)
        except VariantError:
            continue
        # A candidate equal to the answer is no mistake here (the grader ignores it too).
        real = (m.tag for m in variant.misconceptions if m.value != variant.expected)
        for tag in dict.fromkeys(real):
            index.setdefault(tag, []).append(problem.id)
    return {tag: tuple(ids) for tag, ids in index.items()}
