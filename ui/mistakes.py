"""Names a student can read for the grader's mistake tags.

The tags (``descent-sign``, ``held-variable-zero``) are identifiers for the store, the
CLI and the instructor; a learner sees a short name instead, next to the grader's
sentence that explains it (``practice.grading.misconceptions.MESSAGES``).
"""

from __future__ import annotations

MISTAKE_NAMES: dict[str, str] = {
    "descent-sign": "Stepping uphill (wrong sign in the update)",
    "missing-learning-rate": "Learning rate left out",
    "swapped-components": "Components in the wrong order",
    "held-variable-zero": "Held variable treated as zero",
    "sign-error": "Sign slip",
    "missing-chain-factor": "Chain-rule factor missing",
    "wrong-variable": "Differentiated by the wrong variable",
    "power-rule-factor": "Power-rule factor dropped",
    "wrong-point": "Evaluated at the wrong point",
}


def mistake_name(tag: str) -> str:
    """The readable name of ``tag``; a tag a bank invented reads as words."""
    return MISTAKE_NAMES.get(tag) or tag.replace("-", " ").replace("_", " ").capitalize()
