/* SPDX-License-Identifier: MIT */
/* retry.c -- pure retry policy: idempotency, backoff with Retry-After, the overall deadline. */
#include <ctype.h>
#include <string.h>
#include <time.h>
#include "retry.h"

static long long system_now_ms(void *payload)
{
    (void)payload;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait between retries; a signal (Ctrl-C) ends the wait early. */
static void system_sleep_ms(void *payload, long ms)
{
    (void)payload;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

const struct panos__clock panos__clock_system = {system_now_ms, system_sleep_ms, NULL};

const char *panos__param_value(const panos_param *params, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(params[i].name, name) == 0)
            return params[i].value;
    return NULL;
}

static int is(const char *value, const char *want)
{
    return value != NULL && strcmp(value, want) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

/*
 * type=export: the PAN-OS XML API guide, "Export Files (API)" and "Export Packet Captures"
 * (PAN-OS 9.1-11.1), lists the categories that answer at once with the file (configuration,
 * certificate, device-state, the response pages, the packet captures and their listings); they
 * only read. tech-support and stats-dump without an action create a job ("Export Technical
 * Support Data": "When an action parameter is not specified, the system creates a new job"), so
 * they, and any action but status or get of a job, are sent once. Cases 0611, 0612, 0615.
 */
static int export_idempotent(const panos_param *params, size_t n)
{
    static const char *const reads[] = {"configuration", "certificate",      "device-state",
                                        "threat-pcap",   "application-pcap", "filter-pcap",
                                        "filters-pcap",  "dlp-pcap"};
    const char *action = panos__param_value(params, n, "action");
    const char *category = panos__param_value(params, n, "category");
    if (action != NULL)
        return is(action, "status") ||
               (is(action, "get") && panos__param_value(params, n, "job-id") != NULL);
    if (category == NULL)
        return 0;
    for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++)
        if (strcmp(category, reads[i]) == 0)
            return 1;
    return ends_with(category, "-page") || ends_with(category, "-text");
}

/*
 * type=report: a job's answer (action=get, job-id) is a read. So is a dynamic or predefined
 * report asked without async=yes, which answers at once with the report (pan-python 0.26.0
 * `report`; PAN-OS XML API guide, "Get Reports (API)"). async=yes and custom reports create a
 * job on the firewall: sent once (case 0613).
 */
static int report_idempotent(const panos_param *params, size_t n)
{
    const char *type = panos__param_value(params, n, "reporttype");
    if (panos__param_value(params, n, "job-id") != NULL)
        return is(panos__param_value(params, n, "action"), "get");
    if (panos__param_value(params, n, "action") != NULL ||
        is(panos__param_value(params, n, "async"), "yes"))
        return 0;
    return is(type, "dynamic") || is(type, "predefined");
}

int panos__retry_idempotent(const panos_param *params, size_t n)
{
    const char *type = panos__param_value(params, n, "type");
    const char *action = panos__param_value(params, n, "action");
    if (type == NULL)
        return 0;
    if (strcmp(type, "version") == 0)
        return 1;
    if (strcmp(type, "config") == 0)
        return is(action, "get") || is(action, "show");
    if (strcmp(type, "op") == 0) {
        const char *cmd = panos__param_value(params, n, "cmd");
        while (cmd && isspace((unsigned char)*cmd))
            cmd++;
        return cmd && strncmp(cmd, "<show>", 6) == 0;
    }
    /* A log job's page; the enqueue (no action) and action=finish change the job list. */
    if (strcmp(type, "log") == 0)
        return is(action, "get") && panos__param_value(params, n, "job-id") != NULL;
    if (strcmp(type, "report") == 0)
        return report_idempotent(params, n);
    if (strcmp(type, "export") == 0)
        return export_idempotent(params, n);
    return 0;
}

int panos__retry_attempts(const struct panos__retry_policy *p, const panos_param *params, size_t n)
{
    return panos__retry_idempotent(params, n) ? p->max_retries + 1 : 1;
}

int panos__retry_retryable(panos_code code, long http_status, const char *message)
{
    if (code != PANOS_E_UNAVAILABLE && code != PANOS_E_RATE_LIMITED && code != PANOS_E_TRANSPORT)
        return 0;
    /* A name that does not resolve will not resolve in a second. */
    return !(code == PANOS_E_TRANSPORT && http_status == 0 && message != NULL &&
             strstr(message, "resolve") != NULL);
}

long panos__retry_backoff_ms(const struct panos__retry_policy *p, int attempt, long retry_after_s)
{
    if (p->retry_after_max_ms > 0 && retry_after_s >= 0) /* Retry-After is the wait itself */
        return retry_after_s > p->retry_after_max_ms / 1000 ? p->retry_after_max_ms
                                                            : retry_after_s * 1000;
    long ms = p->base_ms;
    for (int i = 0; i < attempt && ms < p->max_ms; i++)
        ms *= 2;
    if (retry_after_s > p->max_ms / 1000)
        return p->max_ms; /* no overflow on an absurd Retry-After */
    if (retry_after_s >= 0 && retry_after_s * 1000 > ms)
        ms = retry_after_s * 1000;
    return ms > p->max_ms ? p->max_ms : ms;
}

void panos__deadline_start(struct panos__deadline *d, long ms, long long now)
{
    d->ms = ms;
    d->at = ms > 0 ? now + ms : 0;
}

long panos__deadline_left(const struct panos__deadline *d, long long now)
{
    if (d->at == 0)
        return -1;
    long long left = d->at - now;
    return left > 0 ? (long)left : 0;
}

int panos__deadline_cut(const struct panos__deadline *d, long long now, long *timeout_ms,
                        long *connect_timeout_ms)
{
    long left = panos__deadline_left(d, now);
    int cut = 0;
    if (left > 0 && (*timeout_ms <= 0 || left < *timeout_ms)) {
        *timeout_ms = left;
        cut = 1;
    }
    if (left > 0 && (*connect_timeout_ms <= 0 || left < *connect_timeout_ms))
        *connect_timeout_ms = left;
    return cut;
}

enum panos__retry_step panos__retry_next(const struct panos__retry_policy *p, int attempt,
                                         int attempts, panos_code code, long http_status,
                                         const char *message, long retry_after_s,
                                         long deadline_left, long *wait_out)
{
    *wait_out = 0;
    if (attempt + 1 >= attempts || !panos__retry_retryable(code, http_status, message))
        return PANOS__RETRY_STOP;
    *wait_out = panos__retry_backoff_ms(p, attempt, retry_after_s);
    if (deadline_left >= 0 && *wait_out >= deadline_left)
        return PANOS__RETRY_DEADLINE; /* never sleep past the deadline */
    return PANOS__RETRY_WAIT;
}

panos_code panos__retry_run(const struct panos__retry_policy *p, const struct panos__deadline *d,
                            const struct panos__clock *clock, int attempts,
                            const struct panos__retry_hooks *h, void *payload)
{
    struct panos__attempt a = {PANOS_OK, 0, "", -1, 0};
    for (int attempt = 0; attempt < attempts; attempt++) {
        if (panos__deadline_left(d, clock->now_ms(clock->payload)) == 0)
            return h->out_of_time(payload, attempt, -1, &a);
        a.code = PANOS_OK;
        a.http_status = 0;
        a.message = "";
        a.retry_after_s = -1;
        a.final = 0;
        h->attempt(payload, attempt, &a);
        if (a.final)
            return a.code; /* what the sink already has cannot be taken back */
        long wait = 0;
        long left = panos__deadline_left(d, clock->now_ms(clock->payload));
        enum panos__retry_step step = panos__retry_next(p, attempt, attempts, a.code, a.http_status,
                                                        a.message, a.retry_after_s, left, &wait);
        if (step == PANOS__RETRY_STOP)
            return a.code;
        h->discard(payload, &a);
        if (step == PANOS__RETRY_DEADLINE)
            return h->out_of_time(payload, attempt + 1, wait, &a);
        h->waiting(payload, wait, &a);
        clock->sleep_ms(clock->payload, wait);
    }
    return a.code;
}
