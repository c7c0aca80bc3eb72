/* SPDX-License-Identifier: MIT */
/* strbuf.c -- a growable NUL-terminated string with a sticky failure flag. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "strbuf.h"

static int grow(struct exp_sb *b, size_t need)
{
    if (b->failed)
        return -1;
    if (b->len + need + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + need + 1)
        cap *= 2;
    char *p = realloc(b->ptr, cap);
    if (p == NULL) {
        b->failed = 1;
        return -1;
    }
    b->ptr = p;
    b->cap = cap;
    return 0;
}

int exp_sb_puts(struct exp_sb *b, const char *s)
{
    size_t n = strlen(s);
    if (grow(b, n) != 0)
        return -1;
    memcpy(b->ptr + b->len, s, n + 1);
    b->len += n;
    return 0;
}

int exp_sb_putc(struct exp_sb *b, char c)
{
    char s[2] = {c, 0};
    return exp_sb_puts(b, s);
}

int exp_sb_printf(struct exp_sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || grow(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void exp_sb_free(struct exp_sb *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}
