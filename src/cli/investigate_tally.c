/* SPDX-License-Identifier: MIT */
/* investigate_tally.c -- bounded hash tables of counts and their top N, for panctl investigate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "investigate.h"

#define NSLOTS (2 * INV_TALLY_MAX_KEYS)

int inv_tally_init(struct inv_tally *t)
{
    memset(t, 0, sizeof(*t));
    t->slots = calloc(NSLOTS, sizeof(*t->slots));
    return t->slots ? 0 : -1;
}

void inv_tally_free(struct inv_tally *t)
{
    for (size_t i = 0; t->slots && i < NSLOTS; i++) {
        free(t->slots[i].key);
        free(t->slots[i].extra);
    }
    free(t->slots);
    t->slots = NULL;
}

static size_t hash(const char *s)
{
    size_t h = 1469598103934665603ULL & (size_t)-1;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
    return h;
}

void inv_stamp(char first[20], char last[20], const char *when)
{
    if (when == NULL || *when == '\0')
        return;
    if (first[0] == '\0' || strcmp(when, first) < 0)
        snprintf(first, 20, "%s", when);
    if (strcmp(when, last) > 0)
        snprintf(last, 20, "%s", when);
}

int inv_tally_add(struct inv_tally *t, const char *key, const char *extra, long long bytes,
                  const char *when)
{
    size_t i = hash(key) % NSLOTS;
    while (t->slots[i].key != NULL && strcmp(t->slots[i].key, key) != 0)
        i = (i + 1) % NSLOTS;
    struct inv_count *c = &t->slots[i];
    if (c->key == NULL) {
        if (t->n >= INV_TALLY_MAX_KEYS) {
            t->other_sessions++;
            t->other_bytes += bytes;
            return 0;
        }
        if ((c->key = strdup(key)) == NULL)
            return -1;
        if (extra && (c->extra = strdup(extra)) == NULL)
            return -1;
        t->n++;
    }
    c->sessions++;
    c->bytes += bytes;
    inv_stamp(c->first, c->last, when);
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const struct inv_count *x = *(const struct inv_count *const *)a;
    const struct inv_count *y = *(const struct inv_count *const *)b;
    if (x->sessions != y->sessions)
        return x->sessions > y->sessions ? -1 : 1;
    if (x->bytes != y->bytes)
        return x->bytes > y->bytes ? -1 : 1;
    return strcmp(x->key, y->key);
}

json_t *inv_tally_top(const struct inv_tally *t, size_t top, const char *key_name,
                      const char *extra_name, int with_bytes, int with_times)
{
    json_t *arr = json_array();
    const struct inv_count **v = malloc((t->n ? t->n : 1) * sizeof(*v));
    if (arr == NULL || v == NULL) {
        free(v);
        json_decref(arr);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < NSLOTS; i++)
        if (t->slots[i].key)
            v[n++] = &t->slots[i];
    qsort(v, n, sizeof(*v), by_count);
    for (size_t i = 0; i < n && i < top; i++) {
        json_t *o = json_object();
        json_object_set_new(o, key_name, json_string(v[i]->key));
        if (extra_name)
            json_object_set_new(o, extra_name, json_string(v[i]->extra ? v[i]->extra : ""));
        json_object_set_new(o, "count", json_integer(v[i]->sessions));
        if (with_bytes)
            json_object_set_new(o, "bytes", json_integer(v[i]->bytes));
        if (with_times) {
            json_object_set_new(o, "first", json_string(v[i]->first));
            json_object_set_new(o, "last", json_string(v[i]->last));
        }
        json_array_append_new(arr, o);
    }
    free(v);
    return arr;
}
