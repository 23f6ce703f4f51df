"""Other learner profiles in a benchmark's store, made before the learners arrive.

In local mode the sidebar's picker lists every profile on every full run of every page,
so what a run costs, and the memory a run holds while it draws, grow with the number
of profiles on the machine. ``bench/capacity.py --profiles N`` and
``bench/rerun_profile.py --profiles N`` put N of them in the store first, through the
app's own store (so they are made as the app makes them).
"""

from __future__ import annotations

from pathlib import Path


def add_profiles(store_path: Path, count: int) -> None:
    """``count`` profiles named ``profile 0000`` … in the SQLite store at ``store_path``."""
    if count <= 0:
        return
    from db import open_store

    store = open_store(f"sqlite:///{store_path}")
    try:
        for number in range(count):
            store.learner(f"profile {number:04d}")
    finally:
        store.close()
