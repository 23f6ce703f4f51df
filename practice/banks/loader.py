"""Loading one bank file into validated problem specs, with every issue located.

A file is read, composed and checked as a whole (syntax, size, duplicate keys), then
its header and each of its problems are validated separately: one broken problem is
reported and skipped, and the rest of the bank still loads.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from practice.banks.schema import (
    Answer,
    BankHeader,
    Choice,
    DescentAnswer,
    GradientAnswer,
    ParamSpec,
    PartialAnswer,
    ProblemSpec,
    Tolerance,
)
from practice.banks.yamlsource import (
    SourceError,
    check_tree,
    compose,
    construct,
    line_at,
    line_of,
    locate,
    read_text,
)


@dataclass(frozen=True)
class BankIssue:
    """One thing wrong in a bank, printed as ``FILE:LINE: PROBLEM_ID: message``."""

    file: str
    line: int | None
    problem_id: str | None
    message: str

    def __str__(self) -> str:
        # A whole-file issue (missing, unreadable) points at the file's first line.
        return f"{self.file}:{self.line or 1}: {self.problem_id or '-'}: {self.message}"


@dataclass(frozen=True)
class LocatedSpec:
    """A problem spec together with where it was written."""

    spec: ProblemSpec
    file: str
    line: int
    topic: str
    node: yaml.Node | None = field(default=None, compare=False, repr=False)

    def line_at(self, path: tuple[str | int, ...]) -> int:
        """Where a field of this problem is written (computed only when needed)."""
        return self.line if self.node is None else line_at(self.node, path)


@dataclass
class LoadedBank:
    """What one file gave: its header (if valid), its valid problems, its issues."""

    file: str
    header: BankHeader | None = None
    problems: list[LocatedSpec] = field(default_factory=list)
    issues: list[BankIssue] = field(default_factory=list)
    id_lines: dict[str, int] = field(default_factory=dict)
    starts: list[tuple[int, str | None]] = field(default_factory=list)


def load_bank_file(path: Path, display_name: str | None = None) -> LoadedBank:
    """Load one bank file; never raises for anything the file contains."""
    with gc_paused():
        return _load_bank_file(path, display_name or str(path))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Loading allocates a large, short-lived tree of YAML nodes and models; the cyclic
    collector would re-scan that tree over and over (it tripled load time). The file
    is bounded in size, so pausing collection for one file is safe."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_bank_file(path: Path, name: str) -> LoadedBank:
    bank = LoadedBank(file=name)
    try:
        root = compose(read_text(path))
        if root is None:
            raise SourceError("the file is empty; a bank needs `topic`, `title` and `problems`", 1)
        for node_issue in check_tree(root):
            bank.issues.append(BankIssue(name, node_issue.line, None, node_issue.message))
        data = construct(root)
    except SourceError as exc:
        bank.issues.append(BankIssue(name, exc.line, None, exc.message))
        return bank
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        message = "a bank is a mapping with `topic`, `title` and `problems`"
        bank.issues.append(BankIssue(name, line_of(root), None, message))
        return bank
    _load_header(bank, root, data)
    _load_problems(bank, root, data)
    # Duplicate keys are reported with the problem they sit in when there is one.
    bank.issues = [_attach_problem_id(issue, bank) for issue in bank.issues]
    return bank


def _load_header(bank: LoadedBank, root: yaml.MappingNode, data: dict) -> None:
    header_data = {key: value for key, value in data.items() if key != "problems"}
    try:
        bank.header = BankHeader.model_validate(header_data)
    except ValidationError as exc:
        for line, message in describe_errors(exc, root, data, BankHeader):
            bank.issues.append(BankIssue(bank.file, line, None, message))


def _load_problems(bank: LoadedBank, root: yaml.MappingNode, data: dict) -> None:
    if "problems" not in data:
        bank.issues.append(BankIssue(bank.file, line_of(root), None, "missing key `problems`"))
        return
    problems, key_line = data["problems"], _key_line(root, "problems")
    if not isinstance(problems, list) or not problems:
        message = "`problems` must be a list of problems (each starting with `- id: …`)"
        bank.issues.append(BankIssue(bank.file, key_line, None, message))
        return
    sequence = _value_node(root, "problems")
    topic = bank.header.topic if bank.header else ""
    for index, raw in enumerate(problems):
        node = sequence.value[index] if isinstance(sequence, yaml.SequenceNode) else sequence
        _load_problem(bank, node, raw, topic)


def _load_problem(bank: LoadedBank, node: yaml.Node, raw: object, topic: str) -> None:
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    problem_id = raw_id if isinstance(raw_id, str) and raw_id else None
    bank.starts.append((line_of(node), problem_id))
    if problem_id and isinstance(node, yaml.MappingNode):
        bank.id_lines.setdefault(problem_id, _key_line(node, "id"))
    try:
        spec = ProblemSpec.model_validate(raw)
    except ValidationError as exc:
        for line, message in describe_errors(exc, node, raw, ProblemSpec):
            bank.issues.append(BankIssue(bank.file, line, problem_id, message))
        return
    bank.problems.append(LocatedSpec(spec, bank.file, line_of(node), topic, node))


def describe_errors(
    exc: ValidationError, node: yaml.Node, data: object, model: type[BaseModel]
) -> list[tuple[int, str]]:
    """Pydantic's errors as (line, message) pairs an instructor can act on."""
    described: list[tuple[int, str]] = []
    seen: set[tuple[str, ...]] = set()
    for error in exc.errors(include_url=False):
        line, path = locate(node, data, error["loc"])
        where = _path_text(path)
        key = (where, error["type"])
        if error["type"] != "extra_forbidden" and (where,) in seen:
            continue  # one message per place: a union reports each of its members
        seen.update({key, (where,)})
        described.append((line, _message(error, where, path, model)))
    return described


def _message(error: ErrorDetails, where: str, path: list[int | str], model: type[BaseModel]) -> str:
    kind, msg = error["type"], str(error["msg"])
    loc = [step for step in error["loc"] if isinstance(step, str)]
    if kind == "extra_forbidden":
        return f"unknown key `{path[-1] if path else where}`" + _suggestion(path, model)
    if kind == "missing":
        missing = loc[-1] if loc else "?"
        prefix = f"{where}: " if where else ""
        return f"{prefix}missing key `{missing}`"
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "string_type" and isinstance(error.get("input"), bool):
        msg += (" — YAML reads a bare yes/no/on/off/true/false as true or false; "
                "quote the text, e.g. 'Yes.'")
    if kind == "string_type" and isinstance(error.get("input"), dict):
        msg += (" — this text contains `: `, which YAML reads as a key; "
                "quote the whole text or write it as a block with `|`")
    return f"{where}: {msg}" if where else msg


def _suggestion(path: Sequence[int | str], model: type[BaseModel]) -> str:
    """``did you mean `hints`?`` for a misspelt key, from the model's own field names."""
    owner = _model_at(path[:-1], model)
    if owner is None or not path:
        return ""
    names = [info.alias or name for name, info in owner.model_fields.items()]
    close = difflib.get_close_matches(str(path[-1]), names, n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _model_at(path: Sequence[int | str], model: type[BaseModel]) -> type[BaseModel] | None:
    """The model that owns the mapping at ``path`` (for key suggestions)."""
    names = [step for step in path if isinstance(step, str)]
    if not names:
        return model
    if len(names) >= 2 and names[-2] == "params":
        return ParamSpec
    nested: dict[str, type[BaseModel]] = {
        "answer": Answer,
        "partial": PartialAnswer,
        "gradient": GradientAnswer,
        "descent": DescentAnswer,
        "choices": Choice,
        "tolerance": Tolerance,
    }
    return nested.get(names[-1])


def _path_text(path: Sequence[int | str]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _key_line(node: yaml.MappingNode, name: str) -> int:
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return line_of(key)
    return line_of(node)


def _value_node(node: yaml.MappingNode, name: str) -> yaml.Node:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return value
    return node


def _attach_problem_id(issue: BankIssue, bank: LoadedBank) -> BankIssue:
    if issue.problem_id is not None or issue.line is None:
        return issue
    owner = None
    for start, problem_id in bank.starts:
        if start <= issue.line:
            owner = problem_id
    if owner is None:
        return issue
    return BankIssue(issue.file, issue.line, owner, issue.message)
