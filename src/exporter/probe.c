/* SPDX-License-Identifier: MIT */
/* probe.c -- one probe: system info first, then the fast commands; key renewal; slow tier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "collect.h"
#include "log.h"
#include "probe.h"

/* One request in flight: for a probe (fast tier, keygen) or for a target's slow refresh. */
struct call {
    struct exp_engine *e;
    struct exp_probe *p; /* NULL for a slow refresh */
    struct exp_tstate *t;
    int cmd; /* index in exp_cmds, -1 for keygen */
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void finish(struct exp_probe *p);

/* Drop the engine's reference once the probe is answered and nothing of it is in flight. */
static void settle(struct exp_probe *p)
{
    if (p->answered && p->outstanding == 0 && !p->released) {
        p->released = 1;
        exp_probe_release(p);
    }
}
static void on_reply(void *payload, const panos_multi_result *res);

static struct exp_tstate *tstate_get(struct exp_engine *e, const char *name)
{
    struct exp_tstate **pp = &e->targets;
    for (; *pp; pp = &(*pp)->next) {
        struct exp_tstate *t = *pp;
        if (strcmp(t->name, name) != 0)
            continue;
        if (!t->stale || t->busy || t->keygen_busy || t->slow_busy)
            return t;
        *pp = t->next; /* the configuration changed: rebuild it */
        exp_tstate_free(t);
        break;
    }
    pthread_mutex_lock(&e->mu);
    const struct exp_target *ct = exp_config_target(e->cfg, name);
    struct exp_auth a;
    if (ct) {
        a = ct->a;
    } else {
        a = (struct exp_auth){0};
        a.insecure = a.http = -1;
        a.timeout_s = -1;
        a.host = (char *)name; /* allow-unlisted-targets: HOST:PORT with [defaults] */
    }
    exp_auth_merge(&a, &e->cfg->defaults);
    struct exp_tstate *t = exp_tstate_new(name, &a);
    pthread_mutex_unlock(&e->mu);
    if (t == NULL) {
        exp_log(EXP_LOG_ERROR, "target %s: out of memory", name);
        return NULL;
    }
    if (t->error[0])
        exp_log(EXP_LOG_WARN, "target %s: %s", name, t->error);
    else if (a.insecure > 0 && !a.pin && !a.ca_file && !a.http)
        exp_log(EXP_LOG_WARN, "target %s: insecure = yes: its certificate is not verified", name);
    t->next = e->targets;
    e->targets = t;
    return t;
}

static int submit(struct exp_engine *e, struct exp_probe *p, struct exp_tstate *t, int cmd,
                  long timeout_ms)
{
    struct call *c = malloc(sizeof(*c));
    if (c == NULL)
        return -1;
    *c = (struct call){e, p, t, cmd};
    panos_param prm[4];
    size_t n = 0;
    if (cmd < 0) {
        prm[n++] = (panos_param){"type", "keygen"};
        prm[n++] = (panos_param){"user", t->user};
        prm[n++] = (panos_param){"password", t->password};
    } else if (exp_cmds[cmd].xml) {
        prm[n++] = (panos_param){"type", "op"};
        prm[n++] = (panos_param){"cmd", exp_cmds[cmd].xml};
    } else {
        prm[n++] = (panos_param){"type", "config"};
        prm[n++] = (panos_param){"action", "get"};
        prm[n++] = (panos_param){"xpath", exp_cmds[cmd].xpath};
    }
    if (panos_multi_submit(e->multi, t->client, prm, n, timeout_ms, on_reply, c) != PANOS_OK) {
        free(c);
        return -1;
    }
    e->requests_total++;
    t->busy++;
    if (p) {
        p->outstanding++;
        p->pending |= 1u << cmd;
    }
    return 0;
}

/* Time left for a probe's request: its deadline, within the target's timeout. */
static long budget_ms(const struct exp_probe *p)
{
    double left = (p->deadline - mono()) * 1000;
    if (left > (double)p->t->timeout_ms)
        left = (double)p->t->timeout_ms;
    return left < 1 ? 0 : (long)left;
}

static void command_failed(struct exp_tstate *t, struct exp_metrics *out, int cmd, int reason)
{
    t->errors[cmd][reason]++;
    if (out)
        exp_metric_add(out, "panos_command_success", 0, "command", exp_cmds[cmd].name, NULL);
}

static void down(struct exp_probe *p, const char *reason)
{
    p->up = 0;
    p->down_reason = reason;
    finish(p);
}

static void start_system_info(struct exp_probe *p)
{
    long ms = budget_ms(p);
    if (ms <= 0 || submit(p->e, p, p->t, 0, ms) != 0)
        down(p, ms <= 0 ? "timeout" : "internal");
}

/* Slow tier: refresh in the background when due; never waited for by a probe. */
static void maybe_refresh_slow(struct exp_engine *e, struct exp_tstate *t, unsigned mask,
                               double slow_refresh, int advanced_routing)
{
    if (t->slow_busy || (t->slow_at > 0 && mono() - t->slow_at < slow_refresh))
        return;
    for (int i = 0; exp_cmds[i].name; i++)
        if (exp_cmds[i].slow && (exp_cmds[i].collector & mask) &&
            (!exp_cmds[i].routing || exp_cmds[i].routing == (advanced_routing ? 2 : 1))) {
            exp_metrics_clear(&t->slow_next[i]);
            if (submit(e, NULL, t, i, t->timeout_ms) == 0) {
                t->slow_busy++;
            } else { /* not sent (out of memory): said, not left out of the page quietly */
                t->slow_ok[i] = 0;
                t->errors[i][exp_reason_of(PANOS_E_NOMEM, -1)]++;
            }
        }
}

static void start_fast(struct exp_probe *p)
{
    struct exp_engine *e = p->e;
    long ms = budget_ms(p);
    for (int i = 1; exp_cmds[i].name; i++) {
        const struct exp_cmd *c = &exp_cmds[i];
        if (c->slow || !(c->collector & p->collectors))
            continue;
        if (c->routing && c->routing != (p->ctx.advanced_routing ? 2 : 1))
            continue;
        if (ms <= 0 || submit(e, p, p->t, i, ms) != 0)
            command_failed(p->t, &p->out, i, 0);
    }
    pthread_mutex_lock(&e->mu);
    double slow = (double)e->cfg->slow_refresh_s;
    pthread_mutex_unlock(&e->mu);
    maybe_refresh_slow(e, p->t, p->collectors, slow, p->ctx.advanced_routing);
}

static void start_keygen(struct exp_probe *p)
{
    struct exp_tstate *t = p->t;
    if (!t->keygen_busy) {
        long ms = budget_ms(p);
        if (ms <= 0 || submit(p->e, NULL, t, -1, ms) != 0) {
            down(p, ms <= 0 ? "timeout" : "auth");
            return;
        }
        t->keygen_busy = 1;
    }
    p->wnext = t->waiters;
    t->waiters = p;
    p->outstanding++; /* the engine keeps its reference while the probe waits */
}

void exp_probe_answer_now(struct exp_engine *e, struct exp_probe *p)
{
    (void)e;
    p->down_reason = "internal";
    finish(p);
}

void exp_probe_begin(struct exp_engine *e, struct exp_probe *p)
{
    p->anext = e->active;
    if (e->active)
        e->active->aprev = p;
    e->active = p;
    p->ctx.collectors = p->collectors;
    p->ctx.max_interfaces = 1024;
    p->t = tstate_get(e, p->target);
    if (p->t == NULL || p->t->error[0]) {
        down(p, p->t ? "config" : "internal");
        return;
    }
    if (!p->t->have_key)
        start_keygen(p);
    else
        start_system_info(p);
}

/* The key was refused: a new one once per probe when the target has credentials. */
static int renewable(const struct exp_probe *p, const panos_multi_result *res)
{
    int api = res->error ? res->error->api_code : -1;
    int refused = res->code == PANOS_E_AUTH || res->code == PANOS_E_KEY_EXPIRED ||
                  res->code == PANOS_E_FORBIDDEN || api == 16 || api == 22;
    return refused && p->t->user && !p->rekeyed;
}

static void keygen_done(struct exp_engine *e, struct exp_tstate *t, const panos_multi_result *res)
{
    t->keygen_busy = 0;
    int ok = 0;
    const char *why = "no key in the answer";
    if (res->code == PANOS_OK && res->response) {
        const panos_node *r = panos_response_result(res->response);
        panos_buf key = {NULL, 0};
        panos_code tc = r ? panos_node_text(&key, panos_node_child(r, "key")) : PANOS_E_PARSE;
        int took = tc == PANOS_OK && key.ptr && key.ptr[0] ? exp_target_set_key(t, key.ptr) : 0;
        if (tc == PANOS_E_NOMEM || took < 0)
            why = "out of memory";
        ok = took > 0;
        panos_buf_dispose_secret(&key);
    }
    if (ok) {
        if (t->have_key)
            t->regenerations++;
        t->have_key = 1;
        e->keygens_total++;
        exp_log(EXP_LOG_INFO, "target %s: made a new API key", t->name);
    } else {
        exp_log(EXP_LOG_WARN, "target %s: keygen failed: %s", t->name,
                res->error ? res->error->message : why);
    }
    struct exp_probe *w = t->waiters;
    t->waiters = NULL;
    while (w) {
        struct exp_probe *n = w->wnext;
        w->rekeyed = 1;
        w->outstanding--;
        /* Each branch is the last use of w: down() may free it (finish, then settle). */
        if (!w->answered && ok)
            start_system_info(w);
        else if (!w->answered)
            down(w, "auth");
        else
            settle(w); /* its deadline passed while it waited */
        w = n;
    }
}

static void record(struct exp_probe *p, int cmd, const panos_multi_result *res, int ok)
{
    const char *name = exp_cmds[cmd].name;
    exp_metric_add(&p->out, "panos_command_duration_seconds", res->elapsed_ms / 1000.0, "command",
                   name, NULL);
    exp_metric_add(&p->out, "panos_command_success", ok, "command", name, NULL);
}

static void slow_done(struct exp_tstate *t, int cmd, const panos_multi_result *res)
{
    /* A config read of a node that does not exist (no certificates) is an empty answer. */
    int empty = res->code == PANOS_E_NOT_FOUND && exp_cmds[cmd].xpath != NULL;
    int ok = res->code == PANOS_OK || empty;
    if (res->code == PANOS_OK) {
        struct exp_parse_ctx ctx = {EXP_C_ALL, 1024, 0};
        const panos_node *r = panos_response_result(res->response);
        exp_parse_oom_take();
        ok = r != NULL && exp_cmds[cmd].parse(&t->slow_next[cmd], r, &ctx) == 0;
        if (exp_parse_oom_take() || t->slow_next[cmd].failed)
            ok = 0; /* samples lost to memory: the command failed, not a partial cache */
        if (!ok)
            t->errors[cmd][6]++;
    } else if (!empty) {
        t->errors[cmd][exp_reason_of(res->code, res->error->api_code)]++;
    }
    exp_metrics_clear(&t->slow[cmd]);
    t->slow[cmd] = t->slow_next[cmd];
    memset(&t->slow_next[cmd], 0, sizeof(t->slow_next[cmd]));
    t->slow_dur[cmd] = res->elapsed_ms / 1000.0;
    t->slow_ok[cmd] = ok;
    if (--t->slow_busy == 0)
        t->slow_at = mono();
}

static void fast_done(struct exp_probe *p, int cmd, const panos_multi_result *res)
{
    struct exp_tstate *t = p->t;
    if (res->code != PANOS_OK) {
        if (!p->answered) {
            record(p, cmd, res, 0);
            if (cmd == 0)
                exp_log(EXP_LOG_DEBUG, "target %s: %s: %s", t->name, exp_cmds[cmd].name,
                        res->error->message);
        }
        t->errors[cmd][exp_reason_of(res->code, res->error->api_code)]++;
        if (cmd == 0 && !p->answered) {
            if (renewable(p, res)) {
                start_keygen(p);
            } else {
                exp_log(EXP_LOG_WARN, "target %s: down: %s", t->name, res->error->message);
                down(p, exp_reason_name(exp_reason_of(res->code, res->error->api_code)));
            }
        }
        return;
    }
    if (p->answered)
        return;
    exp_parse_oom_take();
    int ok = exp_cmds[cmd].parse(&p->out, panos_response_result(res->response), &p->ctx) == 0;
    if (exp_parse_oom_take())
        p->out.failed = 1; /* samples lost to memory: the probe answers 500 */
    if (!ok)
        t->errors[cmd][6]++;
    record(p, cmd, res, ok);
    if (cmd == 0) {
        p->up = ok;
        if (!ok)
            down(p, "parse");
        else
            start_fast(p);
    }
}

static void on_reply(void *payload, const panos_multi_result *res)
{
    struct call *c = payload;
    struct exp_probe *p = c->p;
    c->t->busy--;
    if (p && c->cmd >= 0)
        p->pending &= ~(1u << c->cmd);
    if (c->cmd < 0)
        keygen_done(c->e, c->t, res);
    else if (p == NULL)
        slow_done(c->t, c->cmd, res);
    else
        fast_done(p, c->cmd, res);
    if (p) {
        p->outstanding--;
        /* finish() settles itself, and p may be gone after it. */
        if (p->outstanding == 0 && !p->answered && p->up)
            finish(p);
        else
            settle(p);
    }
    free(c);
}

/* Samples kept by the target across probes: slow cache, counters. */
static void put_target(struct exp_probe *p)
{
    struct exp_tstate *t = p->t;
    if (t == NULL)
        return;
    double age = -1;
    for (int i = 0; exp_cmds[i].name; i++) {
        for (int r = 0; r < EXP_NREASONS; r++)
            if (t->errors[i][r] > 0)
                exp_metric_add(&p->out, "panos_command_errors_total", t->errors[i][r], "command",
                               exp_cmds[i].name, "reason", exp_reason_name(r), NULL);
        if (!exp_cmds[i].slow || !(exp_cmds[i].collector & p->collectors) || t->slow_ok[i] < 0)
            continue;
        exp_metrics_append(&p->out, &t->slow[i]);
        exp_metric_add(&p->out, "panos_command_success", t->slow_ok[i], "command", exp_cmds[i].name,
                       NULL);
        exp_metric_add(&p->out, "panos_command_duration_seconds", t->slow_dur[i], "command",
                       exp_cmds[i].name, NULL);
        age = t->slow_at > 0 ? mono() - t->slow_at : 0;
    }
    if (age >= 0)
        exp_metric_add(&p->out, "panos_cache_age_seconds", age, "tier", "slow", NULL);
    exp_metric_add(&p->out, "panos_api_key_regenerations_total", t->regenerations, NULL);
    exp_target_retry_expiry(t);
    if (t->key_expiry > 0)
        exp_metric_add(&p->out, "panos_api_key_expiry_timestamp_seconds", t->key_expiry, NULL);
}

static const char *const down_reasons[] = {"timeout", "tls",      "transport", "http",
                                           "auth",    "api",      "parse",     "other",
                                           "config",  "internal", NULL};

/* Answer the probe now with what it has. */
static void finish(struct exp_probe *p)
{
    struct exp_engine *e = p->e;
    if (p->answered)
        return;
    p->answered = 1;
    if (p->aprev)
        p->aprev->anext = p->anext;
    else if (e->active == p)
        e->active = p->anext;
    if (p->anext)
        p->anext->aprev = p->aprev;
    /* Commands still in flight at the deadline failed for this probe (their errors are
     * counted when they end). */
    for (int i = 0; exp_cmds[i].name; i++)
        if (p->pending & (1u << i))
            exp_metric_add(&p->out, "panos_command_success", 0, "command", exp_cmds[i].name, NULL);
    exp_metric_add(&p->out, "panos_up", p->up, NULL);
    if (!p->up)
        exp_metric_stateset(&p->out, "panos_up_reason", "reason", down_reasons,
                            p->down_reason ? p->down_reason : "other");
    put_target(p);
    exp_metric_add(&p->out, "panos_scrape_duration_seconds", mono() - p->t0, NULL);
    if (p->out.failed || exp_metrics_render(&p->out, &p->text, &p->len) != 0) {
        exp_log(EXP_LOG_ERROR, "out of memory rendering a probe of %s", p->target);
        free(p->text);
        p->text = NULL;
    }
    exp_probe_ready(p);
    settle(p);
}

void exp_probes_expire(struct exp_engine *e, double now, double *wait)
{
    for (struct exp_probe *p = e->active, *n; p; p = n) {
        n = p->anext;
        if (p->deadline <= now) {
            pthread_mutex_lock(&e->mu);
            e->probes_timed_out++;
            pthread_mutex_unlock(&e->mu);
            exp_log(EXP_LOG_DEBUG, "probe of %s: deadline reached, answering what it has",
                    p->target);
            if (p->t && p->out.n == 0)
                p->down_reason = "timeout";
            if (p->up == 0 && p->down_reason == NULL)
                p->down_reason = "timeout";
            finish(p);
        } else if (p->deadline - now < *wait) {
            *wait = p->deadline - now;
        }
    }
}

void exp_probes_abort(struct exp_engine *e)
{
    while (e->active) {
        struct exp_probe *p = e->active;
        p->down_reason = "internal";
        finish(p);
    }
}
