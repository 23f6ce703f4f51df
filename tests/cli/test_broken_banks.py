"""``validate`` against broken banks, each next to one good bank.

Every case is run through the real command line code (``practice.cli.main``) in the
bank folder, and must keep the contract: the good bank still loads and is counted,
every error is one ``FILE:LINE: PROBLEM_ID: message`` line (``-`` above any problem),
nothing else is printed but the three summary lines, exit status 1.
"""

from __future__ import annotations

import os
import re
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from practice.cli import main

ISSUE_LINE = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+): (?P<id>[a-z0-9][a-z0-9._-]*|-): (?P<message>\S.*)$"
)

GOOD = """\
topic: good-topic
title: Good
problems:
  - id: good-one
    level: A
    kind: number
    prompt: What is 1 + 1?
    hints: [Add.]
    answer: {value: 2}
    fixed: true
"""

# Problems of a bank called `bad`, each line 4 onwards. NUM: `id` on 4, `answer` on 9.
NUMBER = """
- id: bad-p
  level: A
  kind: number
  prompt: What is 1 + 1?
  hints: [Add.]
  answer: {value: 2}
  fixed: true
"""
EXPRESSION = """
- id: bad-e
  level: A
  kind: expression
  variables: [x, y]
  params: {a: {int: [2, 4]}}
  function: a*x^2*y^3
  answer: {partial: {wrt: x}}
  prompt: 'Let $f = {{f}}$.'
  hints: [Hold y.]
"""
CHOICE = """
- id: bad-c
  level: B
  kind: choice
  prompt: Which way?
  choices:
    - {text: Uphill, feedback: Steep.}
    - {text: Downhill}
  answer: {choice: A}
  hints: [Think.]
  fixed: true
"""
HEADER = "topic: bad\ntitle: Bad\nproblems:\n"


def bank(problems: str, old: str = "", new: str = "") -> str:
    """A bank around ``problems`` with ``old`` replaced by ``new`` (which must be there)."""
    assert old in problems, old
    body = problems.replace(old, new, 1) if old else problems
    return HEADER + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n"


def billion_laughs() -> str:
    lines, previous = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"], "a0"
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*{previous}'] * 9)}]")
        previous = f"a{level}"
    return "\n".join(lines) + f"\ntopic: bad\ntitle: Bad\nproblems: *{previous}\n"


GOOD_NUMBER = bank(NUMBER)

# (case, file contents, the expected error lines as regular expressions, in order)
CASES: list[tuple[str, str | bytes, list[str]]] = [
    # -- YAML syntax and encoding
    (
        "bad indentation",
        bank(NUMBER, "  kind", "     kind"),
        [r"bad.yaml:6: -: YAML syntax error: "],
    ),
    (
        "unclosed quote",
        bank(NUMBER, "What", "'What"),
        [r"bad.yaml:\d+: -: YAML syntax error: .*quoted scalar"],
    ),
    (
        "unclosed bracket",
        bank(NUMBER, "[Add.]", "[Add."),
        [r"bad.yaml:9: -: YAML syntax error: .*flow sequence"],
    ),
    (
        "tab indentation",
        bank(NUMBER, "  level", "\tlevel"),
        [r"bad.yaml:5: -: YAML syntax error: .*tab"],
    ),
    (
        "duplicate key in a problem",
        bank(NUMBER, "  hints: [Add.]", "  hints: [Add.]\n  hints: [Twice.]"),
        [r"bad.yaml:9: bad-p: key `hints` appears twice in one mapping \(first on line 8\)"],
    ),
    (
        "duplicate key in a flow mapping",
        bank(NUMBER, "{value: 2}", "{value: 2, value: 3}"),
        [r"bad.yaml:9: bad-p: key `value` appears twice"],
    ),
    (
        "duplicate key at the top",
        "topic: other\n" + GOOD_NUMBER,
        [r"bad.yaml:2: -: key `topic` appears twice"],
    ),
    ("empty file", "", [r"bad.yaml:1: -: the file is empty"]),
    ("only comments", "# nothing\n# here\n", [r"bad.yaml:1: -: the file is empty"]),
    ("a list at the top", "- a\n- b\n", [r"bad.yaml:1: -: a bank is a mapping"]),
    ("a scalar at the top", "hello\n", [r"bad.yaml:1: -: a bank is a mapping"]),
    (
        "not UTF-8",
        GOOD_NUMBER.encode().replace(b"Add.", b"Add\xe9."),
        [r"bad.yaml:8: -: not UTF-8 text"],
    ),
    ("UTF-16", GOOD_NUMBER.encode("utf-16"), [r"bad.yaml:1: -: not UTF-8 text"]),
    ("binary", bytes(range(256)) * 4, [r"bad.yaml:\d+: -: not UTF-8 text"]),
    (
        "control character",
        bank(NUMBER, "What is", "What\x07 is"),
        [r"bad.yaml:7: -: YAML syntax error: character U\+0007 is not allowed"],
    ),
    ("huge file", "# " + "x" * 1_100_000 + "\n", [r"bad.yaml:1: -: file is larger than 1 MB"]),
    ("billion laughs", billion_laughs(), [r"bad.yaml:\d+: -: YAML expands to more than \d+ nodes"]),
    (
        "python tag",
        bank(NUMBER, "What is 1 + 1?", "!!python/object/apply:os.system [echo hacked]"),
        [r"bad.yaml:7: -: the YAML tag `!!python/object/apply:os.system` is not allowed in a bank"],
    ),
    (
        "custom tag",
        bank(NUMBER, "What is 1 + 1?", "!foo bar"),
        [r"bad.yaml:7: -: the YAML tag `!foo` is not"],
    ),
    (
        "set tag",
        bank(NUMBER, "[Add.]", "!!set {a: null}"),
        [r"bad.yaml:8: -: the YAML tag `!!set` is not"],
    ),
    (
        "binary tag",
        bank(NUMBER, "What is 1 + 1?", "!!binary aGVsbG8="),
        [r"bad.yaml:7: -: the YAML tag `!!binary`"],
    ),
    (
        "two documents",
        GOOD_NUMBER + "---\n" + GOOD_NUMBER,
        [r"bad.yaml:11: -: YAML syntax error: .*single document"],
    ),
    (
        "undefined alias",
        bank(NUMBER, "[Add.]", "*nope"),
        [r"bad.yaml:8: -: YAML syntax error: found undefined alias"],
    ),
    (
        "nested too deeply",
        HEADER + "  - " + "[" * 100 + "]" * 100 + "\n",
        [r"bad.yaml:4: -: YAML is nested too deeply"],
    ),
    (
        "integer too long",
        bank(NUMBER, "{value: 2}", "{value: " + "9" * 5000 + "}"),
        [r"bad.yaml:9: -: a number with more than 100 digits"],
    ),
    # -- schema: unknown keys at every level
    (
        "unknown key in the header",
        "extra: 1\n" + GOOD_NUMBER,
        [r"bad.yaml:1: -: unknown key `extra`"],
    ),
    (
        "unknown key in a problem",
        bank(NUMBER, "hints:", "hintz: [x]\n  hints:"),
        [r"bad.yaml:8: bad-p: unknown key `hintz` \(did you mean `hints`\?\)"],
    ),
    (
        "unknown key in an answer",
        bank(NUMBER, "{value: 2}", "{value: 2, valu: 3}"),
        [r"bad.yaml:9: bad-p: unknown key `valu` \(did you mean `value`\?\)"],
    ),
    (
        "unknown key in a param",
        bank(EXPRESSION, "{int: [2, 4]}", "{int: [2, 4], stp: 1}"),
        [r"bad.yaml:8: bad-e: unknown key `stp` \(did you mean `step`\?\)"],
    ),
    (
        "unknown key in a choice",
        bank(CHOICE, "{text: Downhill}", "{text: Downhill, feedbak: x}"),
        [r"bad.yaml:10: bad-c: unknown key `feedbak` \(did you mean `feedback`\?\)"],
    ),
    (
        "unknown key in a tolerance",
        bank(NUMBER, "hints:", "tolerance: {rtl: 0.1}\n  hints:"),
        [r"bad.yaml:8: bad-p: unknown key `rtl` \(did you mean `rtol`\?\)"],
    ),
    (
        "a number as a key",
        bank(NUMBER, "hints:", "1: x\n  hints:"),
        [r"bad.yaml:8: bad-p: unknown key `1`$"],
    ),
    (
        "yes as a key",
        bank(NUMBER, "hints:", "yes: x\n  hints:"),
        [r"bad.yaml:8: bad-p: unknown key `yes`$"],
    ),
    (
        "a number as a param name",
        bank(EXPRESSION, "{a: {int: [2, 4]}}", "{1: {int: [2, 4]}}"),
        [r"bad.yaml:8: bad-e: params.1: `1` does not match the pattern"],
    ),
    (
        "a merged problem that keeps the id",
        bank(NUMBER.replace("- id: bad-p", "- &base\n  id: bad-p") + "- <<: *base\n"),
        [r"bad.yaml:12: bad-p: id `bad-p` is already used at bad.yaml:5"],
    ),
    # -- schema: wrong types, missing fields
    (
        "level out of range",
        bank(NUMBER, "level: A", "level: E"),
        [r"bad.yaml:5: bad-p: level: Input should be 'A'"],
    ),
    (
        "hints not a list",
        bank(NUMBER, "[Add.]", "Add."),
        [r"bad.yaml:8: bad-p: hints: Input should be a valid list"],
    ),
    (
        "params a list",
        bank(EXPRESSION, "{a: {int: [2, 4]}}", "[a]"),
        [r"bad.yaml:8: bad-e: `params` must be a mapping of `key: value` lines, not a list"],
    ),
    (
        "a problem that is text",
        HEADER + "  - hello\n",
        [r"bad.yaml:4: -: a problem must be a mapping of `key: value` lines, not text \('hello'\)"],
    ),
    (
        "an empty answer",
        bank(NUMBER, "{value: 2}", ""),
        [r"bad.yaml:9: bad-p: `answer` must be a mapping of `key: value` lines, not nothing"],
    ),
    (
        "missing id",
        bank(NUMBER, "- id: bad-p\n  level", "- level"),
        [r"bad.yaml:4: -: missing key `id`"],
    ),
    (
        "missing prompt",
        bank(NUMBER, "  prompt: What is 1 + 1?\n"),
        [r"bad.yaml:4: bad-p: missing key `prompt`"],
    ),
    (
        "missing topic",
        GOOD_NUMBER.replace("topic: bad\n", ""),
        [r"bad.yaml:1: -: missing key `topic`"],
    ),
    (
        "problems empty",
        HEADER.replace("problems:\n", "problems: []\n"),
        [r"bad.yaml:3: -: `problems` must be a list"],
    ),
    # -- ids
    (
        "duplicate id in one file",
        bank(NUMBER + NUMBER.replace("What", "Who")),
        [r"bad.yaml:12: bad-p: id `bad-p` is already used at bad.yaml:4"],
    ),
    (
        "duplicate id after a broken problem",
        bank(NUMBER.replace("level: A", "level: Z") + NUMBER),
        [
            r"bad.yaml:5: bad-p: level: Input should be",
            r"bad.yaml:12: bad-p: id `bad-p` is already used at bad.yaml:4",
        ],
    ),
    (
        "id with a space",
        bank(NUMBER, "bad-p", "'bad p'"),
        [r"bad.yaml:4: -: id: `bad p` is not a valid slug"],
    ),
    (
        "id with unicode",
        bank(NUMBER, "bad-p", "bäd-p"),
        [r"bad.yaml:4: -: id: `bäd-p` is not a valid slug"],
    ),
    (
        "id too long",
        bank(NUMBER, "bad-p", "a" * 200),
        [r"bad.yaml:4: -: id: String should have at most 80"],
    ),
    (
        "id a number",
        bank(NUMBER, "bad-p", "42"),
        [
            r"bad.yaml:4: -: id: Input should be a valid string — YAML reads 42 as a number; quote it if it is text: '42'$"
        ],
    ),
    # -- params and constraints
    (
        "empty int range",
        bank(EXPRESSION, "[2, 4]", "[4, 2]"),
        [r"bad.yaml:8: bad-e: params.a: empty range: int \[4, 2\]"],
    ),
    (
        "empty decimal range",
        bank(EXPRESSION, "{int: [2, 4]}", "{decimal: [0.5, 0.1]}"),
        [r"bad.yaml:8: bad-e: params.a: empty range: decimal"],
    ),
    (
        "every value excluded",
        bank(EXPRESSION, "{int: [2, 4]}", "{int: [0, 0], not: [0]}"),
        [r"bad.yaml:8: bad-e: params.a: `a` has no value left"],
    ),
    (
        "enormous int param",
        bank(EXPRESSION, "[2, 4]", "[2, 100000000000000000000000]"),
        [r"bad.yaml:8: bad-e: params.a.int\[1\]: Input should be less than or equal to"],
    ),
    (
        "enormous decimal param",
        bank(EXPRESSION, "{int: [2, 4]}", "{choice: [1e300]}"),
        [r"bad.yaml:8: bad-e: params.a.choice\[0\]: 1E\+300 is outside"],
    ),
    (
        "impossible constraint",
        bank(EXPRESSION, "  function:", "  constraints: ['a > 10']\n  function:"),
        [r"bad.yaml:9: bad-e: no parameter draw satisfies .* constraints"],
    ),
    (
        "impossible constraint in a wide range",
        bank(
            EXPRESSION.replace("  function:", "  constraints: ['a^999 < 0']\n  function:"),
            "{int: [2, 4]}",
            "{int: [1, 1000000000000]}",
        ),
        [r"bad.yaml:9: bad-e: no parameter draw satisfies"],
    ),
    # -- expressions, placeholders and answers
    (
        "placeholder naming an unknown param",
        bank(EXPRESSION, "{{f}}", "{{f}} {{b}}"),
        [r"bad.yaml:11: bad-e: prompt: unknown placeholder `\{\{b\}\}`"],
    ),
    (
        "answer that does not parse",
        bank(NUMBER, "{value: 2}", "{value: '2 +* 3'}"),
        [
            r"bad.yaml:9: bad-p: answer.value: cannot read `2 \+\* 3`: `\*` needs something before it"
        ],
    ),
    (
        "function with an unknown name",
        bank(EXPRESSION, "a*x^2*y^3", "a*x^2*z"),
        [r"bad.yaml:9: bad-e: function: cannot read `a\*x\^2\*z`: unknown name `z`"],
    ),
    (
        "ln of a negative number",
        bank(NUMBER, "{value: 2}", "{value: 'ln(-1)'}"),
        [r"bad.yaml:9: bad-p: answer.value: cannot read `ln\(-1\)`: `ln` has no real value there"],
    ),
    (
        "answer undefined for every variant",
        bank(
            EXPRESSION.replace("  function: a*x^2*y^3\n", "")
            .replace("{{f}}", "{{a}}")
            .replace("{partial: {wrt: x}}", "{value: 'ln(-a)'}"),
            "kind: expression\n  variables: [x, y]",
            "kind: number",
        ),
        [r"bad.yaml:\d+: bad-e: the answer is undefined, infinite or complex for every draw"],
    ),
    (
        "a reference answer too long to show",
        bank(NUMBER, "{value: 2}", "{value: 1e400}"),
        [
            r"bad.yaml:9: bad-p: seed 0: the reference answer `1000000000\d* … \d*0000000000` does not grade"
        ],
    ),
    # -- choices and hints
    (
        "choice answer that is no label",
        bank(CHOICE, "{choice: A}", "{choice: C}"),
        [r"bad.yaml:4: bad-c: answer names choice `C`, which is not a label"],
    ),
    (
        "choices with the same label",
        bank(CHOICE, "{text: Uphill,", "{label: A, text: Uphill,").replace(
            "{text: Downhill}", "{label: a, text: Downhill}"
        ),
        [r"bad.yaml:4: bad-c: two choices have the same label"],
    ),
    (
        "empty hint list",
        bank(NUMBER, "[Add.]", "[]"),
        [r"bad.yaml:8: bad-p: hints: List should have at least 1 item"],
    ),
    (
        "an empty hint",
        bank(NUMBER, "[Add.]", "['Add.', ' ']"),
        [r"bad.yaml:8: bad-p: hints.1: is empty"],
    ),
]


@pytest.fixture
def validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., tuple[int, list[str]]]:
    """Run ``validate`` on ``tmp_path`` from inside it; return (status, stdout lines)."""
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def run(*paths: str) -> tuple[int, list[str]]:
        status = main(["validate", "--variants", "3", *(paths or (".",))])
        out, err = capsys.readouterr()
        assert err == ""
        return status, out.splitlines()

    return run


def assert_contract(status: int, lines: list[str], good_banks: int = 1) -> list[str]:
    """Exit 1, only issue lines above the summary, the good bank counted; the issue lines."""
    assert status == 1, lines
    *issues, summary, kinds, levels = lines
    assert [line for line in issues if not ISSUE_LINE.match(line)] == []
    assert re.match(r"\d+ banks?, \d+ problems?, \d+ errors?$", summary), summary
    assert kinds.startswith("  by kind:") and levels.startswith("  by level:")
    assert int(summary.split()[0]) >= good_banks and "number" in kinds
    return issues


@pytest.mark.parametrize(
    ("content", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_broken_bank_next_to_a_good_one(
    validate: Callable[..., tuple[int, list[str]]], content: str | bytes, expected: list[str]
) -> None:
    path = Path("bad.yaml")
    started = time.monotonic()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    status, lines = validate()
    issues = assert_contract(status, lines)
    assert len(issues) == len(expected), issues
    for line, pattern in zip(issues, expected, strict=True):
        assert re.match(pattern, line), (pattern, line)
    assert not [line for line in issues if line.startswith("good.yaml")]
    assert time.monotonic() - started < 20


def test_duplicate_ids_across_files_name_both_places(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    Path("a.yaml").write_text(bank(NUMBER), encoding="utf-8")
    Path("b.yaml").write_text(bank(NUMBER).replace("topic: bad", "topic: bad2"), encoding="utf-8")
    issues = assert_contract(*validate())
    assert issues == [
        "b.yaml:4: bad-p: id `bad-p` is already used at a.yaml:4; ids must be unique across banks"
    ]


@pytest.mark.parametrize("name", ["bank.yml", "bank.yaml", "sub/deeper/bank.yaml"])
def test_both_extensions_and_subfolders_are_banks(
    validate: Callable[..., tuple[int, list[str]]], name: str
) -> None:
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    Path(name).write_text(bank(NUMBER), encoding="utf-8")
    Path("notes.txt").write_text("not: [a bank", encoding="utf-8")
    status, lines = validate()
    assert status == 0 and lines[0] == "2 banks, 2 problems, no errors"


def test_bom_and_crlf_are_fine(validate: Callable[..., tuple[int, list[str]]]) -> None:
    Path("bad.yaml").write_bytes(b"\xef\xbb\xbf" + bank(NUMBER).replace("\n", "\r\n").encode())
    status, lines = validate()
    assert status == 0 and lines[0] == "2 banks, 2 problems, no errors"


def test_an_unquoted_date_is_text(validate: Callable[..., tuple[int, list[str]]]) -> None:
    Path("bad.yaml").write_text(bank(NUMBER, "What is 1 + 1?", "2024-01-31"), encoding="utf-8")
    status, lines = validate()
    assert status == 0, lines


def test_a_folder_named_like_a_bank_is_walked(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    Path("folder.yaml").mkdir()
    Path("folder.yaml/inner.yaml").write_text(bank(NUMBER), encoding="utf-8")
    status, lines = validate()
    assert status == 0 and lines[0] == "2 banks, 2 problems, no errors"
    status, lines = validate("good.yaml", "folder.yaml")
    assert status == 0 and lines[0] == "2 banks, 2 problems, no errors"


def test_symlinks(validate: Callable[..., tuple[int, list[str]]]) -> None:
    # A link to a bank that is loaded anyway is the same file: loaded once, no clash.
    Path("link.yaml").symlink_to("good.yaml")
    # A linked folder of banks is followed; a link back up the tree does not loop.
    Path("shared").mkdir()
    Path("shared/shared.yaml").write_text(bank(NUMBER), encoding="utf-8")
    Path("linked").symlink_to("shared")
    Path("shared/up").symlink_to("..")
    status, lines = validate()
    assert status == 0, lines
    assert lines[0] == "2 banks, 2 problems, no errors"
    # A broken link and a link to itself are one line each.
    Path("broken.yaml").symlink_to("nowhere.yaml")
    Path("loop.yaml").symlink_to("loop.yaml")
    issues = assert_contract(*validate())
    assert [line.split(": ")[0] for line in issues] == ["broken.yaml:1", "loop.yaml:1"]
    assert all("cannot read the file" in line for line in issues)


def test_a_fifo_is_refused_without_waiting(validate: Callable[..., tuple[int, list[str]]]) -> None:
    os.mkfifo("pipe.yaml")
    issues = assert_contract(*validate())
    assert issues == ["pipe.yaml:1: -: is not a regular file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file(validate: Callable[..., tuple[int, list[str]]]) -> None:
    Path("bad.yaml").write_text(bank(NUMBER), encoding="utf-8")
    Path("bad.yaml").chmod(0)
    issues = assert_contract(*validate())
    assert issues == ["bad.yaml:1: -: cannot read the file: Permission denied"]


@pytest.mark.parametrize(
    ("paths", "expected"),
    [
        (("missing",), ["missing:1: -: no such file or folder"]),
        (("good.yaml", "missing", "good.yaml"), ["missing:1: -: no such file or folder"]),
    ],
)
def test_paths(
    validate: Callable[..., tuple[int, list[str]]], paths: tuple[str, ...], expected: list[str]
) -> None:
    issues = assert_contract(*validate(*paths), good_banks=0)
    assert issues == expected


def test_a_folder_without_banks_is_valid_and_says_so(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    Path("empty").mkdir()
    status, lines = validate("empty")
    assert status == 0 and lines[0] == "0 banks, 0 problems, no errors"


def test_a_problem_too_heavy_to_compute_is_stopped_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An 8th mixed partial of a messy function: sympy would work on it for minutes.
    heavy = EXPRESSION.replace(
        "a*x^2*y^3", "'sin(x*y)^a/(1+x^2+y^2)^3*exp(cos(x+y))*ln(2+x^2)'"
    ).replace("{wrt: x}", "{wrt: [x, y, x, y, x, y, x, y]}")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(bank(heavy), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    started = time.monotonic()
    status = main(["validate", "--time-limit", "1", "."])
    assert time.monotonic() - started < 15
    issues = assert_contract(status, capsys.readouterr().out.splitlines())
    assert issues == [
        "bad.yaml:10: bad-e: checking 20 variants needs more than 1 s of computing: the answer, its "
        "derivatives or the worked solution are too heavy to compute; simplify `function` "
        "or `answer` (or raise --time-limit)"
    ]


def test_a_file_name_with_a_newline_stays_on_one_line(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    Path("bad\nname.yaml").write_text("topic: [\n", encoding="utf-8")
    issues = assert_contract(*validate())
    assert len(issues) == 1 and issues[0].startswith("bad\\nname.yaml:")
