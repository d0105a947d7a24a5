"""The NHS look: NHS Blue header, Arial, large readable type, high-contrast focus.

Colours come from :mod:`impact.palette`. Text colours meet WCAG 2.2 AA contrast on their
backgrounds (NHS Blue on white 6.4:1, white on NHS dark blue 11.9:1), body text is 18 px
for a meeting-room screen, and keyboard focus is always visible.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from impact import palette

APP_TITLE = "Board improvement dashboard"

_CSS = f"""
<style>
.stApp, .stApp p, .stApp li, .stApp label, .stApp input, .stApp h1, .stApp h2, .stApp h3,
.stApp h4, .stApp figcaption, .stApp [data-testid="stMarkdownContainer"] {{
  font-family: Arial, "Helvetica Neue", Helvetica, sans-serif;
}}
.stApp {{ color: {palette.NHS_BLACK}; }}
.stMarkdown p, .stMarkdown li {{ font-size: 1.1rem; line-height: 1.5; }}
h1, h2, h3 {{ color: {palette.NHS_DARK_BLUE}; font-weight: 700; }}
a {{ color: {palette.NHS_BLUE}; }}
a:focus, button:focus-visible, [role="option"]:focus, input:focus-visible {{
  outline: 3px solid {palette.NHS_WARM_YELLOW}; outline-offset: 2px;
}}
.nhs-header {{
  background: {palette.NHS_BLUE}; color: {palette.NHS_WHITE};
  padding: 0.9rem 1.2rem; border-radius: 4px; margin-bottom: 1rem;
}}
.nhs-header .nhs-logo {{
  display: inline-block; background: {palette.NHS_WHITE}; color: {palette.NHS_BLUE};
  font-weight: 700; font-style: italic; padding: 0 0.4rem; margin-right: 0.8rem;
  font-size: 1.3rem; letter-spacing: -0.02em;
}}
.nhs-header .nhs-service {{ font-size: 1.35rem; font-weight: 700; }}
.nhs-header .nhs-org {{ display: block; font-size: 1.05rem; margin-top: 0.3rem; }}
.as-at {{
  background: {palette.NHS_PALE_GREY}; border-left: 6px solid {palette.NHS_DARK_BLUE};
  padding: 0.5rem 0.9rem; margin: 0.2rem 0 1rem 0; font-size: 1rem;
}}
.stale-flag {{
  display: inline-block; background: {palette.NHS_WARM_YELLOW}; color: {palette.NHS_BLACK};
  font-weight: 700; padding: 0 0.4rem; border-radius: 3px; font-size: 0.95rem;
}}
.icon-pair {{ display: flex; gap: 1.2rem; flex-wrap: wrap; align-items: center; }}
.icon-pair figure {{ display: flex; gap: 0.5rem; align-items: center; margin: 0; }}
.icon-pair figcaption {{ font-size: 1rem; max-width: 24rem; }}
.board-question {{ color: {palette.NHS_DARK_BLUE}; }}
/* A wider sidebar, so most organisation names fit their select box; the full name of the
   organisation on view is also written out (wrapping) under the pickers. */
section[data-testid="stSidebar"][data-collapsed="false"] {{
  width: 23rem !important; min-width: 23rem !important;
}}
.org-on-view {{ font-size: 0.95rem; line-height: 1.35; margin: -0.3rem 0 0.4rem 0; }}
.org-on-view span {{ color: {palette.NHS_DARK_GREY}; }}
/* Buttons in NHS type, with a visible outline that meets 3:1 non-text contrast. */
.stButton button, .stDownloadButton button {{
  font-family: Arial, "Helvetica Neue", Helvetica, sans-serif;
  border-color: {palette.NHS_MID_GREY};
}}
/* Links to a metric's detail read at body size (Streamlit draws page links small). */
[data-testid="stMain"] [data-testid="stPageLink"] p {{ font-size: 1.05rem; }}
/* Streamlit fades captions with opacity 0.6 (4.0:1 on white); WCAG AA needs 4.5:1. */
.stApp [data-testid="stCaptionContainer"] {{ opacity: 1; color: {palette.NHS_DARK_GREY}; }}
</style>
"""


def apply_style() -> None:
    """Inject the NHS styling once per run (cheap: one small style element)."""
    st.html(_CSS)


def header(org_name: str | None) -> None:
    """The blue NHS banner naming the service and the organisation on view."""
    org = f'<span class="nhs-org">{escape(org_name)}</span>' if org_name else ""
    st.html(
        '<div class="nhs-header">'
        '<span class="nhs-logo" aria-hidden="true">NHS</span>'
        f'<span class="nhs-service">{APP_TITLE}</span>{org}</div>'
    )
