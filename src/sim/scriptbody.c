/* SPDX-License-Identifier: MIT */
/* scriptbody.c -- the body of a scripted reply as libmicrohttpd sends it: whole, cut short,
 * behind N blanks, or one byte at a time. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <microhttpd.h>
#include "scriptbody.h"

struct body {
    char *bytes;    /* a copy of the reply's body */
    uint64_t fill;  /* blanks sent before it */
    uint64_t limit; /* bytes sent in all before closing (fill + body, or less: truncate=) */
    long drip_ms;   /* wait between two bytes, 0 = none */
    const volatile int *stopping;
};

/* Sleep @p ms in slices of 100 ms; returns -1 as soon as pansim is stopping. */
static int nap(long ms, const volatile int *stopping)
{
    while (ms > 0) {
        if (*stopping)
            return -1;
        long step = ms < 100 ? ms : 100;
        struct timespec ts = {0, step * 1000000L};
        nanosleep(&ts, NULL);
        ms -= step;
    }
    return *stopping ? -1 : 0;
}

static ssize_t body_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct body *b = cls;
    if (pos >= b->limit)
        return MHD_CONTENT_READER_END_WITH_ERROR; /* truncate=: close before the end */
    if (b->drip_ms > 0) {
        if (pos > 0 && nap(b->drip_ms, b->stopping) != 0)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        max = 1;
    }
    uint64_t left = b->limit - pos;
    size_t n = left < max ? (size_t)left : max;
    for (size_t i = 0; i < n; i++) {
        uint64_t at = pos + i;
        buf[i] = at < b->fill ? ' ' : b->bytes[at - b->fill];
    }
    return (ssize_t)n;
}

static void body_free(void *cls)
{
    struct body *b = cls;
    free(b->bytes);
    free(b);
}

struct MHD_Response *sim_script_response(const struct sim_script_reply *r,
                                         const volatile int *stopping)
{
    int plain =
        r->fill == 0 && r->drip_ms == 0 && (r->truncate < 0 || (size_t)r->truncate >= r->len);
    if (plain)
        return MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_COPY);
    struct body *b = calloc(1, sizeof(*b));
    if (b == NULL || (b->bytes = malloc(r->len + 1)) == NULL) {
        free(b);
        return NULL;
    }
    memcpy(b->bytes, r->body, r->len);
    b->fill = (uint64_t)r->fill;
    b->limit = b->fill + (r->truncate >= 0 ? (uint64_t)r->truncate : (uint64_t)r->len);
    b->drip_ms = r->drip_ms;
    b->stopping = stopping;
    struct MHD_Response *resp = MHD_create_response_from_callback(
        b->fill + r->len, b->drip_ms > 0 ? 1 : 64 * 1024, body_reader, b, body_free);
    if (resp == NULL)
        body_free(b);
    return resp;
}
