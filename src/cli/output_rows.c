/* SPDX-License-Identifier: MIT */
/* output_rows.c -- panctl's row writer (cli_rows): JSON lines, XML, CSV and aligned tables. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "output.h"
#include "output_jsonl.h"
#include "output_rowline.h"

/* ---- text tables ---- */

struct table {
    size_t ncols;
    const char *const *headers; /* NULL: a field/value listing without a header line */
    char **cells;               /* nrows * ncols, malloc'd */
    size_t nrows, cap;
};

/* A cell value: trimmed, line breaks and tabs turned into spaces, "-" when empty. */
static char *cell_dup(const char *s)
{
    if (s == NULL || *s == '\0')
        s = "-";
    size_t n = strlen(s);
    char *d = malloc(n + 1);
    if (d == NULL)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        d[i] = (s[i] == '\n' || s[i] == '\r' || s[i] == '\t') ? ' ' : s[i];
    return d;
}

/* Append a row; takes the cell strings as given (copied). Returns 0 or -1 (no memory). */
static int table_add(struct table *t, const char *const *vals)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        char **cells = realloc(t->cells, cap * t->ncols * sizeof(*cells));
        if (cells == NULL)
            return -1;
        t->cells = cells;
        t->cap = cap;
    }
    char **row = t->cells + t->nrows * t->ncols;
    for (size_t i = 0; i < t->ncols; i++) {
        row[i] = cell_dup(vals[i]);
        if (row[i] == NULL) {
            while (i-- > 0)
                free(row[i]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->nrows = t->cap = 0;
}

static void table_line(FILE *out, const char *const *vals, const size_t *width, size_t ncols)
{
    for (size_t i = 0; i < ncols; i++) {
        if (i + 1 < ncols)
            fprintf(out, "%-*s  ", (int)width[i], vals[i]);
        else
            fprintf(out, "%s\n", vals[i]);
    }
}

static int table_print(FILE *out, const struct table *t)
{
    size_t *width = calloc(t->ncols, sizeof(*width));
    if (width == NULL)
        return PANOS_E_NOMEM;
    for (size_t i = 0; t->headers != NULL && i < t->ncols; i++)
        width[i] = strlen(t->headers[i]);
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < t->ncols; i++) {
            size_t n = strlen(t->cells[r * t->ncols + i]);
            if (n > width[i])
                width[i] = n < INT_MAX ? n : INT_MAX;
        }
    }
    if (t->headers != NULL)
        table_line(out, t->headers, width, t->ncols);
    for (size_t r = 0; r < t->nrows; r++)
        table_line(out, (const char *const *)t->cells + r * t->ncols, width, t->ncols);
    free(width);
    return 0;
}

/* ---- rows: one writer for streams of records (log entries, op tables) ---- */

struct cli_rows {
    FILE *out;
    struct cli_rows_opts o;
    char **cols; /* owned copies, NULL until known */
    size_t ncols;
    char **headers; /* owned copies of o.headers, or NULL */
    int header_done;
    int failed;
    struct table t; /* a table sized to its rows */
    struct cli_jsonl *jw; /* the JSON lines writer and its buffers, reused */
    struct cli_rowline *rl; /* the row's names by hash, and the CSV or table line */
};

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; names != NULL && i < n; i++)
        free(names[i]);
    free(names);
}

/* Copies of @p n names (each taken with @p get from @p src), or NULL when out of memory. */
static char **dup_names(const void *src, size_t n, const char *(*get)(const void *, size_t))
{
    char **d = calloc(n + 1, sizeof(*d));
    for (size_t i = 0; d != NULL && i < n; i++) {
        if ((d[i] = strdup(get(src, i))) == NULL) {
            free_names(d, i);
            return NULL;
        }
    }
    return d;
}

static const char *str_at(const void *src, size_t i)
{
    return ((const char *const *)src)[i];
}

static const char *field_name_at(const void *src, size_t i)
{
    return ((const panos_log_field *)src)[i].name;
}

int cli_rows_new(struct cli_rows **out, FILE *f, const struct cli_rows_opts *opts)
{
    struct cli_rows *w = calloc(1, sizeof(*w));
    *out = NULL;
    if (w == NULL)
        return PANOS_E_NOMEM;
    w->out = f;
    w->o = *opts;
    if (opts->cols != NULL) {
        w->ncols = opts->ncols;
        w->cols = dup_names(opts->cols, opts->ncols, str_at);
        if (opts->headers != NULL)
            w->headers = dup_names(opts->headers, opts->ncols, str_at);
        if (w->cols == NULL || (opts->headers != NULL && w->headers == NULL) ||
            cli_rowline_new(&w->rl) != 0 ||
            cli_rowline_columns(w->rl, (const char *const *)w->cols, w->ncols) != 0) {
            cli_rows_free(w);
            return PANOS_E_NOMEM;
        }
    }
    if ((w->o.fmt == CLI_ROWS_JSONL && cli_jsonl_new(&w->jw) != 0) ||
        (w->rl == NULL && cli_rowline_new(&w->rl) != 0)) {
        cli_rows_free(w);
        return PANOS_E_NOMEM;
    }
    if (w->o.fmt == CLI_ROWS_XML && w->o.xml_open != NULL)
        fputs(w->o.xml_open, f);
    *out = w;
    return 0;
}

void cli_rows_free(struct cli_rows *w)
{
    if (w == NULL)
        return;
    free_names(w->cols, w->ncols);
    free_names(w->headers, w->ncols);
    table_free(&w->t);
    cli_jsonl_free(w->jw);
    cli_rowline_free(w->rl);
    free(w);
}

const char *cli_row_get(const struct cli_rows *w, const cli_row *row, const char *name)
{
    const char *v = panos_log_entry_get(row, name);
    if (v == NULL && w->o.id_name != NULL && strcmp(name, w->o.id_name) == 0)
        v = row->logid;
    return v;
}

/* One row as a JSON line: the id and every field, or the columns in their order. */
static int rows_json(struct cli_rows *w, const cli_row *row)
{
    size_t n = w->cols != NULL ? w->ncols : row->nfields + 1, np = 0, len;
    struct cli_jpair *p = cli_jsonl_pairs(w->jw, n);
    const char *line;
    if (p == NULL)
        return PANOS_E_NOMEM;
    if (w->cols != NULL) {
        for (size_t i = 0; i < w->ncols; i++) {
            const char *v = cli_rowline_get(w->rl, row, i, w->o.id_name);
            if (v != NULL)
                p[np++] = (struct cli_jpair){w->cols[i], v, 0};
        }
    } else {
        if (row->logid != NULL && w->o.id_name != NULL)
            p[np++] = (struct cli_jpair){w->o.id_name, row->logid, 1};
        for (size_t i = 0; i < row->nfields; i++)
            p[np++] = (struct cli_jpair){row->fields[i].name, row->fields[i].value, 0};
    }
    int rc = cli_jsonl_line(w->jw, p, np, w->o.numeric, &line, &len);
    if (rc == 0)
        fwrite(line, 1, len, w->out);
    return rc;
}

/* The length of the valid UTF-8 sequence at @p s (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n = 0;
    if (s[0] < 0x80)
        n = 1;
    else if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    return n;
}

/*
 * @p v as XML character data (also right inside a "quoted" attribute): & < > " escaped, bytes
 * that are not UTF-8 read as Latin-1 (as cli_json_string() does), control characters XML 1.0
 * cannot carry written as '?', so the output always parses.
 */
static void xml_text(FILE *out, const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p;) {
        size_t n = utf8_len(p);
        if (n == 0) {
            fputc(0xC0 | *p >> 6, out);
            fputc(0x80 | (*p & 0x3F), out);
            p++;
            continue;
        }
        if (n > 1)
            fwrite(p, 1, n, out);
        else if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (*p == '>')
            fputs("&gt;", out);
        else if (*p == '"')
            fputs("&quot;", out);
        else if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            fputc('?', out);
        else
            fputc(*p, out);
        p += n;
    }
}

static void xml_field(FILE *out, const char *name, const char *v)
{
    fprintf(out, "<%s>", name);
    xml_text(out, v);
    fprintf(out, "</%s>", name);
}

/* One row on its own line: <item id="..."><field>value</field>...</item>. */
static void rows_xml(struct cli_rows *w, const cli_row *row)
{
    const char *item = w->o.xml_item ? w->o.xml_item : "row";
    fprintf(w->out, "<%s", item);
    if (row->logid != NULL && w->o.id_name != NULL) {
        fprintf(w->out, " %s=\"", w->o.id_name);
        xml_text(w->out, row->logid);
        fputc('"', w->out);
    }
    fputc('>', w->out);
    if (w->cols != NULL) {
        for (size_t i = 0; i < w->ncols; i++) {
            /* The id is an attribute, not a column. */
            const char *v = cli_rowline_get(w->rl, row, i, NULL);
            if (v != NULL)
                xml_field(w->out, w->cols[i], v);
        }
    } else {
        for (size_t i = 0; i < row->nfields; i++)
            xml_field(w->out, row->fields[i].name, row->fields[i].value);
    }
    fprintf(w->out, "</%s>\n", item);
}

/* A CSV or streamed table line, built in one buffer and written at once; @p row NULL: the
 * header (never cut, only padded). Returns 0 or PANOS_E_NOMEM. */
static int rows_line(struct cli_rows *w, const cli_row *row)
{
    struct cli_rowline *l = w->rl;
    int used = 0, rc = 0;
    cli_rowline_reset(l);
    for (size_t i = 0; rc == 0 && i < w->ncols; i++) {
        const char *v = row ? cli_rowline_get(l, row, i, w->o.id_name)
                            : (w->headers ? w->headers[i] : w->cols[i]);
        if (w->o.fmt == CLI_ROWS_CSV) {
            if (i > 0)
                rc = cli_rowline_put(l, ",", 1);
            rc = rc ? rc : cli_rowline_csv(l, v ? v : "");
            continue;
        }
        int width = w->o.width(w->cols[i]);
        v = v && v[0] ? v : (row ? "-" : "");
        if (i + 1 < w->ncols && width) {
            rc = cli_rowline_cell(l, v, row ? width : 0, width);
            rc = rc ? rc : cli_rowline_put(l, "  ", 2);
            used += width + 2;
        } else {
            /* The last column runs free, or fits the terminal. */
            int fit = row && w->o.term_cols > used + 8 ? w->o.term_cols - used : 0;
            rc = cli_rowline_cell(l, v, fit, 0);
        }
    }
    rc = rc ? rc : cli_rowline_put(l, "\n", 1);
    if (rc == 0) {
        size_t len;
        const char *text = cli_rowline_text(l, &len);
        fwrite(text, 1, len, w->out);
    }
    return rc;
}

int cli_rows_add(struct cli_rows *w, const cli_row *row)
{
    int rc = 0;
    if (w->failed)
        return PANOS_E_IO;
    if (w->cols != NULL && cli_rowline_index(w->rl, row) != 0)
        return PANOS_E_NOMEM;
    if (w->o.fmt == CLI_ROWS_JSONL) {
        rc = rows_json(w, row);
    } else if (w->o.fmt == CLI_ROWS_XML) {
        rows_xml(w, row);
    } else {
        if (w->cols == NULL) {
            /* No columns given: those of the first row. */
            w->cols = dup_names(row->fields, row->nfields, field_name_at);
            if (w->cols == NULL)
                return PANOS_E_NOMEM;
            w->ncols = row->nfields;
            if (cli_rowline_columns(w->rl, (const char *const *)w->cols, w->ncols) != 0 ||
                cli_rowline_index(w->rl, row) != 0)
                return PANOS_E_NOMEM;
        }
        if (w->o.fmt == CLI_ROWS_TABLE && w->o.width == NULL) {
            const char **vals = calloc(w->ncols + 1, sizeof(*vals));
            if (vals == NULL)
                return PANOS_E_NOMEM;
            for (size_t i = 0; i < w->ncols; i++)
                vals[i] = cli_rowline_get(w->rl, row, i, w->o.id_name);
            w->t.ncols = w->ncols;
            rc = table_add(&w->t, (const char *const *)vals) == 0 ? 0 : PANOS_E_NOMEM;
            free(vals);
            return rc;
        }
        if (!w->header_done && !(w->o.fmt == CLI_ROWS_TABLE && w->o.no_header))
            rc = rows_line(w, NULL);
        w->header_done = 1;
        rc = rc ? rc : rows_line(w, row);
    }
    if (ferror(w->out)) {
        w->failed = 1;
        rc = PANOS_E_IO;
    }
    return rc;
}

int cli_rows_end(struct cli_rows *w)
{
    int rc = 0;
    if (w->failed)
        return PANOS_E_IO;
    if (w->o.fmt == CLI_ROWS_TABLE && w->o.width == NULL && w->cols != NULL) {
        w->t.ncols = w->ncols;
        w->t.headers = w->o.no_header ? NULL
                       : w->headers   ? (const char *const *)w->headers
                                      : (const char *const *)w->cols;
        rc = table_print(w->out, &w->t);
    }
    if (w->o.fmt == CLI_ROWS_XML && w->o.xml_close != NULL)
        fputs(w->o.xml_close, w->out);
    if (fflush(w->out) != 0 || ferror(w->out)) {
        w->failed = 1;
        return PANOS_E_IO;
    }
    return rc;
}
