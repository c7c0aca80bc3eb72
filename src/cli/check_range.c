/* SPDX-License-Identifier: MIT */
/* check_range.c -- Nagios threshold ranges (10, 10:, ~:10, 10:20, @10:20) for panctl check. */
#include <stdio.h>
#include <string.h>
#include "check_range.h"

/* A decimal number filling [s, s + n): optional sign, digits, optional fraction. */
static int number(const char *s, size_t n, double *out)
{
    size_t i = 0, digits = 0;
    double v = 0, scale = 1;
    int neg = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
        v = v * 10 + (s[i] - '0');
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++)
            v += (s[i] - '0') * (scale /= 10);
    }
    if (i != n || digits == 0 || digits > 15)
        return -1;
    *out = neg ? -v : v;
    return 0;
}

int cli_range_parse(struct cli_range *out, const char *s, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    if (s == NULL || strlen(s) >= sizeof(out->text))
        goto bad;
    snprintf(out->text, sizeof(out->text), "%s", s);
    if (*s == '@') {
        out->inside = 1;
        s++;
    }
    const char *colon = strchr(s, ':');
    if (colon == NULL) { /* "10": 0..10 */
        if (number(s, strlen(s), &out->hi) != 0)
            goto bad;
    } else {
        size_t ln = (size_t)(colon - s);
        const char *end = colon + 1;
        if (ln == 1 && s[0] == '~')
            out->lo_inf = 1;
        else if (number(s, ln, &out->lo) != 0) /* ":10" is none of the forms */
            goto bad;
        if (*end == '\0')
            out->hi_inf = 1;
        else if (number(end, strlen(end), &out->hi) != 0)
            goto bad;
        if (out->lo_inf && out->hi_inf)
            goto bad;
    }
    if (!out->lo_inf && !out->hi_inf && out->lo > out->hi) {
        snprintf(err, errlen, "range '%s': START is above END", out->text);
        return -1;
    }
    return 0;
bad:
    snprintf(err, errlen, "range '%.40s': expected N, N:, ~:N, N:M or @N:M with decimal numbers",
             s ? s : "");
    return -1;
}

int cli_range_alert(const struct cli_range *r, double v)
{
    int in = (r->lo_inf || v >= r->lo) && (r->hi_inf || v <= r->hi);
    return r->inside ? in : !in;
}
