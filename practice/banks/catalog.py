"""The catalog: every problem of every bank, compiled, plus everything that went wrong.

``load_catalog`` never raises for what a bank contains: a broken file, a broken
problem or a repeated id becomes a ``BankIssue`` and the rest still loads. The result
is plain data, so the app can cache it for as long as the files don't change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from practice.banks.compile import CompileError, compile_problem
from practice.banks.compile_parts import compile_parts
from practice.banks.loader import BankIssue, LoadedBank, LocatedSpec, gc_paused, load_bank_file
from practice.banks.parts_schema import MultiPartSpec
from practice.banks.problem import Problem
from practice.banks.schema import ProblemSpec
from practice.config import bank_dirs

BANK_SUFFIXES = (".yaml", ".yml")
MAX_BANK_FILES = 2_000


@dataclass(frozen=True)
class BankInfo:
    """One bank file that loaded (possibly with some problems skipped)."""

    file: str
    topic: str
    title: str
    description: str | None
    problem_ids: tuple[str, ...]


@dataclass
class Catalog:
    problems: dict[str, Problem] = field(default_factory=dict)
    banks: list[BankInfo] = field(default_factory=list)
    issues: list[BankIssue] = field(default_factory=list)

    @property
    def topics(self) -> dict[str, BankInfo]:
        """Banks by topic (the first bank of a topic when several share it)."""
        topics: dict[str, BankInfo] = {}
        for bank in self.banks:
            topics.setdefault(bank.topic, bank)
        return topics

    def problems_of(self, topic: str) -> list[Problem]:
        return [problem for problem in self.problems.values() if problem.topic == topic]


def load_catalog(paths: Sequence[Path | str] | None = None) -> Catalog:
    """Load every bank under ``paths`` (default: the configured bank folders)."""
    catalog = Catalog()
    files, missing = find_bank_files([Path(p) for p in paths] if paths else bank_dirs())
    catalog.issues.extend(missing)
    first_seen: dict[str, tuple[str, int]] = {}
    for path in files:
        with gc_paused():
            _load_file(catalog, path, first_seen)
    catalog.issues.sort(key=lambda issue: (issue.file, issue.line or 0))
    return catalog


def _load_file(catalog: Catalog, path: Path, first_seen: dict[str, tuple[str, int]]) -> None:
    bank = load_bank_file(path, _display(path))
    catalog.issues.extend(bank.issues)
    loaded = {located.line: located for located in bank.problems}
    ids: list[str | None] = []
    # In file order, broken problems included: an id is taken by its first use even
    # when that problem is broken, so fixing it later cannot reveal a hidden clash.
    for start, _problem_id in bank.starts:
        if start in loaded:
            ids.append(_add_problem(catalog, bank, loaded[start], first_seen))
        elif start in bank.broken_ids:
            _claim_id(catalog, bank.file, *bank.broken_ids[start], first_seen)
    if bank.header is not None:
        catalog.banks.append(
            BankInfo(
                file=bank.file,
                topic=bank.header.topic,
                title=bank.header.title,
                description=bank.header.description,
                problem_ids=tuple(i for i in ids if i is not None),
            )
        )


def _add_problem(
    catalog: Catalog,
    bank: LoadedBank,
    located: LocatedSpec,
    first_seen: dict[str, tuple[str, int]],
) -> str | None:
    spec = located.spec
    # An id merged in from an anchor above (`<<: *base`) is reported where this problem is.
    id_line = max(located.line_at(("id",)), located.line)
    if not _claim_id(catalog, bank.file, spec.id, id_line, first_seen):
        return None
    try:
        problem = _compiled(spec, located)
    except CompileError as exc:
        where = ".".join(str(step) for step in exc.path)
        message = f"{where}: {exc.message}" if where else exc.message
        catalog.issues.append(BankIssue(bank.file, located.line_at(exc.path), spec.id, message))
        return None
    _note_lines(problem, located)
    catalog.problems[spec.id] = problem
    return spec.id


def _compiled(spec: ProblemSpec | MultiPartSpec, located: LocatedSpec) -> Problem:
    if isinstance(spec, MultiPartSpec):
        return compile_parts(spec, topic=located.topic, bank=located.file, line=located.line)
    return compile_problem(spec, topic=located.topic, bank=located.file, line=located.line)


def _note_lines(problem: Problem, located: LocatedSpec) -> None:
    """Where ``validate`` points when a variant shows a fault of a key; a part's own
    keys are inside the part."""
    shared = {key: located.line_at((key,)) for key in ("constraints", "params")}
    problem.field_lines.update(shared)
    whole = ("parts",) if problem.parts else ("answer",)
    problem.field_lines.update(
        {"answer": located.line_at(whole), "choices": located.line_at(("choices",))}
    )
    for index, part in enumerate(problem.parts):
        part.problem.field_lines.update(shared)
        own = {key: located.line_at(("parts", index, key)) for key in ("answer", "choices")}
        part.problem.field_lines.update(own)
        problem.field_lines.update({f"parts.{index}.{key}": line for key, line in own.items()})
    problem.field_lines["prompt"] = located.line_at(("prompt",))
    _note_stem_lines(problem, located)


def _note_stem_lines(problem: Problem, located: LocatedSpec) -> None:
    """A stem's faults are reported in the stem for the keys it brings, and at the
    problem's own keys for the rest."""
    spec = problem.spec
    for index, stem in enumerate(problem.stems):
        own = spec.stems[index].overrides()
        stem.field_lines.update(
            {
                key: located.line_at(("stems", index, key)) if key in own else line
                for key, line in problem.field_lines.items()
            }
        )


def _claim_id(
    catalog: Catalog,
    file: str,
    problem_id: str,
    id_line: int,
    first_seen: dict[str, tuple[str, int]],
) -> bool:
    """Take ``problem_id`` for this place, or report where it is already used."""
    if problem_id in first_seen:
        first_file, first_line = first_seen[problem_id]
        message = (
            f"id `{problem_id}` is already used at {first_file}:{first_line}; "
            "ids must be unique across banks"
        )
        catalog.issues.append(BankIssue(file, id_line, problem_id, message))
        return False
    first_seen[problem_id] = (file, id_line)
    return True


def find_bank_files(paths: Iterable[Path]) -> tuple[list[Path], list[BankIssue]]:
    """YAML files given directly or found under given folders, in a stable order.

    A file reached twice (named twice, or through a symlink) is loaded once: loading
    it again would only report its own ids as repeated.
    """
    files: dict[str, Path] = {}
    issues: list[BankIssue] = []
    for path in paths:
        if path.is_dir():
            found = sorted(_walk_yaml(path))
        elif path.exists() or path.is_symlink():
            found = [path]  # a broken link or an unreadable file is reported when read
        else:
            issues.append(BankIssue(_display(path), None, None, "no such file or folder"))
            continue
        for file in found:
            files.setdefault(os.path.realpath(file), file)
    unique = list(files.values())
    if len(unique) > MAX_BANK_FILES:
        issues.append(
            BankIssue(
                _display(unique[MAX_BANK_FILES]),
                None,
                None,
                f"more than {MAX_BANK_FILES} bank files; the rest are skipped",
            )
        )
        unique = unique[:MAX_BANK_FILES]
    return unique, issues


def _walk_yaml(folder: Path) -> Iterable[Path]:
    """Bank files under ``folder``, hidden names skipped. Symlinked folders are
    followed (a course may link a shared bank folder in), each real folder once, so
    a link back up the tree cannot loop."""
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(BANK_SUFFIXES) and not name.startswith("."):
                yield Path(root) / name


def _display(path: Path) -> str:
    """Paths relative to the working folder when inside it: short, clickable lines.

    Symlinks are not resolved: a linked or broken-linked bank is named as it was found
    (and ``os.path`` never raises on a symlink loop, unlike ``Path.resolve``).
    """
    try:
        found, here = os.path.abspath(path), os.getcwd()
        if os.path.commonpath([found, here]) == here:
            return os.path.relpath(found, here)
    except (ValueError, OSError):
        pass
    return str(path)
