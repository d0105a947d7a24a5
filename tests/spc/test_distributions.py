"""The normal and chi-squared functions against published values and against each other."""

from __future__ import annotations

import math

import pytest

from impact.spc.distributions import (
    chisq_log_cdf,
    chisq_quantile,
    gamma_log_cdf,
    normal_cdf,
    normal_quantile,
    student_t_cdf,
)


@pytest.mark.parametrize(
    ("p", "x"),
    [
        (0.975, 1.959963984540054),
        (0.999, 3.090232306167813),
        (0.001, -3.090232306167813),
        (0.5, 0.0),
        (0.16, -0.994457883209753),
        (1e-10, -6.361340902404056),
    ],
)
def test_normal_quantile_published_values(p: float, x: float) -> None:
    assert normal_quantile(p) == pytest.approx(x, rel=1e-14, abs=1e-15)
    assert normal_cdf(x) == pytest.approx(p, rel=1e-12)


@pytest.mark.parametrize("log_p", [-1e-20, -1e-6, -0.3, -0.9, -5.0, -300.0, -1000.0, -1e5])
def test_normal_quantile_on_the_log_scale(log_p: float) -> None:
    x = normal_quantile(log_p, log_p=True)
    if log_p > -700:
        assert math.log(normal_cdf(x)) == pytest.approx(log_p, rel=1e-10)
    else:  # beyond double precision for the probability: the tail z ~ sqrt(-2 log p)
        assert -x == pytest.approx(math.sqrt(-2 * log_p), rel=0.02)
        assert x < normal_quantile(-700.0, log_p=True)


def test_normal_quantile_edges() -> None:
    assert normal_quantile(0.0) == -math.inf
    assert normal_quantile(1.0) == math.inf
    assert math.isnan(normal_quantile(1.5))
    assert normal_quantile(-math.inf, log_p=True) == -math.inf
    assert normal_quantile(0.0, log_p=True) == math.inf


@pytest.mark.parametrize(
    ("p", "df", "x"),
    [
        (0.95, 1, 3.841458820694124),
        (0.95, 10, 18.30703805327515),
    ],
)
def test_chisq_quantile_published_values(p: float, df: float, x: float) -> None:
    assert chisq_quantile(p, df) == pytest.approx(x, rel=1e-12)


@pytest.mark.parametrize("p", [0.001, 0.025, 0.5, 0.975, 0.999])
def test_chisq_quantile_closed_forms(p: float) -> None:
    # chi-squared(2) is exponential with mean 2; chi-squared(1) is a squared normal
    assert chisq_quantile(p, 2) == pytest.approx(-2 * math.log1p(-p), rel=1e-13)
    assert chisq_quantile(p, 1) == pytest.approx(normal_quantile((1 + p) / 2) ** 2, rel=1e-12)


@pytest.mark.parametrize("df", [0.4, 1.6, 2.0, 9.3, 47.0, 480.0, 4800.0, 48000.0])
@pytest.mark.parametrize("p", [0.001, 0.025, 0.16, 0.84, 0.975, 0.999])
def test_chisq_quantile_inverts_the_cdf(p: float, df: float) -> None:
    x = chisq_quantile(p, df)
    # log P loses ~1e-16 * df digits to cancellation, so the check is at 1e-9
    assert chisq_log_cdf(x, df) == pytest.approx(math.log(p), rel=1e-9)


def test_gamma_tails_are_complementary_and_keep_tiny_tails() -> None:
    for a, x in [(3.0, 1.0), (3.0, 9.0), (250.0, 240.0), (250.0, 400.0)]:
        lower = math.exp(gamma_log_cdf(x, a))
        upper = math.exp(gamma_log_cdf(x, a, upper=True))
        assert lower + upper == pytest.approx(1.0, rel=1e-13)
    # P(X <= 1) for shape 1 is 1 - e^-1; P(X > 60) is e^-60 (far below double epsilon)
    assert gamma_log_cdf(1.0, 1.0) == pytest.approx(math.log(-math.expm1(-1.0)), rel=1e-14)
    assert gamma_log_cdf(60.0, 1.0, upper=True) == pytest.approx(-60.0, rel=1e-13)
    assert gamma_log_cdf(1e-3, 50.0) < -300  # a tiny lower tail, still finite
    assert gamma_log_cdf(0.0, 2.0) == -math.inf


@pytest.mark.parametrize(
    ("t", "df", "p"),
    [
        (6.313751514675041, 1, 0.95),
        (2.919985580355516, 2, 0.95),
        (2.570581835636314, 5, 0.975),
        (2.228138851986273, 10, 0.975),
        (-2.228138851986273, 10, 0.025),
        (0.0, 7, 0.5),
    ],
)
def test_student_t_cdf_published_quantiles(t: float, df: int, p: float) -> None:
    assert student_t_cdf(t, df) == pytest.approx(p, rel=1e-12)


def test_student_t_tends_to_the_normal_and_needs_whole_df() -> None:
    assert student_t_cdf(1.959963984540054, 20001) == pytest.approx(0.975, abs=1e-4)
    with pytest.raises(ValueError, match="whole number"):
        student_t_cdf(1.0, 2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        student_t_cdf(1.0, 0)
