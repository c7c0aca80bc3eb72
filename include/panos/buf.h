/* SPDX-License-Identifier: MIT */
/* buf.h -- raw byte buffers handed to the caller. */
#ifndef PANOS_BUF_H
#define PANOS_BUF_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes owned by the caller: ptr is NUL-terminated (not counted in size). */
typedef struct panos_buf {
    char *ptr;
    size_t size;
} panos_buf;

#define PANOS_BUF_INIT {NULL, 0}

/** Free the buffer's memory and reset it. Accepts an empty buffer. */
PANOS_EXTERN void panos_buf_dispose(panos_buf *buf);

/** Wipe the bytes (they held a secret), then free them as panos_buf_dispose(). */
PANOS_EXTERN void panos_buf_dispose_secret(panos_buf *buf);

/** Overwrite n bytes at p with zeros in a way the compiler cannot drop. */
PANOS_EXTERN void panos_wipe(void *p, size_t n);

/** Free a NUL-terminated secret string after wiping it. Accepts NULL. */
PANOS_EXTERN void panos_free_secret(char *s);

#ifdef __cplusplus
}
#endif

#endif
