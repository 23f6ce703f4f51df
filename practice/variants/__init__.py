"""Variants: parameters drawn under constraints, answers derived by sympy, worked solutions.

``make_variant(problem, seed)`` is deterministic; ``grade_variant(variant, answer)`` is
what the app and ``python -m practice check`` use to grade.
"""

from practice.variants.variant import Variant, VariantError, grade_variant, make_variant

__all__ = ["Variant", "VariantError", "grade_variant", "make_variant"]
