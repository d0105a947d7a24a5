"""One organisation's place on a funnel plot, said in a sentence a board can read aloud.

The question is always the same ("Are we an outlier among the 122 acute trusts?") and the
answer starts with a plain No, Yes or Not clearly, then the number that justifies it:

* ``within``: "No: 74.2% is within what chance allows for our size."
* ``above 99`` / ``below 99`` (beyond the 99.8 % limit, about 3 sigma): "Yes, better: ..."
  or "Yes, worse: ..." given the direction of improvement ("higher"/"lower" when neutral);
* ``above 95`` / ``below 95`` (between the 95 % and 99.8 % limits): "Not clearly: ... a
  warning sign, not yet an outlier", because about 1 in 20 organisations of any size sit
  outside the 95 % limits by chance alone.

Where the limits were widened for overdispersion, "chance" becomes "chance and the usual
differences between <peers>", which is what the widened limits mean. Values are written by
``impact.units.format_value`` (the one rule for numbers on pages).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from impact.units import format_value

_WORD = {
    ("above", "increase"): "better",
    ("below", "increase"): "worse",
    ("above", "decrease"): "worse",
    ("below", "decrease"): "better",
    ("above", "neutral"): "higher",
    ("below", "neutral"): "lower",
}


def _limit(row: Mapping[str, Any], key: str, unit: str) -> str:
    value = row.get(key)
    if value is None or not math.isfinite(float(value)):
        return ""
    return format_value(float(value), unit)


def funnel_sentence(
    row: Mapping[str, Any],
    *,
    peers_label: str,
    n_peers: int,
    unit: str = "",
    improvement: str = "increase",
) -> str:
    """The question and its answer for one row of :func:`impact.spc.funnel`.

    ``unit`` is a metric unit as ``impact.units`` knows them ("percent", "rate", ...);
    ``improvement`` is "increase", "decrease" or "neutral".
    """
    if ("above", improvement) not in _WORD:
        raise ValueError(f"improvement must be increase, decrease or neutral; got {improvement!r}")
    question = f"Are we an outlier among the {n_peers:,} {peers_label}?"
    value = format_value(row["value"], unit)
    widened = bool(row.get("od_adjusted", False))
    chance = f"chance and the usual differences between {peers_label}" if widened else "chance"
    allows = "allow" if widened else "allows"
    outlier = str(row["outlier"])
    if outlier == "within":
        return f"{question} No: {value} is within what {chance} {allows} for our size."
    side, level = outlier.split(" ")
    word = _WORD[(side, improvement)]
    limit_key = ("ul" if side == "above" else "ll") + level
    if level == "99":
        shown = _limit(row, limit_key, unit)
        detail = f" (the 99.8% limit is {shown})" if shown else ""
        return (
            f"{question} Yes, {word}: {value} is {side} what {chance} {allows} "
            f"for our size{detail}."
        )
    warning = _limit(row, limit_key, unit)
    outer = _limit(row, limit_key.replace("95", "99"), unit)
    return (
        f"{question} Not clearly: {value} is {side} the 95% limit for our size"
        + (f" ({warning})" if warning else "")
        + " but within the 99.8% limit"
        + (f" ({outer})" if outer else "")
        + f", {word} than most: a warning sign, not yet an outlier."
    )
