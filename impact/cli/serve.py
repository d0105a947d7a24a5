"""``python -m impact serve [streamlit flags…]``: run the dashboard, warmed before anyone visits.

The same server as ``streamlit run dashboard.py [flags…]`` (Streamlit's own command line
parses the flags and starts it), on an event loop of ours, so that as soon as it is up
:func:`impact.warm.warm` can run the app once for the default view (or for each
organisation in ``IMPACT_WARM_ORGS``) and fill the caches the first visitor would
otherwise wait for. ``/_stcore/health`` answers at once; the log line ``impact-warm
warmed`` and ``python -m impact ready`` say when warming has finished.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from impact import PROJECT_ROOT

HELP = "Run the dashboard (flags go to streamlit run), warming it before the first visit."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Every argument is Streamlit's: none is read as an option of this command (so
    # ``--server.port=8501`` passes through untouched, as does ``--help``).
    parser.prefix_chars = "\0"
    parser.add_argument(
        "streamlit_args",
        nargs=argparse.REMAINDER,
        metavar="STREAMLIT_FLAGS",
        help="flags for streamlit run, e.g. --server.port=8501",
    )


def streamlit_argv(flags: list[str]) -> list[str]:
    """``streamlit run`` 's arguments for the dashboard with these flags."""
    return ["run", str(PROJECT_ROOT / "dashboard.py"), *flags]


async def _serve(started: float, flags: list[str]) -> None:
    from streamlit.web import cli as streamlit_cli

    from impact import warm

    # Inside a running event loop Streamlit schedules its server as a task on it and
    # returns (streamlit.web.bootstrap.run), rather than blocking in a loop of its own.
    streamlit_cli.main.main(
        args=streamlit_argv(flags), prog_name="streamlit", standalone_mode=False
    )
    server = next(t for t in asyncio.all_tasks() if t.get_name() == "bootstrap.run_server")
    warming = asyncio.create_task(warm.warm(started, warm.warm_queries()), name="impact.warm")
    await server
    if not warming.done():
        warming.cancel()


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    flags = list(args.streamlit_args)
    if flags[:1] == ["--"]:
        flags = flags[1:]
    asyncio.run(_serve(started, flags))
    return 0
