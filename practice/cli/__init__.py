"""The ``python -m practice`` command line.

Each subcommand lives in its own module with two functions: ``add_parser(sub)``
declares its arguments, and the ``handler`` it sets with ``set_defaults`` does the
work and returns the exit status. Exit statuses follow the contract: 0 success,
1 the input was examined and is wrong, 2 bad usage. argparse already exits 2 on bad
usage.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from practice.cli import bank_cmds, grade_cmd, store_cmds


class CommandParser(argparse.ArgumentParser):
    """A subcommand's parser. With ``intermixed`` set, an optional positional may come
    after the options (``check ID --seed 1 ANSWER``, where ANSWER is optional because
    ``--file`` may stand for it): plain argparse would bind the optional positional,
    empty, to the first run of positionals and refuse the later one."""

    intermixed = False
    _inside = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if not self.intermixed or self._inside:
            return super().parse_known_args(args, namespace)
        self._inside = True  # the intermixed parse calls this method again, twice
        try:
            return super().parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m practice",
        description="Gradient Practice: validate banks, preview and grade problems, export progress.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    sub.required = True
    for module in (grade_cmd, bank_cmds, store_cmds):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    status: int = args.handler(args)
    return status
