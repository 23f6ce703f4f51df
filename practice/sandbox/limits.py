"""The bounds on one run of a learner's code.

CPU time is what guards the learner's fairness (a loaded server must not fail a right
answer), so the per-test and total budgets count CPU seconds inside the sandbox. The
wall-clock deadline is the server's guard: it catches what costs no CPU (a ``sleep``,
a blocked read) and is set generously above the CPU budget.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class SandboxLimits:
    call_cpu_seconds: float = 1.0  # one test (or loading the file): then the next test runs
    cpu_seconds: int = 3  # the whole run (RLIMIT_CPU): then the kernel stops it
    wall_seconds: float = 5.0  # the whole run, outside: then the sandbox is killed
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


DEFAULT_LIMITS = SandboxLimits()
