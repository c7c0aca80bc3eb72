/* SPDX-License-Identifier: MIT */
/* sbuf.h -- a growable string used inside libpanos (not public API). */
#ifndef PANOS_SBUF_H
#define PANOS_SBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <panos/buf.h>
#include <panos/error.h>

/* ptr is always NUL-terminated once anything was appended; len excludes the NUL. */
typedef struct panos__sb {
    char *ptr;
    size_t len;
    size_t cap;
    int failed; /* an allocation failed: later appends do nothing, finish reports NOMEM */
} panos__sb;

#define PANOS__SB_INIT {NULL, 0, 0, 0}

void panos__sb_append(panos__sb *sb, const char *s, size_t n);
void panos__sb_puts(panos__sb *sb, const char *s);
void panos__sb_printf(panos__sb *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s percent-encoded for application/x-www-form-urlencoded (RFC 3986 unreserved kept). */
void panos__sb_urlencode(panos__sb *sb, const char *s);
/* Free the memory (wipe first when @p secret). */
void panos__sb_dispose(panos__sb *sb, int secret);
/* Hand the bytes over as a panos_buf (an empty string when nothing was appended).
 * Returns PANOS_E_NOMEM if any append failed (the buffer is then disposed). */
panos_code panos__sb_finish(panos__sb *sb, panos_buf *out);

/* The value of hex digit @p c (either case), or -1. */
static inline int panos__hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

#endif
