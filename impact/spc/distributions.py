"""The normal and chi-squared distribution functions the funnel plot and the outlook need.

scipy is not a dependency of the app, and funnel limits must agree with PowerBI-Funnels to
1e-9, so the few functions used are written here once, to full double precision:

* :func:`normal_cdf` from ``math.erfc``;
* :func:`normal_quantile` is Wichura's AS 241 as R's ``qnorm`` has it (including the
  log-probability input and the asymptotic tail for very small log-probabilities), because
  the exact Poisson z-score of a standardised ratio is ``qnorm(pchisq(..., log.p = TRUE),
  log.p = TRUE)`` and a far outlier's probability underflows unless kept as a logarithm;
* :func:`gamma_log_cdf` is the regularised lower incomplete gamma function, as a logarithm,
  by its power series below ``x = a + 1`` and by Lentz's continued fraction for the upper
  tail above it (so neither tail loses precision);
* :func:`chisq_quantile` inverts it by Newton's method on the log scale inside a bracket.

Scalar functions: callers map them over arrays (one value per organisation or plotting
point, a few hundred at most); the one long loop, the incomplete gamma series, is numpy.
"""

from __future__ import annotations

import math

import numpy as np

_SQRT2 = math.sqrt(2.0)
_LOG_2PI = math.log(2.0 * math.pi)
_EPS = 2.220446049250313e-16
_MAX_ITERATIONS = 100_000

# AS 241 coefficients, highest degree first (Horner order).
_CENTRAL_NUM = (
    2509.0809287301227, 33430.57558358813, 67265.7709270087, 45921.95393154987,
    13731.69376550946, 1971.5909503065513, 133.14166789178438, 3.3871328727963665,
)  # fmt: skip
_CENTRAL_DEN = (
    5226.495278852854, 28729.085735721943, 39307.89580009271, 21213.794301586597,
    5394.196021424751, 687.1870074920579, 42.31333070160091, 1.0,
)  # fmt: skip
_NEAR_NUM = (
    0.0007745450142783414, 0.022723844989269184, 0.2417807251774506, 1.2704582524523684,
    3.6478483247632045, 5.769497221460691, 4.630337846156546, 1.4234371107496835,
)  # fmt: skip
_NEAR_DEN = (
    1.0507500716444169e-09, 0.0005475938084995345, 0.015198666563616457, 0.14810397642748008,
    0.6897673349851, 1.6763848301838038, 2.053191626637759, 1.0,
)  # fmt: skip
_FAR_NUM = (
    2.0103343992922881e-07, 2.7115555687434876e-05, 0.0012426609473880784, 0.026532189526576124,
    0.29656057182850487, 1.7848265399172913, 5.463784911164114, 6.657904643501103,
)  # fmt: skip
_FAR_DEN = (
    2.0442631033899397e-15, 1.421511758316446e-07, 1.8463183175100548e-05, 0.0007868691311456133,
    0.014875361290850615, 0.1369298809227358, 0.599832206555888, 1.0,
)  # fmt: skip


def _ratio(x: float, num: tuple[float, ...], den: tuple[float, ...]) -> float:
    top, bottom = num[0], den[0]
    for a, b in zip(num[1:], den[1:], strict=True):
        top = top * x + a
        bottom = bottom * x + b
    return top / bottom


def normal_cdf(x: float) -> float:
    """P(Z <= x) for a standard normal Z."""
    return 0.5 * math.erfc(-x / _SQRT2)


def normal_quantile(p: float, *, log_p: bool = False) -> float:
    """The x with P(Z <= x) = p (or = exp(p) when ``log_p``), as R's ``qnorm``."""
    if math.isnan(p):
        return math.nan
    if log_p:
        if p > 0:
            return math.nan
        if p == 0:
            return math.inf
        if p == -math.inf:
            return -math.inf
        prob = math.exp(p)
    else:
        if p < 0 or p > 1:
            return math.nan
        if p == 0:
            return -math.inf
        if p == 1:
            return math.inf
        prob = p
    q = prob - 0.5
    if abs(q) <= 0.425:
        return _ratio(0.180625 - q * q, _CENTRAL_NUM, _CENTRAL_DEN) * q
    if log_p:
        log_tail = p if q <= 0 else math.log(-math.expm1(p))
    else:
        log_tail = math.log(prob if q <= 0 else 0.5 - p + 0.5)
    r = math.sqrt(-log_tail)
    if r <= 5.0:
        value = _ratio(r - 1.6, _NEAR_NUM, _NEAR_DEN)
    elif r <= 27.0:
        value = _ratio(r - 5.0, _FAR_NUM, _FAR_DEN)
    else:
        value = _asymptotic_tail(r, log_tail)
    return -value if q < 0 else value


def _asymptotic_tail(r: float, log_tail: float) -> float:
    """R's (4.3+) expansion for log-probabilities below about -729, where AS 241 fails."""
    if r >= 6.4e8:
        return r * _SQRT2
    s2 = -2.0 * log_tail
    x2 = s2 - (math.log(s2) + _LOG_2PI)
    if r < 36000:
        x2 = s2 - (_LOG_2PI + math.log(x2)) - 2.0 / (2.0 + x2)
        if r < 840:
            x2 = s2 - (_LOG_2PI + math.log(x2)) + 2.0 * math.log1p(-(1 - 1 / (4 + x2)) / (2 + x2))
            if r < 109:
                x2 = (
                    s2
                    - (_LOG_2PI + math.log(x2))
                    + 2.0 * math.log1p(-(1 - (1 - 5 / (6 + x2)) / (4 + x2)) / (2 + x2))
                )
                if r < 55:
                    inner = 1 - (1 - (5 - 9 / (8 + x2)) / (6 + x2)) / (4 + x2)
                    x2 = s2 - (_LOG_2PI + math.log(x2)) + 2.0 * math.log1p(-inner / (2 + x2))
    return math.sqrt(x2)


def _stirling_error(a: float) -> float:
    """lgamma(a) - ((a - 1/2) log a - a + log(2 pi) / 2), by its series (for a > 15)."""
    inv2 = 1.0 / (a * a)
    return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - inv2 / 1188) * inv2) * inv2) * inv2) / a


def _log_density_factor(x: float, a: float) -> float:
    """log(x^a e^-x / Gamma(a)), the factor both incomplete-gamma expansions share.

    For a large shape, ``a log x - x - lgamma(a)`` cancels terms of size a log a and keeps
    only ~1e-16 a log a absolute; written as ``a (log1p(t) - t)`` with t = (x - a) / a plus
    Stirling's series it keeps ~1e-16 sqrt(a), which the golden 1e-9 needs for the limits
    of an organisation with thousands of expected deaths.
    """
    if a <= 15.0:
        return a * math.log(x) - x - math.lgamma(a)
    t = (x - a) / a
    return a * (math.log1p(t) - t) + 0.5 * (math.log(a) - _LOG_2PI) - _stirling_error(a)


def _lower_series(x: float, a: float) -> float:
    """sum_n x^n / (a (a+1) ... (a+n)), with P(a, x) = factor * series.

    The series converges for every x, but needs about ``(x - a) + 9 sqrt(a)`` terms near the
    middle of a large shape's distribution, so the terms are one numpy ``cumprod`` (grown
    until the last term is negligible) rather than a Python loop: the limits of a large
    trust's standardised ratio need hundreds of terms, many times over.
    """
    k = max(int(x - a), 0) + int(9.0 * math.sqrt(a + x)) + 64
    while True:
        terms = np.cumprod(x / (a + np.arange(1.0, k + 1.0)))
        total = 1.0 + float(terms.sum())
        if terms[-1] <= _EPS * total or k >= _MAX_ITERATIONS:
            return total / a
        k *= 2


def _upper_fraction(x: float, a: float) -> float:
    """Lentz's continued fraction with Q(a, x) = factor * fraction (for x >= a + 1)."""
    tiny = 1e-300
    b = x + 1.0 - a
    c = 1.0 / tiny
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITERATIONS):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) <= _EPS:
            break
    return h


def gamma_log_cdf(x: float, a: float, *, upper: bool = False) -> float:
    """log P(X <= x) (or log P(X > x) when ``upper``) for X ~ Gamma(shape a, scale 1)."""
    if x <= 0:
        return -math.inf if not upper else 0.0
    if math.isinf(x):
        return 0.0 if not upper else -math.inf
    factor = _log_density_factor(x, a)
    # The series gives P to full relative precision for any x, and is fast (numpy) up to a
    # few standard deviations above the mean; the fraction gives Q to full relative precision
    # (needed for a far upper tail) and is fast far out.
    series = x < a + 1.0 or (not upper and x < a + 6.0 * math.sqrt(a) + 10.0)
    if series:
        log_lower = factor + math.log(_lower_series(x, a))
        return log_lower if not upper else _log1m_exp(log_lower)
    log_upper = factor + math.log(_upper_fraction(x, a))
    return log_upper if upper else _log1m_exp(log_upper)


def _log1m_exp(log_p: float) -> float:
    """log(1 - exp(log_p)) without cancellation (Maechler's rule)."""
    if log_p > -math.log(2.0):
        return math.log(-math.expm1(log_p))
    return math.log1p(-math.exp(log_p))


def chisq_log_cdf(x: float, df: float) -> float:
    """log P(X <= x) for X ~ chi-squared with ``df`` degrees of freedom."""
    return gamma_log_cdf(x / 2.0, df / 2.0)


def chisq_quantile(p: float, df: float) -> float:
    """The x with P(X <= x) = p for X ~ chi-squared(df)."""
    if not 0.0 < p < 1.0:
        return 0.0 if p == 0 else (math.inf if p == 1 else math.nan)
    return 2.0 * _gamma_quantile(p, df / 2.0)


def _gamma_quantile(p: float, a: float) -> float:
    """Solve log P(a, x) = log p for x (the upper tail's log when 1 - p < 1e-4).

    Newton's method in y = log x from the Wilson-Hilferty start, with steps that leave the
    bracket replaced by bisection. The lower tail is used up to p = 0.9999: its series is
    exact to a few ulps there, and gives x to ~1e-13 or better; only a tinier upper tail
    needs its own expansion. Iteration stops when the step is below 1e-15 relative, or has
    stopped shrinking once small (the function's rounding is then the limit).
    """
    upper = 1.0 - p < 1e-4
    target = math.log1p(-p) if upper else math.log(p)
    z = normal_quantile(p)
    wh = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * math.sqrt(a))
    start = a * wh**3 if wh > 0 else (p * math.exp(math.lgamma(a + 1.0))) ** (1.0 / a)
    y = math.log(max(start, 1e-300))
    lo, hi = -700.0, 700.0
    previous = math.inf
    for _ in range(200):
        x = math.exp(y)
        value = gamma_log_cdf(x, a, upper=upper)
        gap = value - target
        if gap == 0:
            return x
        # The tail's log falls as x rises when upper, rises otherwise.
        if (gap > 0) != upper:
            hi = y
        else:
            lo = y
        slope = math.exp(_log_density_factor(x, a) - value) * (-1.0 if upper else 1.0)
        step = gap / slope
        size, scale = abs(step), max(1.0, abs(y))
        if size <= 1e-15 * scale:
            return math.exp(y - step)
        if size < 1e-9 * scale and size >= previous:  # stalled at the rounding floor
            return x
        previous = size
        new_y = y - step
        y = new_y if lo < new_y < hi else 0.5 * (lo + hi)
    return math.exp(y)


def student_t_cdf(t: float, df: int) -> float:
    """P(T <= t) for Student's t with a whole number of degrees of freedom.

    The exact finite series of Abramowitz & Stegun 26.7.3 (odd df) and 26.7.4 (even df) in
    theta = atan(|t| / sqrt(df)); the outlook's trend projection needs it for n - 2 df.
    """
    if df < 1 or int(df) != df:
        raise ValueError(f"degrees of freedom must be a whole number >= 1; got {df}")
    df = int(df)
    theta = math.atan(abs(t) / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2:
        series, term = 0.0, math.cos(theta)
        for k in range(1, (df - 1) // 2 + 1):
            series += term
            term *= (2 * k) / (2 * k + 1) * c2
        within = 2.0 / math.pi * (theta + math.sin(theta) * series)
    else:
        series, term = 0.0, 1.0
        for k in range(1, df // 2 + 1):
            series += term
            term *= (2 * k - 1) / (2 * k) * c2
        within = math.sin(theta) * series
    return 0.5 + math.copysign(0.5 * within, t)
