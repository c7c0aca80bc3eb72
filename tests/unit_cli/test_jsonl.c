/* SPDX-License-Identifier: MIT */
/* test_jsonl.c -- the JSON lines writer of log rows against jansson, byte for byte (differential).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include <panos/log.h>
#include "output.h"
#include "check.h"
#include "rows_corpus.h"

/* The fields a test treats as numbers (cmd_logs.c has the real list). */
static int numeric(const char *name)
{
    static const char *const names[] = {"bytes", "seqno", "dport", "repeatcnt", "logid", "n"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0)
            return 1;
    return 0;
}

/* ---- the oracle: the object output_rows.c built with jansson before, dumped compactly ---- */

static int is_integer(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p == '\0' || strlen(p) > 18 || (p[0] == '0' && p[1] != '\0'))
        return 0;
    for (; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

static json_t *oracle_field(const char *name, const char *v)
{
    if (numeric(name) && is_integer(v))
        return json_integer(strtoll(v, NULL, 10));
    return cli_json_string(v);
}

static const char *oracle_get(const cli_row *row, const char *name)
{
    const char *v = panos_log_entry_get(row, name);
    return v == NULL && strcmp(name, "logid") == 0 ? row->logid : v;
}

static char *oracle(const cli_row *row, const char *const *cols, size_t ncols)
{
    json_t *obj = json_object();
    if (cols != NULL) {
        for (size_t i = 0; i < ncols; i++) {
            const char *v = oracle_get(row, cols[i]);
            if (v != NULL)
                json_object_set_new(obj, cols[i], oracle_field(cols[i], v));
        }
    } else {
        if (row->logid != NULL)
            json_object_set_new(obj, "logid", json_string(row->logid));
        for (size_t i = 0; i < row->nfields; i++)
            json_object_set_new(obj, row->fields[i].name,
                                oracle_field(row->fields[i].name, row->fields[i].value));
    }
    char *s = json_dumps(obj, JSON_PRESERVE_ORDER | JSON_COMPACT);
    json_decref(obj);
    assert_non_null(s);
    size_t n = strlen(s);
    char *line = malloc(n + 2);
    memcpy(line, s, n);
    memcpy(line + n, "\n", 2);
    free(s);
    return line;
}

/* ---- the writer under test: cli_rows in JSON lines, as panctl logs runs it ---- */

static char *written(const cli_row *row, const char *const *cols, size_t ncols)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct cli_rows *w;
    struct cli_rows_opts o = {.fmt = CLI_ROWS_JSONL,
                              .numeric = numeric,
                              .id_name = "logid",
                              .cols = cols,
                              .ncols = ncols};
    assert_non_null(f);
    CHECK_EQ(0, cli_rows_new(&w, f, &o));
    CHECK_EQ(0, cli_rows_add(w, row));
    CHECK_EQ(0, cli_rows_end(w));
    cli_rows_free(w);
    fclose(f);
    return buf;
}

static size_t compared;

static void same(const cli_row *row, const char *const *cols, size_t ncols)
{
    char *want = oracle(row, cols, ncols), *got = written(row, cols, ncols);
    if (strcmp(want, got) != 0)
        fail_msg("jansson: %s\nwriter:  %s", want, got);
    compared++;
    free(want);
    free(got);
}

static const char *const COLS[] = {"seqno",   "logid", "src",      "bytes", "seqno",
                                   "missing", "x",     "\xff\xfe", "n"};

/* Every entry compared in both shapes: all fields, and chosen columns. */
static void same_both(const cli_row *row)
{
    same(row, NULL, 0);
    same(row, COLS, sizeof(COLS) / sizeof(COLS[0]));
}

static int on_entry(void *payload, const panos_log_entry *e)
{
    (void)payload;
    same_both(e);
    return 0;
}

/* Each answer of the log parser's fuzz corpus, parsed, then written both ways. */
static void test_fuzz_corpus(void **state)
{
    (void)state;
    size_t before = compared;
    size_t files = corpus_each(LOGPARSE_CORPUS, on_entry);
    CHECK_TRUE(files >= 8);
    CHECK_TRUE(compared - before >= 6); /* the entries of the corpus answers */
}

/* Hand-made values: control bytes, quotes, backslashes, non-UTF-8, numbers at the edges,
 * repeated names, a logid field, invalid keys. */
static void test_crafted(void **state)
{
    (void)state;
    static const char *const values[] = {"",
                                         "plain",
                                         "q\"uote",
                                         "back\\slash",
                                         "\\\"",
                                         "tab\tnl\ncr\r",
                                         "\b\f",
                                         "\x01\x1f\x7f",
                                         "slash/",
                                         "caf\xc3\xa9",
                                         "caf\xe9",
                                         "\xe2\x82\xac euro",
                                         "\xf0\x9f\x98\x80",
                                         "\xed\xa0\x80",
                                         "\xc0\xaf",
                                         "\xe0\x80\xaf",
                                         "\xf4\x90\x80\x80",
                                         "\xf5\x80",
                                         "\xc3",
                                         "ok \xc3\xa9 then \xff",
                                         "0",
                                         "-0",
                                         "007",
                                         "-",
                                         "12",
                                         "-12",
                                         "123456789012345678",
                                         "1234567890123456789",
                                         "1e3",
                                         " 5",
                                         "5 ",
                                         "+5",
                                         "\xc2\x80",
                                         "\xef\xbf\xbf"};
    static const char *const names[] = {
        "bytes",   "src", "logid", "seqno",  "x", "\xc3\xa9t\xc3\xa9",
        "bad\xff", "n",   "q\"k",  "ctl\x01"};
    size_t nv = sizeof(values) / sizeof(values[0]), nn = sizeof(names) / sizeof(names[0]);
    for (size_t v = 0; v < nv; v++) {
        for (size_t k = 0; k < nn; k++) {
            panos_log_field f[3] = {{names[k], values[v]},
                                    {"src", values[(v + 1) % nv]},
                                    {names[k], values[(v + 7) % nv]}};
            cli_row r = {values[(v + 3) % nv], f, 3};
            same_both(&r);
            r.logid = NULL;
            r.nfields = 1;
            same_both(&r);
        }
    }
    cli_row empty = {NULL, NULL, 0};
    same_both(&empty);
}

static void random_text(char *s, size_t cap)
{
    static const char pool[] = "0123456789-\"\\/ \t\naz\x01\x7f\xc3\xa9\xe2\x82\xac\xff\xed\xa0";
    random_text_from(s, cap, pool, sizeof(pool) - 1, 4);
}

/* 20,000 random entries: random bytes and names drawn from a small set, so names repeat. */
static void test_random(void **state)
{
    (void)state;
    static const char *const names[] = {"bytes", "seqno", "src",       "logid", "n",
                                        "x",     "dport", "y\xc3\xa9", "z\xff"};
    char vals[12][24], logid[24];
    panos_log_field f[12];
    for (int round = 0; round < 20000; round++) {
        size_t nf = next() % 12;
        for (size_t i = 0; i < nf; i++) {
            random_text(vals[i], sizeof(vals[i]));
            if (next() % 3 == 0) /* often an integer-looking value */
                snprintf(vals[i], sizeof(vals[i]), "%d", (int)(next() % 2001) - 1000);
            f[i].name = names[next() % (sizeof(names) / sizeof(names[0]))];
            f[i].value = vals[i];
        }
        random_text(logid, sizeof(logid));
        cli_row r = {next() % 2 ? logid : NULL, f, nf};
        same_both(&r);
    }
}

/* A long plain value with one byte that needs care (or none) at a random place: the writer
 * copies eight plain bytes at a time, so the odd byte must be seen wherever it falls. */
static void long_value(char *s, size_t cap)
{
    static const char odd[] = "\"\\\x01\x1f\x7f\xc3\xa9\xff\xe2\x82\xac\t";
    size_t n = 1 + next() % (cap - 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('a' + next() % 26);
    s[n] = '\0';
    if (next() % 4 != 0) {
        size_t at = next() % n, k = 1 + next() % 3;
        for (size_t i = 0; i < k && at + i < n; i++)
            s[at + i] = odd[next() % (sizeof(odd) - 1)];
    }
}

/* One writer for 30,000 lines, as panctl logs runs it: the keys it remembers from line to line
 * (random names, so that it also forgets them when it knows too many) must not change a byte. */
static void test_one_writer(void **state)
{
    (void)state;
    char *buf = NULL, *want = NULL;
    size_t len = 0, wlen = 0;
    FILE *f = open_memstream(&buf, &len), *w = open_memstream(&want, &wlen);
    struct cli_rows *rows;
    struct cli_rows_opts o = {.fmt = CLI_ROWS_JSONL, .numeric = numeric, .id_name = "logid"};
    assert_non_null(f);
    assert_non_null(w);
    CHECK_EQ(0, cli_rows_new(&rows, f, &o));
    static const char *const names[] = {"bytes", "seqno",     "src",  "logid",
                                        "n",     "y\xc3\xa9", "z\xff"};
    char vals[10][64], keys[10][12], logid[24];
    panos_log_field fl[10];
    for (int round = 0; round < 30000; round++) {
        size_t nf = next() % 10;
        for (size_t i = 0; i < nf; i++) {
            long_value(vals[i], sizeof(vals[i]));
            if (next() % 4 == 0)
                snprintf(vals[i], sizeof(vals[i]), "%d", (int)(next() % 2001) - 1000);
            if (next() % 2) {
                fl[i].name = names[next() % (sizeof(names) / sizeof(names[0]))];
            } else {
                long_value(keys[i], sizeof(keys[i]));
                fl[i].name = keys[i];
            }
            fl[i].value = vals[i];
        }
        long_value(logid, sizeof(logid));
        cli_row r = {next() % 2 ? logid : NULL, fl, nf};
        CHECK_EQ(0, cli_rows_add(rows, &r));
        char *line = oracle(&r, NULL, 0);
        fputs(line, w);
        free(line);
    }
    CHECK_EQ(0, cli_rows_end(rows));
    cli_rows_free(rows);
    fclose(f);
    fclose(w);
    CHECK_EQ(wlen, len);
    assert_memory_equal(want, buf, len);
    free(buf);
    free(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_corpus),
        cmocka_unit_test(test_crafted),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_one_writer),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    printf("test_jsonl: %zu lines compared with jansson\n", compared);
    return rc;
}
