/* SPDX-License-Identifier: MIT */
/* engine.c -- the collection engine: one thread drives every probe over one panos_multi. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <panos/multi.h>
#include "engine.h"
#include "log.h"
#include "probe.h"
#include "strbuf.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* --- the queue from HTTP threads to the engine thread --- */

enum exp_probe_status exp_probe_start(struct exp_engine *e, const char *target, const char *module,
                                      double budget_s, exp_probe_ready_fn ready, void *arg,
                                      struct exp_probe **out)
{
    *out = NULL;
    pthread_mutex_lock(&e->mu);
    const struct exp_module *m = exp_config_module(e->cfg, module ? module : "default");
    const struct exp_target *t = exp_config_target(e->cfg, target);
    enum exp_probe_status st = EXP_PROBE_STARTED;
    if (e->stop)
        st = EXP_PROBE_NOMEM; /* stopping: the caller answers 503 */
    else if (m == NULL)
        st = EXP_PROBE_UNKNOWN_MODULE;
    else if (t == NULL && !(e->cfg->allow_unlisted && strchr(target, ':') != NULL))
        st = EXP_PROBE_UNKNOWN_TARGET;
    struct exp_probe *p = NULL;
    if (st == EXP_PROBE_STARTED) {
        p = calloc(1, sizeof(*p));
        if (p == NULL || (p->target = strdup(target)) == NULL) {
            free(p);
            pthread_mutex_unlock(&e->mu);
            return EXP_PROBE_NOMEM;
        }
        p->e = e;
        p->collectors = m->collectors;
        p->t0 = now_s();
        p->deadline = p->t0 + budget_s;
        p->ready = ready;
        p->arg = arg;
        p->refs = 2; /* the caller's and the engine's */
        p->qnext = e->queue;
        e->queue = p;
        e->probes_total++;
        panos_multi_wakeup(e->multi); /* under the lock: stop frees the handle after it */
    }
    pthread_mutex_unlock(&e->mu);
    *out = p;
    return st;
}

/* Guards every probe's refs and ready callback; static so that a probe outlives the engine
 * (an HTTP thread may answer after the engine stopped). */
static pthread_mutex_t probes_mu = PTHREAD_MUTEX_INITIALIZER;

void exp_probe_ready(struct exp_probe *p)
{
    pthread_mutex_lock(&probes_mu);
    if (p->ready)
        p->ready(p->arg);
    pthread_mutex_unlock(&probes_mu);
}

/* @p caller: the HTTP side lets go, so the ready callback must not be called any more. */
static void probe_unref(struct exp_probe *p, int caller)
{
    pthread_mutex_lock(&probes_mu);
    if (caller)
        p->ready = NULL;
    int last = --p->refs == 0;
    pthread_mutex_unlock(&probes_mu);
    if (!last)
        return;
    exp_metrics_clear(&p->out);
    free(p->text);
    free(p->target);
    free(p);
}

void exp_probe_release(struct exp_probe *p)
{
    if (p)
        probe_unref(p, 0);
}

void exp_probe_cancel(struct exp_probe *p)
{
    if (p)
        probe_unref(p, 1);
}

const char *exp_probe_text(const struct exp_probe *p, size_t *len)
{
    *len = p->len;
    return p->text;
}

enum exp_probe_status exp_probe_check(struct exp_engine *e, const char *target, const char *module)
{
    pthread_mutex_lock(&e->mu);
    enum exp_probe_status st = EXP_PROBE_STARTED;
    if (exp_config_module(e->cfg, module) == NULL)
        st = EXP_PROBE_UNKNOWN_MODULE;
    else if (exp_config_target(e->cfg, target) == NULL &&
             !(e->cfg->allow_unlisted && strchr(target, ':') != NULL))
        st = EXP_PROBE_UNKNOWN_TARGET;
    pthread_mutex_unlock(&e->mu);
    return st;
}

/* Process metrics (Prometheus client conventions) and the engine's counters. */
char *exp_engine_self_metrics(struct exp_engine *e, size_t *len)
{
    struct exp_sb b = EXP_SB_INIT;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
    pthread_mutex_lock(&e->mu);
    double probes = e->probes_total, late = e->probes_timed_out;
    size_t ntargets = e->cfg->ntargets;
    pthread_mutex_unlock(&e->mu);
    exp_sb_printf(&b,
                  "# HELP process_cpu_seconds_total User and system CPU time spent.\n"
                  "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total %.6f\n",
                  cpu);
    exp_sb_printf(&b,
                  "# HELP process_resident_memory_bytes Resident memory size.\n"
                  "# TYPE process_resident_memory_bytes gauge\n"
                  "process_resident_memory_bytes %.0f\n",
                  (double)rss * (double)sysconf(_SC_PAGESIZE));
    exp_sb_printf(&b,
                  "# HELP process_start_time_seconds Start time of the process (Unix).\n"
                  "# TYPE process_start_time_seconds gauge\nprocess_start_time_seconds %.0f\n",
                  (double)e->started_wall);
    exp_sb_printf(&b,
                  "# HELP panos_exporter_probes_total Probes received.\n"
                  "# TYPE panos_exporter_probes_total counter\npanos_exporter_probes_total %.0f\n",
                  probes);
    exp_sb_printf(&b,
                  "# HELP panos_exporter_probe_deadlines_total Probes answered at their "
                  "deadline with partial data.\n"
                  "# TYPE panos_exporter_probe_deadlines_total counter\n"
                  "panos_exporter_probe_deadlines_total %.0f\n",
                  late);
    exp_sb_printf(&b,
                  "# HELP panos_exporter_targets Targets in the configuration.\n"
                  "# TYPE panos_exporter_targets gauge\npanos_exporter_targets %zu\n",
                  ntargets);
    if (b.failed) {
        exp_sb_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.ptr;
}

/* --- the engine thread --- */

static void *loop(void *arg)
{
    struct exp_engine *e = arg;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        int stop = e->stop;
        struct exp_probe *q = e->queue;
        e->queue = NULL;
        pthread_mutex_unlock(&e->mu);
        if (stop)
            break;
        /* The queue is newest first: start the oldest first. */
        struct exp_probe *rev = NULL;
        while (q) {
            struct exp_probe *n = q->qnext;
            q->qnext = rev;
            rev = q;
            q = n;
        }
        for (struct exp_probe *p = rev, *n; p; p = n) {
            n = p->qnext;
            exp_probe_begin(e, p);
        }
        double wait = 0.1;
        exp_probes_expire(e, now_s(), &wait);
        if (panos_multi_perform(e->multi, (int)(wait * 1000) + 1) != PANOS_OK)
            exp_log(EXP_LOG_ERROR, "the transfer loop failed; retrying");
        exp_probes_expire(e, now_s(), &wait);
    }
    return NULL;
}

int exp_engine_start(struct exp_engine **out, struct exp_config *cfg, char *err, size_t errlen)
{
    /* Per-command arrays (target.h) and the probe's pending bits (32) hold every command. */
    assert(exp_cmd_count() <= EXP_MAX_CMDS && EXP_MAX_CMDS <= 32);
    struct exp_engine *e = calloc(1, sizeof(*e));
    if (e == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    panos_multi_options o = PANOS_MULTI_OPTIONS_INIT;
    o.max_per_host = cfg->max_inflight_per_target;
    o.max_total = cfg->max_inflight;
    if (panos_multi_new(&e->multi, &o) != PANOS_OK) {
        snprintf(err, errlen, "cannot make the transfer loop");
        free(e);
        return -1;
    }
    e->cfg = malloc(sizeof(*e->cfg));
    if (e->cfg == NULL) {
        panos_multi_free(e->multi);
        free(e);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *e->cfg = *cfg;
    e->started = now_s();
    e->started_wall = time(NULL);
    pthread_mutex_init(&e->mu, NULL);
    if (pthread_create(&e->thread, NULL, loop, e) != 0) {
        snprintf(err, errlen, "cannot start the engine thread");
        panos_multi_free(e->multi);
        free(e->cfg);
        free(e);
        return -1;
    }
    *out = e;
    return 0;
}

void exp_engine_reload(struct exp_engine *e, struct exp_config *cfg)
{
    struct exp_config *n = malloc(sizeof(*n));
    if (n == NULL) {
        exp_log(EXP_LOG_ERROR, "reload: out of memory; keeping the old configuration");
        exp_config_free(cfg);
        return;
    }
    *n = *cfg;
    pthread_mutex_lock(&e->mu);
    n->next_old = e->cfg; /* freed at stop: probes may still read the old one */
    e->cfg = n;
    e->generation++;
    pthread_mutex_unlock(&e->mu);
    panos_multi_wakeup(e->multi);
}

void exp_engine_stop(struct exp_engine *e)
{
    if (e == NULL)
        return;
    pthread_mutex_lock(&e->mu);
    e->stop = 1;
    panos_multi_wakeup(e->multi);
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->thread, NULL);
    for (struct exp_probe *p = e->queue, *n; p; p = n) {
        n = p->qnext;
        exp_probe_answer_now(e, p);
    }
    e->queue = NULL;
    /* Requests in flight are cancelled through their callbacks: probes answered, calls freed. */
    panos_multi_free(e->multi); /* exp_probe_start checks stop before it touches the handle */
    e->multi = NULL;
    exp_probes_abort(e);
    while (e->targets) {
        struct exp_tstate *t = e->targets;
        e->targets = t->next;
        exp_tstate_free(t);
    }
}

void exp_engine_free(struct exp_engine *e)
{
    if (e == NULL)
        return;
    for (struct exp_config *c = e->cfg, *n; c; c = n) {
        n = c->next_old;
        exp_config_free(c);
        free(c);
    }
    pthread_mutex_destroy(&e->mu);
    free(e);
}
