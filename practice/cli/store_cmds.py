"""``export`` and ``db upgrade``: the store's subcommands.

The handlers import ``db`` only when they run: the core stays free of SQLAlchemy,
and ``grade`` or ``validate`` never pay for loading it.
"""

from __future__ import annotations

import argparse
import importlib


def _run_in_db_cli(function_name: str) -> object:
    def handler(args: argparse.Namespace) -> int:
        module = importlib.import_module("db.cli")
        status: int = getattr(module, function_name)(args)
        return status

    return handler


def add_parser(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="every attempt of one learner, to stdout")
    export.add_argument("--learner", required=True, help="the learner's name")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.set_defaults(handler=_run_in_db_cli("run_export"))

    db = sub.add_parser("db", help="manage the progress store")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_sub.required = True
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations to the store")
    upgrade.set_defaults(handler=_run_in_db_cli("run_upgrade"))
