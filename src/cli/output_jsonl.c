/* SPDX-License-Identifier: MIT */
/* output_jsonl.c -- rows as JSON lines, escaped straight into a buffer exactly as jansson would. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <panos/error.h>
#include "output_jsonl.h"

/*
 * Log pages are the one hot path of the output layer: building a jansson object per entry and
 * dumping it cost more than parsing the XML (docs/internals/log-export.md). This writer
 * produces the same bytes; tests/unit_cli/test_jsonl.c compares it with jansson over the fuzz
 * corpus, crafted entries and random ones.
 */

/* A key seen before: its bytes, whether it is valid UTF-8, and its escaped form `"key":`. Keys
 * repeat from line to line (a log page has the same hundred field names in each of its 5,000
 * entries), so each is checked and escaped once, not once per line. */
struct key {
    char *text;
    size_t len;
    uint32_t hash;
    int valid;
    int numeric;                /* what numeric() said of it, -1 not asked yet */
    int (*asked)(const char *); /* the numeric() that said it */
    char *quoted;               /* "key": */
    size_t qlen;
    unsigned long line; /* the line it was last a member of */
    size_t member;      /* its index in members on that line */
};

struct member {
    struct key *key;
    size_t pair; /* the pair whose value is written (the last one with this key) */
};

/* Keys remembered at most; past that (a stream of ever new names) the table starts over. */
#define MAX_KEYS 4096

struct cli_jsonl {
    struct cli_jpair *pairs;
    size_t cap_pairs;
    struct member *members;
    size_t nmembers, cap_members;
    struct key **slots; /* open addressing, a power of two, at most half full */
    size_t nslots, nkeys;
    unsigned long line;
    char *buf;
    size_t len, cap;
};

int cli_jsonl_new(struct cli_jsonl **out)
{
    *out = calloc(1, sizeof(**out));
    return *out ? 0 : PANOS_E_NOMEM;
}

static void forget_keys(struct cli_jsonl *j)
{
    for (size_t i = 0; i < j->nslots; i++) {
        if (j->slots[i] != NULL) {
            free(j->slots[i]->text);
            free(j->slots[i]->quoted);
            free(j->slots[i]);
            j->slots[i] = NULL;
        }
    }
    j->nkeys = 0;
}

void cli_jsonl_free(struct cli_jsonl *j)
{
    if (j == NULL)
        return;
    forget_keys(j);
    free(j->pairs);
    free(j->members);
    free(j->slots);
    free(j->buf);
    free(j);
}

struct cli_jpair *cli_jsonl_pairs(struct cli_jsonl *j, size_t n)
{
    if (n > j->cap_pairs) {
        size_t cap = n < 64 ? 64 : n * 2;
        struct cli_jpair *p = realloc(j->pairs, cap * sizeof(*p));
        if (p == NULL)
            return NULL;
        j->pairs = p;
        j->cap_pairs = cap;
    }
    return j->pairs;
}

/* jansson's UTF-8 check (utf8_check_string): no overlong forms, no surrogates, <= U+10FFFF. */
static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k = c >= 0xC2 && c <= 0xDF   ? 2
                   : c >= 0xE0 && c <= 0xEF ? 3
                   : c >= 0xF0 && c <= 0xF4 ? 4
                                            : 0;
        if (k == 0 || k > n - i)
            return 0;
        uint32_t v = c & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (size_t m = 1; m < k; m++) {
            if ((s[i + m] & 0xC0) != 0x80)
                return 0;
            v = v << 6 | (s[i + m] & 0x3F);
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) || (k == 3 && v < 0x800) ||
            (k == 4 && v < 0x10000))
            return 0;
        i += k;
    }
    return 1;
}

static int reserve(struct cli_jsonl *j, size_t more)
{
    if (j->len + more <= j->cap)
        return 0;
    size_t cap = j->cap ? j->cap : 4096;
    while (cap < j->len + more)
        cap *= 2;
    char *b = realloc(j->buf, cap);
    if (b == NULL)
        return -1;
    j->buf = b;
    j->cap = cap;
    return 0;
}

/* What a byte below 0x80 becomes inside a JSON string: 0 itself, else the letter after '\'
 * ('u' for \u00XX), as jansson's dump_string(). */
static const char escape_of[128] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f',  'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',  'u', 'u', 'u',
    0,   0,   '"', 0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,    0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   '\\', 0,   0,   0,
};

/* Whether any of the 8 bytes of @p x needs more than a copy: a control byte, '"', '\\', or a
 * byte from 0x80. The zero-byte tests of "Bit Twiddling Hacks" (S. E. Anderson), exact as a
 * whole: a false lead in one byte only comes after a true one. */
static int needs_care(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
    uint64_t low = x - ones * 0x20; /* a byte below 0x20 borrows into its top bit */
    return ((x | (low & ~x) | ((quote - ones) & ~quote) | ((slash - ones) & ~slash)) & highs) != 0;
}

/*
 * Escape @p n bytes of @p s at @p d (room for 6 * n bytes); with @p latin1, each byte from
 * 0x80 is written as the two-byte UTF-8 form of that Latin-1 character; without, as it is.
 * Sets *@p high when there was such a byte (then the caller checks the UTF-8). Returns the end.
 * Eight plain bytes at a time are copied as they are: most of a log value is plain.
 */
static char *escape(char *d, const unsigned char *s, size_t n, int latin1, int *high)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0;
    while (i < n) {
        uint64_t x;
        if (n - i >= 8 && (memcpy(&x, s + i, 8), !needs_care(x))) {
            memcpy(d, &x, 8);
            d += 8;
            i += 8;
            continue;
        }
        for (size_t stop = n - i >= 8 ? i + 8 : n; i < stop; i++) {
            unsigned char c = s[i];
            if (c >= 0x80) {
                *high = 1;
                if (latin1) {
                    *d++ = (char)(0xC0 | c >> 6);
                    *d++ = (char)(0x80 | (c & 0x3F));
                } else {
                    *d++ = (char)c;
                }
                continue;
            }
            char e = escape_of[c];
            if (e == 0) {
                *d++ = (char)c;
            } else if (e != 'u') {
                *d++ = '\\';
                *d++ = e;
            } else {
                memcpy(d, "\\u00", 4);
                d[4] = hex[c >> 4];
                d[5] = hex[c & 15];
                d += 6;
            }
        }
    }
    return d;
}

/* Append @p s as a JSON string; @p valid: its UTF-8 is known good. Returns -1 when out of
 * memory. */
static int put_string(struct cli_jsonl *j, const char *s, size_t n, int valid)
{
    if (reserve(j, 6 * n + 2) != 0)
        return -1;
    char *start = j->buf + j->len, *d = start;
    int high = 0;
    *d++ = '"';
    d = escape(d, (const unsigned char *)s, n, 0, &high);
    if (high && !valid && !utf8_valid((const unsigned char *)s, n)) {
        if (reserve(j, 12 * n + 2) != 0) /* the Latin-1 form of 0x80-0xFF is two bytes */
            return -1;
        start = j->buf + j->len;
        *start = '"';
        d = escape(start + 1, (const unsigned char *)s, n, 1, &high);
    }
    *d++ = '"';
    j->len = (size_t)(d - j->buf);
    return 0;
}

/* An integer as output_rows.c always wrote it: optional '-', 1-18 digits, no leading zero. */
static int is_integer(const char *s, size_t n)
{
    size_t i = s[0] == '-';
    if (i == n || n - i > 18 || (s[i] == '0' && n - i > 1))
        return 0;
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int is_numeric(struct key *k, int (*numeric)(const char *))
{
    if (k->asked != numeric) {
        k->asked = numeric;
        k->numeric = numeric(k->text);
    }
    return k->numeric;
}

static int put_value(struct cli_jsonl *j, const struct cli_jpair *p, struct key *k,
                     int (*numeric)(const char *))
{
    const char *v = p->val;
    size_t n = strlen(v);
    if (!p->strict && numeric != NULL && is_integer(v, n) && is_numeric(k, numeric)) {
        if (n == 2 && v[0] == '-' && v[1] == '0') { /* "-0": jansson prints the integer 0 */
            v = "0";
            n = 1;
        }
        if (reserve(j, n) != 0)
            return -1;
        memcpy(j->buf + j->len, v, n);
        j->len += n;
        return 0;
    }
    return put_string(j, v, n, p->strict); /* a strict value was checked already */
}

static uint32_t hash_of(const char *s, size_t *len)
{
    uint32_t h = 2166136261u;
    const char *p = s;
    for (; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    *len = (size_t)(p - s);
    return h;
}

/* A new key: its copy, its UTF-8 check and its escaped form `"key":`. NULL when out of memory. */
static struct key *new_key(const char *text, size_t len, uint32_t hash)
{
    struct key *k = calloc(1, sizeof(*k));
    if (k == NULL || (k->text = malloc(len + 1)) == NULL)
        goto fail;
    memcpy(k->text, text, len + 1);
    k->len = len;
    k->hash = hash;
    k->valid = utf8_valid((const unsigned char *)text, len);
    k->numeric = -1;
    if (k->valid) {
        if ((k->quoted = malloc(6 * len + 3)) == NULL)
            goto fail;
        int high = 0;
        char *d = k->quoted;
        *d++ = '"';
        d = escape(d, (const unsigned char *)text, len, 0, &high);
        *d++ = '"';
        *d++ = ':';
        k->qlen = (size_t)(d - k->quoted);
    }
    return k;
fail:
    if (k != NULL)
        free(k->text);
    free(k);
    return NULL;
}

/* Room for one more key: the table grows while it is at most half full. Returns -1 when out of
 * memory. */
static int make_room(struct cli_jsonl *j)
{
    if (2 * (j->nkeys + 1) <= j->nslots)
        return 0;
    size_t nslots = j->nslots ? 2 * j->nslots : 256;
    struct key **slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < j->nslots; i++) {
        struct key *k = j->slots[i];
        if (k == NULL)
            continue;
        size_t at = k->hash & (nslots - 1);
        while (slots[at] != NULL)
            at = (at + 1) & (nslots - 1);
        slots[at] = k;
    }
    free(j->slots);
    j->slots = slots;
    j->nslots = nslots;
    return 0;
}

/* The key of @p text, found or added. NULL when out of memory. */
static struct key *key_of(struct cli_jsonl *j, const char *text)
{
    size_t len, at;
    uint32_t h = hash_of(text, &len);
    if (j->nslots != 0) {
        for (at = h & (j->nslots - 1); j->slots[at] != NULL; at = (at + 1) & (j->nslots - 1)) {
            struct key *k = j->slots[at];
            if (k->hash == h && k->len == len && memcmp(k->text, text, len) == 0)
                return k;
        }
    }
    struct key *k;
    if (make_room(j) != 0 || (k = new_key(text, len, h)) == NULL)
        return NULL;
    for (at = h & (j->nslots - 1); j->slots[at] != NULL; at = (at + 1) & (j->nslots - 1))
        ;
    j->slots[at] = k;
    j->nkeys++;
    return k;
}

/* The members of the object: each valid key once, in first-seen order, with its last value. */
static int collect(struct cli_jsonl *j, const struct cli_jpair *pairs, size_t n)
{
    if (n > j->cap_members) {
        struct member *m = realloc(j->members, n * sizeof(*m));
        if (m == NULL)
            return -1;
        j->members = m;
        j->cap_members = n;
    }
    if (j->nkeys + n > MAX_KEYS) /* only between lines: the members point at keys */
        forget_keys(j);
    j->line++;
    j->nmembers = 0;
    for (size_t i = 0; i < n; i++) {
        struct key *k = key_of(j, pairs[i].key);
        if (k == NULL)
            return -1;
        if (!k->valid || (pairs[i].strict &&
                          !utf8_valid((const unsigned char *)pairs[i].val, strlen(pairs[i].val))))
            continue;
        if (k->line == j->line) {
            j->members[k->member].pair = i;
            continue;
        }
        k->line = j->line;
        k->member = j->nmembers;
        j->members[j->nmembers++] = (struct member){k, i};
    }
    return 0;
}

int cli_jsonl_line(struct cli_jsonl *j, const struct cli_jpair *pairs, size_t n,
                   int (*numeric)(const char *name), const char **line, size_t *len)
{
    if (collect(j, pairs, n) != 0)
        return PANOS_E_NOMEM;
    j->len = 0;
    if (reserve(j, 3) != 0) /* '{', and '}' '\n' when there is no member */
        return PANOS_E_NOMEM;
    j->buf[j->len++] = '{';
    for (size_t i = 0; i < j->nmembers; i++) {
        const struct member *m = &j->members[i];
        if (i > 0)
            j->buf[j->len++] = ','; /* reserved by the value before it */
        if (reserve(j, m->key->qlen) != 0)
            return PANOS_E_NOMEM;
        memcpy(j->buf + j->len, m->key->quoted, m->key->qlen);
        j->len += m->key->qlen;
        if (put_value(j, &pairs[m->pair], m->key, numeric) != 0 || reserve(j, 2) != 0)
            return PANOS_E_NOMEM;
    }
    j->buf[j->len++] = '}';
    j->buf[j->len++] = '\n';
    *line = j->buf;
    *len = j->len;
    return 0;
}
