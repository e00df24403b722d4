"""What a renewal period still needs (lms.rules.renewal_periods.renewal_still_needed)."""

from decimal import Decimal as D

import pytest

from lms.rules.renewal_periods import renewal_still_needed

# LCSW in Illinois: 30 hours, 3 of them ethics, 1 cultural competence (illustrative).
REQUIRED = {"ethics": D("3"), "cultural_competence": D("1")}


@pytest.mark.parametrize(
    ("here", "elsewhere", "ethics", "cultural", "total"),
    [
        ({}, {}, "3", "1", "30"),  # nothing yet
        ({"general": D("30")}, {}, "3", "1", "4"),  # 30 general hours: categories still owed
        ({"general": D("26"), "ethics": D("3"), "cultural_competence": D("1")}, {}, "0", "0", "0"),
        ({"general": D("10"), "ethics": D("2")}, {"ethics": D("1")}, "0", "1", "17"),
        ({"ethics": D("5")}, {}, "0", "1", "25"),  # extra ethics counts toward the total only
        ({}, {"general": D("12.5"), "cultural_competence": D("2")}, "3", "0", "15.5"),
        ({"general": D("40")}, {"ethics": D("3"), "cultural_competence": D("1")}, "0", "0", "0"),
        ({"general": D("28")}, {"ethics": D("1")}, "2", "1", "3"),  # categories beat the total
        ({"sexual_harassment_prevention": D("1")}, {}, "3", "1", "29"),  # not required: total
    ],
)
def test_still_needed_per_category_and_in_total(here, elsewhere, ethics, cultural, total):
    progress = renewal_still_needed(
        required_total=D("30"),
        required_by_category=REQUIRED,
        earned_here=here,
        from_elsewhere=elsewhere,
    )
    by_category = {line.category: line.still_needed for line in progress.categories}
    assert by_category == {"ethics": D(ethics), "cultural_competence": D(cultural)}
    assert progress.total.still_needed == D(total)
    assert progress.complete is (D(total) == 0)


def test_the_lines_keep_where_the_hours_came_from():
    progress = renewal_still_needed(
        required_total=D("20"),
        required_by_category={"ethics": D("2")},
        earned_here={"general": D("6"), "ethics": D("1")},
        from_elsewhere={"ethics": D("0.5"), "general": D("3")},
    )
    (ethics,) = progress.categories
    assert (ethics.required, ethics.earned_here, ethics.from_elsewhere) == (
        D("2"),
        D("1"),
        D("0.5"),
    )
    assert ethics.done == D("1.5") and ethics.still_needed == D("0.5")
    assert (progress.total.earned_here, progress.total.from_elsewhere) == (D("7"), D("3.5"))
    assert progress.total.still_needed == D("9.5")
