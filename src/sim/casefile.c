/* SPDX-License-Identifier: MIT */
/* casefile.c -- split a tests/cases/NNNN.case file into its %% sections and expand %include. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casefile.h"

int cbuf_add(struct cbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

static void seterr(char *errbuf, size_t errlen, const char *fmt, ...)
{
    if (!errbuf || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, errlen, fmt, ap);
    va_end(ap);
}

/* The whole file in @p out (NUL-terminated, may hold NULs). Returns 0, or -1 with errno set. */
static int slurp(const char *path, struct cbuf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[8192];
    size_t n;
    int rc = 0;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (cbuf_add(out, chunk, n) != 0) {
            errno = ENOMEM;
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        errno = EIO;
        rc = -1;
    }
    fclose(f);
    if (rc == 0 && !out->p && cbuf_add(out, "", 0) != 0) {
        errno = ENOMEM;
        rc = -1;
    }
    return rc;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Copy the raw body @p raw into @p out, replacing each "%include PATH%" with the bytes of PATH
 * (relative to @p dir unless absolute). Included bytes are not scanned again. @p line is the
 * case file line the body starts on, for error messages.
 */
static int expand_body(struct cbuf *out, const char *raw, size_t len, const char *dir,
                       const char *path, size_t line, char *errbuf, size_t errlen)
{
    static const char tag[] = "%include ";
    const size_t taglen = sizeof tag - 1;
    size_t i = 0;
    while (i < len) {
        const char *hit = NULL;
        for (size_t j = i; j + taglen <= len; j++) {
            if (raw[j] == '%' && memcmp(raw + j, tag, taglen) == 0) {
                hit = raw + j;
                break;
            }
        }
        size_t upto = hit ? (size_t)(hit - raw) : len;
        for (size_t j = i; j < upto; j++)
            if (raw[j] == '\n')
                line++;
        if (cbuf_add(out, raw + i, upto - i) != 0)
            goto nomem;
        if (!hit)
            break;
        const char *name = hit + taglen;
        const char *end = name;
        while (end < raw + len && *end != '%' && *end != '\n')
            end++;
        if (end >= raw + len || *end != '%' || end == name) {
            seterr(errbuf, errlen, "%s:%zu: %%include without a closing '%%' and a path", path,
                   line);
            return -1;
        }
        char *rel = dup_n(name, (size_t)(end - name));
        if (!rel)
            goto nomem;
        struct cbuf full = {0};
        int rc = 0;
        if (rel[0] != '/')
            rc = cbuf_add(&full, dir, strlen(dir)) || cbuf_add(&full, "/", 1);
        rc = rc || cbuf_add(&full, rel, strlen(rel));
        if (rc != 0) {
            free(rel);
            free(full.p);
            goto nomem;
        }
        struct cbuf inc = {0};
        if (slurp(full.p, &inc) != 0) {
            seterr(errbuf, errlen, "%s:%zu: %%include %s: %s", path, line, rel, strerror(errno));
            free(rel);
            free(full.p);
            free(inc.p);
            return -1;
        }
        free(rel);
        free(full.p);
        rc = cbuf_add(out, inc.p, inc.len);
        free(inc.p);
        if (rc != 0)
            goto nomem;
        i = (size_t)(end - raw) + 1;
    }
    if (!out->p && cbuf_add(out, "", 0) != 0)
        goto nomem;
    return 0;
nomem:
    seterr(errbuf, errlen, "%s:%zu: out of memory", path, line);
    return -1;
}

/*
 * Fill @p s from the header line [@p hdr, @p hdr_end) (which starts with "%%") and the raw body.
 * Returns 0 or -1 with errbuf set.
 */
static int make_section(struct case_section *s, const char *hdr, const char *hdr_end,
                        const char *body, size_t body_len, const char *dir, const char *path,
                        size_t line, char *errbuf, size_t errlen)
{
    const char *p = hdr + 2;
    if (p < hdr_end && !is_blank(*p)) {
        seterr(errbuf, errlen, "%s:%zu: expected '%%%% NAME [ARGS]'", path, line);
        return -1;
    }
    while (p < hdr_end && is_blank(*p))
        p++;
    const char *name = p;
    while (p < hdr_end && !is_blank(*p))
        p++;
    const char *name_end = p;
    if (name == name_end) {
        seterr(errbuf, errlen, "%s:%zu: a %%%% line without a section name", path, line);
        return -1;
    }
    while (p < hdr_end && is_blank(*p))
        p++;
    const char *args_end = hdr_end;
    while (args_end > p && is_blank(args_end[-1]))
        args_end--;
    /* The single newline that ends the section's last line belongs to the format, not the body. */
    if (body_len > 0 && body[body_len - 1] == '\n')
        body_len--;
    struct cbuf b = {0};
    s->name = dup_n(name, (size_t)(name_end - name));
    s->args = dup_n(p, (size_t)(args_end - p));
    if (!s->name || !s->args) {
        seterr(errbuf, errlen, "%s:%zu: out of memory", path, line);
        return -1;
    }
    if (expand_body(&b, body, body_len, dir, path, line + 1, errbuf, errlen) != 0) {
        free(b.p);
        return -1;
    }
    s->body = b.p;
    s->body_len = b.len;
    return 0;
}

static int all_blank(const char *p, const char *end)
{
    for (; p < end; p++)
        if (!is_blank(*p))
            return 0;
    return 1;
}

static void free_sections(struct case_section *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].args);
        free(v[i].body);
    }
    free(v);
}

int case_file_load(struct case_file *out, const char *path, char *errbuf, size_t errlen)
{
    out->sections = NULL;
    out->count = 0;

    struct cbuf text = {0};
    if (slurp(path, &text) != 0) {
        seterr(errbuf, errlen, "%s: %s", path, strerror(errno));
        free(text.p);
        return -1;
    }

    char *dir;
    const char *slash = strrchr(path, '/');
    dir = slash ? dup_n(path, slash == path ? 1 : (size_t)(slash - path)) : dup_n(".", 1);
    if (!dir) {
        seterr(errbuf, errlen, "%s: out of memory", path);
        free(text.p);
        return -1;
    }

    struct case_section *v = NULL;
    size_t n = 0, cap = 0;
    const char *hdr = NULL, *hdr_end = NULL, *body = NULL;
    size_t hdr_line = 0, line = 1;
    const char *p = text.p, *end = text.p + text.len;
    int rc = 0;

    /* Walk line by line; each "%%" line closes the open section and opens the next one. */
    for (;;) {
        int at_end = p == end;
        const char *nl = at_end ? NULL : memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        int is_hdr = !at_end && eol - p >= 2 && p[0] == '%' && p[1] == '%';
        if (is_hdr || at_end) {
            if (hdr) {
                if (n == cap) {
                    size_t ncap = cap ? cap * 2 : 16;
                    struct case_section *nv = realloc(v, ncap * sizeof *nv);
                    if (!nv) {
                        seterr(errbuf, errlen, "%s: out of memory", path);
                        rc = -1;
                        break;
                    }
                    v = nv;
                    cap = ncap;
                }
                memset(&v[n], 0, sizeof v[n]);
                n++;
                rc = make_section(&v[n - 1], hdr, hdr_end, body, (size_t)(p - body), dir, path,
                                  hdr_line, errbuf, errlen);
                if (rc != 0)
                    break;
            }
            if (at_end)
                break;
            hdr = p;
            hdr_end = eol;
            hdr_line = line;
            body = nl ? nl + 1 : end;
        } else if (!hdr && !all_blank(p, eol)) {
            seterr(errbuf, errlen, "%s:%zu: text before the first %%%% section", path, line);
            rc = -1;
            break;
        }
        p = nl ? nl + 1 : end;
        line++;
    }

    free(dir);
    free(text.p);
    if (rc != 0) {
        free_sections(v, n);
        return -1;
    }
    if (n == 0) {
        seterr(errbuf, errlen, "%s: no %%%% sections", path);
        free(v);
        return -1;
    }
    out->sections = v;
    out->count = n;
    return 0;
}

const struct case_section *case_file_find(const struct case_file *cf, const char *name)
{
    for (size_t i = 0; i < cf->count; i++)
        if (strcmp(cf->sections[i].name, name) == 0)
            return &cf->sections[i];
    return NULL;
}

void case_file_free(struct case_file *cf)
{
    if (!cf)
        return;
    free_sections(cf->sections, cf->count);
    cf->sections = NULL;
    cf->count = 0;
}
