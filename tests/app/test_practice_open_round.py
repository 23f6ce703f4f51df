"""The open round survives anything short of the learner choosing another: a reload, a
new session, a restarted server; the address follows every change; a stale address
never overrides the learner's newer round; each learner gets their own round back."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from db import OpenRound, open_store
from practice.banks import load_catalog
from practice.session import Round
from ui.answer_box import answer_key
from ui.practice_flow import Desk

DESK = Desk("practice", in_address=True)
PROBLEM = "gd-step-given-gradient"  # a vector answer typed in a text box, three hints
TYPED = "(-5.6, 5"

OpenApp = Callable[..., AppTest]


def _round(at: AppTest) -> Round:
    found = at.session_state[DESK.round_key]
    assert isinstance(found, Round)
    return found


def _box(at: AppTest) -> str:
    current = _round(at)
    return answer_key(DESK.name, current.problem_id, current.seed)


def _address(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in ("problem", "seed", "round")}


def _names_the_round(at: AppTest) -> None:
    current = _round(at)
    assert _address(at) == {
        "problem": current.problem_id,
        "seed": str(current.seed),
        "round": current.token,
    }


def _kept(database_url: str, name: str) -> OpenRound | None:
    store = open_store(database_url)  # what a restarted server reads
    try:
        learner = store.find_learner(name)
        assert learner is not None
        return store.open_round(learner.id)
    finally:
        store.close()


def _work_on_a_round(open_app: OpenApp) -> AppTest:
    """Ana follows a link to a variant, types half an answer and opens a hint."""
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "5"})
    at.text_input(key=_box(at)).input(TYPED).run()
    at.button(key=DESK.hint_key).click().run()
    assert not at.exception
    assert _round(at).hints_shown == 1
    return at


def test_a_new_session_shows_the_same_round_with_its_text_and_hints(
    open_app: OpenApp, database_url: str
) -> None:
    before = _round(_work_on_a_round(open_app))
    kept = _kept(database_url, "Ana")
    assert kept is not None and (kept.problem_id, kept.seed, kept.token) == (
        PROBLEM,
        5,
        before.token,
    )
    assert (kept.answer, kept.hints_shown) == (TYPED, 1)
    # A new tab on the plain address: no problem named, the open round comes back.
    again = open_app("practice", learner="Ana")
    current = _round(again)
    assert (current.problem_id, current.seed, current.token) == (PROBLEM, 5, before.token)
    assert current.hints_shown == 1 and again.text_input(key=_box(again)).value == TYPED
    assert any("**Hint 1.**" in i.value for i in again.info)
    _names_the_round(again)


def test_a_reload_keeps_a_wrong_answer_its_verdict_and_the_attempt_count(
    open_app: OpenApp,
) -> None:
    at = _work_on_a_round(open_app)
    at.text_input(key=_box(at)).input("(1, 2)").run()
    at.button(key=DESK.check_key).click().run()
    assert _round(at).attempts == 1 and at.error[0].value.startswith("**Not right.**")
    reloaded = open_app("practice", learner="Ana", query_params=_address(at))
    assert (_round(reloaded).attempts, _round(reloaded).hints_shown) == (1, 1)
    assert reloaded.text_input(key=_box(reloaded)).value == "(1, 2)"
    assert reloaded.error[0].value.startswith("**Not right.**")  # the verdict, not lost
    assert reloaded.button(key=DESK.check_key).label == "Check again"


def test_the_address_follows_next_variant_next_problem_and_a_topic_change(
    open_app: OpenApp, database_url: str
) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "5"})
    _names_the_round(at)
    at.button(key="practice_next_variant").click().run()
    assert _round(at).problem_id == PROBLEM and _round(at).seed != 5
    _names_the_round(at)
    at.button(key="practice_next_problem").click().run()
    assert _round(at).problem_id != PROBLEM
    _names_the_round(at)
    at.selectbox(key="practice_topic").select("partial-derivatives").run()
    catalog = load_catalog()
    assert catalog.problems[_round(at).problem_id].topic == "partial-derivatives"
    _names_the_round(at)
    kept = _kept(database_url, "Ana")
    assert kept is not None and kept.token == _round(at).token


def test_a_stale_address_never_overrides_the_newer_open_round(open_app: OpenApp) -> None:
    at = open_app("practice", learner="Ana", query_params={"problem": PROBLEM, "seed": "5"})
    stale = _address(at)  # a second tab left on this round
    at.button(key="practice_next_problem").click().run()
    newer = _round(at)
    reloaded = open_app("practice", learner="Ana", query_params=stale)
    current = _round(reloaded)
    assert (current.problem_id, current.seed, current.token) == (
        newer.problem_id,
        newer.seed,
        newer.token,
    )
    _names_the_round(reloaded)


def test_a_plain_link_opens_its_variant_in_place_of_the_open_round(open_app: OpenApp) -> None:
    _work_on_a_round(open_app)
    linked = open_app(
        "practice", learner="Ana", query_params={"problem": "gr-magnitude", "seed": "2"}
    )
    assert (_round(linked).problem_id, _round(linked).seed) == ("gr-magnitude", 2)
    _names_the_round(linked)


def test_switching_learner_shows_each_learners_own_open_round(
    open_app: OpenApp, add_learner: Callable[[str], object]
) -> None:
    ben = open_app("practice", learner="Ben", query_params={"problem": "gr-magnitude", "seed": "2"})
    bens = _round(ben)
    at = _work_on_a_round(open_app)
    anas = _round(at)
    at.sidebar.selectbox(key="learner_choice").select("Ben").run()
    assert not at.exception
    current = _round(at)
    assert (current.problem_id, current.seed, current.token) == ("gr-magnitude", 2, bens.token)
    _names_the_round(at)
    at.sidebar.selectbox(key="learner_choice").select("Ana").run()
    current = _round(at)
    assert (current.token, current.hints_shown) == (anas.token, 1)
    assert at.text_input(key=_box(at)).value == TYPED


def test_a_learner_without_an_open_round_does_not_inherit_the_addressed_one(
    open_app: OpenApp, add_learner: Callable[[str], object]
) -> None:
    add_learner("Cleo")
    at = _work_on_a_round(open_app)
    anas = _round(at)
    at.sidebar.selectbox(key="learner_choice").select("Cleo").run()
    assert not at.exception
    current = _round(at)
    assert current.token != anas.token and current.hints_shown == 0
    _names_the_round(at)


def test_a_topic_change_is_in_the_address_and_a_reload_keeps_it(open_app: OpenApp) -> None:
    at = open_app("practice", learner="Ana", query_params={"topic": "gradient"})
    at.selectbox(key="practice_topic").select("partial-derivatives").run()
    assert at.query_params["topic"] == "partial-derivatives"
    _names_the_round(at)
    shown = _round(at)
    reloaded = open_app("practice", learner="Ana", query_params=dict(at.query_params))
    assert reloaded.selectbox(key="practice_topic").value == "partial-derivatives"
    assert _round(reloaded).token == shown.token
    reloaded.selectbox(key="practice_topic").select("__recommended__").run()
    assert "topic" not in reloaded.query_params
