/* SPDX-License-Identifier: MIT */
/* buf.c -- caller-owned byte buffers and wiping of secrets. */
#include <stdlib.h>
#include <string.h>
#include <panos/buf.h>

void panos_wipe(void *p, size_t n)
{
    /* A volatile function pointer keeps the compiler from dropping the store of a dead buffer. */
    static void *(*const volatile memset_v)(void *, int, size_t) = memset;
    if (p != NULL && n > 0)
        memset_v(p, 0, n);
}

void panos_buf_dispose(panos_buf *buf)
{
    if (buf == NULL)
        return;
    free(buf->ptr);
    buf->ptr = NULL;
    buf->size = 0;
}

void panos_buf_dispose_secret(panos_buf *buf)
{
    if (buf == NULL)
        return;
    panos_wipe(buf->ptr, buf->size);
    panos_buf_dispose(buf);
}

void panos_free_secret(char *s)
{
    if (s == NULL)
        return;
    panos_wipe(s, strlen(s));
    free(s);
}
