"""What the simulated learners type.

An ordinary learner types a number, ``a + b/c``, in three steps (``a``, ``a + b``,
``a + b/c``): every prefix reads, so each step's live preview does the reader's usual
work, and a number is a readable answer to number, expression and vector problems
alike (a vector problem grades it wrong for its number of components), so every check
is a stored attempt. The three numbers vary, which also lets the store check match
answers to submissions.

A "slow" learner types an expression built to make the grader work hard (nested
functions whose equivalence sympy struggles to settle), with a varied constant so no
cache can remember the last one. It only costs the grader time on a problem whose
answer is an expression in x and y; ``slow_problem`` finds one through the command
line the project documents (``python -m practice list`` / ``preview``), not through the
app's modules.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

SLOW_TEMPLATE = (
    "1/log2(sinh(1/csc(1/sqrt(1/log10(ln(x+{k}y))^2 + sqrt(y))^2 + atanh(y))^2 + atanh(y)))^2"
)
SLOW_VARIABLES = {"x", "y"}
CLI_TIMEOUT = 120.0  # seconds for one `python -m practice …` call


def typed_steps(rng: random.Random) -> tuple[str, str, str]:
    """A number typed in three steps, each a readable number."""
    whole, top, bottom = rng.randint(1, 9), rng.randint(1, 99), rng.randint(2, 9)
    return f"{whole}", f"{whole} + {top}", f"{whole} + {top}/{bottom}"


def slow_steps(rng: random.Random) -> tuple[str, str, str]:
    """The slow expression typed in three steps (a third, two thirds, all of it)."""
    text = SLOW_TEMPLATE.format(k=rng.randint(2, 999))
    third = len(text) // 3
    return text[:third], text[: 2 * third], text


def _cli(root: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "practice", *args],
        cwd=root,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"`python -m practice {' '.join(args)}` failed: {done.stdout}{done.stderr}"
        )
    return done.stdout


def slow_problem(root: Path) -> str:
    """The id of a problem whose answer is an expression in x and y, where the slow
    answer makes the grader work; fails with a message when the banks have none."""
    problems = json.loads(_cli(root, "list", "--json"))
    for problem in problems:
        if problem.get("kind") != "expression" or problem.get("parts"):
            continue
        variant = json.loads(_cli(root, "preview", problem["id"], "--seed", "1", "--json"))
        if SLOW_VARIABLES <= set(variant.get("variables") or ()):
            return str(problem["id"])
    raise RuntimeError(
        "no problem in the banks asks for an expression in x and y, so slow answers "
        "would not reach the grader; run without --slow"
    )
