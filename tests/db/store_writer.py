"""A writer process for the concurrency tests (run as a script, not collected).

Usage: store_writer.py URL LEARNER_NAME COUNT REPORT_FILE

Records COUNT attempts for LEARNER_NAME and appends each returned attempt id to
REPORT_FILE, flushed after every call, so a parent that kills this process knows
exactly which calls returned.
"""

from __future__ import annotations

import os
import sys

from db import open_store
from practice.session import Attempt


def main(url: str, name: str, count: int, report: str) -> None:
    store = open_store(url)
    learner = store.learner(name)
    with open(report, "a", encoding="utf-8") as out:
        for index in range(count):
            saved = store.record_attempt(
                learner.id,
                Attempt(
                    problem_id=f"p{index % 37}",
                    topic="gradients",
                    level="B",
                    kind="number",
                    seed=index,
                    answer=f"{index}",
                    read_as=f"{index}",
                    correct=index % 3 != 0,
                    score=1.0 if index % 3 else 0.0,
                    seconds=5.0,
                ),
            )
            out.write(f"{saved.attempt_id}\n")
            out.flush()
            os.fsync(out.fileno())
    store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
