/* SPDX-License-Identifier: MIT */
/* fuzz_simfilter.c -- libFuzzer entry: pansim's log filter parser, then the filter run over a few entries. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "logstore.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define T0 1795348800000LL /* 2026-11-22 12:00:00 UTC */

/* A small store made once: entries are a pure function of (seed, index). */
static struct sim_logstore *store(void)
{
    static struct sim_logstore *s;
    if (s == NULL) {
        struct sim_logstore_options o = {.seed = 1, .rate_per_s = 0, .t0_ms = T0, .span_s = 3600};
        for (int t = 0; t < SIM_LOG__COUNT; t++)
            o.initial[t] = 100;
        if (sim_logstore_new(&s, &o) != 0)
            s = NULL;
    }
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The query arrives as a request parameter: a C string (cut at the first NUL). */
    char *q = malloc(size + 1);
    char err[200];
    struct sim_filter *f = NULL;
    struct sim_logstore *s = store();
    static struct sim_logentry e;

    if (q == NULL)
        return 0;
    memcpy(q, data, size);
    q[size] = '\0';
    if (sim_filter_parse(&f, q, err, sizeof(err)) == 0 && s != NULL) {
        unsigned long long lo, hi;
        sim_filter_seqno_bounds(f, &lo, &hi);
        for (int t = 0; t < SIM_LOG__COUNT; t++) {
            for (unsigned long long i = 0; i < 100; i += 37) {
                sim_logstore_entry(s, (enum sim_logtype)t, i, &e);
                (void)sim_filter_match(f, &e, T0);
            }
        }
    }
    sim_filter_free(f);
    free(q);
    return 0;
}
