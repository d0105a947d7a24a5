# Golden series for impact.spc.auto_limits: designed inputs run through autospc, the R package
# of the Stable Shift Algorithm (HorridTom/autospc).
#
# Needs R >= 4.2 with autospc 0.0.0.9051 (GitHub HorridTom/autospc, commit d73152e), fpCompare
# (PredictiveEcology/fpCompare), ggnewscale 0.4.10 and autospc's CRAN imports (dplyr, ggplot2,
# tidyr, cowplot, magrittr, rlang, scales, stringr, tibble, lifecycle). Made with R 4.2.2.
# Run from this folder:  Rscript make_autospc_golden.R
# Writes autospc/params.csv (one row per series: chart type and the autospc options given),
# autospc/inputs.csv (series_id, x, y, n) and autospc/points.csv (one row per point as
# autospc returns it; periodStart is autospc's row number of the period's first point).
suppressPackageStartupMessages({library(autospc); library(dplyr)})

set.seed(20261201)
series <- list()
add <- function(id, y, n = NULL, chart = "XMR", ...) {
  x <- seq(as.Date("2016-01-01"), by = "month", length.out = length(y))
  series[[id]] <<- list(df = data.frame(x = x, y = y, n = if (is.null(n)) NA_real_ else n),
                        chart = chart, opts = list(...))
}
noise <- function(k, sd = 1) rnorm(k, 0, sd)
lvl <- function(...) { a <- c(...); unlist(lapply(seq(1, length(a), 2), function(i) rep(a[i], a[i + 1]))) }

add("G01_step_up", 50 + lvl(0, 30, 3, 30) + noise(60))
add("G02_step_down", 50 + lvl(0, 28, -2.5, 32) + noise(60))
add("G03_shift_reverts", 50 + lvl(0, 30, 3, 12, 0, 18) + noise(60))
add("G04_seven_above", 50 + c(noise(30, 0.3), rep(0, 7) + 1.5, rep(-0.8, 23)) + noise(60, 0.2))
add("G05_exactly_eight", 50 + c(noise(30, 0.3), rep(1.5, 8), rep(-0.8, 22)) + noise(60, 0.2))
add("G06_outliers_baseline", { y <- 20 + noise(60); y[c(3, 9, 14, 17)] <- c(35, 5, 31, 29); y[45] <- 40; y })
add("G07_tied_outliers", { y <- rpois(60, 12); y[c(4, 11)] <- 40L; y[15] <- 41L; y[18] <- 40L; as.numeric(y) })
add("G08_twenty_points", 10 + noise(20))
add("G09_twenty_one_points", 10 + noise(21))
add("G10_final_run_against", 50 + c(noise(30, 0.5), 3 + noise(15, 0.5), -1 + abs(noise(15, 0.3)) * -1))
add("G11_final_run_regrets_off", 50 + c(noise(30, 0.5), 3 + noise(15, 0.5), -1 + abs(noise(15, 0.3)) * -1),
    no_regrets = FALSE, overhanging_reversions = FALSE)
add("G12_every_shift", 50 + lvl(0, 25, 2, 15, -1, 15, 1.5, 25) + noise(80), establish_every_shift = TRUE)
add("G13_baseline_12", 50 + lvl(0, 20, 3, 40) + noise(60), baseline_length = 12)
add("G14_short_periods", 50 + lvl(0, 20, 2.5, 20, -1, 25) + noise(65), period_min = 15L,
    shift_rule_threshold = 6L)
add("G15_screen_inf", cumsum(c(0, sample(c(0.2, -0.2, 6, -6), 59, TRUE, c(.45, .45, .05, .05)))) + 30,
    mr_screen_max_loops = Inf)
add("G16_trend", 40 + (1:72) * 0.25 + noise(72))
add("G17_on_centre_line", as.numeric(rep(c(4, 6, 5, 5, 6, 4, 5), length.out = 60) + lvl(0, 30, 2, 30)))
add("G18_tolerance", as.numeric(rep(c(4, 6, 5, 5, 6, 4, 5), length.out = 60) + lvl(0, 30, 2, 30)),
    centre_line_tolerance = 0.5)
add("G19_no_exclusions", { y <- 20 + noise(60); y[c(5, 12)] <- c(32, 8); y }, max_exclusions = 0)
add("G20_three_levels_long", 100 + lvl(0, 40, -4, 40, 3, 40) + noise(120, 1.2))
add("G21_baseline_only", 50 + lvl(0, 30, 3, 30) + noise(60), baseline_only = TRUE)
add("G22_reversion_overhangs", 50 + lvl(0, 30, 2.5, 17, -1.5, 13) + noise(60, 0.4),
    overhanging_reversions = FALSE, no_regrets = FALSE)
n1 <- round(runif(60, 800, 1600))
add("P11_pp_step_up", rbinom(60, n1, c(rep(0.70, 30), rep(0.76, 30))), n1, chart = "P'")
n2 <- round(runif(72, 40, 400))
add("P12_pp_small_n_step_down", rbinom(72, n2, c(rep(0.55, 35), rep(0.42, 37))), n2, chart = "P'")
n3 <- round(runif(60, 5000, 12000))
add("P13_pp_outliers", { y <- rbinom(60, n3, 0.8); y[c(6, 13)] <- round(n3[c(6, 13)] * c(0.70, 0.88)); y }, n3,
    chart = "P'")
n4 <- round(runif(60, 900, 1100))
add("P14_pp_regrets_off", rbinom(60, n4, c(rep(0.6, 30), rep(0.66, 16), rep(0.58, 14))), n4, chart = "P'",
    no_regrets = FALSE, overhanging_reversions = FALSE)
n5 <- round(runif(60, 2000, 3000))
add("P15_pp_near_full", rbinom(60, n5, c(rep(0.985, 30), rep(0.995, 30))), n5, chart = "P'")

add("G23_tied_outliers_truncated", { y <- rep(c(11, 12, 13, 12), 15); y[c(4, 11)] <- 60; y[c(17, 19)] <- 16; y })
add("G24_final_run_regrets_only", 50 + c(noise(30, 0.5), 3 + noise(15, 0.5), -1 + abs(noise(15, 0.3)) * -1),
    no_regrets = FALSE)

g25 <- 50 + c(noise(30, 0.5), 3 + noise(18, 0.3), -1 - abs(noise(7, 0.2)))
add("G25_no_regrets_waits", g25)
add("G26_no_regrets_off_recalculates", g25, no_regrets = FALSE)

g17 <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))
params <- list(); inputs <- list(); points <- list()
for (sid in names(series)) {
  s <- series[[sid]]
  # the columns are already named x, y (and n), the names autospc looks for when none are given
  data <- if (s$chart == "P'") s$df else s$df[, c("x", "y")]
  args <- c(list(data = data, chart_type = s$chart, plot_chart = FALSE), s$opts)
  res <- as.data.frame(suppressWarnings(do.call(autospc, args)))
  keep <- intersect(c("x", "cl", "ucl", "lcl", "periodType", "excluded", "breakPoint", "rule1", "rule2",
                      "periodStart"), names(res))
  r <- res[, keep, drop = FALSE]
  for (col in c("cl", "ucl", "lcl")) if (col %in% names(r)) r[[col]] <- g17(r[[col]])
  r$x <- format(r$x, "%Y-%m-%d")
  points[[sid]] <- cbind(series_id = sid, r)
  inputs[[sid]] <- data.frame(series_id = sid, x = format(s$df$x, "%Y-%m-%d"), y = g17(s$df$y), n = g17(s$df$n))
  o <- s$opts
  params[[sid]] <- data.frame(
    series_id = sid, chart_type = s$chart,
    period_min = if (is.null(o$period_min)) 21L else o$period_min,
    baseline_length = if (is.null(o$baseline_length)) NA else o$baseline_length,
    shift_rule_threshold = if (is.null(o$shift_rule_threshold)) 8L else o$shift_rule_threshold,
    max_exclusions = if (is.null(o$max_exclusions)) 3L else o$max_exclusions,
    no_regrets = if (is.null(o$no_regrets)) TRUE else o$no_regrets,
    overhanging_reversions = if (is.null(o$overhanging_reversions)) TRUE else o$overhanging_reversions,
    mr_screen_max_loops = if (is.null(o$mr_screen_max_loops)) 1 else o$mr_screen_max_loops,
    baseline_only = if (is.null(o$baseline_only)) FALSE else o$baseline_only,
    establish_every_shift = if (is.null(o$establish_every_shift)) FALSE else o$establish_every_shift,
    centre_line_tolerance = if (is.null(o$centre_line_tolerance)) 0 else o$centre_line_tolerance)
}
write.csv(bind_rows(params), "autospc/params.csv", row.names = FALSE, na = "NA")
write.csv(bind_rows(inputs), "autospc/inputs.csv", row.names = FALSE, na = "NA", quote = FALSE)
write.csv(bind_rows(points), "autospc/points.csv", row.names = FALSE, na = "NA", quote = FALSE)
cat(length(series), "series;", R.version.string, "; autospc", as.character(packageVersion("autospc")), "\n")
