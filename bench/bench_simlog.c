/* SPDX-License-Identifier: MIT */
/* bench_simlog.c -- CPU time pansim takes to generate a 5,000-entry traffic page as XML. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "logstore.h"
#include "logxml.h"

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int entries = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5000;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 10;
    struct sim_logstore_options o = {.seed = 1,
                                     .t0_ms = 1767225600000LL,
                                     .span_s = 7 * 86400,
                                     .serial = "012345678901",
                                     .device_name = "pansim-fw1"};
    o.initial[SIM_LOG_TRAFFIC] = 1000000;
    struct sim_logstore *s;
    static struct sim_logentry e;
    if (sim_logstore_new(&s, &o) != 0)
        return 1;
    double best = 1e9, first = 0;
    size_t bytes = 0;
    struct sim_obuf b = {0};
    for (int r = 0; r < rounds; r++) {
        double t0 = cpu_s();
        b.len = 0; /* the buffer is reused, as pansim's pool does */
        for (int i = 0; i < entries; i++) {
            sim_logstore_entry(s, SIM_LOG_TRAFFIC, 1000000 - 1 - (unsigned long long)i, &e);
            sim_logentry_xml(&e, &b);
        }
        double t = cpu_s() - t0;
        if (b.failed)
            return 1;
        bytes = b.len;
        if (r == 0)
            first = t;
        if (t < best)
            best = t;
    }
    printf("bench_simlog: %d traffic entries, %.2f MB of XML, best of %d: %.2f ms CPU "
           "(%.2f us per entry); first round, into fresh memory: %.2f ms\n",
           entries, (double)bytes / 1e6, rounds, best * 1e3, best * 1e6 / entries, first * 1e3);
    free(b.p);
    sim_logstore_free(s);
    return 0;
}
