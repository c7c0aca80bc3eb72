/* SPDX-License-Identifier: MIT */
/* investigate_textform.c -- panctl investigate: the CLI text tables older PAN-OS sends inside
 * <result> instead of XML elements, read by the columns of their header line. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "investigate_priv.h"

#define MAX_COLS 8

/* Where word @p w starts in @p line at or after @p from as a whole word, or -1. */
static long word_at(const char *line, size_t from, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(line + from, w); p != NULL; p = strstr(p + 1, w)) {
        int starts = p == line || p[-1] == ' ' || p[-1] == '\t';
        int ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\t';
        if (starts && ends)
            return (long)(p - line);
    }
    return -1;
}

/* Whether @p line is the header naming @p cols in order; their offsets into @p start. */
static int header(const char *line, const char *const *cols, size_t n, size_t *start)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        long at = word_at(line, from, cols[i]);
        if (at < 0)
            return 0;
        start[i] = (size_t)at;
        from = (size_t)at + strlen(cols[i]);
    }
    return 1;
}

/* Field @p i of @p line: from its column's start to the next column's, trimmed. */
static void field(const char *line, size_t len, const size_t *start, size_t n, size_t i, char *buf,
                  size_t blen)
{
    size_t a = start[i] < len ? start[i] : len;
    size_t b = i + 1 < n && start[i + 1] < len ? start[i + 1] : len;
    while (a < b && (line[a] == ' ' || line[a] == '\t'))
        a++;
    while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '\r'))
        b--;
    snprintf(buf, blen, "%.*s", (int)(b - a), line + a);
}

static int is_ip(const char *s)
{
    unsigned char b[16];
    return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

void inv_text_rows(struct inv *v, const char *text, const char *const *cols, size_t ncols,
                   inv_row_fn fn)
{
    size_t start[MAX_COLS];
    char fields[MAX_COLS][256], section[128] = "", line[1024];
    const char *f[MAX_COLS];
    int have_header = 0;
    if (ncols > MAX_COLS)
        ncols = MAX_COLS;
    for (const char *p = text; p != NULL && *p != '\0';) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        snprintf(line, sizeof(line), "%.*s", (int)len, p);
        len = strlen(line);
        p = nl ? nl + 1 : NULL;
        /* 'interface: "ae1.45" id: 260' opens the leases of one interface. */
        if (sscanf(line, "interface: \"%127[^\"]\"", section) == 1)
            continue;
        if (header(line, cols, ncols, start)) {
            have_header = 1;
            continue;
        }
        if (!have_header)
            continue;
        for (size_t i = 0; i < ncols; i++) {
            field(line, len, start, ncols, i, fields[i], sizeof(fields[i]));
            f[i] = fields[i];
        }
        if (is_ip(f[0])) /* rules, totals and blank lines are not rows */
            fn(v, f, section);
    }
}
