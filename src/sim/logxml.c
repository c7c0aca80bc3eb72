/* SPDX-License-Identifier: MIT */
/* logxml.c -- pansim's log answers written into one growing buffer, entries as PAN-OS prints them.
 */
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "logxml.h"

#define POOL_MAX 4

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static char *pool[POOL_MAX];
static size_t npool;

void sim_obuf_reuse(struct sim_obuf *b)
{
    pthread_mutex_lock(&pool_lock);
    if (npool > 0 && b->p == NULL) {
        b->p = pool[--npool];
        b->cap = malloc_usable_size(b->p); /* glibc: what realloc() may grow into */
        b->len = 0;
    }
    pthread_mutex_unlock(&pool_lock);
}

void sim_obuf_release(void *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&pool_lock);
    if (npool < POOL_MAX) {
        pool[npool++] = p;
        p = NULL;
    }
    pthread_mutex_unlock(&pool_lock);
    free(p);
}

/* Room for @p more bytes; sets failed (and keeps the old buffer) when out of memory. */
int sim_obuf_room(struct sim_obuf *b, size_t more)
{
    if (b->failed)
        return -1;
    if (b->len + more <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + more)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (p == NULL) {
        b->failed = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

void sim_obuf_put(struct sim_obuf *b, const char *s, size_t n)
{
    if (sim_obuf_room(b, n) == 0) {
        memcpy(b->p + b->len, s, n);
        b->len += n;
    }
}

void sim_obuf_puts(struct sim_obuf *b, const char *s)
{
    sim_obuf_put(b, s, strlen(s));
}

/* @p s as XML character data: & < > escaped (quotes need not be outside attributes). */
void sim_obuf_text(struct sim_obuf *b, const char *s)
{
    size_t n = strlen(s), plain = strcspn(s, "&<>");
    if (plain == n) { /* nearly every value */
        sim_obuf_put(b, s, n);
        return;
    }
    if (sim_obuf_room(b, 5 * n) != 0)
        return;
    char *d = b->p + b->len;
    for (; *s; s++) {
        if (*s == '&')
            d = (char *)memcpy(d, "&amp;", 5) + 5;
        else if (*s == '<')
            d = (char *)memcpy(d, "&lt;", 4) + 4;
        else if (*s == '>')
            d = (char *)memcpy(d, "&gt;", 4) + 4;
        else
            *d++ = *s;
    }
    b->len = (size_t)(d - b->p);
}

static char *put(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
    return d + n;
}

/* @p n bytes of @p s escaped at @p d, which has room for 5 * n. */
static char *put_text(char *d, const char *s, size_t n)
{
    if (strcspn(s, "&<>") == n) /* nearly every value */
        return put(d, s, n);
    for (; *s; s++) {
        if (*s == '&')
            d = put(d, "&amp;", 5);
        else if (*s == '<')
            d = put(d, "&lt;", 4);
        else if (*s == '>')
            d = put(d, "&gt;", 4);
        else
            *d++ = *s;
    }
    return d;
}

void sim_logentry_xml(const struct sim_logentry *e, struct sim_obuf *b)
{
    /* Room for the whole entry first, then plain copies. */
    size_t nl[SIM_LOG_MAX_FIELDS], vl[SIM_LOG_MAX_FIELDS], idl = strlen(e->logid);
    size_t need = 64 + idl;
    for (size_t i = 0; i < e->n; i++) {
        nl[i] = strlen(e->f[i].name);
        vl[i] = strlen(e->f[i].value);
        need += 2 * nl[i] + 5 * vl[i] + 16 + (e->f[i].attrs ? strlen(e->f[i].attrs) + 1 : 0);
    }
    if (sim_obuf_room(b, need) != 0)
        return;
    char *d = put(b->p + b->len, "      <entry logid=\"", 20);
    d = put(put(d, e->logid, idl), "\">\n", 3);
    for (size_t i = 0; i < e->n; i++) {
        const char *attrs = e->f[i].attrs;
        d = put(put(d, "        <", 9), e->f[i].name, nl[i]);
        if (vl[i] == 0 && attrs == NULL) {
            d = put(d, "/>\n", 3); /* <imsi/> in XSOAR query_logs.xml */
            continue;
        }
        if (attrs != NULL) {
            *d++ = ' ';
            d = put(d, attrs, strlen(attrs));
        }
        *d++ = '>';
        d = put_text(d, e->f[i].value, vl[i]);
        d = put(put(put(d, "</", 2), e->f[i].name, nl[i]), ">\n", 2);
    }
    b->len = (size_t)(put(d, "      </entry>\n", 15) - b->p);
}
