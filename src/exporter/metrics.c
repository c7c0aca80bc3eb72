/* SPDX-License-Identifier: MIT */
/* metrics.c -- a set of samples and its Prometheus text exposition (version 0.0.4). */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "families.h"
#include "metrics.h"
#include "strbuf.h"

/* Append a label value with \\, \" and \n escaped (exposition format, "Comments, help text,
 * and type information" / "Label values"). */
static void put_escaped(struct exp_sb *b, const char *v)
{
    for (; *v; v++) {
        if (*v == '\\')
            exp_sb_puts(b, "\\\\");
        else if (*v == '"')
            exp_sb_puts(b, "\\\"");
        else if (*v == '\n')
            exp_sb_puts(b, "\\n");
        else
            exp_sb_putc(b, *v);
    }
}

static int push(struct exp_metrics *m, int fam, double value, char *labels)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 64;
        struct exp_sample *v = realloc(m->v, cap * sizeof(*v));
        if (v == NULL) {
            free(labels);
            m->failed = 1;
            return -1;
        }
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = (struct exp_sample){fam, labels, value, m->seq++};
    return 0;
}

int exp_metric_add_raw(struct exp_metrics *m, const char *name, double value, const char *labels)
{
    int fam = exp_family_index(name);
    assert(fam >= 0);
    char *l = strdup(labels ? labels : "");
    if (l == NULL) {
        m->failed = 1;
        return -1;
    }
    return push(m, fam, value, l);
}

int exp_metric_add(struct exp_metrics *m, const char *name, double value, ...)
{
    struct exp_sb b = EXP_SB_INIT;
    va_list ap;
    va_start(ap, value);
    const char *k;
    int first = 1;
    while ((k = va_arg(ap, const char *)) != NULL) {
        const char *v = va_arg(ap, const char *);
        exp_sb_puts(&b, first ? "{" : ",");
        exp_sb_puts(&b, k);
        exp_sb_puts(&b, "=\"");
        put_escaped(&b, v ? v : "");
        exp_sb_putc(&b, '"');
        first = 0;
    }
    va_end(ap);
    if (!first)
        exp_sb_putc(&b, '}');
    if (b.failed) {
        exp_sb_free(&b);
        m->failed = 1;
        return -1;
    }
    int rc = exp_metric_add_raw(m, name, value, b.ptr ? b.ptr : "");
    exp_sb_free(&b);
    return rc;
}

int exp_metric_stateset(struct exp_metrics *m, const char *name, const char *label,
                        const char *const *states, const char *current)
{
    int rc = 0;
    for (size_t i = 0; states[i]; i++)
        rc |= exp_metric_add(m, name, current && strcmp(states[i], current) == 0 ? 1 : 0, label,
                             states[i], NULL);
    return rc;
}

int exp_metrics_append(struct exp_metrics *dst, const struct exp_metrics *src)
{
    for (size_t i = 0; i < src->n; i++) {
        char *l = strdup(src->v[i].labels);
        if (l == NULL || push(dst, src->v[i].fam, src->v[i].value, l) != 0) {
            dst->failed = 1;
            return -1;
        }
    }
    return 0;
}

void exp_metrics_clear(struct exp_metrics *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].labels);
    free(m->v);
    memset(m, 0, sizeof(*m));
}

static int cmp_sample(const void *a, const void *b)
{
    const struct exp_sample *x = *(const struct exp_sample *const *)a;
    const struct exp_sample *y = *(const struct exp_sample *const *)b;
    if (x->fam != y->fam)
        return x->fam < y->fam ? -1 : 1;
    int c = strcmp(x->labels, y->labels);
    if (c != 0)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void put_value(struct exp_sb *b, double v)
{
    if (isnan(v))
        exp_sb_puts(b, "NaN");
    else if (isinf(v))
        exp_sb_puts(b, v > 0 ? "+Inf" : "-Inf");
    else
        exp_sb_printf(b, "%.15g", v);
}

int exp_metrics_render(const struct exp_metrics *m, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    const struct exp_sample **s = malloc((m->n ? m->n : 1) * sizeof(*s));
    if (s == NULL)
        return -1;
    for (size_t i = 0; i < m->n; i++)
        s[i] = &m->v[i];
    qsort(s, m->n, sizeof(*s), cmp_sample);
    struct exp_sb b = EXP_SB_INIT;
    for (size_t i = 0; i < m->n; i++) {
        if (i > 0 && s[i]->fam == s[i - 1]->fam && strcmp(s[i]->labels, s[i - 1]->labels) == 0)
            continue; /* one series once: the first added wins */
        const struct exp_family *f = exp_family_at(s[i]->fam);
        if (i == 0 || s[i]->fam != s[i - 1]->fam)
            exp_sb_printf(&b, "# HELP %s %s\n# TYPE %s %s\n", f->name, f->help, f->name, f->type);
        exp_sb_printf(&b, "%s%s ", f->name, s[i]->labels);
        put_value(&b, s[i]->value);
        exp_sb_putc(&b, '\n');
    }
    free(s);
    if (b.failed) {
        exp_sb_free(&b);
        return -1;
    }
    if (b.ptr == NULL && exp_sb_puts(&b, "") != 0)
        return -1;
    *out = b.ptr;
    *len = b.len;
    return 0;
}

size_t exp_metrics_count(const struct exp_metrics *m, const char *name)
{
    int fam = exp_family_index(name);
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++)
        n += m->v[i].fam == fam;
    return n;
}

double exp_metrics_value(const struct exp_metrics *m, const char *name, const char *labels,
                         int *found)
{
    int fam = exp_family_index(name);
    for (size_t i = 0; i < m->n; i++)
        if (m->v[i].fam == fam && strcmp(m->v[i].labels, labels ? labels : "") == 0) {
            *found = 1;
            return m->v[i].value;
        }
    *found = 0;
    return -1;
}
