"""Fresh numbers that are fresh: "Next variant" never brings back one of the learner's
last few variants of a problem when the problem has others.

Two seeds can draw the same variant (a problem with a small pool of stems, options or
parameters has a few variants only), so avoiding recent *seeds* is not enough: the
variants themselves are compared by what the learner sees (``looks``: the prompt and
the set of options, so a reshuffle of the same options is the same question).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

TRIES = 24  # seeds looked at; a problem with 5 variants misses a fresh one 1 in 200,000


def fresh_variant_seed(
    recent: Sequence[Hashable],
    draw_seed: Callable[[], int],
    looks: Callable[[int], Hashable | None],
    *,
    tries: int = TRIES,
) -> int:
    """A seed whose variant is not among ``recent`` (how the learner's last few variants
    looked, newest first). ``draw_seed`` proposes seeds, ``looks`` says how the variant at
    a seed looks (None: no variant there). When every proposal repeats a recent variant
    (the problem has no other), the one seen longest ago wins, so the variant on screen
    comes back last."""
    best: tuple[int, int] | None = None  # (how long ago it was seen, seed)
    for _ in range(max(1, tries)):
        seed = draw_seed()
        look = looks(seed)
        if look is None:
            continue
        if look not in recent:
            return seed
        age = list(recent).index(look)
        if best is None or age > best[0]:
            best = (age, seed)
    return best[1] if best is not None else draw_seed()
