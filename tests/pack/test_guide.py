""" "How to read these charts": every MDC icon, the pages' own, with its meaning in words."""

from __future__ import annotations

from impact import pack


def test_how_to_read_explains_every_icon_in_words(built) -> None:
    content, html, _ = built
    section = html[html.index('id="how-to-read"') : html.index('id="data-sources"')]
    assert len(content.icon_guide) == 10
    assert section.count("<svg") == 10
    for entry in content.icon_guide:
        assert entry.icon.markup in section
        assert pack.esc(entry.icon.label) in section
        assert pack.esc(entry.meaning) in section
