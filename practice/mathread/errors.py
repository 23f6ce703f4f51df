"""Why a text could not be read, in words a learner can act on, and the limits that
keep hostile text cheap."""

from __future__ import annotations

from dataclasses import dataclass


class ReadError(ValueError):
    """The text is not mathematics we can read.

    It carries where the problem is (``position``, a 0-based index into the text the
    learner typed) so a page can put a caret under the spot, and a ``suggestion`` when
    one is likely, so the learner knows what to type instead of just that it failed.
    """

    def __init__(
        self, message: str, position: int | None = None, suggestion: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.suggestion = suggestion

    def render(self, text: str) -> str:
        """The message, the text, and a caret line under the spot (when known)."""
        if self.position is None or "\n" in text:
            return self.message
        shown = text.replace("\t", " ")
        caret_at = min(max(self.position, 0), len(shown))
        return f"{self.message}\n{shown}\n{' ' * caret_at}^"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what a learner controls, checked before sympy evaluates anything.

    A whitelist of operators does not stop ``9^9^9^9``: sympy evaluates numeric powers
    eagerly and cannot be interrupted, so sizes are refused up front instead.
    """

    max_length: int = 500  # characters of input
    max_depth: int = 40  # nesting of parentheses, powers and calls
    max_integer_digits: int = 60  # digits of one integer literal
    max_exponent: int = 1000  # |n| of any numeric exponent (x^n, 10^n, 1e n)
    max_number_bits: int = 10000  # total size of the exact numbers in one answer
    max_components: int = 20  # of a vector
    max_tokens: int = 300


DEFAULT_LIMITS = ReadLimits()
