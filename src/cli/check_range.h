/* SPDX-License-Identifier: MIT */
/* check_range.h -- Nagios threshold ranges (10, 10:, ~:10, 10:20, @10:20) for panctl check. */
#ifndef PANCTL_CHECK_RANGE_H
#define PANCTL_CHECK_RANGE_H

#include <stddef.h>

/*
 * A threshold range as the Monitoring Plugins Development Guidelines ("Threshold and ranges")
 * define it: START:END, START defaulting to 0 when omitted, "~" for minus infinity, END empty
 * for plus infinity; a value outside the range alerts, or inside it (inclusive) with a leading
 * "@". "10" alerts below 0 or above 10, "10:" below 10, "~:10" above 10, "10:20" outside 10..20,
 * "@10:20" inside 10..20.
 */
struct cli_range {
    double lo, hi;      /* bounds; ignored where the flag below says infinite */
    int lo_inf, hi_inf; /* START "~", END empty */
    int inside;         /* "@": alert inside the range */
    char text[48];      /* as given, for perfdata */
};

/*
 * Parse @p s strictly: the whole string, decimal numbers (a sign and a fraction allowed, no
 * exponent, hex, "nan" or "inf"), START not above END. Returns 0, or -1 with a one-line reason
 * in @p err ("expected START:END ...").
 */
int cli_range_parse(struct cli_range *out, const char *s, char *err, size_t errlen);

/* 1 when @p v alerts against @p r (outside it, or inside it with "@"), else 0. */
int cli_range_alert(const struct cli_range *r, double v);

#endif
