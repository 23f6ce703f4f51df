"""``export`` and ``db upgrade``: the store's subcommands, declared here and run by
``db.cli``.

The handlers import ``db`` when they run, not when the command line starts: the core
stays free of SQLAlchemy (``tests/test_layers.py`` checks that only ``practice.cli``
reaches ``db``, and only from inside a function), and ``grade`` or ``validate`` never
pay for loading it.
"""

from __future__ import annotations

import argparse


def run_export(args: argparse.Namespace) -> int:
    from db import cli

    return cli.run_export(args)


def run_upgrade(args: argparse.Namespace) -> int:
    from db import cli

    return cli.run_upgrade(args)


def add_parser(sub: argparse._SubParsersAction) -> None:
    export = sub.add_parser("export", help="every attempt of one learner, to stdout")
    export.add_argument("--learner", required=True, help="the learner's name")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.set_defaults(handler=run_export)

    db = sub.add_parser("db", help="manage the progress store")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION")
    db_sub.required = True
    upgrade = db_sub.add_parser("upgrade", help="apply pending migrations to the store")
    upgrade.set_defaults(handler=run_upgrade)
