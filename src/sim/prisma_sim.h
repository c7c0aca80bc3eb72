/* SPDX-License-Identifier: MIT */
/* prisma_sim.h -- pansim --prisma: a Prisma Cloud API (CSPM login, config search, Compute hosts).
 */
#ifndef PANSIM_PRISMA_SIM_H
#define PANSIM_PRISMA_SIM_H

#include <stddef.h>

/* A growable text buffer for answers. */
struct psim_buf {
    char *p;
    size_t len, cap;
    int oom;
};
void psim_printf(struct psim_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* What the generated tenant holds: nassets EC2 instances, nvulns findings spread over them. */
struct psim_data {
    long nassets;
    long nvulns;
    double changed_pct; /* this share of assets (and their findings) differ: a later scan */
    unsigned long seed;
};

/* Rows [from, from + n) of the config search "items" array (comma separated, no brackets). */
void psim_assets_json(struct psim_buf *b, const struct psim_data *d, long from, long n);

/* Hosts [from, from + n) of Compute's /hosts as a JSON array, with their vulnerabilities. */
void psim_hosts_json(struct psim_buf *b, const struct psim_data *d, long from, long n);

/* The whole of pansim --prisma: parse its options from @p argv, serve, return the exit status. */
int sim_prisma_main(int argc, char **argv);

#endif
