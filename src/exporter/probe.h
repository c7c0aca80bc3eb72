/* SPDX-License-Identifier: MIT */
/* probe.h -- internal to the engine: the engine and probe structs, the probe lifecycle. */
#ifndef EXP_PROBE_H
#define EXP_PROBE_H

#include <pthread.h>
#include <panos/multi.h>
#include "engine.h"
#include "metrics.h"
#include "target.h"

struct exp_engine {
    pthread_mutex_t mu; /* guards cfg, queue, stop, refs of probes, counters read by /metrics */
    pthread_t thread;
    struct exp_config *cfg;
    unsigned generation; /* bumped by each reload */
    struct exp_probe *queue;
    int stop;
    panos_multi *multi;
    struct exp_tstate *targets; /* engine thread only */
    struct exp_probe *active;   /* engine thread only: started, not answered */
    double started;
    long long started_wall;
    double probes_total, probes_timed_out, requests_total, keygens_total;
};

struct exp_probe {
    struct exp_engine *e;
    struct exp_probe *qnext;         /* in the queue */
    struct exp_probe *anext, *aprev; /* in e->active */
    struct exp_probe *wnext;         /* waiting for a keygen */
    char *target;
    unsigned collectors;
    double t0, deadline;
    exp_probe_ready_fn ready;
    void *arg;
    int refs; /* under the probes' mutex (engine.c) */
    struct exp_tstate *t;
    struct exp_parse_ctx ctx;
    struct exp_metrics out;
    int outstanding;  /* requests in flight for this probe (and a keygen it waits for) */
    unsigned pending; /* bit i: exp_cmds[i] in flight */
    int answered;
    int released; /* the engine dropped its reference */
    int up;
    int rekeyed;
    const char *down_reason;
    char *text;
    size_t len;
};

/* Engine thread: start a queued probe. */
void exp_probe_begin(struct exp_engine *e, struct exp_probe *p);
/* Engine thread: answer every probe whose deadline passed; *wait is lowered to the time to the
 * nearest deadline. */
void exp_probes_expire(struct exp_engine *e, double now, double *wait);
/* Engine thread: a queued probe answered without starting (stop). */
void exp_probe_answer_now(struct exp_engine *e, struct exp_probe *p);
/* Call the probe's ready callback unless its caller released it already. */
void exp_probe_ready(struct exp_probe *p);
/* At stop: answer and drop every probe still active. */
void exp_probes_abort(struct exp_engine *e);

#endif
