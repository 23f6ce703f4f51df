"""Where in a chain learners slip: the stacked bars per part and the sentence naming the
worst part, from hand-made store records."""

from __future__ import annotations

from db.records import PartAccuracy
from ui.plain.chain_charts import Slip, first_slips, part_accuracy_figure, part_label

ROWS = [
    PartAccuracy("chain-b", 2, 4, 1, 2),  # out of order on purpose
    PartAccuracy("chain-b", 1, 4, 1, 0),
    PartAccuracy("chain-a", 1, 5, 5, 0),
    PartAccuracy("chain-a", 2, 5, 4, 1),
]


def test_each_part_is_one_bar_split_into_right_followed_and_wrong() -> None:
    fig = part_accuracy_figure(ROWS, {"chain-b": "Two steps"})
    assert [t.name for t in fig.data] == ["right", "right given an earlier answer", "wrong"]
    right, followed, wrong = fig.data
    assert list(right.y) == [
        "chain-a · part 1",
        "chain-a · part 2",
        "Two steps · part 1",
        "Two steps · part 2",
    ]
    assert list(right.x) == [100.0, 80.0, 25.0, 25.0]
    assert list(followed.x) == [0.0, 20.0, 0.0, 50.0]
    assert list(wrong.x) == [0.0, 0.0, 75.0, 25.0]
    for i in range(4):  # every bar fills the first tries
        assert right.x[i] + followed.x[i] + wrong.x[i] == 100.0
    assert fig.layout.barmode == "stack"


def test_the_worst_part_of_each_problem_is_named_worst_first() -> None:
    assert first_slips(ROWS) == [Slip("chain-b", 1, 3, 4)]
    tie = [PartAccuracy("c", 1, 2, 1, 0), PartAccuracy("c", 2, 2, 1, 0)]
    assert first_slips(tie) == [Slip("c", 1, 1, 2)]  # the earliest on a tie
    assert first_slips([PartAccuracy("c", 1, 3, 3, 0)]) == []


def test_a_label_falls_back_to_the_id() -> None:
    assert part_label(PartAccuracy("x", 3, 1, 1, 0)) == "x · part 3"
