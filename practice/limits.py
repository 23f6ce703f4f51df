"""The bounds on time, seeds and lengths, each defined once and applied at one layer.

A learner controls what they type and how long they leave a tab open, an instructor
controls what a bank asks sympy to compute, and anyone with the command line controls
seeds and request lines. Every such bound is here, with the one place that applies it,
so a limit is changed in one line and never applied twice (an outer time limit would
only hide an inner one: ``practice.timelimit`` does not nest).

The worker pool's wall ceilings (``WorkerDeadlines``) and the sandbox's bounds on learner
code (``SandboxLimits``) are here too. Bounds that belong to a format stay with it: the bank format's sizes in
``practice.banks.schema`` (they are published as its JSON Schema), the reader's in
``practice.mathread.ReadLimits`` (length, nesting, exponents: checked before sympy
evaluates anything), the store's column sizes in ``db.models``.

No imports beyond the standard library: every page may read this before its first paint.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class TimeBudgets:
    """Seconds of CPU time a piece of work may take before ``practice.timelimit`` stops
    it: inside a worker process (``practice.workers``, whose wall ceilings are
    ``WorkerDeadlines``) or on the command line's main thread. Each budget is applied by
    the function named; a worker's budget for a request covers it and stays in charge."""

    # One grading, reading included: ``practice.grading.grade`` (and so the app, ``check``
    # and ``grade --jsonl``). Under the one second the contract promises per request.
    grading: float = 0.8
    # The comparing inside one grading (``practice.grading.grade``): equivalence at random
    # points stops trying new points after this, the reading having used the rest.
    comparing: float = 0.5
    # One "we read this as" while the learner types: ``practice.grading.preview``.
    reading: float = 0.8
    # Re-deriving one part of a problem in parts from the learner's own earlier answers,
    # reading them included (``practice.variants.follow_through``); the two gradings of
    # the part around it have their own ``grading`` budget each.
    follow_through: float = 0.8
    # One variant: ``practice.variants.make_variant`` (the pages, ``preview``, ``check``).
    variant: float = 10.0
    # A problem's deep check (``validate``, the Instructor page): at least this, and one
    # second per variant when more variants are asked for; ``problem_check_seconds``.
    problem_check: float = 10.0

    def problem_check_seconds(self, variants: int) -> float:
        """The budget for checking ``variants`` variants of one problem."""
        return max(self.problem_check, float(variants))


@dataclass(frozen=True)
class SeedBounds:
    """Which seeds exist. A seed is any whole number in [0, ``largest``]."""

    # Kept by the store in a signed 64-bit column; the command line takes the same range.
    largest: int = 2**63 - 1
    # The seeds learners meet: new variants are drawn in [0, ``practice``)
    # (``practice.scheduling.fresh_seed``, the Practice page), and the Practice page's
    # link opens seeds up to it. A range every variant generator and database handles.
    practice: int = 2**31 - 1
    # The Instructor page's number box: a browser keeps whole numbers exact up to 2^53 − 1.
    in_browser: int = 2**53 - 1


@dataclass(frozen=True)
class LengthBounds:
    """Characters (or items) of what a person types, where they type it."""

    # The answer box (``ui.answer_box``): what the reader always accepts. The reader reads
    # at most ``ReadLimits.max_tokens`` (300) tokens of at least one character each, so a
    # longer box would take answers it then refuses (tests/ui check the two agree).
    typed_answer: int = 300
    # The text area of a self-check (``ui.practice_flow``); stored cut to the column size.
    written_answer: int = 4000
    # One request line of ``grade --jsonl``, and the names in its ``variables``.
    request_line: int = 100_000
    request_variables: int = 20


@dataclass(frozen=True)
class DurationBounds:
    """How long an attempt took, as it is rated and kept."""

    # A round measures at most this (``practice.session.Round.seconds``): a tab left open
    # overnight says nothing about how long the problem took.
    attempt: float = 3600.0
    # The store keeps at most this for any caller (``db.bounds``); beyond, it clamps.
    stored: float = 24 * 3600.0


@dataclass(frozen=True)
class WorkerDeadlines:
    """Wall seconds after which the server kills a worker process that has not answered
    (``practice.workers``). Inside the worker the same work counts CPU seconds against
    ``TimeBudgets``; these ceilings sit several times above them, so a busy machine does
    not trip them, and catch what costs no CPU."""

    reading: float = 4.0
    grading: float = 4.0
    variant: float = 30.0
    # One request of `grade --jsonl`: the contract answers each within one second; the
    # rest of it is for killing the worker and writing the answer on a loaded machine.
    grade_request: float = 0.85
    # One code submission: the sandbox's own deadline (``SandboxLimits.wall_seconds``)
    # ends the learner's code first; this leaves room to make the variant and judge it.
    code: float = 20.0


@dataclass(frozen=True)
class SandboxLimits:
    """One run of a learner's code (``practice.sandbox``). CPU time guards the learner's
    fairness: a loaded server must not fail a right answer, so the per-test and total
    budgets count CPU seconds inside the sandbox (the harness applies ``inside()``). The
    wall-clock deadline is the server's guard, applied outside: it catches what costs no
    CPU (a ``sleep``, a blocked read), set well above the CPU budget."""

    call_cpu_seconds: float = 1.0  # one test (or loading the file): then the next test runs
    cpu_seconds: int = 3  # the whole run (RLIMIT_CPU): then the kernel stops it
    wall_seconds: float = 8.0  # the whole run, outside: then the sandbox is killed
    memory_bytes: int = 512 * MIB  # address space (RLIMIT_AS) of each process
    processes: int = 16  # processes and threads of the sandbox user (RLIMIT_NPROC)
    file_bytes: int = 1 * MIB  # largest file it may write (RLIMIT_FSIZE)
    open_files: int = 64  # RLIMIT_NOFILE
    tmpfs_bytes: int = 16 * MIB  # the whole writable /tmp
    output_bytes: int = 64 * KIB  # kept of stdout, and of stderr; the rest is cut
    results_bytes: int = 2 * MIB  # the report of all tests
    source_bytes: int = 64 * KIB  # the learner's file

    def __post_init__(self) -> None:
        for name, value in asdict(self).items():
            if not value > 0:
                raise ValueError(f"sandbox limit {name} must be positive, not {value!r}")
        if self.wall_seconds <= self.call_cpu_seconds:
            raise ValueError("the wall-clock deadline must exceed the CPU budget of one test")

    def inside(self) -> dict[str, float | int]:
        """The part the harness applies to itself inside the sandbox."""
        return {
            "call_cpu_seconds": self.call_cpu_seconds,
            "cpu_seconds": self.cpu_seconds,
            "memory_bytes": self.memory_bytes,
            "processes": self.processes,
            "file_bytes": self.file_bytes,
            "open_files": self.open_files,
        }


@dataclass(frozen=True)
class ClassLimits:
    """Class mode: a join code has 31^8 values; ten wrong tries per person and server
    process in ten minutes leave guessing one hopeless."""

    join_tries: int = 10
    join_window_seconds: float = 600.0


@dataclass(frozen=True)
class Limits:
    time: TimeBudgets = TimeBudgets()
    seeds: SeedBounds = SeedBounds()
    lengths: LengthBounds = LengthBounds()
    durations: DurationBounds = DurationBounds()
    workers: WorkerDeadlines = WorkerDeadlines()
    sandbox: SandboxLimits = SandboxLimits()
    classes: ClassLimits = ClassLimits()


LIMITS = Limits()
"""The limits in force. Modules read ``LIMITS`` when they apply a limit (not at import),
so a test can patch the module's ``LIMITS`` with ``dataclasses.replace``."""
