"""The closed sets the whole project speaks in: kinds of problem, levels, answer forms,
and the mistakes the grader can name.

Each set is defined here once. They are ``StrEnum``s, so a member *is* its string
(``Kind.NUMBER == "number"``): banks, the store, JSON and the command line keep plain
text, while code compares with a name the type checker knows. The order of the members
is the order people see (``validate``'s summary, the Instructor page).

Adding to a set is one entry here: a kind of problem (then teach the grader and the
variant layer what to do with it), or a mistake tag (with its readable name and the
sentence the learner reads).

No sympy, no Streamlit: every page may import this before its first paint.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a learner answers with, and so how the answer is read and graded."""

    EXPRESSION = "expression"  # a symbolic expression in the problem's variables
    NUMBER = "number"  # one scalar
    VECTOR = "vector"  # components separated by commas
    CHOICE = "choice"  # multiple-choice labels
    SELF_CHECK = "self-check"  # a free answer the learner rates: right, partly, wrong
    CODE = "code"  # a Python function, run in the sandbox on tests drawn from the params


class Level(StrEnum):
    """How demanding a problem is."""

    A = "A"  # recall and calculation
    B = "B"  # conceptual
    C = "C"  # derivation and implementation
    D = "D"  # research thinking


class AnswerForm(StrEnum):
    """How a problem's reference answer is derived: the one key under ``answer:``."""

    PARTIAL = "partial"
    GRADIENT = "gradient"
    DESCENT = "descent"
    VALUE = "value"
    CHOICE = "choice"
    MODEL_ANSWER = "model_answer"
    CODE = "code"


class Reveal(StrEnum):
    """How a problem in parts shows its parts."""

    ONE_BY_ONE = "one-by-one"  # each part appears once the one before it is answered
    ALL_AT_ONCE = "all-at-once"  # every part at once, checked together


class Degeneracy(StrEnum):
    """A variant ``validate`` calls degenerate, which a problem may accept on purpose
    (``allow: [zero-answer]``): the answer is 0 everywhere, or a typical mistake gives
    the right answer in this variant."""

    ZERO_ANSWER = "zero-answer"  # the answer is 0, (0, 0) or identically zero
    MISTAKE_AS_ANSWER = "mistake-as-answer"  # a recognised mistake would also be right


class Mistake(StrEnum):
    """A typical mistake the grader recognises: its tag (the member's value, kept in the
    store and printed by ``check``), a short ``display_name`` a learner reads on a chart,
    and the ``sentence`` that explains it under a wrong answer.

    One entry per mistake: ``TAG_NAME = ("tag", "Display name", "Sentence.")``.
    """

    display_name: str
    sentence: str

    def __new__(cls, tag: str, display_name: str, sentence: str) -> Mistake:
        member = str.__new__(cls, tag)
        member._value_ = tag
        member.display_name = display_name
        member.sentence = sentence
        return member

    @property
    def tag(self) -> str:
        return self.value

    DESCENT_SIGN = (
        "descent-sign",
        "Stepping uphill (wrong sign in the update)",
        "This is a step of gradient ascent: descent moves against the gradient, w − η∇L, "
        "so the gradient term is subtracted.",
    )
    MISSING_LEARNING_RATE = (
        "missing-learning-rate",
        "Learning rate left out",
        "The learning rate is missing: the step is w − η∇L, with the gradient multiplied by η.",
    )
    SWAPPED_COMPONENTS = (
        "swapped-components",
        "Components in the wrong order",
        "The components are in the wrong order: list them in the order of the variables.",
    )
    HELD_VARIABLE_ZERO = (
        "held-variable-zero",
        "Held variable treated as zero",
        "The other variables were treated as zero. In a partial derivative they are held "
        "constant, not removed: a term like x·y keeps its y.",
    )
    SIGN_ERROR = (
        "sign-error",
        "Sign slip",
        "Check the signs: the size is right but a sign is wrong.",
    )
    MISSING_CHAIN_FACTOR = (
        "missing-chain-factor",
        "Chain-rule factor missing",
        "A chain-rule factor is missing: the derivative of g(h(x)) is g′(h(x))·h′(x).",
    )
    WRONG_VARIABLE = (
        "wrong-variable",
        "Differentiated by the wrong variable",
        "This is the partial derivative with respect to another variable.",
    )
    POWER_RULE_FACTOR = (
        "power-rule-factor",
        "Power-rule factor dropped",
        "The power rule's factor is missing: the derivative of xⁿ is n·xⁿ⁻¹, not xⁿ⁻¹.",
    )
    WRONG_POINT = (
        "wrong-point",
        "Evaluated at the wrong point",
        "The right formula, evaluated at the wrong point — check the order of the coordinates.",
    )
    DROPPED_COUPLING_TERM = (
        "dropped-coupling-term",
        "Coupling term dropped",
        "A term that couples the variables (such as a·x·y) was left out: it contributes to "
        "the partial of every variable in it, so each update depends on the other weights too.",
    )
    STALE_GRADIENT = (
        "stale-gradient",
        "Gradient not recomputed",
        "The first gradient was used again: after each step, recompute the gradient at the "
        "new point before taking the next one.",
    )
    ONE_STEP_ONLY = (
        "one-step-only",
        "Stopped after one step",
        "This is where the first step lands: the problem asks for more steps, each one "
        "starting where the previous one ended.",
    )
    SQUARED_NORM = (
        "squared-norm",
        "Squared length for the length",
        "This is the squared length: the length is its square root, ‖v‖ = √(v₁² + v₂² + …).",
    )


MISTAKES: dict[str, Mistake] = {mistake.tag: mistake for mistake in Mistake}
"""Every mistake by its tag."""


def mistake_name(tag: str) -> str:
    """The readable name of ``tag``; a tag we do not know (a bank's own, or one stored by
    another version) reads as words."""
    known = MISTAKES.get(tag)
    return (
        known.display_name
        if known is not None
        else tag.replace("-", " ").replace("_", " ").capitalize()
    )


def mistake_sentence(tag: str, default: str = "") -> str:
    """The sentence that explains ``tag`` to a learner, or ``default`` for an unknown tag."""
    known = MISTAKES.get(tag)
    return known.sentence if known is not None else default
