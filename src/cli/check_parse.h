/* SPDX-License-Identifier: MIT */
/* check_parse.h -- parsers of PAN-OS monitoring answers (df, top, dates); no I/O, no panctl state.
 */
#ifndef PANCTL_CHECK_PARSE_H
#define PANCTL_CHECK_PARSE_H

#include <stddef.h>

/* One line of `show system disk-space` (df -h): sizes in bytes, use% as df printed it. */
struct cli_df_row {
    char device[64], mount[128];
    double size, used, avail;
    int use_pct;
};

/*
 * Parse df -h text: a header line, then one line per file system (device, size, used, avail,
 * use%, mount; a device name alone on its line continues on the next). Sizes take K, M, G, T
 * (powers of 1024) or none. Fills at most @p max rows and sets *@p n. Returns 0, or -1 when the
 * header is missing or a line does not parse.
 */
int cli_df_parse(const char *text, struct cli_df_row *rows, size_t max, size_t *n);

/*
 * The CPU idle percentage of top's header (show system resources), in both layouts:
 * "%Cpu(s):  1.2 us, ... 96.5 id, ..." (procps-ng) and "Cpu(s):  1.2%us, ... 96.5%id, ..."
 * (older procps). Returns 0, or -1 when neither is there.
 */
int cli_top_idle(const char *text, double *idle);

/* Epoch seconds of a UTC calendar time (no time zone database; proleptic Gregorian). */
long long cli_utc_epoch(int year, int mon, int mday, int hour, int min, int sec);

/*
 * A content release date of show system info, "2025/04/28 16:06:06 MDT": the North American
 * zone names, UTC/GMT and a few others are known; an unknown name is read as UTC (the age
 * checks count days). Returns 0 or -1.
 */
int cli_parse_release_date(const char *s, long long *out);

/* A licence date of request license info, "April 20, 2023" (or "Apr 20, 2023"), as 00:00 UTC.
 * Returns 0, or -1 (also for "Never", which the caller tests first). */
int cli_parse_licence_date(const char *s, long long *out);

/* A certificate date of the config, "Oct 02 07:00:00 2011 GMT". Returns 0 or -1. */
int cli_parse_cert_date(const char *s, long long *out);

#endif
