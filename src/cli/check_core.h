/* SPDX-License-Identifier: MIT */
/* check_core.h -- panctl check: the state of one check run, shared by cmd_check.c and the probes.
 */
#ifndef PANCTL_CHECK_CORE_H
#define PANCTL_CHECK_CORE_H

#include <stddef.h>
#include <panos/panos.h>
#include "check_range.h"

struct cli_ctx;

/* Monitoring Plugins return codes (Development Guidelines, "Plugin Return Codes"). */
enum chk_status { CHK_OK = 0, CHK_WARNING = 1, CHK_CRITICAL = 2, CHK_UNKNOWN = 3 };

#define CHK_MAX_NAMES 32

struct chk {
    struct cli_ctx *ctx;
    struct cli_range warn, crit;
    int has_warn, has_crit;
    int dataplane;                    /* cpu --dataplane */
    const char *names[CHK_MAX_NAMES]; /* --interface / --tunnel */
    size_t nnames;
    long long now;          /* epoch seconds, read once */
    enum chk_status status; /* worst so far */
    char text[1024];        /* the summary after "STATUS - " */
    char perf[2048];        /* perfdata after " | " */
    int unknown;            /* a probe failed: text holds the reason */
};

/* One check: fills @p c (values through chk_value(), the summary through chk_say()). */
typedef void chk_probe_fn(struct chk *c);

/* The probes (check_probes.c) by name: "sessions", "cpu", ... NULL when unknown. */
chk_probe_fn *chk_probe_find(const char *name);
/* check key (check_key.c): reads the key locally, sends nothing. */
void chk_probe_key(struct chk *c);
/* Default thresholds of a probe (warning, critical; NULL: none). */
void chk_probe_defaults(const char *name, const char **warn, const char **crit);

/* check_fleet.c: --all-devices: @p probe on every firewall of the Panorama (c->ctx connected),
 * one at a time; prints the summary line, then one line per firewall; returns the worst status
 * (CRITICAL, WARNING, UNKNOWN, OK in that order; a disconnected firewall is UNKNOWN). */
int chk_all_devices(struct chk *c, chk_probe_fn *probe);

/* Run op @p cmd (CLI text or XML) into *@p out. On failure, UNKNOWN with the client's one-line
 * error (secrets already removed by the library), *@p out NULL, and -1. */
int chk_op(struct chk *c, const char *cmd, panos_response **out);
/* type=config&action=show at @p xpath, as chk_op(). */
int chk_config_show(struct chk *c, const char *xpath, panos_response **out);

/* The check cannot say: UNKNOWN with @p fmt as the whole summary (first call wins). */
void chk_unknown(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Raise the status to @p s (worst wins; UNKNOWN is not raised by values). */
void chk_raise(struct chk *c, enum chk_status s);

/* Compare @p v with the thresholds (critical first), raise the status, append perfdata
 * 'LABEL'=V[UOM];warn;crit;[min];[max] (@p min/@p max NAN: empty). Returns the status of v. */
enum chk_status chk_value(struct chk *c, const char *label, double v, const char *uom, double min,
                          double max);

/* Perfdata only: as chk_value() without thresholds (no status change, empty warn;crit). */
void chk_perf(struct chk *c, const char *label, double v, const char *uom, double min, double max);

/* @p v as chk_value() writes numbers: at most two decimals, no trailing zeros. */
void chk_num(char *buf, size_t len, double v);

/* Append to the summary (parts joined with ", "). */
void chk_say(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The trimmed text of @p node (or "" when absent) into @p buf. */
const char *chk_text(const panos_node *node, char *buf, size_t len);

#endif
