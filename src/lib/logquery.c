/* SPDX-License-Identifier: MIT */
/* logquery.c -- run PAN-OS log jobs: enqueue, poll to FIN, stream entries, page by seqno, follow. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/log.h>
#include "logparse_priv.h"
#include "sbuf.h"
#include "stream.h"
#include "contract.h"
#include "logquery_priv.h"

/* PAN-OS refuses more than 5,000 entries per job (PAN-OS XML API guide, "API Log Retrieval
 * Parameters" (nlogs max 5000; PAN-OS 8.1-11.1)). */
#define PAGE_MAX 5000u

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int cancelled(const struct run *r)
{
    return r->q->cancel != NULL && *r->q->cancel != 0;
}

/* Sleep @p ms in short slices so a cancel request is seen quickly; never past the client's
 * deadline (the next request then fails with PANOS_E_TIMEOUT without being sent). */
static void nap(const struct run *r, long ms)
{
    long left = panos__client_deadline_left(r->c);
    if (left >= 0 && ms > left)
        ms = left;
    while (ms > 0 && !cancelled(r)) {
        long slice = ms < 50 ? ms : 50;
        struct timespec ts = {0, slice * 1000000L};
        nanosleep(&ts, NULL);
        ms -= slice;
    }
}

static int parse_seqno(const char *s, unsigned long long *out)
{
    if (s == NULL || *s < '0' || *s > '9')
        return 0;
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return errno == 0 && *end == '\0';
}

/* Each entry of a finished job: note its seqno for the cursor, then hand it on. */
static int on_entry(void *payload, const panos_log_entry *e)
{
    struct run *r = payload;
    const panos_logparser_info *info = panos_logparser_info_get(r->parser);
    /* Entries count only in a FIN answer: a job still running is polled again. */
    if (info->job_status == NULL || strcmp(info->job_status, "FIN") != 0)
        return 0;
    if (r->probing) {
        r->probe_found = parse_seqno(panos_log_entry_get(e, "seqno"), &r->probe_seq);
        return 0;
    }
    if (r->wanted != 0 && r->delivered >= r->wanted)
        return 1;
    unsigned long long seq;
    if (parse_seqno(panos_log_entry_get(e, "seqno"), &seq)) {
        if (!r->have_seqno || seq < r->seq_min)
            r->seq_min = seq;
        if (!r->have_seqno || seq > r->seq_max)
            r->seq_max = seq;
        r->have_seqno = 1;
    } else {
        r->missing_seqno = 1;
    }
    r->delivered++;
    if (r->fn(r->payload, e) != 0) {
        r->stop = 1;
        return 1;
    }
    return 0;
}

static panos_code sink(void *payload, const char *data, size_t len)
{
    struct run *r = payload;
    return r->parser_rc = panos_logparser_feed(r->parser, data, len);
}

/* Send one type=log request and parse its answer with a fresh parser (left in r->parser). */
static panos_code exchange(struct run *r, const panos_param *params, size_t n)
{
    panos_logparser_free(r->parser);
    r->parser = NULL;
    panos_code rc = panos_logparser_new(&r->parser, on_entry, r);
    if (rc != PANOS_OK)
        return rc;
    if (r->q->version >= 2) {
        panos_log_limits lim = {r->q->max_value_bytes, r->q->max_entry_bytes};
        panos_logparser_set_limits(r->parser, &lim);
    }
    r->parser_rc = PANOS_OK;
    rc = panos__request_stream(r->c, params, n, sink, r);
    if (rc == PANOS_OK)
        rc = r->parser_rc = panos_logparser_finish(r->parser);
    if (rc != PANOS_OK && rc == r->parser_rc) {
        /* The parser failed (not the transport, which set its own detail). */
        const char *why = panos__logparser_error(r->parser);
        if (rc == PANOS_E_TOO_LARGE)
            panos__client_set_error(r->c, rc, 200, -1, NULL, "%s", why);
        else if (rc == PANOS_E_PARSE)
            panos__client_set_error(r->c, rc, 200, -1, NULL, "malformed log answer%s%s",
                                    why[0] ? ": " : "", why);
    }
    if (rc != PANOS_OK)
        return rc;
    const panos_logparser_info *info = panos_logparser_info_get(r->parser);
    if (info->status != NULL && strcmp(info->status, "success") != 0) {
        /* A bad query or a vanished job: PAN-OS's own words (PAN-OS XML API guide, "Retrieve Logs
         * (API)"). */
        panos_code code = info->code == 403 ? PANOS_E_AUTH : PANOS_E_API;
        panos__client_set_error(r->c, code, 200, info->code, info->status, "%s",
                                info->message ? info->message : "log request failed");
        return code;
    }
    return PANOS_OK;
}

void panos__logjob_finish(struct run *r, const char *job)
{
    const panos_param p[] = {{"type", "log"}, {"action", "finish"}, {"job-id", job}};
    panos_response *resp = NULL;
    /* Best effort: the job is abandoned either way; the caller reports the first failure. */
    panos_error saved = *panos_client_last_error(r->c);
    char msg[256];
    snprintf(msg, sizeof(msg), "%s", saved.message ? saved.message : "");
    panos_request(&resp, r->c, p, 3);
    panos_response_free(resp);
    panos__client_set_error(r->c, saved.code, saved.http_status, saved.api_code, saved.api_status,
                            "%s", msg);
}

static void report(struct run *r, const panos_logparser_info *info)
{
    if (r->q->progress == NULL)
        return;
    panos_log_progress pr = {r->delivered, r->wanted, info ? info->progress : -1,
                             info ? info->job_status : NULL};
    r->q->progress(r->q->progress_payload, &pr);
}

/*
 * The poll schedule of a log job (docs/internals/log-export.md): the first poll after 50 ms,
 * the interval doubling while under 500 ms, then growing by half up to the cap (2 s). A job of
 * a loopback simulator or a small query is fetched within 50-150 ms instead of 500; one that
 * runs for seconds gets 6 polls in its first 4 s (the old 500 ms start: 3), then one every 2 s
 * as before.
 */
#define POLL_FIRST_MS 50

static long next_interval(long interval, long cap)
{
    long next = interval < 500 ? interval * 2 : interval + interval / 2;
    return next > cap ? cap : next;
}

panos_code panos__logjob_enqueue(struct run *r, struct logjob *job, unsigned int nlogs, int forward,
                                 unsigned long long skip)
{
    const panos_log_query *q = r->q;
    panos__sb filter = PANOS__SB_INIT;
    if (q->filter != NULL && q->filter[0] != '\0')
        panos__sb_printf(&filter, "(%s)", q->filter);
    if (r->have_seqno && !r->missing_seqno) {
        /* Entries arriving meanwhile have higher seqnos: this bound keeps the pages stable. */
        if (forward)
            panos__sb_printf(&filter, "%s(seqno geq '%llu')", filter.len ? " and " : "",
                             r->seq_max + 1);
        else
            panos__sb_printf(&filter, "%s(seqno leq '%llu')", filter.len ? " and " : "",
                             r->seq_min - 1);
    }
    if (filter.failed) {
        panos__sb_dispose(&filter, 0);
        return PANOS_E_NOMEM;
    }
    char nbuf[16], sbuf[24];
    snprintf(nbuf, sizeof(nbuf), "%u", nlogs);
    snprintf(sbuf, sizeof(sbuf), "%llu", skip);
    panos_param enq[6] = {{"type", "log"},
                          {"log-type", q->log_type},
                          {"nlogs", nbuf},
                          {"dir", forward ? "forward" : "backward"}};
    size_t n = 4;
    if (filter.len > 0)
        enq[n++] = (panos_param){"query", filter.ptr};
    if (skip > 0)
        enq[n++] = (panos_param){"skip", sbuf};
    panos_code rc = exchange(r, enq, n);
    panos__sb_dispose(&filter, 0);
    if (rc != PANOS_OK)
        return rc;
    const panos_logparser_info *info = panos_logparser_info_get(r->parser);
    if (info->job_id == NULL) {
        panos__client_set_error(r->c, PANOS_E_PARSE, 200, info->code, info->status,
                                "no job id in the type=log answer");
        return PANOS_E_PARSE;
    }
    snprintf(job->id, sizeof(job->id), "%s", info->job_id);
    job->t0_ms = now_ms();
    job->nlogs = nlogs;
    return PANOS_OK;
}

/* The job was cancelled or ran out of time: say so, end it on the firewall. */
static panos_code give_up(struct run *r, const struct logjob *job, long timeout)
{
    if (cancelled(r))
        panos__client_set_error(r->c, PANOS_E_FAILED, 0, -1, NULL,
                                "interrupted; log job %s finished", job->id);
    else
        panos__client_set_error(r->c, PANOS_E_TIMEOUT, 0, -1, NULL,
                                "log job %s not done after %ld s; finished it", job->id,
                                timeout / 1000);
    panos__logjob_finish(r, job->id);
    return cancelled(r) ? PANOS_E_FAILED : PANOS_E_TIMEOUT;
}

panos_code panos__logjob_wait(struct run *r, const struct logjob *job, size_t *got)
{
    const panos_log_query *q = r->q;
    long interval = q->poll_initial_ms > 0 ? q->poll_initial_ms : POLL_FIRST_MS;
    long cap = q->poll_max_ms > 0 ? q->poll_max_ms : 2000;
    long timeout = q->job_timeout_ms > 0 ? q->job_timeout_ms : 300000;
    long long deadline = job->t0_ms + timeout, next_at = job->t0_ms + interval;
    const panos_param poll[] = {{"type", "log"}, {"action", "get"}, {"job-id", job->id}};
    for (int polled = 0;; polled = 1) {
        long long now = now_ms();
        if (next_at > now)
            nap(r, (long)(next_at - now));
        /* A job whose turn came late (a second one in flight) is asked at least once. */
        if (cancelled(r) || (polled && now_ms() > deadline))
            return give_up(r, job, timeout);
        unsigned long long before = r->delivered;
        panos_code rc = exchange(r, poll, 3);
        if (rc != PANOS_OK)
            return rc;
        const panos_logparser_info *info = panos_logparser_info_get(r->parser);
        report(r, info);
        const char *st = info->job_status ? info->job_status : "";
        if (strcmp(st, "FIN") == 0) {
            *got = (size_t)(r->delivered - before);
            if (!r->stop && info->entries > *got)
                *got = info->entries; /* the count was reached mid-page */
            return PANOS_OK;
        }
        if (strcmp(st, "FAIL") == 0 || strcmp(st, "CANC") == 0) {
            panos__client_set_error(r->c, PANOS_E_JOB_FAILED, 200, info->code, info->status,
                                    "log job %s: %s", job->id, info->message ? info->message : st);
            return PANOS_E_JOB_FAILED;
        }
        /* The schedule counts from the enqueue: the next point after now. */
        for (now = now_ms(); next_at <= now; next_at += interval)
            interval = next_interval(interval, cap);
    }
}

/*
 * Two jobs in flight only where the proof holds (docs/internals/log-export.md): newest first
 * under a seqno bound, every entry so far with a seqno, not following (--follow pages forward,
 * or without seqnos newest first by skip).
 */
static int pipeline_ok(const struct run *r, int forward, unsigned int jobs)
{
    return jobs >= 2 && !forward && !r->q->follow && r->have_seqno && !r->missing_seqno &&
           r->seq_min > 0;
}

/* One job, enqueued and waited for. */
static panos_code one_job(struct run *r, unsigned int nlogs, int forward, unsigned long long skip,
                          size_t *got)
{
    struct logjob job;
    panos_code rc = panos__logjob_enqueue(r, &job, nlogs, forward, skip);
    return rc == PANOS_OK ? panos__logjob_wait(r, &job, got) : rc;
}

void panos_log_query_init(panos_log_query *q)
{
    PANOS_ASSERT(q != NULL);
    const panos_log_query d = PANOS_LOG_QUERY_INIT;
    *q = d;
}

panos_code panos_log_query_run(panos_client *c, const panos_log_query *q, panos_log_entry_fn fn,
                               void *payload)
{
    PANOS_ASSERT(c != NULL && q != NULL && fn != NULL);
    if (c == NULL || q == NULL || fn == NULL || q->version < 1 ||
        q->version > PANOS_LOG_QUERY_VERSION)
        return PANOS_E_INVALID_ARG;
    if (!panos_log_type_valid(q->log_type)) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL, "unknown log type '%s'",
                                q->log_type ? q->log_type : "");
        return PANOS_E_INVALID_ARG;
    }
    unsigned int jobs = q->version >= 3 && q->jobs_in_flight != 0 ? q->jobs_in_flight : 2;
    if (jobs > 2) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "%u log jobs in flight: at most 2", jobs);
        return PANOS_E_INVALID_ARG;
    }
    unsigned int page = q->page_size == 0 || q->page_size > PAGE_MAX ? PAGE_MAX : q->page_size;
    struct run r = {.c = c, .q = q, .fn = fn, .payload = payload};
    r.wanted = q->count == 0 ? 20 : q->count; /* 20: PAN-OS's default nlogs */
    panos_code rc = PANOS_OK;
    unsigned long long skip = 0;

    int forward = q->forward;

    /*
     * --follow prints oldest first from its first batch on: the newest `count` entries come
     * in forward order, then the new ones. A one-entry probe (dir=backward, skip=count-1)
     * finds the oldest of them; forward pages then start at its seqno (seqno geq 'S'). When
     * fewer entries match, every one of them is printed, from the start of the log. Entries
     * without a seqno cannot be bounded: they come newest first as without --follow.
     */
    if (q->follow && !forward) {
        size_t got = 0;
        r.probing = 1;
        rc = one_job(&r, 1, 0, r.wanted - 1, &got);
        r.probing = 0;
        if (rc == PANOS_OK && (got == 0 || r.probe_found)) {
            forward = 1;
            if (r.probe_found && r.probe_seq > 0) {
                r.have_seqno = 1;
                r.seq_min = r.probe_seq;
                r.seq_max = r.probe_seq - 1; /* forward pages ask for seqno geq seq_max+1 */
            }
        }
    }

    /* The count asked for, page by page. */
    while (rc == PANOS_OK && !r.stop && (r.wanted == 0 || r.delivered < r.wanted)) {
        unsigned long long left = r.wanted == 0 ? page : r.wanted - r.delivered;
        unsigned int n = left < page ? (unsigned int)left : page;
        size_t got = 0;
        rc = one_job(&r, n, forward, r.missing_seqno ? skip : 0, &got);
        skip += got;
        if (rc == PANOS_OK && got < n)
            break; /* fewer than asked: nothing older (or newer) is left */
        if (r.have_seqno && !forward && r.seq_min == 0)
            break; /* nothing can be older than seqno 0 */
        if (rc == PANOS_OK && pipeline_ok(&r, forward, jobs) &&
            (r.wanted == 0 || r.delivered < r.wanted)) {
            int fell_back = 0;
            rc = panos__logjob_pipeline(&r, page, &fell_back);
            if (!fell_back)
                break;
            skip = r.delivered; /* one job at a time from here (skip: an entry lacked a seqno) */
        }
    }
    /* Then new entries as they come, oldest first, after the newest seqno seen (from the
     * start of the log when nothing matched yet: everything that matches then is new). */
    if (rc == PANOS_OK && q->follow && !r.stop) {
        long every = q->follow_interval_ms > 0 ? q->follow_interval_ms : 2000;
        r.wanted = 0;
        while (rc == PANOS_OK && !r.stop && !cancelled(&r)) {
            size_t got = 0;
            rc = one_job(&r, page, 1, 0, &got);
            if (rc == PANOS_E_FAILED && cancelled(&r))
                rc = PANOS_OK; /* Ctrl-C is how following ends */
            if (rc == PANOS_OK && got < page)
                nap(&r, every);
        }
    }
    panos_logparser_free(r.parser);
    return rc;
}
