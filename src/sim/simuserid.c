/* SPDX-License-Identifier: MIT */
/* simuserid.c -- pansim's User-ID state: a hash of mappings and tags with their deadlines, the
 * countdown to them, and the op listings (show user ip-user-mapping all, show object ...). */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "simuserid_priv.h"

static uint64_t fnv(const char *s, uint64_t h)
{
    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0x1f) * 1099511628211ULL;
}

static size_t bucket_of(const struct sim_userid *u, enum uid_kind kind, const char *vsys,
                        const char *a, const char *b)
{
    uint64_t h = 14695981039346656037ULL ^ (uint64_t)kind;
    h = fnv(b ? b : "", fnv(a, fnv(vsys, h)));
    return (size_t)(h & (u->nbuckets - 1));
}

static int same(const struct uid_ent *e, enum uid_kind kind, const char *vsys, const char *a,
                const char *b)
{
    return e->kind == kind && strcmp(e->vsys, vsys) == 0 && strcmp(e->a, a) == 0 &&
           (b == NULL || strcmp(e->b, b) == 0);
}

/* The key of a mapping is its IP alone (b NULL): one user per IP and vsys. */
static const char *key_b(enum uid_kind kind, const char *b)
{
    return kind == UID_MAP || kind == UID_HIDE ? NULL : b;
}

struct uid_ent *sim_uid_find(const struct sim_userid *u, enum uid_kind kind, const char *vsys,
                             const char *a, const char *b)
{
    b = key_b(kind, b);
    for (struct uid_ent *e = u->buckets[bucket_of(u, kind, vsys, a, b)]; e; e = e->next)
        if (same(e, kind, vsys, a, b))
            return e;
    return NULL;
}

static int grow(struct sim_userid *u)
{
    size_t n = u->nbuckets * 4;
    struct uid_ent **nb = calloc(n, sizeof(*nb));
    if (nb == NULL)
        return -1;
    struct uid_ent **old = u->buckets;
    size_t oldn = u->nbuckets;
    u->buckets = nb;
    u->nbuckets = n;
    for (size_t i = 0; i < oldn; i++) {
        for (struct uid_ent *e = old[i], *next; e; e = next) {
            next = e->next;
            size_t k = bucket_of(u, e->kind, e->vsys, e->a, key_b(e->kind, e->b));
            e->next = nb[k];
            nb[k] = e;
        }
    }
    free(old);
    return 0;
}

static void ent_free(struct uid_ent *e)
{
    free(e->a);
    free(e->b);
    free(e);
}

int sim_uid_put(struct sim_userid *u, enum uid_kind kind, const char *vsys, const char *a,
                const char *b, long long expires_ms)
{
    struct uid_ent *e = sim_uid_find(u, kind, vsys, a, b);
    if (e != NULL) {
        char *nb = strdup(b ? b : "");
        if (nb == NULL)
            return -1;
        free(e->b);
        e->b = nb;
        e->expires_ms = expires_ms;
        return 0;
    }
    if (u->n >= u->nbuckets * 2 && grow(u) != 0)
        return -1;
    if ((e = calloc(1, sizeof(*e))) == NULL)
        return -1;
    e->kind = kind;
    snprintf(e->vsys, sizeof(e->vsys), "%s", vsys);
    e->a = strdup(a);
    e->b = strdup(b ? b : "");
    e->expires_ms = expires_ms;
    if (e->a == NULL || e->b == NULL) {
        ent_free(e);
        return -1;
    }
    size_t k = bucket_of(u, kind, vsys, a, key_b(kind, b));
    e->next = u->buckets[k];
    u->buckets[k] = e;
    u->n++;
    return 0;
}

int sim_uid_del(struct sim_userid *u, enum uid_kind kind, const char *vsys, const char *a,
                const char *b)
{
    b = key_b(kind, b);
    for (struct uid_ent **p = &u->buckets[bucket_of(u, kind, vsys, a, b)]; *p; p = &(*p)->next) {
        if (same(*p, kind, vsys, a, b)) {
            struct uid_ent *e = *p;
            *p = e->next;
            ent_free(e);
            u->n--;
            return 1;
        }
    }
    return 0;
}

int sim_userid_new(struct sim_userid **out, const struct sim_userid_options *opts)
{
    struct sim_userid *u = calloc(1, sizeof(*u));
    *out = NULL;
    if (u == NULL)
        return -1;
    u->nbuckets = 1024;
    if ((u->buckets = calloc(u->nbuckets, sizeof(*u->buckets))) == NULL) {
        free(u);
        return -1;
    }
    if (opts != NULL)
        u->opts = *opts;
    *out = u;
    return 0;
}

void sim_userid_free(struct sim_userid *u)
{
    if (u == NULL)
        return;
    for (size_t i = 0; i < u->nbuckets; i++)
        for (struct uid_ent *e = u->buckets[i], *next; e; e = next) {
            next = e->next;
            ent_free(e);
        }
    free(u->buckets);
    free(u);
}

void sim_userid_tick(struct sim_userid *u, long long now_ms)
{
    u->now_ms = now_ms;
    for (size_t i = 0; i < u->nbuckets; i++) {
        for (struct uid_ent **p = &u->buckets[i]; *p;) {
            struct uid_ent *e = *p;
            if (e->expires_ms > 0 && e->expires_ms <= now_ms) {
                *p = e->next;
                ent_free(e);
                u->n--;
            } else {
                p = &e->next;
            }
        }
    }
}

int sim_userid_hides(const struct sim_userid *u, const char *ip)
{
    return u != NULL && (sim_uid_find(u, UID_HIDE, "vsys1", ip, NULL) != NULL ||
                         sim_uid_find(u, UID_MAP, "vsys1", ip, NULL) != NULL);
}

/* Addresses in numeric order (IPv4 before IPv6), anything else after them by text. */
static int ip_cmp(const char *x, const char *y)
{
    unsigned char bx[17] = {0}, by[17] = {0};
    bx[0] = inet_pton(AF_INET, x, bx + 1) == 1 ? 0 : inet_pton(AF_INET6, x, bx + 1) == 1 ? 1 : 2;
    by[0] = inet_pton(AF_INET, y, by + 1) == 1 ? 0 : inet_pton(AF_INET6, y, by + 1) == 1 ? 1 : 2;
    int c = bx[0] == 2 && by[0] == 2 ? 0 : memcmp(bx, by, sizeof(bx));
    return c != 0 ? c : strcmp(x, y);
}

static int ent_cmp(const void *pa, const void *pb)
{
    const struct uid_ent *x = *(const struct uid_ent *const *)pa;
    const struct uid_ent *y = *(const struct uid_ent *const *)pb;
    int c = strcmp(x->vsys, y->vsys);
    if (c == 0)
        c = x->kind == UID_USERTAG ? strcmp(x->a, y->a) : ip_cmp(x->a, y->a);
    return c != 0 ? c : strcmp(x->b, y->b);
}

/* The entries of @p kind, sorted by vsys, key and tag (malloc'd; NULL when there are none or
 * memory ran out). */
static struct uid_ent **sorted(const struct sim_userid *u, enum uid_kind kind, size_t *n_out)
{
    size_t n = 0;
    struct uid_ent **v = malloc((u->n + 1) * sizeof(*v));
    *n_out = 0;
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < u->nbuckets; i++)
        for (struct uid_ent *e = u->buckets[i]; e; e = e->next)
            if (e->kind == kind)
                v[n++] = e;
    qsort(v, n, sizeof(*v), ent_cmp);
    *n_out = n;
    return v;
}

/* Seconds left before @p e times out, rounded up; -1 when it never does. */
static long long left_s(const struct sim_userid *u, const struct uid_ent *e)
{
    return e->expires_ms > 0 ? (e->expires_ms - u->now_ms + 999) / 1000 : -1;
}

/*
 * The XML API's mappings in the shape of show user ip-user-mapping all (CPAN
 * Device-PaloAlto-Firewall xml_scratchpad capture, PAN-OS 7/8): type XMLAPI, timeout and
 * idle_timeout the seconds left, "Never" for a login without a timeout.
 */
unsigned sim_userid_put_mappings(const struct sim_userid *u, FILE *f)
{
    size_t n = 0;
    struct uid_ent **v = u ? sorted(u, UID_MAP, &n) : NULL;
    for (size_t i = 0; i < n; i++) {
        char left[24] = "Never";
        if (v[i]->expires_ms > 0)
            snprintf(left, sizeof(left), "%lld", left_s(u, v[i]));
        fputs("<entry>", f);
        sim_op_put_el(f, "ip", v[i]->a);
        sim_op_put_el(f, "vsys", v[i]->vsys);
        fputs("<type>XMLAPI</type>", f);
        sim_op_put_el(f, "user", v[i]->b);
        fprintf(f, "<idle_timeout>%s</idle_timeout><timeout>%s</timeout></entry>\n", left, left);
    }
    free(v);
    return (unsigned)n;
}

/* One <entry ATTR="key" ...><tag><member>...</member></tag></entry> per key of @p kind. */
static void put_tags(const struct sim_userid *u, FILE *f, enum uid_kind kind)
{
    size_t n = 0, keys = 0;
    struct uid_ent **v = sorted(u, kind, &n);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(v[i]->a, v[i - 1]->a) != 0 || strcmp(v[i]->vsys, v[i - 1]->vsys)) {
            fputs(kind == UID_IPTAG ? "<entry ip=\"" : "<entry user=\"", f);
            sim_xml_escape(f, v[i]->a, 1);
            fputs("\" vsys=\"", f);
            sim_xml_escape(f, v[i]->vsys, 1);
            fputs(kind == UID_IPTAG ? "\" from_agent=\"0\" persistent=\"1\"><tag>" : "\"><tag>", f);
            keys++;
        }
        long long left = left_s(u, v[i]);
        if (left >= 0)
            fprintf(f, "<member timeout=\"%lld\">", left);
        else
            fputs("<member>", f);
        sim_xml_escape(f, v[i]->b, 0);
        fputs("</member>", f);
        if (i + 1 == n || strcmp(v[i]->a, v[i + 1]->a) != 0 || strcmp(v[i]->vsys, v[i + 1]->vsys))
            fputs("</tag></entry>\n", f);
    }
    if (keys > 0)
        fprintf(f, "<count>%zu</count>\n", keys);
    free(v);
}

/*
 * show object registered-ip all: <entry ip="..." from_agent="0" persistent="1"><tag><member>
 * per registered address, as pan-os-python 1.13.1 (panos/userid.py, get_registered_ip) reads
 * it; a member with a timeout carries the seconds left in its timeout attribute.
 */
void sim_userid_put_registered_ip(const struct sim_userid *u, FILE *f)
{
    if (u != NULL)
        put_tags(u, f, UID_IPTAG);
}

/* show object registered-user all: <entry user="..."><tag><member> per tagged user, as
 * pan-os-python 1.13.1 (panos/userid.py, get_user_tags) reads it. */
void sim_userid_put_registered_user(const struct sim_userid *u, FILE *f)
{
    if (u != NULL)
        put_tags(u, f, UID_USERTAG);
}

unsigned sim_userid_put_tagged(const struct sim_userid *u, const char *vsys, const char *tag,
                               FILE *f)
{
    size_t n = 0, hits = 0;
    struct uid_ent **v = u ? sorted(u, UID_IPTAG, &n) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i]->vsys, vsys) != 0 || strcmp(v[i]->b, tag) != 0)
            continue;
        sim_op_put_el(f, "member", v[i]->a);
        hits++;
    }
    free(v);
    return (unsigned)hits;
}

int sim_userid_ip_tagged(const struct sim_userid *u, const char *vsys, const char *ip,
                         const char *tag)
{
    return u != NULL && sim_uid_find(u, UID_IPTAG, vsys, ip, tag) != NULL;
}

static int ip_ptr_cmp(const void *pa, const void *pb)
{
    return ip_cmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The entries are sorted by vsys, address and tag: each (vsys, address) is asked once. */
unsigned sim_userid_put_members(const struct sim_userid *u, const char *vsys,
                                sim_userid_match *match, void *payload, FILE *f)
{
    size_t n = 0, hits = 0;
    struct uid_ent **v = u ? sorted(u, UID_IPTAG, &n) : NULL;
    const char **ips = v ? malloc((n + 1) * sizeof(*ips)) : NULL;
    for (size_t i = 0; ips != NULL && i < n; i++) {
        if (i > 0 && strcmp(v[i]->a, v[i - 1]->a) == 0 && strcmp(v[i]->vsys, v[i - 1]->vsys) == 0)
            continue;
        if ((vsys == NULL || strcmp(v[i]->vsys, vsys) == 0) && match(payload, v[i]->vsys, v[i]->a))
            ips[hits++] = v[i]->a;
    }
    if (vsys == NULL && hits > 1)
        qsort(ips, hits, sizeof(*ips), ip_ptr_cmp);
    unsigned put = 0;
    for (size_t i = 0; i < hits; i++) {
        if (i > 0 && strcmp(ips[i], ips[i - 1]) == 0)
            continue; /* the same address registered in two vsys */
        fputs("<entry name=\"", f);
        sim_xml_escape(f, ips[i], 1);
        fputs("\" type=\"registered-ip\"/>", f);
        put++;
    }
    free(ips);
    free(v);
    return put;
}
