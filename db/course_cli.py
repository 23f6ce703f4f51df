"""``python -m practice course …`` (declared in practice.cli.store_cmds): the operator's
side of class mode. Every failure a user can cause is one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import json
import sys

from db import InvalidInput, open_store
from db.cli import STORE_ERRORS, _store_failed
from db.courses import Course, Courses, Member


def run(args: argparse.Namespace) -> int:
    try:
        store = open_store()
        try:
            return _act(store.courses, args)
        finally:
            store.close()
    except InvalidInput as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except STORE_ERRORS as error:
        return _store_failed(error)


def _act(courses: Courses, args: argparse.Namespace) -> int:
    action = args.course_command
    if action == "create":
        made = courses.create_course(args.name)
        print(f"course {made.id}: {made.name}; join code {made.join_code}")
        return 0
    if action == "list":
        for course in courses.courses():
            print(f"{course.id}\t{course.name}\t{course.join_code}")
        return 0
    found = courses.find_course(args.course)
    if found is None:
        print(f"error: no course {_shown(args.course)} (see `course list`)", file=sys.stderr)
        return 1
    course = found
    if action == "add-instructor":
        now = courses.add_instructor(course.id, args.email)
        when = "now" if now else "when they first sign in"
        print(f"{args.email.strip()} is an instructor of {course.name} ({when})")
    elif action == "code":
        print(course.join_code)
    elif action == "rotate-code":
        print(courses.rotate_code(course.id).join_code)
    elif action == "members":
        _print_members(course, courses.members(course.id), as_json=args.json)
    return 0


def _print_members(course: Course, members: list[Member], *, as_json: bool) -> None:
    rows: list[dict[str, object]] = [
        {
            "role": m.role.value,
            "name": m.name,
            "email": m.email,
            "signed_in": m.person_id is not None,
            "since": m.joined_at.isoformat(),
        }
        for m in members
    ]
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return
    print(f"{course.name}: {len(members)} member(s)")
    for m in members:
        print(f"{m.role.value}\t{m.name}\t{m.email or '-'}\t{m.joined_at.date().isoformat()}")


def _shown(text: str, limit: int = 80) -> str:
    quoted = repr(text)
    return quoted if len(quoted) <= limit else quoted[: limit - 4] + "...'"
