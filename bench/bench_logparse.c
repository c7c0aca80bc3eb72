/* SPDX-License-Identifier: MIT */
/* bench_logparse.c -- MB/s of the streaming log parser on a 5,000-entry traffic answer in memory,
 * alone, with a minimal JSON lines writer (the baseline), and with panctl's writer (cli_rows);
 * the same for CSV; and libxml2's own cost, the same push parser with empty callbacks (the
 * floor). Usage: bench_logparse [ENTRIES [ROUNDS [OUT1 OUT2 [ANSWER.xml]]]]: the JSON lines go
 * to OUT1 and OUT2 (default /dev/null; given, they are compared); ANSWER.xml replaces the
 * generated answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/log.h>
#include "../src/lib/sbuf.h"
#include "../src/lib/xmlerr.h"
#include "output.h"

/* The baseline: the least a correct JSON lines writer does (escape, numbers, one fwrite). */
static const char *const NUMERIC[] = {"bytes",   "dport",     "elapsed", "natdport",  "natsport",
                                      "packets", "repeatcnt", "seqno",   "sessionid", "sport"};

static int numeric(const char *name)
{
    for (size_t i = 0; i < sizeof(NUMERIC) / sizeof(NUMERIC[0]); i++)
        if (strcmp(name, NUMERIC[i]) == 0)
            return 1;
    return 0;
}

static char *put_str(char *d, const char *s)
{
    *d++ = '"';
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            *d++ = '\\';
            *d++ = (char)c;
        } else if (c < 0x20) {
            d += snprintf(d, 7, "\\u%04X", c);
        } else {
            *d++ = (char)c;
        }
    }
    *d++ = '"';
    return d;
}

static int minimal_entry(void *payload, const panos_log_entry *e)
{
    static char line[1 << 20];
    char *d = line;
    *d++ = '{';
    if (e->logid != NULL) {
        memcpy(d, "\"logid\":", 8);
        d = put_str(d + 8, e->logid);
    }
    for (size_t i = 0; i < e->nfields; i++) {
        if (d > line + 1)
            *d++ = ',';
        d = put_str(d, e->fields[i].name);
        *d++ = ':';
        const char *v = e->fields[i].value;
        if (numeric(e->fields[i].name) && v[0] >= '0' && v[0] <= '9' &&
            (v[0] != '0' || v[1] == '\0') && strspn(v, "0123456789") == strlen(v)) {
            size_t n = strlen(v);
            memcpy(d, v, n);
            d += n;
        } else {
            d = put_str(d, v);
        }
    }
    *d++ = '}';
    *d++ = '\n';
    fwrite(line, 1, (size_t)(d - line), payload);
    return 0;
}

/* The baseline CSV line: each field in the entry's order (the columns of the first entry, as
 * panctl logs -o csv without --fields), quoted as RFC 4180 asks, one fwrite. No header. */
static int minimal_csv_entry(void *payload, const panos_log_entry *e)
{
    static char line[1 << 21];
    char *d = line;
    for (size_t i = 0; i < e->nfields; i++) {
        const char *v = e->fields[i].value;
        if (i > 0)
            *d++ = ',';
        if (strpbrk(v, ",\"\r\n") == NULL) {
            size_t n = strlen(v);
            memcpy(d, v, n);
            d += n;
            continue;
        }
        *d++ = '"';
        for (; *v; v++) {
            if (*v == '"')
                *d++ = '"';
            *d++ = *v;
        }
        *d++ = '"';
    }
    *d++ = '\n';
    fwrite(line, 1, (size_t)(d - line), payload);
    return 0;
}

static int rows_entry(void *payload, const panos_log_entry *e)
{
    return cli_rows_add(payload, e);
}

static int count_entry(void *payload, const panos_log_entry *e)
{
    /* Touch a field so the work of finding values is not optimised away. */
    const char *b = panos_log_entry_get(e, "seqno");
    *(unsigned long long *)payload += b ? (unsigned long long)strtoull(b, NULL, 10) : 0;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best time of @p rounds parses of @p doc, each entry handed to @p fn. */
static double best_of(const panos__sb *doc, int entries, int rounds, panos_log_entry_fn fn,
                      void *payload)
{
    double best = 1e9;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_s();
        panos_logparser *p;
        if (panos_logparser_new(&p, fn, payload) != PANOS_OK)
            exit(1);
        /* Feed in 128 KiB pieces, as libpanos has curl read a log page. */
        for (size_t off = 0; off < doc->len; off += 131072) {
            size_t len = doc->len - off < 131072 ? doc->len - off : 131072;
            if (panos_logparser_feed(p, doc->ptr + off, len) != PANOS_OK)
                exit(1);
        }
        if (panos_logparser_finish(p) != PANOS_OK ||
            panos_logparser_info_get(p)->entries != (size_t)entries) {
            fprintf(stderr, "bench_logparse: %s (%zu entries, expected %d)\n",
                    panos_logparser_error(p) ? panos_logparser_error(p) : "parse failed",
                    panos_logparser_info_get(p)->entries, entries);
            exit(1);
        }
        panos_logparser_free(p);
        double t = now_s() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

static void empty_start(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                        const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
                        const xmlChar **attrs)
{
    (void)ctx, (void)localname, (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs;
    (void)ndefaulted, (void)attrs;
}

static void empty_end(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *uri)
{
    (void)ctx, (void)localname, (void)prefix, (void)uri;
}

static void empty_text(void *ctx, const xmlChar *ch, int len)
{
    (void)ctx, (void)ch, (void)len;
}

static int never(void *payload)
{
    (void)payload;
    return 0;
}

/* The floor: libxml2's push parser as the log parser sets it up (panos__xmlpush_new, same
 * options, same 128 KiB pieces) with callbacks that do nothing. Best of @p rounds. */
static double best_floor(const panos__sb *doc, int rounds)
{
    double best = 1e9;
    for (int r = 0; r < rounds; r++) {
        double t0 = now_s();
        struct panos__xmlpush x = {0};
        if (panos__xmlpush_new(&x, empty_start, empty_end, empty_text, &x, XML_PARSE_NOCDATA) != 0)
            exit(1);
        for (size_t off = 0; off < doc->len; off += 131072) {
            size_t len = doc->len - off < 131072 ? doc->len - off : 131072;
            if (panos__xmlpush_chunk(&x, doc->ptr + off, len, 0, never, NULL) != 0)
                exit(1);
        }
        if (panos__xmlpush_chunk(&x, "", 0, 1, never, NULL) != 0 || !x.ctxt->wellFormed) {
            fprintf(stderr, "bench_logparse: libxml2 alone: %s\n", x.xe.msg);
            exit(1);
        }
        xmlFreeParserCtxt(x.ctxt);
        double t = now_s() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

/* @p path opened for writing with a 64 KiB buffer, as panctl logs sets stdout. */
static FILE *sink(const char *path)
{
    static char bufs[2][64 * 1024]; /* glibc ignores the size without the buffer */
    static int next;
    FILE *f = fopen(path, "w");
    if (f == NULL || setvbuf(f, bufs[next++ % 2], _IOFBF, sizeof(bufs[0])) != 0) {
        perror(path);
        exit(1);
    }
    return f;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa != NULL && fb != NULL, ca, cb;
    while (same && ((ca = getc(fa)) != EOF) | ((cb = getc(fb)) != EOF))
        same = ca == cb;
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* An answer of @p entries copies of the one real entry in the test data. */
static int make_doc(panos__sb *doc, int entries)
{
    /* One real entry (the traffic entry of demisto/content Panorama test_data/query_logs.xml),
     * repeated with distinct logid and seqno. */
    FILE *in = fopen(PANOS_BENCH_DATA, "rb");
    if (in == NULL) {
        perror(PANOS_BENCH_DATA);
        return -1;
    }
    static char file[1 << 16];
    size_t n = fread(file, 1, sizeof(file) - 1, in);
    fclose(in);
    file[n] = '\0';
    char *a = strstr(file, "<entry "), *b = strstr(file, "</entry>");
    if (a == NULL || b == NULL)
        return -1;
    b += strlen("</entry>");
    char *tail = strstr(a, "<seqno>");
    panos__sb_puts(doc, "<response status=\"success\"><result>\n  <job>\n    <status>FIN</status>"
                        "\n    <id>1</id>\n  </job>\n  <log>\n    <logs count=\"5000\" "
                        "progress=\"100\">\n");
    for (int i = 0; i < entries; i++) {
        panos__sb_printf(doc, "<entry logid=\"%d\">\n  <seqno>%d</seqno>", 7000000 + i,
                         38000000 + i);
        char *body = strchr(tail, '\n');
        panos__sb_append(doc, body, (size_t)(b - body));
        panos__sb_puts(doc, "\n");
    }
    panos__sb_puts(doc, "    </logs>\n  </log>\n</result></response>\n");

    return doc->failed ? -1 : 0;
}

static int read_file(panos__sb *doc, const char *path)
{
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t n;
    if (f == NULL) {
        perror(path);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        panos__sb_append(doc, buf, n);
    fclose(f);
    return doc->failed ? -1 : 0;
}

static int count_one(void *payload, const panos_log_entry *e)
{
    (void)e;
    ++*(int *)payload;
    return 0;
}

static int count_entries(const panos__sb *doc)
{
    int n = 0;
    panos_logparser *p;
    if (panos_logparser_new(&p, count_one, &n) != PANOS_OK)
        return -1;
    for (size_t off = 0; n >= 0 && off < doc->len; off += 131072)
        if (panos_logparser_feed(p, doc->ptr + off,
                                 doc->len - off < 131072 ? doc->len - off : 131072) != PANOS_OK)
            n = -1;
    if (panos_logparser_finish(p) != PANOS_OK)
        n = -1;
    panos_logparser_free(p);
    return n;
}

int main(int argc, char **argv)
{
    int entries = argc > 1 ? (int)strtol(argv[1], NULL, 10) : 5000;
    int rounds = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20;
    const char *out = argc > 3 ? argv[3] : "/dev/null", *out2 = argc > 4 ? argv[4] : "/dev/null";
    panos__sb doc = PANOS__SB_INIT;
    if (argc > 5) { /* a saved answer (bench_logs.sh: the pansim page panctl fetches) */
        if (read_file(&doc, argv[5]) != 0)
            return 1;
        entries = count_entries(&doc);
    } else if (make_doc(&doc, entries) != 0) {
        return 1;
    }
    unsigned long long sum = 0;
    double mb = (double)doc.len / 1e6;
    double parse = best_of(&doc, entries, rounds, count_entry, &sum);
    printf("bench_logparse: %d entries, %.2f MB of XML, best of %d: %.2f ms, %.0f MB/s, "
           "%.0f entries/s (checksum %llu)\n",
           entries, mb, rounds, parse * 1e3, mb / parse, entries / parse, sum);

    FILE *f = sink(out);
    double base = best_of(&doc, entries, rounds, minimal_entry, f);
    fclose(f);
    struct cli_rows *w;
    struct cli_rows_opts ro = {.fmt = CLI_ROWS_JSONL, .numeric = numeric, .id_name = "logid"};
    f = sink(out2);
    if (cli_rows_new(&w, f, &ro) != 0)
        return 1;
    double rows = best_of(&doc, entries, rounds, rows_entry, w);
    if (cli_rows_end(w) != 0)
        return 1;
    cli_rows_free(w);
    fclose(f);
    printf("to JSON lines: minimal writer (baseline) %.2f ms, %.0f MB/s; panctl's writer "
           "(cli_rows) %.2f ms, %.0f MB/s; ratio %.2f\n",
           base * 1e3, mb / base, rows * 1e3, mb / rows, rows / base);

    f = sink("/dev/null");
    double cbase = best_of(&doc, entries, rounds, minimal_csv_entry, f);
    fclose(f);
    ro = (struct cli_rows_opts){.fmt = CLI_ROWS_CSV, .id_name = "logid"};
    f = sink("/dev/null");
    if (cli_rows_new(&w, f, &ro) != 0)
        return 1;
    double crows = best_of(&doc, entries, rounds, rows_entry, w);
    if (cli_rows_end(w) != 0)
        return 1;
    cli_rows_free(w);
    fclose(f);
    printf("to CSV: minimal writer (baseline) %.2f ms; panctl's writer (cli_rows) %.2f ms, "
           "%.0f MB/s; ratio %.2f (to the parse alone %.2f)\n",
           cbase * 1e3, crows * 1e3, mb / crows, crows / cbase, crows / parse);
    double fl = best_floor(&doc, rounds);
    printf("libxml2 alone (the same push parser, empty callbacks): %.2f ms, %.0f MB/s; the log "
           "parser takes %.2fx that\n",
           fl * 1e3, mb / fl, parse / fl);
    if (argc > 4)
        printf("outputs of the last rounds (%s, %s): %s\n", out, out2,
               same_file(out, out2) ? "identical" : "DIFFERENT");
    panos__sb_dispose(&doc, 0);
    return 0;
}
