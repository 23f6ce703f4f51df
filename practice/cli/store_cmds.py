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


def run_course(args: argparse.Namespace) -> int:
    from db import course_cli

    return course_cli.run(args)


def add_course_parser(sub: argparse._SubParsersAction) -> None:
    """``course …``: class mode's courses, for whoever runs the server."""
    course = sub.add_parser(
        "course",
        help="class mode: create courses, add instructors, show join codes and members",
        description="Courses for class mode (PRACTICE_MODE=class), in the configured store. "
        "COURSE is a course's name (case ignored) or its number. Exit status: 0 done, "
        "1 unknown course, taken name, bad email or unusable store, 2 bad usage.",
    )
    actions = course.add_subparsers(dest="course_command", metavar="ACTION")
    actions.required = True
    create = actions.add_parser("create", help="a new course; prints its join code")
    create.add_argument("name", metavar="NAME", help="the course's name, e.g. 'Calculus II'")
    actions.add_parser("list", help="every course with its number and join code")
    add = actions.add_parser(
        "add-instructor",
        help="make whoever signs in with EMAIL an instructor of COURSE",
        description="Now if they have signed in before, else at their first sign-in.",
    )
    add.add_argument("course", metavar="COURSE")
    add.add_argument("email", metavar="EMAIL")
    code = actions.add_parser("code", help="show the join code students type")
    code.add_argument("course", metavar="COURSE")
    rotate = actions.add_parser(
        "rotate-code", help="a new join code; the old one admits nobody from now on"
    )
    rotate.add_argument("course", metavar="COURSE")
    members = actions.add_parser("members", help="the people in COURSE with their role")
    members.add_argument("course", metavar="COURSE")
    members.add_argument("--json", action="store_true", help="a JSON array of objects")
    for parser in (create, actions.choices["list"], add, code, rotate, members):
        parser.set_defaults(handler=run_course)


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
    add_course_parser(sub)
