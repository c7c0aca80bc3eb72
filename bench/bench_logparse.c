/* SPDX-License-Identifier: MIT */
/* bench_logparse.c -- MB/s of the streaming log parser on a 5,000-entry traffic answer in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/log.h>
#include "../src/lib/sbuf.h"

static int count_entry(void *payload, const panos_log_entry *e)
{
    /* Touch a field so the work of finding values is not optimised away. */
    const char *b = panos_log_entry_get(e, "bytes");
    *(unsigned long long *)payload += b ? (unsigned long long)strtoull(b, NULL, 10) : 0;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int entries = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5000;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20;
    /* One real entry (the traffic entry of demisto/content Panorama test_data/query_logs.xml),
     * repeated with distinct logid/seqno/bytes. */
    FILE *f = fopen(PANOS_BENCH_DATA, "rb");
    if (f == NULL) {
        perror(PANOS_BENCH_DATA);
        return 1;
    }
    static char file[1 << 16];
    size_t n = fread(file, 1, sizeof(file) - 1, f);
    fclose(f);
    file[n] = '\0';
    char *a = strstr(file, "<entry "), *b = strstr(file, "</entry>");
    if (a == NULL || b == NULL)
        return 1;
    b += strlen("</entry>");
    char *tail = strstr(a, "<seqno>");
    panos__sb doc = PANOS__SB_INIT;
    panos__sb_puts(&doc, "<response status=\"success\"><result>\n  <job>\n    <status>FIN</status>"
                         "\n    <id>1</id>\n  </job>\n  <log>\n    <logs count=\"5000\" "
                         "progress=\"100\">\n");
    for (int i = 0; i < entries; i++) {
        panos__sb_printf(&doc, "<entry logid=\"%d\">\n  <seqno>%d</seqno>\n  <bytes>%d</bytes>",
                         7000000 + i, 38000000 + i, 1000 + i);
        char *body = strchr(tail, '\n');
        panos__sb_append(&doc, body, (size_t)(b - body));
        panos__sb_puts(&doc, "\n");
    }
    panos__sb_puts(&doc, "    </logs>\n  </log>\n</result></response>\n");

    unsigned long long sum = 0;
    double best = 1e9;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_s();
        panos_logparser *p;
        if (panos_logparser_new(&p, count_entry, &sum) != PANOS_OK)
            return 1;
        /* Feed in 16 KiB pieces, as curl's write callback would. */
        for (size_t off = 0; off < doc.len; off += 16384) {
            size_t len = doc.len - off < 16384 ? doc.len - off : 16384;
            if (panos_logparser_feed(p, doc.ptr + off, len) != PANOS_OK)
                return 1;
        }
        if (panos_logparser_finish(p) != PANOS_OK ||
            panos_logparser_info_get(p)->entries != (size_t)entries)
            return 1;
        panos_logparser_free(p);
        double t = now_s() - t0;
        if (t < best)
            best = t;
    }
    printf("bench_logparse: %d entries, %.2f MB of XML, best of %d: %.2f ms, %.0f MB/s, "
           "%.0f entries/s (checksum %llu)\n",
           entries, (double)doc.len / 1e6, rounds, best * 1e3, (double)doc.len / 1e6 / best,
           entries / best, sum);
    panos__sb_dispose(&doc, 0);
    return 0;
}
