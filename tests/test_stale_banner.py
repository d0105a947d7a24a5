"""The stale-data banner: lagging measures by priority, each with the file that would help."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd

from impact import stale_banner as sb


def _answer(metric_id, name, priority, latest, frequency="month", source="NHS England, RTT"):
    metric = SimpleNamespace(
        metric_id=metric_id,
        metric_name=name,
        priority=priority,
        frequency=frequency,
        source=source,
    )
    return SimpleNamespace(metric=metric, latest_period=latest)


ANSWERS = [
    _answer("gp", "GP appointments", "primary_care", date(2025, 1, 1), source="NHS England, GPAD"),
    _answer("ae", "A&E 4-hour", "uec", date(2025, 2, 1), source="NHS England, A&E"),
    _answer("rtt", "RTT waiting list", "elective", date(2025, 2, 1)),
    _answer("q", "Quarterly survey", "elective", date(2024, 10, 1), frequency="quarter"),
]
FILES = pd.DataFrame(
    {
        "metric_id": ["gp", "ae", "rtt"],
        "source_file": ["gp/jan.csv", "ae/feb.csv", "rtt/feb.csv"],
    }
)


def test_measures_are_listed_by_board_priority_with_the_file_that_would_help():
    groups = sb.by_priority(sb.stale_measures(ANSWERS, FILES))
    assert [title for title, _ in groups] == [
        "Elective care",
        "Urgent & emergency care",
        "Primary care",
    ]
    elective = groups[0][1]
    assert elective[0] == (
        "RTT waiting list: latest Feb 2025 (monthly), from rtt/feb.csv; "
        "the Mar 2025 file of NHS England, RTT would bring it up to date."
    )
    # A measure with no file of its own still says which publication it needs.
    assert elective[1] == (
        "Quarterly survey: latest Q4 2024 (quarterly); "
        "the Q1 2025 file of NHS England, RTT would bring it up to date."
    )
    assert groups[2][1] == [
        "GP appointments: latest Jan 2025 (monthly), from gp/jan.csv; "
        "the Feb 2025 file of NHS England, GPAD would bring it up to date."
    ]


def test_the_banner_is_a_heading_then_a_list_per_priority():
    text = sb.banner_markdown(sb.stale_measures(ANSWERS[1:2], FILES))
    assert text == (
        "**Stale data**: older than its reporting frequency allows.\n\n"
        "**Urgent & emergency care**\n"
        "- A&E 4-hour: latest Feb 2025 (monthly), from ae/feb.csv; "
        "the Mar 2025 file of NHS England, A&E would bring it up to date."
    )


def test_next_period_follows_the_frequency():
    assert sb.next_period(date(2025, 12, 1), "month") == date(2026, 1, 1)
    assert sb.next_period(date(2025, 10, 1), "quarter") == date(2026, 1, 1)
    assert sb.next_period(date(2025, 9, 1), "week") == date(2025, 9, 8)


def test_a_measure_with_no_figures_names_its_publication():
    line = sb.measure_line(sb.StaleMeasure("Cat 2", "uec", "month", None, "AmbSYS", None))
    assert line == "Cat 2: no figures loaded; a file of AmbSYS would add them."
