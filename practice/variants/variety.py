"""What ``validate`` asks of a problem's variants beyond being correct: that they vary,
and that none of them lets a learner score without knowing the method.

A problem whose every variant is the same is memorised, not recalled; an option that is
always the longest is picked for its length; an example in the prompt that happens to be
the answer gives it away; a variant whose answer is 0, or where a typical mistake gives
the right answer, cannot tell a learner who knows from one who does not. Each finding
names the key to fix and how; a bank may accept a finding on purpose (``fixed: true``,
``allow: [zero-answer]``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import sympy

from practice.grading import DEFAULT_ATOL, DEFAULT_RTOL
from practice.grading.equivalence import Tolerance, expressions_equal
from practice.grading.misconception_matching import WHOLE_VECTOR_ONLY
from practice.mathread import symbol
from practice.variants.variant import Variant, grade_variant
from practice.vocabulary import Degeneracy, Kind, mistake_name

Finding = tuple[str, str]  # (top-level key at fault, message)
MIN_DISTINCT = 3
MIN_SEEDS_FOR_VARIETY = 10
LONGER_BY = 3  # characters: a right option this much longer than the rest stands out
GRADED_KINDS = frozenset({Kind.NUMBER, Kind.EXPRESSION, Kind.VECTOR, Kind.CHOICE})
NUMERIC_KINDS = frozenset({Kind.NUMBER, Kind.EXPRESSION, Kind.VECTOR})
_CODE_SPAN = re.compile(r"`([^`\n]{1,80})`")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+")
_MARKUP = re.compile(r"[${}\\*_^]")


def fingerprint(variant: Variant) -> tuple[str, ...]:
    """What a learner sees of a variant and must answer: two variants with the same
    fingerprint are the same exercise, whatever their seeds."""
    choices = "\n".join(f"{label}. {text}" for label, text in variant.choices)
    return (variant.prompt, choices, variant.answer, variant.model_answer)


def visible_length(text: str) -> int:
    """Roughly how long an option looks on the page: LaTeX commands and markup count
    for little (``\\lVert\\nabla f\\rVert`` is three symbols wide, not twenty)."""
    shown = _LATEX_COMMAND.sub("x", text)
    return len(" ".join(_MARKUP.sub("", shown).split()))


def prompt_examples(prompt: str) -> list[str]:
    """The examples a prompt shows as code (`` `3*sqrt(2)` ``): what a learner may copy."""
    return [match.group(1).strip() for match in _CODE_SPAN.finditer(prompt)]


def variety_findings(
    variants: Sequence[Variant], *, fixed: bool = False, allow: Iterable[str] = ()
) -> list[Finding]:
    """Everything wrong with the variety of these variants (seeds in order)."""
    allowed = frozenset(allow)
    findings: list[Finding] = []
    if not fixed:
        findings += _too_few(variants)
    findings += _longest_key(variants)
    findings += _examples_as_answer(variants)
    if Degeneracy.ZERO_ANSWER not in allowed:
        findings += _zero_answers(variants)
    if Degeneracy.MISTAKE_AS_ANSWER not in allowed:
        findings += _mistakes_as_answer(variants)
    return findings


def _too_few(variants: Sequence[Variant]) -> list[Finding]:
    """Fewer than ``MIN_DISTINCT`` different variants, judged over at least
    ``MIN_SEEDS_FOR_VARIETY`` seeds (in three seeds, two draws may coincide by chance)."""
    if len(variants) < MIN_SEEDS_FOR_VARIETY:
        return []
    distinct = len({fingerprint(variant) for variant in variants})
    if distinct >= MIN_DISTINCT:
        return []
    return [
        (
            "prompt",
            f"only {distinct} different variant(s) in {len(variants)} seeds, so learners "
            "memorise it: give it parameters, `stems` (other versions of the prompt) or a "
            "pool of `choices` with `show`; or mark it `fixed: true` if it must stay the same",
        )
    ]


def _longest_key(variants: Sequence[Variant]) -> list[Finding]:
    choice = [v for v in variants if v.kind == Kind.CHOICE and v.choices]
    longest = sum(1 for variant in choice if _key_is_longest(variant))
    if not choice or longest * 2 <= len(choice):
        return []
    return [
        (
            "choices",
            f"the right option is the longest in {longest} of {len(choice)} variants, so it "
            "can be picked for its length: make the wrong options as long (or the right "
            "one shorter)",
        )
    ]


def _key_is_longest(variant: Variant) -> bool:
    """Every right option is noticeably longer than every wrong one: by more than a tenth
    and at least ``LONGER_BY`` characters ("False" is not picked for being longer than
    "True")."""
    keys = {label.upper() for label in str(variant.expected).split(",")}
    right = [visible_length(text) for label, text in variant.choices if label.upper() in keys]
    wrong = [visible_length(text) for label, text in variant.choices if label.upper() not in keys]
    if not (right and wrong):
        return False
    shortest, longest = min(right), max(wrong)
    return shortest >= longest + LONGER_BY and shortest > 1.1 * longest


def _examples_as_answer(variants: Sequence[Variant]) -> list[Finding]:
    for variant in variants:
        if variant.kind not in GRADED_KINDS:
            continue
        for example in prompt_examples(variant.prompt):
            if grade_variant(variant, example).correct:
                return [
                    (
                        "prompt",
                        f"seed {variant.seed}: the prompt's example `{example}` is this "
                        "variant's answer; show an example that cannot be the answer (or "
                        "describe the format in words)",
                    )
                ]
    return []


def _zero_answers(variants: Sequence[Variant]) -> list[Finding]:
    zero = [v for v in variants if v.kind in NUMERIC_KINDS and _all_zero(v)]
    if not zero:
        return []
    return [
        (
            "answer",
            f"seed {zero[0].seed}: the answer is `{zero[0].answer}` (all zero) in "
            f"{len(zero)} of {len(variants)} variants, which a guess gets right; exclude "
            "such draws (`not: [0]`, a constraint), or `allow: [zero-answer]` if that is the "
            "point",
        )
    ]


def _all_zero(variant: Variant) -> bool:
    expected = variant.expected
    parts = expected if isinstance(expected, tuple) else (expected,)
    return all(
        isinstance(part, sympy.Expr) and _same(part, sympy.S.Zero, variant) for part in parts
    )


MistakeSpot = tuple[str, str, int, int]  # (tag, message, occurrence, component)


def _mistakes_as_answer(variants: Sequence[Variant]) -> list[Finding]:
    """Variants that cannot recognise a typical mistake: one that gives the whole right
    answer here (but not in other variants), or a component of a vector where every
    mistake gives the right value here (a coordinate that stays 0, say), so that part
    tests nothing. A mistake that never changes the answer (no chain rule to forget) is
    no fault of any variant and is left alone."""
    spots = [(v, _mistake_spots(v)) for v in variants if v.kind in NUMERIC_KINDS]
    telling = {spot for _v, found in spots for spot, same in found.items() if not same}
    blind = [(v, spot) for v, found in spots if (spot := _blind_spot(found, telling))]
    if not blind:
        return []
    first, (tag, component) = blind[0]
    where = "the answer" if component < 0 else f"component {component + 1} of the answer"
    return [
        (
            "answer",
            f"seed {first.seed}: a learner who makes the mistake “{mistake_name(tag)}” gets "
            f"{where} right (`{first.answer}`), in {len(blind)} of {len(variants)} "
            "variants, so it goes unnoticed; exclude such draws (`not:`, a constraint), or "
            "`allow: [mistake-as-answer]`",
        )
    ]


def _blind_spot(
    found: dict[MistakeSpot, bool], telling: set[MistakeSpot]
) -> tuple[str, int] | None:
    """(tag, component, -1 for the whole answer) of a mistake this variant cannot see: a
    mistake equal to the whole answer, or a component where every telling mistake is
    right; ``None`` when it sees them all."""
    by_mistake: defaultdict[tuple[str, str, int], list[MistakeSpot]] = defaultdict(list)
    by_component: defaultdict[int, list[MistakeSpot]] = defaultdict(list)
    for spot in found:
        by_mistake[spot[:3]].append(spot)
        if spot[0] not in WHOLE_VECTOR_ONLY:  # a swap is never seen in one component
            by_component[spot[3]].append(spot)
    for (tag, _message, _n), parts in by_mistake.items():
        if all(found[s] for s in parts) and any(s in telling for s in parts):
            return tag, -1
    for component, parts in by_component.items():
        if component >= 0 and all(found[s] for s in parts) and any(s in telling for s in parts):
            return next(s[0] for s in parts if s in telling), component
    return None


def _mistake_spots(variant: Variant) -> dict[MistakeSpot, bool]:
    """For each typical mistake (and each component of a vector): does it give the
    right value in this variant?"""
    expected = variant.expected
    seen: Counter[tuple[str, str]] = Counter()
    spots: dict[MistakeSpot, bool] = {}
    for misconception in variant.misconceptions:
        name = (misconception.tag, misconception.message)
        occurrence = seen[name]
        seen[name] += 1
        value = misconception.value
        if isinstance(expected, tuple) and isinstance(value, tuple) and len(value) == len(expected):
            for index, (part, right) in enumerate(zip(value, expected, strict=True)):
                spots[(*name, occurrence, index)] = _same(part, right, variant)
        elif isinstance(expected, sympy.Expr) and isinstance(value, sympy.Expr):
            spots[(*name, occurrence, -1)] = _same(value, expected, variant)
    return spots


def _same(value: sympy.Expr, expected: sympy.Expr, variant: Variant) -> bool:
    """Equal as the grader would judge them, so "right" means what a learner would see."""
    tolerance = Tolerance(
        variant.rtol if variant.rtol is not None else DEFAULT_RTOL,
        variant.atol if variant.atol is not None else DEFAULT_ATOL,
    )
    variables = tuple(symbol(name) for name in variant.variables)
    return expressions_equal(value, expected, variables, tolerance, None)
