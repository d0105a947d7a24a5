"""The MDC icons: well-formed SVG, accessible names, letters as well as colours."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from impact.spc import VARIATION_ICONS
from impact.spc.icons import (
    ASSURANCE_LABELS,
    MDC_BLUE,
    MDC_GREY,
    MDC_ORANGE,
    MDC_PURPLE,
    VARIATION_LABELS,
    assurance_icon_svg,
    assurance_label,
    icon_data_uri,
    variation_icon_svg,
    variation_label,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def letters(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_every_icon_name_the_engine_produces_has_a_drawing_and_label() -> None:
    assert set(VARIATION_ICONS) == set(VARIATION_LABELS)
    for name in VARIATION_ICONS:
        assert variation_label(f"variation/{name}.svg") == VARIATION_LABELS[name]


@pytest.mark.parametrize(
    ("name", "colour", "letter"),
    [
        ("common_cause", MDC_GREY, []),
        ("improvement_high", MDC_BLUE, ["H"]),
        ("improvement_low", MDC_BLUE, ["L"]),
        ("concern_high", MDC_ORANGE, ["H"]),
        ("concern_low", MDC_ORANGE, ["L"]),
        ("neutral_high", MDC_PURPLE, ["H"]),
        ("neutral_low", MDC_PURPLE, ["L"]),
    ],
)
def test_variation_icons(name: str, colour: str, letter: list[str]) -> None:
    root = parse(variation_icon_svg(name, size=40))
    assert root.get("role") == "img"
    assert root.get("aria-label") == VARIATION_LABELS[name]
    assert root.find(f"{SVG}title").text == VARIATION_LABELS[name]
    assert root.get("width") == "40"
    ring = root.find(f"{SVG}circle")
    assert ring.get("stroke") == colour
    assert letters(root) == letter


@pytest.mark.parametrize(
    ("kind", "colour", "letter", "label"),
    [
        ("consistent_pass", MDC_BLUE, "P", "Consistently passing the target"),
        ("assurance/fail.svg", MDC_ORANGE, "F", "Consistently failing the target"),
        ("inconsistent", MDC_GREY, "?", ASSURANCE_LABELS["inconsistent"]),
    ],
)
def test_assurance_icons(kind: str, colour: str, letter: str, label: str) -> None:
    root = parse(assurance_icon_svg(kind))
    assert root.get("role") == "img" and root.get("aria-label") == label
    assert root.find(f"{SVG}circle").get("stroke") == colour
    assert letters(root) == [letter]
    assert assurance_label(kind) == label


def test_point_types_and_paths_are_accepted() -> None:
    assert variation_label("special_cause_neutral_high") == VARIATION_LABELS["neutral_high"]
    assert assurance_icon_svg("assurance/pass.svg") == assurance_icon_svg("pass")
    assert variation_icon_svg("variation/concern_low.svg") == variation_icon_svg("concern_low")
    assert assurance_label("assurance/inconsistent.svg").startswith("Hit and miss")
    assert assurance_label("consistent_fail") == assurance_label("fail")


def test_unknown_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="unknown variation icon"):
        variation_icon_svg("improvement_sideways")
    with pytest.raises(ValueError, match="unknown assurance icon"):
        assurance_label("maybe")


def test_data_uri_round_trips() -> None:
    svg = variation_icon_svg("improvement_high")
    uri = icon_data_uri(svg)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("utf-8") == svg


def test_icons_differ_by_more_than_colour() -> None:
    # high and low of the same family differ in their letter and the side the dots move to
    high, low = parse(variation_icon_svg("concern_high")), parse(variation_icon_svg("concern_low"))
    assert letters(high) != letters(low)
    shapes = {
        a: [c.get("cy") for c in r.iter(f"{SVG}circle")] for a, r in (("h", high), ("l", low))
    }
    assert shapes["h"] != shapes["l"]
