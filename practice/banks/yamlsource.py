"""Reading a bank file into plain data while keeping the line of every YAML node.

PyYAML's composer gives a node tree with marks; we keep that tree so a pydantic
error location such as ``problems[3].params.a.int`` can be mapped back to the line
the instructor has to fix. Everything a bank file controls is bounded here: its
size, its encoding, its nesting and the number of nodes aliases can expand to (a
"billion laughs" file is refused before anything walks it).
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 40
# Flow-style nesting deeper than this is composed by the pure-Python loader, whose
# recursion limit we can catch; libyaml's C composer is used otherwise, for speed.
MAX_FAST_FLOW_DEPTH = 60
# Digits of a plain integer: Python refuses to convert very long ones (4300 digits)
# with a message about `sys.set_int_max_str_digits`; no bank needs more than this.
MAX_INT_DIGITS = 100

# The only YAML types a bank is made of. Anything else is refused with its line:
# `!!python/object` must never build anything, and `!!set`, `!!binary`, `!!omap` or a
# custom `!tag` would reach the schema as types it cannot explain to an instructor.
_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "merge", "timestamp")
)


class SourceError(Exception):
    """The file cannot be read as a YAML bank; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class NodeIssue:
    """A problem found while walking the node tree (duplicate key, …)."""

    line: int
    message: str


def read_text(path: Path) -> str:
    """The file's text, or a ``SourceError`` that says why not (never an OSError)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise SourceError("is a folder, not a YAML file")
        if not stat.S_ISREG(mode):
            # A FIFO or a device would block or never end: refuse before opening it.
            raise SourceError("is not a regular file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except SourceError:
        raise
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise SourceError(f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError("not UTF-8 text", line) from None
    if "\x00" in text:
        raise SourceError(
            "contains a NUL byte: not a text file", text[: text.index("\x00")].count("\n") + 1
        )
    return text


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of one document (``None`` for an empty file)."""
    loader_class: type = yaml.SafeLoader
    if _naive_flow_depth(text) <= MAX_FAST_FLOW_DEPTH:
        loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: its text spans lines and names a position, not a line.
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        raise SourceError(f"YAML syntax error: {_reader_problem(exc)}", line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise SourceError(
            f"YAML syntax error: {message}", mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise SourceError(f"YAML is nested too deeply (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()
    return node


def _reader_problem(exc: yaml.reader.ReaderError) -> str:
    character = exc.character
    if isinstance(character, str):
        character = ord(character)
    if isinstance(character, int):
        return f"character U+{character:04X} is not allowed in YAML (control characters are not)"
    return str(exc.reason)


def _naive_flow_depth(text: str) -> int:
    """An upper bound of flow nesting that ignores quoting: cheap and conservative."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def check_tree(root: yaml.Node) -> list[NodeIssue]:
    """Bound the tree's expanded size and depth; report duplicate mapping keys.

    Raises ``SourceError`` when the tree is too big or too deep to be a bank.
    """
    issues: list[NodeIssue] = []
    budget = MAX_EXPANDED_NODES
    for node, depth in _walk(root, 0):
        budget -= 1
        if budget < 0:
            raise SourceError(
                f"YAML expands to more than {MAX_EXPANDED_NODES} nodes (aliases?)", line_of(node)
            )
        if depth > MAX_DEPTH:
            raise SourceError(
                f"YAML is nested too deeply (more than {MAX_DEPTH} levels)", line_of(node)
            )
        _check_scalar_type(node)
        if isinstance(node, yaml.MappingNode):
            _keys_as_text(node)
            issues.extend(_duplicate_keys(node))
        elif (
            isinstance(node, yaml.ScalarNode) and node.style == '"' and _ESCAPED.search(node.value)
        ):
            issues.append(NodeIssue(line_of(node), _ESCAPE_MESSAGE))
    return issues


# Characters that only get into a double-quoted scalar through a backslash escape
# (or a blank line): almost always LaTeX such as "\nabla" or "\theta" gone wrong.
_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\n\t]")
_ESCAPE_MESSAGE = (
    "in double quotes a backslash is a YAML escape, so `\\nabla`, `\\theta` or `\\frac` "
    "lose their backslash; use single quotes or a `|` block for text with LaTeX"
)


def _check_scalar_type(node: yaml.Node) -> None:
    """Refuse tags a bank has no use for, and integers too long to convert."""
    if node.tag not in ALLOWED_TAGS:
        tag = "!!" + node.tag.removeprefix(_CORE) if node.tag.startswith(_CORE) else node.tag
        raise SourceError(
            f"the YAML tag `{_short(tag)}` is not allowed in a bank "
            "(only text, numbers, true/false, lists and mappings)",
            line_of(node),
        )
    if (
        node.tag == _CORE + "int"
        and isinstance(node.value, str)
        and len(node.value) > MAX_INT_DIGITS
    ):
        raise SourceError(f"a number with more than {MAX_INT_DIGITS} digits", line_of(node))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _walk(node: yaml.Node, depth: int) -> Iterator[tuple[yaml.Node, int]]:
    stack = [(node, depth)]
    while stack:
        current, level = stack.pop()
        yield current, level
        if isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.append((value, level + 1))
                stack.append((key, level + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, level + 1) for item in reversed(current.value))


_PLAIN_TYPES = frozenset(_CORE + name for name in ("int", "float", "bool", "null"))


def _keys_as_text(node: yaml.MappingNode) -> None:
    """Every key of a bank is a name: a plain ``1:``, ``yes:`` or ``~:`` key is read as
    the text it shows, so it is reported as an unknown key on its own line instead of
    pydantic's "Keys should be strings" at the start of the problem."""
    for key, _value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag in _PLAIN_TYPES and not key.style:
            key.tag = _CORE + "str"


def _duplicate_keys(node: yaml.MappingNode) -> Iterator[NodeIssue]:
    seen: dict[str, int] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
            continue
        if key.value in seen:
            yield NodeIssue(
                line_of(key),
                f"key `{key.value}` appears twice in one mapping (first on line {seen[key.value]})",
            )
        else:
            seen[key.value] = line_of(key)


def construct(node: yaml.Node) -> object:
    """Plain Python data of a checked tree, built by PyYAML's safe constructor."""
    constructor = _BankConstructor()
    try:
        return constructor.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise SourceError(f"YAML error: {exc.problem}", mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        raise SourceError(f"YAML error: {exc}", line_of(node)) from None


class _BankConstructor(yaml.constructor.SafeConstructor):
    """PyYAML's safe constructor, except that an unquoted date stays the text it is:
    a prompt or choice reading `2024-01-31` is text, not a ``datetime.date``."""

    yaml_constructors = {
        **yaml.constructor.SafeConstructor.yaml_constructors,
        _CORE + "timestamp": yaml.constructor.SafeConstructor.construct_yaml_str,
    }


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def locate(root: yaml.Node, data: object, loc: Sequence[int | str]) -> tuple[int, list[int | str]]:
    """The line of the node at a pydantic error location, and the location's real path.

    Pydantic adds steps that are not in the data (``function-after[…]``, union member
    names); those are skipped. For a mapping key, the key's own line is reported, which
    is what an instructor sees as "the line with the mistake", also for unknown keys.
    """
    node, path = root, list[int | str]()
    line = line_of(root)
    for step in loc:
        if isinstance(step, int) and isinstance(node, yaml.SequenceNode) and isinstance(data, list):
            if not 0 <= step < len(node.value) or step >= len(data):
                break
            node, data = node.value[step], data[step]
        elif (
            isinstance(step, str) and isinstance(node, yaml.MappingNode) and isinstance(data, dict)
        ):
            if step not in data:
                continue
            pair = _find_key(node, step)
            if pair is None:
                break
            key_node, node = pair
            data = data[step]
            line = line_of(key_node)
            path.append(step)
            continue
        else:
            continue
        path.append(step)
        line = line_of(node)
    return line, path


def _find_key(node: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    for key, value in node.value:  # merged in with `<<: *anchor`
        if isinstance(key, yaml.ScalarNode) and key.value == "<<":
            merged = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in merged:
                if isinstance(source, yaml.MappingNode):
                    found = _find_key(source, name)
                    if found is not None:
                        return found
    return None


def line_at(node: yaml.Node, path: Sequence[str | int]) -> int:
    """The line of the deepest node on ``path`` under ``node`` (a key's own line)."""
    line = line_of(node)
    for step in path:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            pair = _find_key(node, step)
            if pair is None:
                break
            line, node = line_of(pair[0]), pair[1]
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            node = node.value[step]
            line = line_of(node)
        else:
            break
    return line
