/* SPDX-License-Identifier: MIT */
/* test_rowline.c -- CSV and streamed table lines of cli_rows against the writer they replaced,
 * byte for byte (differential). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/log.h>
#include "output.h"
#include "check.h"
#include "rows_corpus.h"

/* ---- the oracle: output_rows.c's CSV and streamed table writer before the line buffer ---- */

static void old_csv_cell(FILE *out, const char *v)
{
    if (strpbrk(v, ",\"\r\n") == NULL) {
        fputs(v, out);
        return;
    }
    fputc('"', out);
    for (; *v; v++) {
        if (*v == '"')
            fputc('"', out);
        fputc(*v, out);
    }
    fputc('"', out);
}

static void old_table_cell(FILE *out, const char *v, int max, int pad)
{
    int n = 0;
    for (; *v && (max <= 0 || n < max); v++, n++)
        fputc(*v == '\n' || *v == '\r' || *v == '\t' ? ' ' : *v, out);
    for (; n < pad; n++)
        fputc(' ', out);
}

static const char *old_get(const cli_row *row, const char *name, const char *id_name)
{
    const char *v = panos_log_entry_get(row, name);
    if (v == NULL && id_name != NULL && strcmp(name, id_name) == 0)
        v = row->logid;
    return v;
}

struct old {
    FILE *out;
    const struct cli_rows_opts *o;
    const char *const *cols;
    size_t ncols;
    int header_done;
};

static void old_line(struct old *w, const cli_row *row)
{
    int used = 0;
    for (size_t i = 0; i < w->ncols; i++) {
        const char *v = row ? old_get(row, w->cols[i], w->o->id_name)
                            : (w->o->headers ? w->o->headers[i] : w->cols[i]);
        if (w->o->fmt == CLI_ROWS_CSV) {
            fputs(i ? "," : "", w->out);
            old_csv_cell(w->out, v ? v : "");
            continue;
        }
        int width = w->o->width(w->cols[i]);
        v = v && v[0] ? v : (row ? "-" : "");
        if (i + 1 < w->ncols && width) {
            old_table_cell(w->out, v, row ? width : 0, width);
            fputs("  ", w->out);
            used += width + 2;
        } else {
            int fit = row && w->o->term_cols > used + 8 ? w->o->term_cols - used : 0;
            old_table_cell(w->out, v, fit, 0);
        }
    }
    fputc('\n', w->out);
}

static const char *field_name(const cli_row *row, size_t i)
{
    return row->fields[i].name;
}

/* The old cli_rows_add() for CSV and streamed tables, over @p n rows. */
static char *oracle(const cli_row *rows, size_t n, const struct cli_rows_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    const char *first[64];
    struct old w = {open_memstream(&buf, &len), o, o->cols, o->ncols, 0};
    assert_non_null(w.out);
    for (size_t r = 0; r < n; r++) {
        if (w.cols == NULL) {
            assert_true(rows[r].nfields <= 64);
            for (size_t i = 0; i < rows[r].nfields; i++)
                first[i] = field_name(&rows[r], i);
            w.cols = first;
            w.ncols = rows[r].nfields;
        }
        if (!w.header_done && !(o->fmt == CLI_ROWS_TABLE && o->no_header))
            old_line(&w, NULL);
        w.header_done = 1;
        old_line(&w, &rows[r]);
    }
    fclose(w.out);
    return buf;
}

/* ---- the writer under test: cli_rows as panctl logs runs it ---- */

static char *written(const cli_row *rows, size_t n, const struct cli_rows_opts *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    struct cli_rows *w;
    assert_non_null(f);
    CHECK_EQ(0, cli_rows_new(&w, f, o));
    for (size_t r = 0; r < n; r++)
        CHECK_EQ(0, cli_rows_add(w, &rows[r]));
    CHECK_EQ(0, cli_rows_end(w));
    cli_rows_free(w);
    fclose(f);
    return buf;
}

static int width_of(const char *name)
{
    if (strcmp(name, "src") == 0)
        return 7;
    if (strcmp(name, "x") == 0)
        return 0; /* runs free */
    return name[0] == '\0' ? 1 : 3;
}

static const char *const COLS[] = {"seqno",   "logid", "src",      "bytes", "seqno",
                                   "missing", "x",     "\xff\xfe", "n",     "q\"k,"};
static const char *const HEADS[] = {"Seq", "Id", "Source, ip", "B",   "S2",
                                    "",    "X",  "bad",        "N\n", "Q"};
static size_t compared;

/* The rows in every shape: CSV and tables (narrow and wide terminals, with and without a
 * header), with the columns of the first row and with chosen ones. */
static void same_all(const cli_row *rows, size_t n)
{
    size_t nc = sizeof(COLS) / sizeof(COLS[0]);
    struct cli_rows_opts shapes[] = {
        {.fmt = CLI_ROWS_CSV, .id_name = "logid"},
        {.fmt = CLI_ROWS_CSV, .id_name = "logid", .cols = COLS, .ncols = nc},
        {.fmt = CLI_ROWS_CSV, .cols = COLS, .ncols = nc, .headers = HEADS},
        {.fmt = CLI_ROWS_TABLE, .width = width_of, .id_name = "logid"},
        {.fmt = CLI_ROWS_TABLE, .width = width_of, .cols = COLS, .ncols = nc, .term_cols = 40},
        {.fmt = CLI_ROWS_TABLE,
         .width = width_of,
         .cols = COLS,
         .ncols = nc,
         .headers = HEADS,
         .id_name = "logid",
         .term_cols = 200},
        {.fmt = CLI_ROWS_TABLE,
         .width = width_of,
         .cols = COLS,
         .ncols = nc - 1,
         .no_header = 1,
         .term_cols = 12},
    };
    for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
        char *want = oracle(rows, n, &shapes[s]), *got = written(rows, n, &shapes[s]);
        if (strcmp(want, got) != 0)
            fail_msg("shape %zu\nold: %s\nnew: %s", s, want, got);
        compared++;
        free(want);
        free(got);
    }
}

static int on_entry(void *payload, const panos_log_entry *e)
{
    (void)payload;
    same_all(e, 1);
    return 0;
}

/* Each answer of the log parser's fuzz corpus, parsed, each entry written every way. */
static void test_fuzz_corpus(void **state)
{
    (void)state;
    size_t before = compared;
    size_t files = corpus_each(LOGPARSE_CORPUS, on_entry);
    CHECK_TRUE(files >= 8);
    CHECK_TRUE(compared - before >= 6 * 7);
}

/* Hand-made values: separators, quotes, line breaks, tabs, empty, long, repeated names. */
static void test_crafted(void **state)
{
    (void)state;
    static const char *const values[] = {
        "",         "plain",           "a,b", "q\"uote", "\"",     "\"\"",    ",",
        "cr\rlf\n", "tab\there",       "\n",  " lead",   "trail ", "caf\xe9", "\xc3\xa9t\xc3\xa9",
        "-",        "0123456789abcdef"};
    static const char *const names[] = {"seqno", "src",   "logid",    "x", "n",
                                        "bytes", "q\"k,", "\xff\xfe", ""};
    size_t nv = sizeof(values) / sizeof(values[0]), nn = sizeof(names) / sizeof(names[0]);
    for (size_t v = 0; v < nv; v++) {
        for (size_t k = 0; k < nn; k++) {
            panos_log_field f[4] = {{names[k], values[v]},
                                    {"src", values[(v + 1) % nv]},
                                    {names[k], values[(v + 7) % nv]},
                                    {names[(k + 1) % nn], values[(v + 3) % nv]}};
            cli_row r[2] = {{values[(v + 5) % nv], f, 4}, {NULL, f + 1, 3}};
            same_all(r, 2);
            r[0].nfields = 1;
            same_all(r, 1);
        }
    }
    cli_row empty = {NULL, NULL, 0};
    same_all(&empty, 1);
}

static void random_text(char *s, size_t cap)
{
    static const char pool[] = "0123456789,\"\r\n\t -az\xc3\xa9\xff";
    random_text_from(s, cap, pool, sizeof(pool) - 1, 5);
}

/* 5,000 random streams of 1 to 4 rows: names from a small set, so they repeat and go missing,
 * and the rows after the first differ from it. */
static void test_random(void **state)
{
    (void)state;
    static const char *const names[] = {"bytes", "seqno", "src",   "logid",
                                        "n",     "x",     "dport", "q\"k,"};
    char vals[4][12][24], logid[4][24];
    panos_log_field f[4][12];
    cli_row rows[4];
    for (int round = 0; round < 5000; round++) {
        size_t nr = 1 + next() % 4;
        for (size_t r = 0; r < nr; r++) {
            size_t nf = next() % 12;
            for (size_t i = 0; i < nf; i++) {
                random_text(vals[r][i], sizeof(vals[r][i]));
                f[r][i].name = names[next() % (sizeof(names) / sizeof(names[0]))];
                f[r][i].value = vals[r][i];
            }
            random_text(logid[r], sizeof(logid[r]));
            rows[r] = (cli_row){next() % 2 ? logid[r] : NULL, f[r], nf};
        }
        same_all(rows, nr);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_corpus),
        cmocka_unit_test(test_crafted),
        cmocka_unit_test(test_random),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    printf("test_rowline: %zu outputs compared with the old writer\n", compared);
    return rc;
}
