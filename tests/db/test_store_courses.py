"""Class mode in the store, on SQLite and PostgreSQL: people by (issuer, subject),
courses with join codes, memberships with a role, instructors invited by email."""

from __future__ import annotations

import pytest

from db import InvalidInput, Store
from db.courses import CODE_LENGTH, typed_code
from practice.people import Identity, Role

ANA = Identity("https://id.example.org", "sub-ana", "Ana Lopez", "ana@example.org")
BEN = Identity("https://id.example.org", "sub-ben", "Ben Okafor", "Ben@Example.org")


def test_a_person_is_issuer_and_subject_and_keeps_their_record(store: Store) -> None:
    first = store.courses.person(ANA)
    renamed = Identity(ANA.issuer, ANA.subject, "Ana L. Lopez", "ana.lopez@example.org")
    again = store.courses.person(renamed)
    assert again.id == first.id and again.learner.id == first.learner.id
    assert (again.name, again.email, again.learner.name) == (
        "Ana L. Lopez",
        "ana.lopez@example.org",
        "Ana L. Lopez",
    )
    # the same subject at another issuer is someone else
    elsewhere = store.courses.person(
        Identity("https://other.example", "sub-ana", "Ana Lopez", None)
    )
    assert elsewhere.id != first.id and elsewhere.learner.id != first.learner.id


def test_people_are_not_local_profiles(store: Store) -> None:
    ana = store.courses.person(ANA)
    store.learner("Ana Lopez")  # a local profile of the same name is another learner
    assert [learner.name for learner in store.learners()] == ["Ana Lopez"]
    assert store.find_learner("Ana Lopez") != ana.learner
    assert store.find_learner(ana.learner.name).id != ana.learner.id  # type: ignore[union-attr]


def test_a_course_has_a_join_code_a_student_joins_with(store: Store) -> None:
    course = store.courses.create_course("  Calculus   II ")
    assert course.name == "Calculus II" and len(course.join_code) == CODE_LENGTH
    ana = store.courses.person(ANA)
    typed = "-".join([course.join_code[:4].lower(), course.join_code[4:]]) + " "
    assert store.courses.join(ana.id, typed) == course
    assert store.courses.memberships(ana.id)[0].role is Role.STUDENT
    assert store.courses.role_in(ana.id, course.id) is Role.STUDENT
    assert store.courses.join(ana.id, "WRONGCOD") is None
    assert store.courses.join(ana.id, "") is None
    assert store.courses.find_course("calculus ii") == course
    assert store.courses.find_course(str(course.id)) == course


def test_rotating_the_code_closes_the_old_one(store: Store) -> None:
    course = store.courses.create_course("Optimisation")
    rotated = store.courses.rotate_code(course.id)
    assert rotated.join_code != course.join_code
    ben = store.courses.person(BEN)
    assert store.courses.join(ben.id, course.join_code) is None
    assert store.courses.join(ben.id, rotated.join_code) == rotated


def test_course_names_are_unique_and_bounded(store: Store) -> None:
    store.courses.create_course("Calculus")
    with pytest.raises(InvalidInput, match="already"):
        store.courses.create_course("CALCULUS")
    for bad in ("", "x" * 121, "2026"):
        with pytest.raises(InvalidInput):
            store.courses.create_course(bad)


def test_an_instructor_added_by_email_before_signing_in_is_one_after(store: Store) -> None:
    course = store.courses.create_course("Calculus")
    assert store.courses.add_instructor(course.id, " BEN@example.ORG ") is False
    members = store.courses.members(course.id)
    assert [(m.person_id, m.email, m.role) for m in members] == [
        (None, "ben@example.org", Role.INSTRUCTOR)
    ]
    ben = store.courses.person(BEN)
    assert store.courses.role_in(ben.id, course.id) is Role.INSTRUCTOR
    assert store.courses.instructed(ben.id) == [course]
    assert [m.person_id for m in store.courses.members(course.id)] == [ben.id]
    # joining with the code keeps an instructor an instructor
    assert store.courses.join(ben.id, course.join_code) == course
    assert store.courses.role_in(ben.id, course.id) is Role.INSTRUCTOR


def test_an_instructor_who_signed_in_before_is_one_at_once(store: Store) -> None:
    course = store.courses.create_course("Calculus")
    ana = store.courses.person(ANA)
    store.courses.join(ana.id, course.join_code)
    assert store.courses.add_instructor(course.id, "ana@example.org") is True
    assert store.courses.role_in(ana.id, course.id) is Role.INSTRUCTOR
    with pytest.raises(InvalidInput):
        store.courses.add_instructor(course.id, "not an email")


def test_members_list_instructors_first_then_students_by_name(store: Store) -> None:
    course = store.courses.create_course("Calculus")
    other = store.courses.create_course("Statistics")
    ana, ben = store.courses.person(ANA), store.courses.person(BEN)
    zed = store.courses.person(Identity(ANA.issuer, "sub-zed", "Zed", None))
    for person in (zed, ana):
        store.courses.join(person.id, course.join_code)
    store.courses.join(ben.id, other.join_code)
    store.courses.add_instructor(course.id, "zed@nowhere.example")
    store.courses.add_instructor(course.id, ana.email or "")
    rows = [(m.name, m.role) for m in store.courses.members(course.id)]
    assert rows == [
        ("Ana Lopez", Role.INSTRUCTOR),
        ("Zed", Role.STUDENT),
        ("(invited, not signed in yet)", Role.INSTRUCTOR),
    ]
    assert [m.name for m in store.courses.members(other.id)] == ["Ben Okafor"]


def test_typed_codes_ignore_case_spaces_and_dashes() -> None:
    assert typed_code(" ab-cd 23\t45 ") == "ABCD2345"


def test_an_email_the_provider_calls_unverified_never_makes_an_instructor(store: Store) -> None:
    course = store.courses.create_course("Calculus")
    store.courses.add_instructor(course.id, "boss@school.example")
    impostor = Identity(ANA.issuer, "sub-imp", "Imp", "boss@school.example", email_verified=False)
    person = store.courses.person(impostor)
    assert store.courses.role_in(person.id, course.id) is None
    assert store.courses.add_instructor(course.id, "boss@school.example") is False
    assert store.courses.role_in(person.id, course.id) is None
    # once the provider vouches for it, the invitation is theirs
    verified = Identity(ANA.issuer, "sub-imp", "Imp", "boss@school.example")
    store.courses.person(verified)
    assert store.courses.role_in(person.id, course.id) is Role.INSTRUCTOR
