"""``validate``, ``list``, ``preview``, ``check`` and ``schema``: the banks' subcommands.

Output formats are the contract of ../shared/contracts.md. Everything a bank or an
argument contains ends as a clear line and an exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

from practice.banks import Catalog, load_catalog
from practice.banks.bank_file import BankFile
from practice.banks.summary import counted, summary_lines
from practice.cli import parts_output
from practice.grading.results import BadRequest, GradeResult
from practice.limits import LIMITS
from practice.variants import Variant, VariantError, make_variant
from practice.variants.check import DEFAULT_VARIANTS, problem_issues_within
from practice.variants.follow_through import PartsGrade
from practice.vocabulary import Kind
from practice.workers import VariantUnavailable, open_grading


def add_parser(sub: argparse._SubParsersAction) -> None:
    validate = sub.add_parser("validate", help="check banks as deeply as the app uses them")
    validate.add_argument(
        "paths",
        nargs="*",
        type=_path,
        metavar="PATH",
        help="bank files or folders (default: the configured bank folders)",
    )
    validate.add_argument(
        "--variants",
        type=_variant_count,
        default=DEFAULT_VARIANTS,
        metavar="N",
        help=f"variants generated and graded per problem (default {DEFAULT_VARIANTS})",
    )
    validate.add_argument(
        "--time-limit",
        type=_seconds,
        default=None,
        metavar="S",
        help=f"seconds allowed per problem (default: {LIMITS.time.problem_check:g}, or one per variant if more)",
    )
    validate.set_defaults(handler=run_validate)

    listing = sub.add_parser("list", help="every problem that loaded")
    listing.add_argument("--json", action="store_true", help="a JSON array instead of a table")
    listing.set_defaults(handler=run_list)

    preview = sub.add_parser("preview", help="one variant of a problem, as the learner sees it")
    preview.add_argument("problem_id", metavar="PROBLEM_ID")
    preview.add_argument(
        "--seed", type=_seed, default=0, metavar="N", help="variant seed (default 0)"
    )
    preview.add_argument("--json", action="store_true", help="one JSON object")
    preview.add_argument(
        "--given",
        action="append",
        type=parts_output.given_argument,
        default=[],
        metavar="K=ANSWER",
        help="a problem in parts: derive the parts after K from this answer to part K (repeatable)",
    )
    preview.set_defaults(handler=run_preview)

    check = sub.add_parser("check", help="grade one answer against one variant, as the app does")
    check.add_argument("problem_id", metavar="PROBLEM_ID")
    check.add_argument(
        "--seed", type=_seed, default=0, metavar="N", help="variant seed (default 0)"
    )
    check.add_argument(
        "answers",
        nargs="*",
        metavar="ANSWER",
        help="the answer as a learner types it; a problem in parts takes one per part, "
        "in order (put `--` before them)",
    )
    check.add_argument(
        "--file",
        metavar="PATH",
        help="grade this file instead (a code problem's solution.py; `-` reads standard input)",
    )
    # A learner's answer may start with a minus (`-2x`, `-(1, 2)`): let argparse take any
    # "-<not dash>" that is not a known option as a value, not only negative numbers.
    check._negative_number_matcher = re.compile(r"^-[^-]")
    check.intermixed = True  # a CommandParser (practice/cli/__init__.py): ANSWER is optional
    check.set_defaults(handler=run_check, usage_error=check.error)

    schema = sub.add_parser("schema", help="JSON Schema of bank files, for editors")
    schema.set_defaults(handler=run_schema)


def _variant_count(text: str) -> int:
    value = _int(text)
    if not 1 <= value <= 10_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


def _seed(text: str) -> int:
    value = _int(text)
    if not 0 <= value <= LIMITS.seeds.largest:
        raise argparse.ArgumentTypeError(f"must be between 0 and {LIMITS.seeds.largest}")
    return value


_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")
MAX_DIGITS = 30


def _int(text: str) -> int:
    """A whole number as people type it: ASCII digits (``int`` alone would also take
    ``1_000`` or Arabic-Indic digits, and choke on 5000 digits with a message about
    ``sys.set_int_max_str_digits``)."""
    stripped = text.strip()
    shown = stripped if len(stripped) <= 40 else stripped[:37] + "..."
    if not _WHOLE_NUMBER.fullmatch(stripped):
        raise argparse.ArgumentTypeError(f"not a whole number: {shown!r}")
    if len(stripped.lstrip("+-")) > MAX_DIGITS:
        raise argparse.ArgumentTypeError(f"too large: {shown!r}")
    return int(stripped)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text[:40]!r}") from None
    if not 0 < value <= 86_400:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 86400")
    return value


def _path(text: str) -> Path:
    """An empty PATH would silently mean the working folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("PATH must not be empty")
    return Path(text)


def run_validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.paths or None)
    issues = list(catalog.issues)
    seconds = args.time_limit or LIMITS.time.problem_check_seconds(args.variants)
    for problem in catalog.problems.values():
        issues += problem_issues_within(problem, args.variants, seconds)
    issues.sort(key=lambda issue: (issue.file, issue.line or 0))
    for issue in issues:
        print(issue)
    print("\n".join(summary_lines(catalog, errors=len(issues))))
    return 1 if issues else 0


def run_list(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    rows: list[dict[str, object]] = [
        {
            "id": problem.id,
            "bank": problem.bank,
            "topic": problem.topic,
            "kind": problem.kind,
            "level": problem.level,
            "title": problem.spec.title,
            "tags": list(problem.tags),
            **({"parts": len(problem.parts)} if problem.parts else {}),
        }
        for problem in catalog.problems.values()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        problems = list(catalog.problems.values())
        width = max((len(problem.id) for problem in problems), default=2)
        for problem in problems:
            print(
                f"{problem.id:<{width}}  {problem.level}  {problem.kind:<10}  {problem.topic}  ({problem.bank})"
            )
    if catalog.issues:
        print(_bank_errors(catalog), file=sys.stderr)
    return 0


def run_preview(args: argparse.Namespace) -> int:
    variant = _variant(args.problem_id, args.seed)
    if variant is None:
        return 1
    if args.given:
        found = parts_output.with_given_answers(variant, args.given)
        if isinstance(found, str):
            print(f"{args.problem_id}: {found}", file=sys.stderr)
            return 1
        variant = found
    if args.json:
        print(json.dumps(preview_json(variant), ensure_ascii=False, indent=2))
    else:
        print(preview_text(variant))
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Grade in a worker process, as the app does, so ``check`` says what the app says."""
    answers = _answers(args)
    if answers is None:
        return 2
    catalog = load_catalog()
    problem = catalog.problems.get(args.problem_id)
    if problem is None:
        print(_unknown_problem(catalog, args.problem_id), file=sys.stderr)
        return 1
    expected = len(problem.parts) or 1
    if len(answers) > expected:
        print(
            f"python -m practice check: error: {problem.id} takes {expected} "
            f"answer(s), got {len(answers)} (quote an answer that has spaces)",
            file=sys.stderr,
        )
        return 2
    result: GradeResult | PartsGrade | VariantUnavailable
    with open_grading(1) as grading:
        try:
            if problem.parts:
                texts = [_text(answer) for answer in answers]
                padded = [*texts, *[""] * (expected - len(texts))]
                result = grading.grade_parts(problem.id, args.seed, padded)
            elif problem.kind == Kind.CODE:  # the worker runs the file in the sandbox
                result = grading.grade_code(problem.id, args.seed, answers[0])
            else:
                result = grading.grade(problem.id, args.seed, _text(answers[0]))
        except BadRequest as exc:
            print(f"{problem.id}: cannot grade against this variant: {exc}", file=sys.stderr)
            return 1
    if isinstance(result, VariantUnavailable):
        print(f"{problem.bank}:{problem.line}: {problem.id}: {result.message}", file=sys.stderr)
        return 1
    print(json.dumps(result.to_json(), ensure_ascii=False))
    if isinstance(result, GradeResult) and not result.graded:
        print(f"{problem.id}: not graded: {result.error}", file=sys.stderr)
        return 1
    return 0


MAX_FILE = 1 << 20  # bytes read from --file; the sandbox refuses what is past its own limit


def _answers(args: argparse.Namespace) -> list[str | bytes] | None:
    """The ANSWERs, or the bytes of ``--file`` (at most ``MAX_FILE`` of them); ``None``
    after one line saying why the file cannot be read."""
    if not args.answers and args.file is None:
        args.usage_error("the following arguments are required: ANSWER (or --file PATH)")
    if args.answers and args.file is not None:
        args.usage_error("give either ANSWER or --file PATH, not both")
    if args.file is None:
        return list(args.answers)
    try:
        if args.file == "-":
            return [sys.stdin.buffer.read(MAX_FILE + 1)]
        with open(args.file, "rb") as handle:
            return [handle.read(MAX_FILE + 1)]
    except OSError as exc:
        print(f"check: cannot read {_shown(args.file)}: {exc.strerror or exc}", file=sys.stderr)
        return None


def _text(answer: str | bytes) -> str:
    """A typed answer; a file given for one is read as UTF-8."""
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer


def run_schema(args: argparse.Namespace) -> int:
    schema = BankFile.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Gradient Practice problem bank",
        **schema,
    }
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return 0


def _variant(problem_id: str, seed: int) -> Variant | None:
    """The variant, or ``None`` after printing one line that says why not."""
    catalog = load_catalog()
    problem = catalog.problems.get(problem_id)
    if problem is None:
        print(_unknown_problem(catalog, problem_id), file=sys.stderr)
        return None
    try:
        return make_variant(problem, seed)  # stops itself after LIMITS.time.variant
    except VariantError as exc:
        print(f"{problem.bank}:{problem.line}: {problem_id}: {exc}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 — one clear line, never a traceback
        print(
            f"{problem.bank}:{problem.line}: {problem_id}: cannot make this variant: {exc}",
            file=sys.stderr,
        )
    return None


def _unknown_problem(catalog: Catalog, problem_id: str) -> str:
    broken = [issue for issue in catalog.issues if issue.problem_id == problem_id]
    if broken:
        return f"problem `{problem_id}` did not load: {broken[0]}"
    close = difflib.get_close_matches(problem_id, list(catalog.problems), n=1)
    hint = f" (did you mean `{close[0]}`?)" if close else ""
    # A missing bank folder or a broken bank may be why the id is unknown: say so.
    errors = f" ({_bank_errors(catalog)})" if catalog.issues else ""
    return f"unknown problem `{_shown(problem_id)}`{hint}; `python -m practice list` shows them all{errors}"


def _bank_errors(catalog: Catalog) -> str:
    return f"{counted(len(catalog.issues), 'bank error')}: run `python -m practice validate`"


def _shown(text: str, limit: int = 80) -> str:
    """Text from the command line, on one line and cut short, for a message."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def preview_json(variant: Variant) -> dict[str, object]:
    data: dict[str, object] = {
        "id": variant.problem_id,
        "seed": variant.seed,
        "kind": variant.kind,
        "level": variant.level,
        "topic": variant.topic,
        "prompt": variant.prompt,
        "answer": variant.answer,
        "answer_latex": variant.answer_latex,
        "hints": list(variant.hints),
        "solution": variant.solution,
        "variables": list(variant.variables),
    }
    if variant.choices:
        data["choices"] = [{"label": label, "text": text} for label, text in variant.choices]
    if variant.kind == Kind.SELF_CHECK:
        data["model_answer"] = variant.model_answer
    if variant.parts:
        data["parts"] = parts_output.parts_json(variant)
    return data


def preview_text(variant: Variant) -> str:
    if variant.parts:
        heading = f"# {variant.problem_id} — in {len(variant.parts)} parts, level {variant.level}, topic {variant.topic}, seed {variant.seed}"
        return "\n\n".join([heading, variant.prompt.strip(), *parts_output.parts_text(variant)])
    parts = [
        f"# {variant.problem_id} — {variant.kind}, level {variant.level}, topic {variant.topic}, seed {variant.seed}",
        "## Prompt\n\n" + variant.prompt.strip(),
    ]
    if variant.choices:
        parts.append(
            "## Choices\n\n"
            + "\n".join(f"{label}. {text.strip()}" for label, text in variant.choices)
        )
    if variant.variables:
        parts.append("## Variables\n\n" + ", ".join(variant.variables))
    if variant.kind == Kind.SELF_CHECK:
        parts.append("## Model answer\n\n" + variant.model_answer.strip())
        parts.append(
            "## Answer\n\n"
            + variant.answer
            + "  (the learner's own rating: right, partly or wrong)"
        )
    else:
        parts.append("## Answer\n\n" + variant.answer.strip())
    parts.append(
        "## Hints\n\n"
        + "\n".join(f"{i}. {hint.strip()}" for i, hint in enumerate(variant.hints, 1))
    )
    parts.append("## Solution\n\n" + variant.solution.strip())
    return "\n\n".join(parts)
