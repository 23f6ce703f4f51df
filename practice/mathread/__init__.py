"""The safe math reader: text as students write it -> sympy objects.

Built by our own tokenizer and parser from a whitelist of operators, functions and
constants; never Python's eval/exec nor sympy's string parsers. See docs/grading.md for the
syntax it accepts and docs/architecture.md for the API other parts rely on.
"""

from practice.mathread.errors import DEFAULT_LIMITS, ReadError, ReadLimits
from practice.mathread.labels import strip_degrees
from practice.mathread.latex import to_latex
from practice.mathread.names import FUNCTIONS, symbol
from practice.mathread.reader import names_in, read_expression, read_number, read_vector

__all__ = [
    "DEFAULT_LIMITS",
    "FUNCTIONS",
    "ReadError",
    "ReadLimits",
    "names_in",
    "read_expression",
    "read_number",
    "read_vector",
    "strip_degrees",
    "symbol",
    "to_latex",
]
