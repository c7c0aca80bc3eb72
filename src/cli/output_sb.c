/* SPDX-License-Identifier: MIT */
/* output_sb.c -- a growable text with a cap (config writers, streamed op answers). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <panos/buf.h>
#include "output_sb.h"

static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int cli_sb_put(struct cli_sb *b, const char *s, size_t n, size_t max)
{
    if (n >= max - b->len) { /* the text and its NUL stay within max */
        errno = E2BIG;
        return -1;
    }
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *g = realloc(b->p, cap);
        if (g == NULL) {
            errno = ENOMEM;
            return -1;
        }
        b->p = g;
        b->cap = cap;
    }
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int cli_sb_put_text(struct cli_sb *b, const char *s, size_t n, size_t max)
{
    while (b->len == 0 && n > 0 && blank(*s))
        s++, n--;
    return n > 0 ? cli_sb_put(b, s, n, max) : 0;
}

const char *cli_sb_trimmed(const struct cli_sb *b, size_t *len_out)
{
    const char *s = b->p ? b->p : "";
    size_t n = b->len;
    while (n > 0 && blank(*s))
        s++, n--;
    while (n > 0 && blank(s[n - 1]))
        n--;
    *len_out = n;
    return s;
}

void cli_sb_free(struct cli_sb *b)
{
    if (b->p != NULL)
        panos_wipe(b->p, b->cap);
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}
