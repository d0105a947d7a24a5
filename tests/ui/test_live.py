"""Live pick-up: an idle screen reruns only when the data folder's fingerprint changes."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.apps import OBS_HEADER, demo_row


def _watcher_script() -> None:
    import streamlit as st

    from impact.ui import live

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    live.check_for_new_data(lambda: st.session_state.get("folder", "a"))
    st.write(f"runs={st.session_state['runs']}")


def test_the_watcher_reruns_the_app_only_when_the_fingerprint_changed() -> None:
    at = AppTest.from_function(_watcher_script)
    at.run()
    assert at.session_state["runs"] == 1
    at.run()  # unchanged folder: no extra run
    assert at.session_state["runs"] == 2
    at.session_state["folder"] = "b"
    at.run()  # changed: this run asks for a full rerun, which draws the new data
    assert at.session_state["runs"] == 4
    assert at.markdown[0].value == "runs=4"
    at.run()
    assert at.session_state["runs"] == 5


def test_watch_for_new_data_sees_a_file_dropped_into_the_folder(demo_copy: Path) -> None:
    from impact.ui import data, live

    def script() -> None:
        from impact.ui import live

        live.watch_for_new_data()

    at = AppTest.from_function(script)
    at.run()
    assert not at.exception, at.exception
    drawn = at.session_state[live.DRAWN_KEY]
    metric, org, *_ = demo_row()
    (demo_copy / "dropped.csv").write_text(OBS_HEADER + f"{metric},{org},2099-03-01,7,,\n")
    assert live.refreshed_fingerprint() != drawn
    assert any(r.path == "dropped.csv" for r in data.get_store().files())
