"""Class mode in the store: people, courses, memberships with a role, join codes.

``Courses`` is reached as ``store.courses``. A person's practice record is a learner
row made for them on first sign-in, with a ``name_key`` that starts with a control
character, which ``bounds.learner_name`` refuses in any typed name: no local profile
can ever be that person, and the local picker never lists them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from db.bounds import InvalidInput
from db.engine import run_write
from db.models import (
    COURSE_NAME_MAX,
    CourseRow,
    InvitationRow,
    LearnerRow,
    MembershipRow,
    PersonRow,
)
from db.records import Learner
from practice.people import Identity, Role, normalise_email

PERSON_KEY_PREFIX = "\x1fperson:"
# No 0/O, 1/I/L: a code read aloud or off a projector is typed right.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


@dataclass(frozen=True)
class Person:
    id: int
    issuer: str
    subject: str
    name: str
    email: str | None
    learner: Learner
    email_matchable: bool = False  # invitations and add-instructor can find them by email


@dataclass(frozen=True)
class Course:
    id: int
    name: str
    join_code: str


@dataclass(frozen=True)
class Membership:
    course: Course
    role: Role


@dataclass(frozen=True)
class Member:
    """One row of ``course members``: a person in the course, or an invitation
    (``person_id`` None) not yet taken up."""

    person_id: int | None
    name: str
    email: str | None
    role: Role
    learner_id: int | None
    joined_at: datetime


def now() -> datetime:
    return datetime.now(UTC)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def typed_code(raw: str) -> str:
    """A join code as typed (spaces, dashes, lower case) in the stored form."""
    return "".join(ch for ch in raw.upper() if ch.isalnum())[: CODE_LENGTH * 2]


def course_name(raw: str) -> tuple[str, str]:
    """(display, key) of a course name, or InvalidInput."""
    display = " ".join(str(raw).split())
    if not display or len(display) > COURSE_NAME_MAX:
        raise InvalidInput(f"a course name has 1 to {COURSE_NAME_MAX} characters")
    if display.isdigit():
        raise InvalidInput("a course name cannot be only digits (those name a course by id)")
    return display, display.casefold()


def _person_key(issuer: str, subject: str) -> str:
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode()).hexdigest()
    return f"{PERSON_KEY_PREFIX}{digest}"


_COURSE = (CourseRow.id, CourseRow.name, CourseRow.join_code)


class Courses:
    """People, courses and memberships; every result is a frozen dataclass."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- people ------------------------------------------------------------------

    def person(self, who: Identity) -> Person:
        """The person ``who`` names, created on first sign-in (with their learner row,
        and their invitations turned into memberships); name and email follow the
        token. Safe when two sessions of one person arrive at once."""
        found = self.find_person(who.issuer, who.subject)
        matchable = bool(who.email) and who.email_verified
        same = (who.name, who.email, matchable)
        if found is not None and (found.name, found.email, found.email_matchable) == same:
            return found
        try:
            run_write(self.engine, lambda connection: self._save_person(connection, who))
        except IntegrityError:
            pass  # the other session created them a moment ago
        made = self.find_person(who.issuer, who.subject)
        if made is None:
            raise AssertionError("a person vanished after being stored")
        return made

    def _save_person(self, connection: Connection, who: Identity) -> None:
        moment = now()
        # only an email the provider has not called unverified can be matched by an
        # invitation or by `course add-instructor`
        email_key = normalise_email(who.email) if who.email and who.email_verified else None
        row = connection.execute(
            select(PersonRow.id, PersonRow.learner_id).where(
                PersonRow.issuer == who.issuer, PersonRow.subject == who.subject
            )
        ).one_or_none()
        if row is not None:
            connection.execute(
                update(PersonRow)
                .where(PersonRow.id == row.id)
                .values(name=who.name, email=who.email, email_key=email_key, last_seen_at=moment)
            )
            connection.execute(
                update(LearnerRow).where(LearnerRow.id == row.learner_id).values(name=who.name)
            )
            person_id = row.id
        else:
            learner_id = connection.execute(
                insert(LearnerRow)
                .values(
                    name=who.name,
                    name_key=_person_key(who.issuer, who.subject),
                    created_at=moment,
                )
                .returning(LearnerRow.id)
            ).scalar_one()
            person_id = connection.execute(
                insert(PersonRow)
                .values(
                    issuer=who.issuer,
                    subject=who.subject,
                    name=who.name,
                    email=who.email,
                    email_key=email_key,
                    learner_id=learner_id,
                    created_at=moment,
                    last_seen_at=moment,
                )
                .returning(PersonRow.id)
            ).scalar_one()
        if email_key:
            self._claim_invitations(connection, person_id, email_key)

    def _claim_invitations(self, connection: Connection, person_id: int, email_key: str) -> None:
        invites = connection.execute(
            select(InvitationRow.id, InvitationRow.course_id, InvitationRow.role).where(
                InvitationRow.email_key == email_key
            )
        ).all()
        for invite in invites:
            self._set_role(connection, invite.course_id, person_id, Role(invite.role))
            connection.execute(delete(InvitationRow).where(InvitationRow.id == invite.id))

    def find_person(self, issuer: str, subject: str) -> Person | None:
        p = PersonRow
        query = (
            select(
                p.id,
                p.issuer,
                p.subject,
                p.name,
                p.email,
                p.email_key,
                p.learner_id,
                LearnerRow.created_at,
            )
            .join(LearnerRow, LearnerRow.id == p.learner_id)
            .where(p.issuer == issuer, p.subject == subject)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).one_or_none()
        if row is None:
            return None
        learner = Learner(row.learner_id, row.name, row.created_at)
        return Person(
            row.id, row.issuer, row.subject, row.name, row.email, learner, row.email_key is not None
        )

    # --- courses -----------------------------------------------------------------

    def create_course(self, name: str) -> Course:
        """A new course with a fresh join code; InvalidInput if the name is taken."""
        display, key = course_name(name)
        if self._course_where(CourseRow.name_key == key) is not None:
            raise InvalidInput(f"there is already a course called {display!r}")

        def create(connection: Connection) -> int:
            return int(
                connection.execute(
                    insert(CourseRow)
                    .values(name=display, name_key=key, join_code=new_code(), created_at=now())
                    .returning(CourseRow.id)
                ).scalar_one()
            )

        try:
            course_id = run_write(self.engine, create)
        except IntegrityError as error:
            raise InvalidInput(f"there is already a course called {display!r}") from error
        return self._course_by_id(course_id)

    def find_course(self, name_or_id: str) -> Course | None:
        """The course with that id (digits) or name (case and spacing ignored)."""
        text = " ".join(str(name_or_id).split())
        if text.isdigit():
            return self._course_where(CourseRow.id == int(text))
        return self._course_where(CourseRow.name_key == text.casefold())

    def courses(self) -> list[Course]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(*_COURSE).order_by(CourseRow.name_key))
            return [Course(*row) for row in rows]

    def _course_by_id(self, course_id: int) -> Course:
        found = self._course_where(CourseRow.id == course_id)
        if found is None:
            raise LookupError(f"no course {course_id}")
        return found

    def _course_where(self, condition: object) -> Course | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(*_COURSE).where(condition)).one_or_none()  # type: ignore[arg-type]
        return None if row is None else Course(*row)

    def rotate_code(self, course_id: int) -> Course:
        """A new join code; the old one joins nobody from now on."""
        run_write(
            self.engine,
            lambda c: c.execute(
                update(CourseRow).where(CourseRow.id == course_id).values(join_code=new_code())
            ),
        )
        return self._course_by_id(course_id)

    # --- memberships -------------------------------------------------------------

    def join(self, person_id: int, code: str) -> Course | None:
        """Join the course whose code this is, as a student (an instructor stays an
        instructor); None when no course has that code."""
        wanted = typed_code(code)
        if len(wanted) != CODE_LENGTH:
            return None
        course = self._course_where(CourseRow.join_code == wanted)
        if course is None:
            return None
        run_write(
            self.engine, lambda c: self._set_role(c, course.id, person_id, Role.STUDENT, keep=True)
        )
        return course

    def add_instructor(self, course_id: int, email: str) -> bool:
        """Make whoever signs in with ``email`` an instructor of the course: now, if
        they have signed in before (True), else at their first sign-in (False)."""
        key = normalise_email(email)
        if "@" not in key or len(key) > 254 or any(ch.isspace() for ch in key):
            raise InvalidInput(f"{email.strip()!r} is not an email address")

        def add(connection: Connection) -> bool:
            people = connection.scalars(select(PersonRow.id).where(PersonRow.email_key == key))
            found = list(people)
            for person_id in found:
                self._set_role(connection, course_id, person_id, Role.INSTRUCTOR)
            if found:
                return True
            exists = connection.execute(
                select(InvitationRow.id).where(
                    InvitationRow.course_id == course_id, InvitationRow.email_key == key
                )
            ).first()
            if exists is None:
                connection.execute(
                    insert(InvitationRow).values(
                        course_id=course_id,
                        email_key=key,
                        role=Role.INSTRUCTOR.value,
                        created_at=now(),
                    )
                )
            return False

        return run_write(self.engine, add)

    def _set_role(
        self, connection: Connection, course_id: int, person_id: int, role: Role, keep: bool = False
    ) -> None:
        """Give ``person_id`` ``role`` in the course; ``keep``: never demote."""
        current = connection.execute(
            select(MembershipRow.id, MembershipRow.role).where(
                MembershipRow.course_id == course_id, MembershipRow.person_id == person_id
            )
        ).one_or_none()
        if current is None:
            connection.execute(
                insert(MembershipRow).values(
                    course_id=course_id, person_id=person_id, role=role.value, created_at=now()
                )
            )
        elif current.role != role.value and not (keep and current.role == Role.INSTRUCTOR):
            connection.execute(
                update(MembershipRow).where(MembershipRow.id == current.id).values(role=role.value)
            )

    def memberships(self, person_id: int) -> list[Membership]:
        """The courses a person is in, with their role, by course name."""
        query = (
            select(*_COURSE, MembershipRow.role)
            .join(MembershipRow, MembershipRow.course_id == CourseRow.id)
            .where(MembershipRow.person_id == person_id)
            .order_by(CourseRow.name_key)
        )
        with self.engine.connect() as connection:
            return [
                Membership(Course(r.id, r.name, r.join_code), Role(r.role))
                for r in connection.execute(query)
            ]

    def role_in(self, person_id: int, course_id: int) -> Role | None:
        query = select(MembershipRow.role).where(
            MembershipRow.person_id == person_id, MembershipRow.course_id == course_id
        )
        with self.engine.connect() as connection:
            role = connection.execute(query).scalar_one_or_none()
        return None if role is None else Role(role)

    def instructed(self, person_id: int) -> list[Course]:
        """The courses this person teaches."""
        return [m.course for m in self.memberships(person_id) if m.role is Role.INSTRUCTOR]

    def student_learners(self, course_id: int) -> list[int]:
        """The learner ids of the course's students: whose attempts its statistics count."""
        query = (
            select(PersonRow.learner_id)
            .join(MembershipRow, MembershipRow.person_id == PersonRow.id)
            .where(MembershipRow.course_id == course_id, MembershipRow.role == Role.STUDENT.value)
            .order_by(PersonRow.learner_id)
        )
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    def members(self, course_id: int) -> list[Member]:
        """Everyone in the course (instructors first, then by name), then the
        invitations not yet taken up."""
        people = (
            select(
                PersonRow.id,
                PersonRow.name,
                PersonRow.email,
                MembershipRow.role,
                PersonRow.learner_id,
                MembershipRow.created_at,
            )
            .join(MembershipRow, MembershipRow.person_id == PersonRow.id)
            .where(MembershipRow.course_id == course_id)
        )
        invites = select(
            InvitationRow.email_key, InvitationRow.role, InvitationRow.created_at
        ).where(InvitationRow.course_id == course_id)
        with self.engine.connect() as connection:
            found = [
                Member(r.id, r.name, r.email, Role(r.role), r.learner_id, r.created_at)
                for r in connection.execute(people)
            ]
            pending = [
                Member(
                    None,
                    "(invited, not signed in yet)",
                    r.email_key,
                    Role(r.role),
                    None,
                    r.created_at,
                )
                for r in connection.execute(invites)
            ]
        found.sort(key=lambda m: (m.role is not Role.INSTRUCTOR, m.name.casefold(), m.person_id))
        return found + sorted(pending, key=lambda m: m.email or "")
