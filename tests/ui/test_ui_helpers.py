"""The app layer's pure helpers: Markdown escaping, page lookup, URL masking, figures."""

from __future__ import annotations

import pytest

from practice import explore
from ui.plain.explore_plots import arrow_trace, surface_figure, tangent_figure
from ui.plain.navigation import PAGES, page_by_name
from ui.plain.text import escape_markdown
from ui.resources import safe_url


@pytest.mark.parametrize(
    "name",
    ["![x](http://evil.example/p.png)", "$\\frac{1}{0}$", "**bold** _it_", "<b>hi</b>", "# head"],
)
def test_escaped_names_keep_their_characters_but_lose_their_markup(name: str) -> None:
    escaped = escape_markdown(name)
    assert escaped.replace("\\", "") == name.replace("\\", "")
    for ch in "![]()$*_<>#":
        assert f"{ch}" not in escaped.replace(f"\\{ch}", "")


def test_page_lookup_by_url_path_or_title() -> None:
    assert page_by_name("Explore").path == "app_pages/explore_page.py"
    assert page_by_name(" review ").title == "Review"
    with pytest.raises(ValueError, match="explore"):
        page_by_name("nowhere")


def test_page_files_do_not_shadow_packages() -> None:
    stems = {spec.path.removeprefix("app_pages/").removesuffix(".py") for spec in PAGES}
    assert not stems & {"practice", "db", "ui", "bench", "tests", "app"}
    assert sum(spec.default for spec in PAGES) == 1


def test_url_paths_differ_from_file_names() -> None:
    # see ui/plain/navigation.py: URL paths are the words people type and bookmark
    for spec in PAGES:
        assert spec.url_path != spec.path.removeprefix("app_pages/").removesuffix(".py")


def test_database_passwords_are_masked() -> None:
    shown = safe_url("postgresql+psycopg://ana:hunter2@db.example:5432/progress")
    assert "hunter2" not in shown
    assert "db.example" in shown
    assert "hunter2" not in safe_url("post gres://ana:hunter2@@@")


def test_the_surface_figure_keeps_the_window_when_the_path_diverges() -> None:
    bowl = explore.get_surface("bowl")
    path = explore.descend(bowl, (2.5, 1.5), 1.5, steps=40)
    critical = explore.critical_points(bowl)
    fig = surface_figure(bowl, explore.grid(bowl, 30), None, path, critical=critical)
    assert list(fig.layout.xaxis.range) == [-3.0, 3.0]
    assert list(fig.layout.yaxis.range) == [-3.0, 3.0]
    assert fig.layout.yaxis.scaleanchor == "x"
    assert [t.name for t in fig.data] == ["f(x, y)", "minimum", "descent path", "start"]


def test_the_tangent_figure_draws_the_line_through_the_point() -> None:
    curve = explore.get_curve("square")
    xs, ys = explore.sample_curve(curve, 50)
    line = explore.tangent(curve, 1.0)
    fig = tangent_figure(curve, xs, ys, line)
    assert fig.data[1].name == "tangent, slope 2"
    assert (fig.data[2].x[0], fig.data[2].y[0]) == (1.0, 1.0)


def test_watching_the_steps_draws_the_path_up_to_a_step_over_the_same_picture() -> None:
    """No plotly frames on the contour plot: plotly's animation erases contour traces
    (plotly.js #4491); the page redraws the figure with ``shown`` steps instead."""
    from ui.plain.explore_plots import frame_steps

    bowl = explore.get_surface("bowl")
    path = explore.descend(bowl, (2.5, 1.5), 0.1, steps=200)
    arrows = arrow_trace(explore.arrow_field(bowl))
    fig = surface_figure(bowl, explore.grid(bowl, 30), arrows, path, shown=3)
    assert fig.frames == ()
    line = next(t for t in fig.data if t.name == "descent path")
    assert list(line.x) == list(path.points[:4, 0])
    assert [t.name for t in fig.data][:2] == ["f(x, y)", "∇f (uphill)"]
    steps = frame_steps(path.steps_taken)
    assert steps[0] == 1 and steps[-1] == path.steps_taken and len(steps) <= 60
    assert frame_steps(0) == []


def test_a_diverged_loss_is_drawn_on_a_log_scale() -> None:
    from ui.plain.explore_plots import values_figure

    bowl = explore.get_surface("bowl")
    diverged = values_figure(explore.descend(bowl, (2.5, 1.5), 1.5, steps=40))
    assert diverged.layout.yaxis.type == "log"
    assert "log scale" in diverged.layout.yaxis.title.text
    calm = values_figure(explore.descend(bowl, (2.5, 1.5), 0.1, steps=40))
    assert calm.layout.yaxis.type != "log"


def test_the_tangent_sweep_moves_the_line_along_the_curve() -> None:
    curve = explore.get_curve("cubic")
    xs, ys = explore.sample_curve(curve, 50)
    fig = tangent_figure(curve, xs, ys, explore.tangent(curve, 0.5))
    assert len(fig.frames) == 60
    for frame in fig.frames[::10]:
        line, point = frame.data
        x0, y0 = point.x[0], point.y[0]
        assert y0 == pytest.approx(x0**3 - 3 * x0)
        slope = (line.y[1] - line.y[0]) / (line.x[1] - line.x[0])
        assert slope == pytest.approx(3 * x0**2 - 3)


def test_a_click_on_the_targets_gives_the_start_point() -> None:
    from ui.plain.explore_plots import TARGETS_TRACE, clicked_start, start_targets

    bowl = explore.get_surface("bowl")
    fig = surface_figure(bowl, explore.grid(bowl, 30), None, None, start_targets(bowl))
    assert fig.data[TARGETS_TRACE].name == "click to start here"
    assert clicked_start([]) is None
    assert clicked_start([{"curve_number": 0, "x": 1, "y": 1}]) is None  # the contours
    assert clicked_start([{"curve_number": TARGETS_TRACE, "x": 1.234, "y": -0.5}]) == (1.23, -0.5)
    assert clicked_start([{"curve_number": TARGETS_TRACE, "x": "1", "y": None}]) is None


def test_numbers_read_as_a_student_writes_them() -> None:
    from ui.plain.numbers import latex_number, short_number

    assert short_number(0.00722) == "0.00722" and short_number(-140.9) == "-140.9"
    assert short_number(1.303e-05) == "1.3×10⁻⁵"  # not "1.303e-05", cut short in a metric
    assert short_number(2.336e12) == "2.34×10¹²" and short_number(1e-20) == "10⁻²⁰"
    assert short_number(float("inf")) == "∞" and short_number(float("nan")) == "undefined"
    assert all(len(short_number(v)) <= 9 for v in (1.303e-05, -1.311e6, 2.336e12, 123.456))
    assert latex_number(-1311000.0) == r"-1.311 \times 10^{6}"
    assert latex_number(2.5) == "2.5" and latex_number(float("-inf")) == r"-\infty"
    assert latex_number(7.864e-05) == r"7.864 \times 10^{-5}"


def test_mistakes_have_names_for_students() -> None:
    from practice.vocabulary import MISTAKES, mistake_name

    assert mistake_name("descent-sign") == "Stepping uphill (wrong sign in the update)"
    # Every tag has a name of its own: not the words any unknown tag is read as.
    as_words = {tag: tag.replace("-", " ").capitalize() for tag in MISTAKES}
    assert all(mistake_name(tag) not in (tag, as_words[tag]) for tag in MISTAKES)
    assert all(mistake_name(tag)[0].isupper() for tag in MISTAKES)
    assert mistake_name("made-up_tag") == "Made up tag"  # a bank's own tag reads as words


def test_the_variant_caption_uses_words_not_codes() -> None:
    from ui.plain.labels import variant_caption

    caption = variant_caption("Gradient descent", "A", "vector", "gd-step", 3)
    assert caption == "Gradient descent · level A · recall · answer with a vector · `gd-step` #3"
    assert "level Z · mystery" in variant_caption("T", "Z", "mystery", "p", 0)
    in_parts = variant_caption("Chains", "A", "number", "chain-x", 3, parts=4)
    assert in_parts == "Chains · level A · recall · in 4 parts · `chain-x` #3"


def test_the_review_page_never_says_nothing_is_due_and_due_now_together() -> None:
    from datetime import UTC, datetime, timedelta

    from ui.plain.review_queue import caught_up

    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    soon = caught_up(now + timedelta(seconds=20), now)
    assert "nothing is due now" in soon and "**now**" not in soon and "under a minute" in soon
    assert "in 10 minutes" in caught_up(now + timedelta(minutes=10), now)
    assert caught_up(None, now) == "All caught up — nothing is due now."


def test_a_one_day_history_is_drawn_on_a_day_axis_not_in_milliseconds() -> None:
    from datetime import date

    from db.records import AccuracyPoint
    from ui.plain.progress_charts import DAY_MS, TOPIC_COLOURS, accuracy_figure

    today = date(2026, 11, 22)
    points = [
        AccuracyPoint(day=today, topic=topic, level="A", attempts=2, correct=1)
        for topic in ("gradient", "partials")
    ]
    fig = accuracy_figure(points)
    axis = fig.layout.xaxis
    assert axis.tickformat == "%-d %b" and axis.dtick == DAY_MS
    assert list(axis.range) == ["2026-11-19", "2026-11-25"]  # a week around the one day
    # each topic its own hue, not a dark and a light shade of one
    assert [t.line.color for t in fig.data] == list(TOPIC_COLOURS[:2])


def test_every_bar_of_the_hardest_problems_is_labelled_even_at_zero() -> None:
    from db.records import ProblemSummary
    from ui.plain.class_charts import accuracy_per_problem_figure

    fig = accuracy_per_problem_figure(
        [
            ProblemSummary("p1", attempts=3, learners=1, correct=0, mean_seconds=5.0),
            ProblemSummary("p2", attempts=4, learners=2, correct=4, mean_seconds=5.0),
        ]
    )
    assert list(fig.data[0].text) == ["0% (0/3)", "100% (4/4)"]


def test_the_loss_curve_uses_powers_of_ten_not_si_suffixes() -> None:
    from ui.plain.explore_plots import values_figure

    bowl = explore.get_surface("bowl")
    fig = values_figure(explore.descend(bowl, (2.5, 1.5), 1.5, steps=40))
    assert fig.layout.yaxis.exponentformat == "power"


def test_the_tangent_equation_folds_its_signs() -> None:
    from ui.plain.numbers import tangent_latex

    assert tangent_latex(1, 2, 1) == r"y = 1 + 2\,(x - 1)"
    assert tangent_latex(2.25, -3, -1.5) == r"y = 2.25 - 3\,(x + 1.5)"  # not "+ (-3)(x - -1.5)"
    assert tangent_latex(-1, 0.5, 0) == r"y = -1 + 0.5\,x"
    assert tangent_latex(4, 0, 2) == "y = 4"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Europe/Berlin", "Europe/Berlin"),
        ("America/New_York", "America/New_York"),
        ("Mars/Olympus_Mons", None),
        ("../../etc/passwd", None),
        ("", None),
        (None, None),
        (42, None),
        ("A" * 200, None),
    ],
)
def test_a_browser_timezone_name_is_trusted_only_when_it_names_a_zone(
    name: object, expected: str | None
) -> None:
    from ui.local_time import zone_named

    zone = zone_named(name)
    assert (None if zone is None else str(zone)) == expected
