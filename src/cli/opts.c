/* SPDX-License-Identifier: MIT */
/* opts.c -- option tables (getopt tables and --help rows from one table), strict number and
 * size parsers. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* Digits only, at least one: what cli_parse_count() and cli_parse_seconds() accept. */
int cli_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int cli_parse_count(const char *cmd, const char *opt, const char *s, long long min,
                    long long max, long long *out)
{
    /* strtoll alone would take " 5", "+5", "-0" and, past LLONG_MAX, clamp with ERANGE. */
    if (s != NULL && cli_digits(s, strlen(s))) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno == 0 && *end == '\0' && v >= min && v <= max) {
            *out = v;
            return 0;
        }
    }
    return cli_usage_error(cmd, "%s %s: expected a whole number from %lld to %lld", opt,
                           s ? s : "", min, max);
}

int cli_parse_seconds(const char *cmd, const char *opt, const char *s, long min_ms, long max_ms,
                      long *out_ms)
{
    /* By hand, not strtod: strtod reads "nan", "inf", hex and exponents, and a NaN passes
     * every range comparison. */
    const char *dot = s ? strchr(s, '.') : NULL;
    size_t ilen = s ? (dot ? (size_t)(dot - s) : strlen(s)) : 0;
    size_t flen = dot ? strlen(dot + 1) : 0;
    int ok = s != NULL && (ilen > 0 || flen > 0) && (ilen == 0 || cli_digits(s, ilen)) &&
             (dot == NULL || cli_digits(dot + 1, flen)) && ilen <= 9;
    if (ok) {
        long ms = 0;
        for (size_t i = 0; i < ilen; i++)
            ms = ms * 10 + (s[i] - '0');
        ms *= 1000;
        long scale = 100;
        int finer = 0;
        for (size_t i = 0; i < flen; i++) {
            if (scale > 0)
                ms += (dot[1 + i] - '0') * scale;
            else if (dot[1 + i] != '0')
                finer = 1;
            scale /= 10;
        }
        /* Below a millisecond is refused even where 0 is allowed: 0 ms means "no timeout". */
        if (!(finer && ms == 0) && ms >= min_ms && ms <= max_ms) {
            *out_ms = ms;
            return 0;
        }
    }
    return cli_usage_error(cmd, "%s %s: expected seconds from %ld.%03ld to %ld",
                           opt, s ? s : "", min_ms / 1000, min_ms % 1000, max_ms / 1000);
}

/* Append @p opts to the tables; with @p skip_own, leave out --help and --version and any option
 * already in them (the command's own wins a clash). */
static void opts_add(const struct cli_opt *opts, int skip_own, struct option *longs, size_t *n,
                     char *shorts, size_t *s, size_t shorts_len)
{
    for (; opts->opt.name; opts++) {
        int val = opts->opt.val;
        int clash = 0;
        if (skip_own && (strcmp(opts->opt.name, "help") == 0 ||
                         strcmp(opts->opt.name, "version") == 0))
            continue;
        for (size_t i = 0; skip_own && i < *n; i++)
            clash |= strcmp(longs[i].name, opts->opt.name) == 0;
        if (!clash && *n + 1 < CLI_MAX_LONGS)
            longs[(*n)++] = opts->opt;
        if (val > 0 && val < 256 && memchr(shorts, val, *s) == NULL && *s + 3 < shorts_len) {
            shorts[(*s)++] = (char)val;
            if (opts->opt.has_arg == required_argument)
                shorts[(*s)++] = ':';
        }
    }
}

void cli_opts_build(const struct cli_opt *opts, struct option *longs, char *shorts,
                    size_t shorts_len)
{
    size_t n = 0, s = 0;
    if (opts != NULL)
        opts_add(opts, 0, longs, &n, shorts, &s, shorts_len);
    opts_add(cli_global_opts, opts != NULL, longs, &n, shorts, &s, shorts_len);
    memset(&longs[n], 0, sizeof(longs[n]));
    shorts[s] = '\0';
}

/* The left column of an option's row: "-o, --output FORMAT" or "    --pin SHA256". */
static void opt_left(char *out, size_t len, const struct cli_opt *o)
{
    if (o->opt.val > 0 && o->opt.val < 256)
        snprintf(out, len, "-%c, --%s%s%s", o->opt.val, o->opt.name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else
        snprintf(out, len, "    --%s%s%s", o->opt.name, o->arg ? " " : "", o->arg ? o->arg : "");
}

void cli_opt_rows(FILE *f, const struct cli_opt *opts)
{
    for (const struct cli_opt *o = opts; o->opt.name; o++) {
        char left[64];
        opt_left(left, sizeof(left), o);
        fprintf(f, "  %-26s %s\n", left, o->help);
    }
}

void cli_help(const char *cmd, const char *usage, const char *desc, const struct cli_opt *opts)
{
    printf("usage: panctl [GLOBAL OPTIONS] %s %s\n%s\n", cmd, usage, desc);
    if (opts && opts[0].opt.name) {
        puts("\nOptions:");
        cli_opt_rows(stdout, opts);
    }
    puts("\nGlobal options (--host, --key-file, --pin, -o, ...): panctl --help.");
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end = NULL;
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s)
        return -1;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return -1;
    }
    /* 1 TiB is far past anything a firewall answers; it also keeps the sums in range. */
    if (*end != '\0' || v == 0 || v > (1ULL << 40) >> shift)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}
