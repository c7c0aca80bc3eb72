/* SPDX-License-Identifier: MIT */
/* sbuf.c -- a growable string used inside libpanos. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"

static int sb_reserve(panos__sb *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (extra > ((size_t)-1) / 2 - sb->len) {
        sb->failed = 1;
        return -1;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = malloc(cap);
    if (p == NULL) {
        sb->failed = 1;
        return -1;
    }
    if (sb->ptr != NULL) {
        memcpy(p, sb->ptr, sb->len + 1);
        /* The old block may have held a secret: wipe before freeing, never realloc. */
        panos_wipe(sb->ptr, sb->cap);
        free(sb->ptr);
    }
    sb->ptr = p;
    sb->cap = cap;
    return 0;
}

void panos__sb_append(panos__sb *sb, const char *s, size_t n)
{
    if (sb_reserve(sb, n) != 0)
        return;
    if (n > 0) /* @p s may be NULL then: another buffer that failed */
        memcpy(sb->ptr + sb->len, s, n);
    sb->len += n;
    sb->ptr[sb->len] = '\0';
}

void panos__sb_puts(panos__sb *sb, const char *s)
{
    panos__sb_append(sb, s, strlen(s));
}

void panos__sb_printf(panos__sb *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(sb, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(sb->ptr + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void panos__sb_urlencode(panos__sb *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '.' || *p == '_' || *p == '~') {
            panos__sb_append(sb, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            panos__sb_append(sb, e, 3);
        }
    }
}

void panos__sb_dispose(panos__sb *sb, int secret)
{
    if (sb->ptr != NULL && secret)
        panos_wipe(sb->ptr, sb->cap);
    free(sb->ptr);
    sb->ptr = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
}

panos_code panos__sb_finish(panos__sb *sb, panos_buf *out)
{
    if (!sb->failed && sb->ptr == NULL)
        sb_reserve(sb, 0);
    if (sb->failed) {
        panos__sb_dispose(sb, 1);
        return PANOS_E_NOMEM;
    }
    sb->ptr[sb->len] = '\0';
    out->ptr = sb->ptr;
    out->size = sb->len;
    sb->ptr = NULL;
    sb->len = sb->cap = 0;
    return PANOS_OK;
}
