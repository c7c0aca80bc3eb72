/* SPDX-License-Identifier: MIT */
/* configdiff.c -- structural diff of two PAN-OS configurations; the rules are in
 * docs/internals/configdiff.md. */
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include <panos/configdiff.h>
#include "node_priv.h"

/* One element child of a compared element: its matching key, as an xpath step. */
struct item {
    const xmlNode *n;
    char *key;    /* "entry[@name='x']", "member[text()='x']", or the tag */
    size_t idx;   /* place among the element children, document order */
    size_t occ;   /* 0 for the first child with this key, 1 for the second, ... */
    size_t dups;  /* how many children share the key */
    size_t pos;   /* 1-based place among the <entry> children (0 for others) */
    size_t match; /* index of the matched item on the other side, or SIZE_MAX */
    int moved;
};

struct diff {
    char *path;
    size_t len, cap;
    unsigned flags;
    panos_config_change_fn fn;
    void *payload;
    size_t count;
    int stopped;
    int nomem;
};

static int path_push(struct diff *d, const char *seg, size_t n)
{
    if (d->len + n + 2 > d->cap) {
        size_t cap = d->cap ? d->cap : 256;
        while (d->len + n + 2 > cap)
            cap *= 2;
        char *p = realloc(d->path, cap);
        if (p == NULL) {
            d->nomem = 1;
            return -1;
        }
        d->path = p;
        d->cap = cap;
    }
    d->path[d->len++] = '/';
    memcpy(d->path + d->len, seg, n);
    d->len += n;
    d->path[d->len] = '\0';
    return 0;
}

static void path_pop(struct diff *d, size_t len)
{
    d->len = len;
    if (d->path)
        d->path[len] = '\0';
}

static void emit(struct diff *d, panos_config_change_kind kind, const char *oldv, const char *newv,
                 size_t op, size_t np)
{
    if (d->stopped || d->nomem)
        return;
    panos_config_change c = {kind, d->path, oldv, newv, op, np};
    d->count++;
    if (d->fn && d->fn(&c, d->payload) != 0)
        d->stopped = 1;
}

static int annotation(const xmlChar *name)
{
    /* PAN-OS marks the candidate nodes changed since the last commit with admin=, time= and
     * (newer releases) dirtyId= (PAN-OS XML API guide, "Configuration (API)", the get example,
     * PAN-OS 10.1); the running configuration has none. Cases 0240, 0247. */
    return xmlStrEqual(name, BAD_CAST "admin") || xmlStrEqual(name, BAD_CAST "dirtyId") ||
           xmlStrEqual(name, BAD_CAST "time");
}

/* The text directly in @p n (text and CDATA children), trimmed; malloc'd (NULL: no memory). */
static char *own_text(const xmlNode *n)
{
    size_t len = 0;
    for (const xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            len += strlen((const char *)c->content);
    char *s = malloc(len + 1), *p = s;
    if (s == NULL)
        return NULL;
    for (const xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t k = strlen((const char *)c->content);
            memcpy(p, c->content, k);
            p += k;
        }
    *p = '\0';
    char *b = s, *e = p;
    while (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r')
        b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
        e--;
    memmove(s, b, (size_t)(e - b));
    s[e - b] = '\0';
    return s;
}

static int has_elements(const xmlNode *n)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return 1;
    return 0;
}

/* "tag[@attr='v']" or "tag[text()='v']", with double quotes when v holds a single quote. */
static char *make_key(const xmlChar *tag, const char *pred, const char *v)
{
    if (v == NULL)
        return strdup((const char *)tag);
    char q = strchr(v, '\'') ? '"' : '\'';
    size_t n = strlen((const char *)tag) + strlen(pred) + strlen(v) + 6;
    char *k = malloc(n);
    if (k)
        snprintf(k, n, "%s[%s=%c%s%c]", (const char *)tag, pred, q, v, q);
    return k;
}

static char *child_key(const xmlNode *n)
{
    if (xmlStrEqual(n->name, BAD_CAST "entry")) {
        xmlChar *name = xmlGetNoNsProp(n, BAD_CAST "name");
        if (name) {
            char *k = make_key(n->name, "@name", (const char *)name);
            xmlFree(name);
            return k;
        }
    } else if (xmlStrEqual(n->name, BAD_CAST "member") && !has_elements(n)) {
        char *t = own_text(n);
        if (t == NULL)
            return NULL;
        char *k = make_key(n->name, "text()", t);
        free(t);
        return k;
    }
    return make_key(n->name, NULL, NULL);
}

static int cmp_key(const void *x, const void *y)
{
    const struct item *a = *(const struct item *const *)x, *b = *(const struct item *const *)y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int cmp_key_occ(const struct item *a, const struct item *b)
{
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->occ < b->occ ? -1 : a->occ > b->occ;
}

static void free_items(struct item *it, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(it[i].key);
    free(it);
}

/* The element children of @p parent with their keys, and a copy sorted by (key, idx) in
 * *sorted_out, with occ and dups filled in. */
static int collect(const xmlNode *parent, struct item **out, struct item ***sorted_out,
                   size_t *n_out)
{
    size_t n = 0, entries = 0;
    *out = NULL;
    *sorted_out = NULL;
    *n_out = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            n++;
    if (n == 0)
        return 0;
    struct item *it = calloc(n, sizeof(*it));
    struct item **s = malloc(n * sizeof(*s));
    if (it == NULL || s == NULL) {
        free(it);
        free(s);
        return -1;
    }
    size_t i = 0;
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        it[i].n = c;
        it[i].idx = i;
        it[i].match = SIZE_MAX;
        if (xmlStrEqual(c->name, BAD_CAST "entry"))
            it[i].pos = ++entries;
        if ((it[i].key = child_key(c)) == NULL) {
            free_items(it, i);
            free(s);
            return -1;
        }
        s[i] = &it[i];
        i++;
    }
    qsort(s, n, sizeof(*s), cmp_key);
    for (i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(s[j]->key, s[i]->key) == 0)
            j++;
        for (size_t k = i; k < j; k++) {
            s[k]->occ = k - i;
            s[k]->dups = j - i;
        }
        i = j;
    }
    *out = it;
    *sorted_out = s;
    *n_out = n;
    return 0;
}

/* Mark MOVED the matched entries of an ordered list that lie outside a longest run of
 * matched entries whose new places increase in the old order (O(n log n)). */
static int mark_moves(struct item *a, size_t na, struct item *b)
{
    size_t m = 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].match != SIZE_MAX && a[i].pos)
            m++;
    if (m < 2)
        return 0;
    size_t *seq = malloc(m * sizeof(*seq)), *tails = malloc(m * sizeof(*tails)),
           *prev = malloc(m * sizeof(*prev));
    if (seq == NULL || tails == NULL || prev == NULL) {
        free(seq);
        free(tails);
        free(prev);
        return -1;
    }
    size_t k = 0, len = 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].match != SIZE_MAX && a[i].pos) {
            seq[k++] = i;
            a[i].moved = 1;
        }
    for (size_t i = 0; i < m; i++) {
        size_t v = b[a[seq[i]].match].pos, lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (b[a[seq[tails[mid]]].match].pos < v)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[i] = lo ? tails[lo - 1] : SIZE_MAX;
        tails[lo] = i;
        if (lo == len)
            len++;
    }
    for (size_t i = len ? tails[len - 1] : SIZE_MAX; i != SIZE_MAX; i = prev[i])
        a[seq[i]].moved = 0;
    free(seq);
    free(tails);
    free(prev);
    return 0;
}

static void diff_el(struct diff *d, const xmlNode *a, const xmlNode *b);

static void emit_whole(struct diff *d, panos_config_change_kind kind, const xmlNode *n)
{
    char *t = NULL;
    if (!has_elements(n) && (t = own_text(n)) == NULL) {
        d->nomem = 1;
        return;
    }
    if (t && t[0] == '\0') {
        free(t);
        t = NULL;
    }
    emit(d, kind, kind == PANOS_CONFIG_REMOVED ? t : NULL, kind == PANOS_CONFIG_ADDED ? t : NULL, 0,
         0);
    free(t);
}

/* "/key", and "[n]" after it when siblings share the key. */
static void push_item(struct diff *d, const struct item *it)
{
    if (path_push(d, it->key, strlen(it->key)) != 0 || it->dups < 2)
        return;
    char num[32];
    int w = snprintf(num, sizeof(num), "[%zu]", it->occ + 1);
    size_t save = d->len;
    if (path_push(d, num, (size_t)w) != 0)
        return;
    memmove(d->path + save, d->path + save + 1, (size_t)w + 1); /* drop the slash */
    d->len = save + (size_t)w;
}

static void diff_attrs(struct diff *d, const xmlNode *a, const xmlNode *b)
{
    size_t base = d->len;
    for (int pass = 0; pass < 2 && !d->nomem; pass++) {
        const xmlNode *x = pass ? b : a, *y = pass ? a : b;
        for (const xmlAttr *at = x->properties; at && !d->nomem; at = at->next) {
            if (xmlStrEqual(at->name, BAD_CAST "name") && xmlStrEqual(x->name, BAD_CAST "entry"))
                continue; /* the key: equal when matched */
            if (!(d->flags & PANOS_CONFIG_DIFF_ANNOTATIONS) && annotation(at->name))
                continue;
            xmlChar *xv = xmlGetNoNsProp(x, at->name), *yv = xmlGetNoNsProp(y, at->name);
            if (pass == 1 && yv) { /* seen in the first pass */
                xmlFree(xv);
                xmlFree(yv);
                continue;
            }
            if (!xmlStrEqual(xv, yv)) {
                char seg[256];
                int w = snprintf(seg, sizeof(seg), "@%s", (const char *)at->name);
                if (path_push(d, seg, (size_t)w < sizeof(seg) ? (size_t)w : sizeof(seg) - 1) == 0)
                    emit(d, PANOS_CONFIG_CHANGED, (const char *)(pass ? yv : xv),
                         (const char *)(pass ? xv : yv), 0, 0);
                path_pop(d, base);
            }
            xmlFree(xv);
            xmlFree(yv);
        }
    }
}

static void diff_el(struct diff *d, const xmlNode *a, const xmlNode *b)
{
    size_t base = d->len;
    diff_attrs(d, a, b);
    char *ta = own_text(a), *tb = own_text(b);
    if (ta == NULL || tb == NULL) {
        d->nomem = 1;
    } else if (strcmp(ta, tb) != 0) {
        emit(d, PANOS_CONFIG_CHANGED, ta[0] || has_elements(a) == 0 ? ta : NULL,
             tb[0] || has_elements(b) == 0 ? tb : NULL, 0, 0);
    }
    free(ta);
    free(tb);
    if (d->nomem || d->stopped)
        return;

    struct item *ia, *ib, **sa, **sb;
    size_t na, nb;
    if (collect(a, &ia, &sa, &na) != 0) {
        d->nomem = 1;
        return;
    }
    if (collect(b, &ib, &sb, &nb) != 0) {
        free_items(ia, na);
        free(sa);
        d->nomem = 1;
        return;
    }
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        int c = cmp_key_occ(sa[i], sb[j]);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            sa[i]->match = (size_t)(sb[j] - ib);
            sb[j]->match = (size_t)(sa[i] - ia);
            i++;
            j++;
        }
    }
    if (xmlStrEqual(a->name, BAD_CAST "rules") && mark_moves(ia, na, ib) != 0)
        d->nomem = 1;
    for (size_t i = 0; i < na && !d->nomem && !d->stopped; i++) {
        push_item(d, &ia[i]);
        if (ia[i].match == SIZE_MAX) {
            emit_whole(d, PANOS_CONFIG_REMOVED, ia[i].n);
        } else {
            if (ia[i].moved)
                emit(d, PANOS_CONFIG_MOVED, NULL, NULL, ia[i].pos, ib[ia[i].match].pos);
            diff_el(d, ia[i].n, ib[ia[i].match].n);
        }
        path_pop(d, base);
    }
    for (size_t j = 0; j < nb && !d->nomem && !d->stopped; j++) {
        if (ib[j].match != SIZE_MAX)
            continue;
        push_item(d, &ib[j]);
        emit_whole(d, PANOS_CONFIG_ADDED, ib[j].n);
        path_pop(d, base);
    }
    free_items(ia, na);
    free_items(ib, nb);
    free(sa);
    free(sb);
}

panos_code panos_config_diff(size_t *count_out, const panos_node *a, const panos_node *b,
                             unsigned flags, panos_config_change_fn fn, void *payload)
{
    if (count_out)
        *count_out = 0;
    if (a == NULL || b == NULL)
        return PANOS_E_INVALID_ARG;
    const xmlNode *xa = panos__xml(a), *xb = panos__xml(b);
    struct diff d = {NULL, 0, 0, flags, fn, payload, 0, 0, 0};
    if (path_push(&d, (const char *)xb->name, strlen((const char *)xb->name)) == 0) {
        if (!xmlStrEqual(xa->name, xb->name)) {
            emit_whole(&d, PANOS_CONFIG_REMOVED, xa);
            emit_whole(&d, PANOS_CONFIG_ADDED, xb);
        } else {
            diff_el(&d, xa, xb);
        }
    }
    free(d.path);
    if (count_out)
        *count_out = d.count;
    if (d.nomem)
        return PANOS_E_NOMEM;
    return d.stopped ? PANOS_E_FAILED : PANOS_OK;
}

const panos_node *panos_config_diff_root(const panos_node *root)
{
    const char *name = panos_node_name(root);
    if (name == NULL)
        return NULL;
    if (strcmp(name, "config") == 0)
        return root;
    if (strcmp(name, "response") == 0)
        return panos_node_child(panos_node_child(root, "result"), "config");
    return NULL;
}

const char *panos_config_change_name(panos_config_change_kind kind)
{
    switch (kind) {
    case PANOS_CONFIG_ADDED:
        return "added";
    case PANOS_CONFIG_REMOVED:
        return "removed";
    case PANOS_CONFIG_CHANGED:
        return "changed";
    case PANOS_CONFIG_MOVED:
        return "moved";
    }
    return "unknown";
}
