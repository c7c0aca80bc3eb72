/* SPDX-License-Identifier: MIT */
/* logquery_priv.h -- a log query's state and its job steps, shared by logquery.c and logpipe.c. */
#ifndef PANOS_LOGQUERY_PRIV_H
#define PANOS_LOGQUERY_PRIV_H

#include <panos/log.h>

struct run {
    panos_client *c;
    const panos_log_query *q;
    panos_log_entry_fn fn;
    void *payload;
    unsigned long long delivered;
    unsigned long long wanted; /* 0: unlimited (follow) */
    /* Cursor: the seqno bounds of what was delivered. */
    int have_seqno;
    unsigned long long seq_min, seq_max;
    int missing_seqno; /* an entry without seqno: fall back to skip paging */
    int following;     /* delivering new entries oldest first */
    int probing;       /* finding where --follow starts: note seqnos, deliver nothing */
    int probe_found;   /* the probe saw an entry with a seqno, probe_seq */
    unsigned long long probe_seq;
    int stop; /* the callback asked to stop */
    panos_logparser *parser;
    panos_code parser_rc; /* the parser's own verdict on the current answer */
};

/* One enqueued log job: its id, when its enqueue was answered, and how many entries it asks. */
struct logjob {
    char id[32];
    long long t0_ms;
    unsigned int nlogs;
};

/*
 * Enqueue a job for @p nlogs entries matching the query's filter and the cursor (backward:
 * seqno leq seq_min-1; forward: seqno geq seq_max+1, once a seqno was seen and none lacked
 * one), skipping @p skip of them.
 */
panos_code panos__logjob_enqueue(struct run *r, struct logjob *job, unsigned int nlogs, int forward,
                                 unsigned long long skip);

/*
 * Poll @p job on its schedule, counted from its enqueue (a job already done when its turn
 * comes is fetched at once), and deliver its entries. *@p got: the entries it returned. On
 * cancel or job timeout the job is finished (action=finish).
 */
panos_code panos__logjob_wait(struct run *r, const struct logjob *job, size_t *got);

/* End @p job on the firewall (action=finish), best effort: the client's last error is kept. */
void panos__logjob_finish(struct run *r, const char *job);

/*
 * Page newest first with two jobs in flight (logpipe.c): @p r has delivered the first page and
 * holds a seqno cursor. Returns when the count is reached, nothing older is left, the callback
 * stopped or a failure; *@p fell_back is set when paging must go on one job at a time: an entry
 * without seqno (skip paging from r->delivered), or a page longer than asked.
 */
panos_code panos__logjob_pipeline(struct run *r, unsigned int page, int *fell_back);

#endif
