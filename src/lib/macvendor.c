/* SPDX-License-Identifier: MIT */
/* macvendor.c -- the IEEE MA-L/MA-M/MA-S registries loaded from CSV, longest-prefix lookup. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/macvendor.h>
#include "contract.h"
#include "sbuf.h"

/* The registries' CSV files (IEEE Registration Authority, "MA-L, MA-M, MA-S Public Listing";
 * Debian package ieee-data): header "Registry,Assignment,Organization Name,Organization
 * Address", RFC 4180 quoting, some quoted fields spanning lines. */
#define MAX_FILE_BYTES ((size_t)64 << 20)

struct assignment {
    unsigned long long prefix; /* the assignment's hex digits as a number */
    const char *name;          /* into the table's names */
};

struct registry {
    const char *label, *file;
    unsigned int bits;
    struct assignment *v;
    size_t n;
    char *names; /* the file's text, rewritten in place into NUL-terminated fields */
};

struct panos_macvendor {
    struct registry reg[3]; /* longest first: MA-S, MA-M, MA-L */
};

static void seterr(char *errbuf, size_t errlen, const char *fmt, ...)
{
    if (errbuf == NULL || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf, errlen, fmt, ap);
    va_end(ap);
}

static int cmp_assignment(const void *a, const void *b)
{
    unsigned long long x = ((const struct assignment *)a)->prefix;
    unsigned long long y = ((const struct assignment *)b)->prefix;
    return x < y ? -1 : x > y;
}

/* Read all of @p path into a NUL-terminated buffer. */
static panos_code slurp(char **out, size_t *len, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return errno == ENOENT ? PANOS_E_NOT_FOUND : PANOS_E_IO;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    panos_code code = buf ? PANOS_OK : PANOS_E_NOMEM;
    while (code == PANOS_OK) {
        if (n + 1 >= cap) {
            char *nb = cap < MAX_FILE_BYTES ? realloc(buf, cap * 2) : NULL;
            if (nb == NULL) {
                code = cap < MAX_FILE_BYTES ? PANOS_E_NOMEM : PANOS_E_TOO_LARGE;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f))
                code = PANOS_E_IO;
            break;
        }
    }
    fclose(f);
    if (code != PANOS_OK) {
        free(buf);
        return code;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return PANOS_OK;
}

/* One CSV field starting at *p, unquoted in place; *p moves past its separator. Returns the
 * field and sets *eol when it ended the record. */
static char *csv_field(char **p, int *eol)
{
    char *s = *p, *start = s, *w = s;
    if (*s == '"') {
        start = w = ++s;
        for (;;) {
            if (*s == '\0')
                break;
            if (*s == '"' && s[1] == '"') {
                *w++ = '"';
                s += 2;
            } else if (*s == '"') {
                s++;
                break;
            } else {
                *w++ = *s++;
            }
        }
    }
    while (*s && *s != ',' && *s != '\n' && *s != '\r')
        *w++ = *s++;
    *eol = *s != ',';
    if (*s == '\r')
        s++;
    if (*s)
        s++;
    *w = '\0';
    *p = s;
    return start;
}

static int hex_prefix(const char *s, size_t digits, unsigned long long *out)
{
    unsigned long long v = 0;
    size_t i;
    for (i = 0; i < digits; i++) {
        int d = panos__hexval((unsigned char)s[i]);
        if (d < 0)
            return -1;
        v = v << 4 | (unsigned long long)d;
    }
    if (s[i] != '\0')
        return -1;
    *out = v;
    return 0;
}

/* Parse the records of @p r->names into r->v: rows whose assignment has bits/4 hex digits. */
static panos_code parse_registry(struct registry *r)
{
    size_t cap = 1024;
    char *p = r->names;
    int eol = 0;
    if ((r->v = malloc(cap * sizeof(*r->v))) == NULL)
        return PANOS_E_NOMEM;
    while (!eol && *p) /* skip the header */
        csv_field(&p, &eol);
    while (*p) {
        char *fields[4] = {NULL, NULL, NULL, NULL};
        size_t nf = 0;
        do {
            char *fv = csv_field(&p, &eol);
            if (nf < 4)
                fields[nf++] = fv;
        } while (!eol && *p);
        unsigned long long v;
        if (nf < 3 || hex_prefix(fields[1], r->bits / 4, &v) != 0)
            continue;
        if (r->n == cap) {
            struct assignment *nv = realloc(r->v, cap * 2 * sizeof(*r->v));
            if (nv == NULL)
                return PANOS_E_NOMEM;
            r->v = nv;
            cap *= 2;
        }
        char *name = fields[2], *end = name + strlen(name);
        while (end > name && end[-1] == ' ')
            *--end = '\0';
        r->v[r->n].prefix = v;
        r->v[r->n++].name = name;
    }
    qsort(r->v, r->n, sizeof(*r->v), cmp_assignment);
    return PANOS_OK;
}

static panos_code load_registry(struct registry *r, const char *dir, char *errbuf, size_t errlen)
{
    char path[4096];
    size_t len;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, r->file) >= sizeof(path)) {
        seterr(errbuf, errlen, "MAC vendor directory too long: %s", dir);
        return PANOS_E_INVALID_ARG;
    }
    panos_code code = slurp(&r->names, &len, path);
    if (code == PANOS_OK)
        code = parse_registry(r);
    if (code != PANOS_OK && code != PANOS_E_NOT_FOUND)
        seterr(errbuf, errlen, "cannot read %s: %s", path, panos_strerror(code));
    else if (code == PANOS_E_NOT_FOUND)
        seterr(errbuf, errlen, "%s not found (Debian package ieee-data)", path);
    return code;
}

panos_code panos_macvendor_load(panos_macvendor **out, const char *dir, char *errbuf, size_t errlen)
{
    PANOS_ASSERT(out != NULL);
    static const struct registry regs[3] = {
        {"MA-S", "oui36.csv", 36, NULL, 0, NULL},
        {"MA-M", "mam.csv", 28, NULL, 0, NULL},
        {"MA-L", "oui.csv", 24, NULL, 0, NULL},
    };
    *out = NULL;
    seterr(errbuf, errlen, "%s", "");
    panos_macvendor *db = calloc(1, sizeof(*db));
    if (db == NULL)
        return PANOS_E_NOMEM;
    memcpy(db->reg, regs, sizeof(regs));
    if (dir == NULL)
        dir = PANOS_MACVENDOR_DIR;
    panos_code code = PANOS_OK;
    for (size_t i = 0; i < 3 && code == PANOS_OK; i++) {
        code = load_registry(&db->reg[i], dir, errbuf, errlen);
        if (code == PANOS_E_NOT_FOUND && i < 2) { /* MA-M and MA-S are optional */
            code = PANOS_OK;
            seterr(errbuf, errlen, "%s", "");
        }
    }
    if (code == PANOS_OK && db->reg[2].n == 0) {
        seterr(errbuf, errlen, "%s/oui.csv holds no MA-L assignment", dir);
        code = PANOS_E_PARSE;
    }
    if (code != PANOS_OK) {
        panos_macvendor_free(db);
        return code;
    }
    *out = db;
    return PANOS_OK;
}

void panos_macvendor_free(panos_macvendor *db)
{
    if (db == NULL)
        return;
    for (size_t i = 0; i < 3; i++) {
        free(db->reg[i].v);
        free(db->reg[i].names);
    }
    free(db);
}

int panos_mac_parse(unsigned long long *out, const char *mac)
{
    PANOS_ASSERT(out != NULL);
    if (mac == NULL)
        return -1;
    unsigned long long v = 0;
    size_t digits = 0;
    char sep = 0;
    for (const char *s = mac; *s; s++) {
        int d = panos__hexval((unsigned char)*s);
        if (d >= 0) {
            if (++digits > 12)
                return -1;
            v = v << 4 | (unsigned long long)d;
            continue;
        }
        if (*s != ':' && *s != '-' && *s != '.')
            return -1;
        if (sep && *s != sep)
            return -1;
        sep = *s;
    }
    if (digits != 12)
        return -1;
    *out = v;
    return 0;
}

panos_code panos_macvendor_lookup(panos_macvendor_info *out, const panos_macvendor *db,
                                  const char *mac)
{
    PANOS_ASSERT(out != NULL);
    unsigned long long v;
    memset(out, 0, sizeof(*out));
    if (panos_mac_parse(&v, mac) != 0)
        return PANOS_E_INVALID_ARG;
    unsigned first = (unsigned)(v >> 40);
    out->local = (first & 0x02) != 0;
    out->multicast = (first & 0x01) != 0;
    if (db == NULL || out->local)
        return PANOS_OK;
    for (size_t i = 0; i < 3; i++) {
        const struct registry *r = &db->reg[i];
        struct assignment key = {v >> (48 - r->bits), NULL};
        const struct assignment *hit =
            r->n ? bsearch(&key, r->v, r->n, sizeof(*r->v), cmp_assignment) : NULL;
        if (hit != NULL) {
            out->vendor = hit->name;
            out->registry = r->label;
            out->bits = r->bits;
            return PANOS_OK;
        }
    }
    return PANOS_OK;
}
