/* SPDX-License-Identifier: MIT */
/* metrics.h -- a set of Prometheus samples and its text exposition (format 0.0.4). */
#ifndef EXP_METRICS_H
#define EXP_METRICS_H

#include <stddef.h>

/* One sample: its family (an index into the family table), labels already rendered as
 * {a="b",...} with values escaped ("" when none), and the value. */
struct exp_sample {
    int fam;
    char *labels;
    double value;
    size_t seq; /* insertion order, to keep sorting stable */
};

struct exp_metrics {
    struct exp_sample *v;
    size_t n, cap, seq;
    int failed; /* an allocation failed: some samples are missing */
};

/* Add one sample of family @p name: label name/value pairs follow, ended by NULL. A family
 * name not in the table is a programming error (asserted). Returns 0, -1 out of memory. */
int exp_metric_add(struct exp_metrics *m, const char *name, double value, ...);

/* The same, labels already rendered (or "" / NULL). */
int exp_metric_add_raw(struct exp_metrics *m, const char *name, double value, const char *labels);

/* Append copies of every sample of @p src to @p dst. */
int exp_metrics_append(struct exp_metrics *dst, const struct exp_metrics *src);

/* Free the samples; @p m is empty and reusable. */
void exp_metrics_clear(struct exp_metrics *m);

/* Render as text exposition: families in table order, one HELP and TYPE each, samples sorted
 * by labels, a repeated series kept once. *out is malloc'd, NUL-terminated. -1 on NOMEM. */
int exp_metrics_render(const struct exp_metrics *m, char **out, size_t *len);

/* How many samples of family @p name are in @p m (tests). */
size_t exp_metrics_count(const struct exp_metrics *m, const char *name);

/* The value of the first sample of @p name whose labels are exactly @p labels (tests);
 * returns -1 in *found when absent. */
double exp_metrics_value(const struct exp_metrics *m, const char *name, const char *labels,
                         int *found);

/* A state-set: @p name{<label>="s"} for every s in @p states (NULL-terminated), 1 for the one
 * equal to @p current, 0 for the others; extra rendered labels may precede (or NULL). */
int exp_metric_stateset(struct exp_metrics *m, const char *name, const char *label,
                        const char *const *states, const char *current);

#endif
