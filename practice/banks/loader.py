"""Loading one bank file into validated problem specs, with every issue located.

A file is read, composed and checked as a whole (syntax, size, duplicate keys), then
its header and each of its problems are validated separately: one broken problem is
reported and skipped, and the rest of the bank still loads.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from practice.banks.parts_schema import MultiPartSpec, PartSpec
from practice.banks.schema import (
    PROBLEM_ID,
    Answer,
    BankHeader,
    Choice,
    DescentAnswer,
    GradientAnswer,
    ParamSpec,
    PartialAnswer,
    PrecisionSpec,
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
        # Always one line, whatever a library's message or a quoted value contains.
        file = self.file.replace("\n", "\\n").replace("\r", "\\r")  # a file name may hold them
        return f"{file}:{self.line or 1}: {self.problem_id or '-'}: {one_line(self.message)}"


MAX_QUOTED = 80
_LONG_QUOTE = re.compile(f"`([^`]{{{MAX_QUOTED + 1},}})`")


def one_line(message: str) -> str:
    """``message`` on one line, with any `quoted` value longer than ``MAX_QUOTED``
    cut in the middle: a 500-digit reference answer must not bury the reason."""
    flat = " ".join(message.split())
    return _LONG_QUOTE.sub(_elide, flat)


def _elide(match: re.Match[str]) -> str:
    text, half = match.group(1), MAX_QUOTED // 2 - 1
    return f"`{text[:half]} … {text[-half:]}`"


def shown_id(raw: object) -> str | None:
    """An id as it may appear in the PROBLEM_ID column: a well-formed one only, so a
    line always reads ``FILE:LINE: PROBLEM_ID: message`` (``id: 'my problem'`` would
    otherwise put a space in that column; the message quotes the bad id instead)."""
    if isinstance(raw, str) and len(raw) <= 80 and PROBLEM_ID.fullmatch(raw):
        return raw
    return None


@dataclass(frozen=True)
class LocatedSpec:
    """A problem spec together with where it was written."""

    spec: ProblemSpec | MultiPartSpec
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
    starts: list[tuple[int, str | None]] = field(default_factory=list)
    # Problems that did not validate but have a well-formed id, by their first line:
    # (id, line of `id:`). Their ids stay taken, so a repeated id is still reported.
    broken_ids: dict[int, tuple[str, int]] = field(default_factory=dict)


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
    problem_id = shown_id(raw.get("id") if isinstance(raw, dict) else None)
    bank.starts.append((line_of(node), problem_id))
    model = problem_model(raw)
    try:
        spec = model.model_validate(raw)
    except ValidationError as exc:
        for line, message in describe_errors(exc, node, raw, model):
            bank.issues.append(BankIssue(bank.file, line, problem_id, message))
        if problem_id and isinstance(node, yaml.MappingNode):
            bank.broken_ids[line_of(node)] = (problem_id, _key_line(node, "id"))
        return
    bank.problems.append(LocatedSpec(spec, bank.file, line_of(node), topic, node))


def problem_model(raw: object) -> type[ProblemSpec] | type[MultiPartSpec]:
    """A problem with ``parts:`` is a problem in parts; any other is answered in one go."""
    return MultiPartSpec if isinstance(raw, dict) and "parts" in raw else ProblemSpec


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
        key = path[-1] if path else where
        if model is MultiPartSpec and len(path) == 1 and key in PartSpec.model_fields:
            return f"`{key}` belongs to each part of a problem with `parts`: move it into them"
        return f"unknown key `{key}`" + _suggestion(path, model)
    if kind == "missing":
        missing = loc[-1] if loc else "?"
        prefix = f"{where}: " if where else ""
        return f"{prefix}missing key `{missing}`"
    msg = msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    value = error.get("input")
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        msg = _pattern_message(value, str((error.get("ctx") or {}).get("pattern", "")))
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        what = "a problem" if not where else f"`{where}`"
        msg = f"{what} must be a mapping of `key: value` lines, not {_yaml_type(value)}"
        return msg
    if kind == "string_type" and isinstance(error.get("input"), bool):
        msg += (
            " — YAML reads a bare yes/no/on/off/true/false as true or false; "
            "quote the text, e.g. 'Yes.'"
        )
    if kind == "string_type" and isinstance(error.get("input"), dict):
        msg += (
            " — this text contains `: `, which YAML reads as a key; "
            "quote the whole text or write it as a block with `|`"
        )
    if kind == "string_type" and type(value) in (int, float):
        msg += f" — YAML reads {value!r} as a number; quote it if it is text: '{value!r}'"
    return f"{where}: {msg}" if where else msg


def _pattern_message(value: str, pattern: str) -> str:
    shown = value if len(value) <= 40 else value[:39] + "…"
    if pattern == PROBLEM_ID.pattern:
        return (
            f"`{shown}` is not a valid slug: use lowercase letters, digits, `.`, `_` and `-`, "
            "starting with a letter or digit"
        )
    return f"`{shown}` does not match the pattern `{pattern}`"


def _yaml_type(value: object) -> str:
    if value is None:
        return "nothing (an empty entry)"
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list"}
    name = names.get(type(value), type(value).__name__)
    return f"{name} ({_short_repr(value)})" if name in ("text", "a number") else name


def _short_repr(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


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
        "parts": PartSpec,
        "tolerance": Tolerance,
        "precision": PrecisionSpec,
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
