/* SPDX-License-Identifier: MIT */
/* output_rowline.c -- the columns of a row found by hash; CSV and table lines in one buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <panos/error.h>
#include "output_rowline.h"

/*
 * logs -o csv (and the streamed table) used to find each column with panos_log_entry_get(),
 * comparing it with the fields one by one: about 5,600 strcmp per 106-field traffic entry, and
 * every byte went out through its own fputc(). Now a row whose names are the columns in order
 * (every entry of a page, when the columns are those of the first) is read by position, each
 * column from the first field of its name; any other row's names are hashed once into an
 * open-addressing table. The line is built in one buffer and written with one fwrite. The
 * bytes are the same (tests/unit_cli/test_rowline.c keeps the old writer as its oracle).
 */

struct cli_rowline {
    uint32_t *slots;  /* field index + 1, 0 empty; a power of two, at least twice the fields */
    uint32_t *hashes; /* the hash of each field's name, by field index */
    size_t nslots, nhashes;
    const char *const *cols; /* borrowed */
    size_t ncols;
    uint32_t *colhash; /* the hash of each column's name */
    size_t *first;     /* the first column of the same name as each column */
    int same;          /* the row's names are the columns, in order: no lookup needed */
    char *buf;
    size_t len, cap;
};

int cli_rowline_new(struct cli_rowline **out)
{
    struct cli_rowline *l = calloc(1, sizeof(*l));
    char *buf = l ? malloc(4096) : NULL; /* never NULL: an empty line still has a buffer */
    if (buf == NULL) {
        free(l);
        *out = NULL;
        return PANOS_E_NOMEM;
    }
    l->buf = buf;
    l->cap = 4096;
    *out = l;
    return 0;
}

void cli_rowline_free(struct cli_rowline *l)
{
    if (l == NULL)
        return;
    free(l->slots);
    free(l->hashes);
    free(l->colhash);
    free(l->first);
    free(l->buf);
    free(l);
}

/* A hash of a name from its length and its first and last 8 bytes: names of log fields are
 * short and differ at one end or in length; strcmp() confirms every match. */
static uint32_t hash_of(const char *s)
{
    size_t n = strlen(s);
    uint64_t a = 0, b = 0;
    for (size_t i = 0; i < n && i < 8; i++)
        a |= (uint64_t)(unsigned char)s[i] << (8 * i);
    for (size_t i = n > 8 ? n - 8 : n; i < n; i++)
        b = b << 8 | (unsigned char)s[i];
    uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15u) ^ n) * 0xFF51AFD7ED558CCDu;
    return (uint32_t)(h >> 32);
}

int cli_rowline_columns(struct cli_rowline *l, const char *const *cols, size_t n)
{
    uint32_t *h = realloc(l->colhash, (n + 1) * sizeof(*h));
    if (h != NULL)
        l->colhash = h;
    size_t *first = h ? realloc(l->first, (n + 1) * sizeof(*first)) : NULL;
    if (first == NULL)
        return PANOS_E_NOMEM;
    l->first = first;
    for (size_t i = 0; i < n; i++) {
        h[i] = hash_of(cols[i]);
        first[i] = i;
        for (size_t j = 0; j < i; j++) {
            if (h[j] == h[i] && strcmp(cols[j], cols[i]) == 0) {
                first[i] = first[j];
                break;
            }
        }
    }
    l->cols = cols;
    l->ncols = n;
    return 0;
}

/* Whether the names of @p row are the columns, in their order (each row of a log page has the
 * names of the first, which made the columns): then column i is field first[i]. */
static int same_names(const struct cli_rowline *l, const cli_row *row)
{
    if (row->nfields != l->ncols)
        return 0;
    for (size_t i = 0; i < row->nfields; i++)
        if (strcmp(row->fields[i].name, l->cols[i]) != 0)
            return 0;
    return 1;
}

static int index_room(struct cli_rowline *l, size_t n)
{
    if (l->slots != NULL && l->nslots >= 2 * n && l->nhashes >= n)
        return 0;
    size_t slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint32_t *s = realloc(l->slots, slots * sizeof(*s));
    if (s == NULL)
        return -1;
    l->slots = s;
    l->nslots = slots;
    uint32_t *h = realloc(l->hashes, (n + 1) * sizeof(*h));
    if (h == NULL)
        return -1;
    l->hashes = h;
    l->nhashes = n + 1;
    return 0;
}

int cli_rowline_index(struct cli_rowline *l, const cli_row *row)
{
    l->same = same_names(l, row);
    if (l->same)
        return 0;
    if (row->nfields >= UINT32_MAX || index_room(l, row->nfields) != 0)
        return PANOS_E_NOMEM;
    memset(l->slots, 0, l->nslots * sizeof(*l->slots));
    size_t mask = l->nslots - 1;
    for (size_t i = 0; i < row->nfields; i++) {
        const char *name = row->fields[i].name;
        uint32_t h = hash_of(name);
        size_t at = h & mask;
        while (l->slots[at] != 0) {
            size_t j = l->slots[at] - 1;
            if (l->hashes[j] == h && strcmp(row->fields[j].name, name) == 0)
                break; /* a repeated name: the first one stays */
            at = (at + 1) & mask;
        }
        l->hashes[i] = h;
        if (l->slots[at] == 0)
            l->slots[at] = (uint32_t)(i + 1);
    }
    return 0;
}

const char *cli_rowline_get(const struct cli_rowline *l, const cli_row *row, size_t col,
                            const char *id_name)
{
    if (l->same)
        return row->fields[l->first[col]].value;
    const char *name = l->cols[col];
    uint32_t h = l->colhash[col];
    size_t mask = l->nslots - 1;
    for (size_t at = h & mask; l->slots[at] != 0; at = (at + 1) & mask) {
        size_t j = l->slots[at] - 1;
        if (l->hashes[j] == h && strcmp(row->fields[j].name, name) == 0)
            return row->fields[j].value;
    }
    return id_name != NULL && strcmp(name, id_name) == 0 ? row->logid : NULL;
}

void cli_rowline_reset(struct cli_rowline *l)
{
    l->len = 0;
}

static int reserve(struct cli_rowline *l, size_t more)
{
    if (more <= l->cap - l->len)
        return 0;
    if (more > SIZE_MAX / 4 - l->len)
        return PANOS_E_NOMEM;
    size_t cap = l->cap;
    while (cap < l->len + more)
        cap *= 2;
    char *b = realloc(l->buf, cap);
    if (b == NULL)
        return PANOS_E_NOMEM;
    l->buf = b;
    l->cap = cap;
    return 0;
}

int cli_rowline_put(struct cli_rowline *l, const char *s, size_t n)
{
    if (reserve(l, n) != 0)
        return PANOS_E_NOMEM;
    memcpy(l->buf + l->len, s, n);
    l->len += n;
    return 0;
}

int cli_rowline_csv(struct cli_rowline *l, const char *s)
{
    size_t n = strcspn(s, ",\"\r\n");
    if (s[n] == '\0')
        return cli_rowline_put(l, s, n);
    n += strlen(s + n);
    if (reserve(l, 2 * n + 2) != 0) /* every byte a doubled quote, and the two quotes */
        return PANOS_E_NOMEM;
    char *d = l->buf + l->len;
    *d++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *d++ = '"';
        *d++ = s[i];
    }
    *d++ = '"';
    l->len = (size_t)(d - l->buf);
    return 0;
}

int cli_rowline_cell(struct cli_rowline *l, const char *s, int max, int pad)
{
    size_t n = strlen(s);
    if (max > 0 && n > (size_t)max)
        n = (size_t)max;
    size_t width = pad > 0 && (size_t)pad > n ? (size_t)pad : n;
    if (reserve(l, width) != 0)
        return PANOS_E_NOMEM;
    char *d = l->buf + l->len;
    for (size_t i = 0; i < n; i++)
        d[i] = s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i];
    memset(d + n, ' ', width - n);
    l->len += width;
    return 0;
}

const char *cli_rowline_text(const struct cli_rowline *l, size_t *len)
{
    *len = l->len;
    return l->buf;
}
