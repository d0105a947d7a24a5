"""The safe building blocks: extract text escaped everywhere, CSS strings, sparklines."""

from __future__ import annotations

from impact import pack
from impact.pack.markup import trend_svg
from tests.pack.conftest import tags


def test_extract_text_is_escaped_everywhere(built) -> None:
    _, html, _ = built
    body = html[html.index("</head>") :]
    assert "<script>alert" not in body
    assert "<img src=x" not in body
    assert (
        "&lt;script&gt;alert(&quot;org&quot;)&lt;/script&gt; Trust &amp; &quot;Partners&quot;"
        in body
    )
    assert "&lt;img src=x onerror=alert(1)&gt;Streaming" in body
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;" in body
    # every script element in the document is plotly's (the library, then one per chart)
    scripts = [t for t, _ in tags(html) if t == "script"]
    assert len(scripts) == 1 + html.count("Plotly.newPlot(")


def test_css_string_escapes_everything_outside_a_safe_set() -> None:
    assert pack.css_string("Trust (RXA) · Apr 2024") == '"Trust (RXA) · Apr 2024"'
    hostile = pack.css_string('a"b\\c</style>{}')
    assert hostile == '"a\\22 b\\5c c\\3c /style\\3e \\7b \\7d "'


def test_trend_svg_draws_numbers_only_and_names_first_and_last() -> None:
    svg = trend_svg([3.0, float("nan"), 5.0, 4.5])
    assert svg.startswith('<svg class="trend" role="img"')
    assert 'aria-label="Trend over 3 periods, from 3 to 4.5"' in svg
    points = svg.split('points="')[1].split('"')[0].split()
    assert len(points) == 3  # one x,y pair per number; the missing value is skipped
    assert trend_svg([7.0]) == ""  # one point is not a trend


def test_icons_that_could_run_or_fetch_are_dropped_but_their_words_kept() -> None:
    from impact.pack.markup import icon_html
    from impact.pack.model import Icon

    safe = icon_html(Icon('<svg role="img"><circle r="3"/></svg>', "Common cause"))
    assert safe.startswith('<span class="icon"><svg') and "Common cause" in safe
    for markup in (
        '<svg onload="alert(1)"></svg>',
        '<svg><a href="http://x">x</a></svg>',
        '<svg style="fill:url(http://x)"></svg>',
        "<img src=x>",
    ):
        shown = icon_html(Icon(markup, "Label <b>"))
        assert "<svg" not in shown and "<img" not in shown
        assert "Label &lt;b&gt;" in shown
    assert icon_html(None) == ""
