/* SPDX-License-Identifier: MIT */
/* logpipe.c -- newest-first log paging with two jobs on the firewall while a page is parsed. */
#include <panos/log.h>
#include "stream.h"
#include "logquery_priv.h"

/*
 * Why this returns every entry once (docs/internals/log-export.md, "Two jobs in flight"):
 * page k+1 is the first entries of S_k = (filter) and (seqno leq m_k-1), newest first, m_k the
 * smallest seqno of page k. S_k does not change while the export runs: entries that arrive
 * have higher seqnos, and purging takes the oldest, which come last. So the job with the same
 * bound and skip = the size of page k+1 returns exactly page k+2, whenever it runs. Each job
 * is enqueued under the bound of the newest page delivered, so skip is at most one page.
 */

/* Entries still to ask for once @p planned are delivered or asked for (0: none). */
static unsigned long long still_wanted(const struct run *r, unsigned long long planned)
{
    return planned >= r->wanted ? 0 : r->wanted - planned;
}

/* Enqueue the job after those in flight: bound of the last page, skip what is in flight. */
static panos_code enqueue_next(struct run *r, struct logjob *job, unsigned int page,
                               unsigned long long *planned)
{
    unsigned long long left = still_wanted(r, *planned);
    unsigned int n = left < page ? (unsigned int)left : page;
    panos_code rc = panos__logjob_enqueue(r, job, n, 0, *planned - r->delivered);
    if (rc == PANOS_OK)
        *planned += n;
    return rc;
}

/* Whether a request may still be sent to end a job: not when the link or the deadline failed. */
static int can_send(const struct run *r, panos_code rc)
{
    if (rc == PANOS_E_TRANSPORT || rc == PANOS_E_TLS)
        return 0;
    return panos__client_deadline_left(r->c) != 0;
}

/* The second job in flight beside @p cur, if more is wanted (*@p have_next); when it cannot be
 * enqueued, @p cur is ended too. */
static panos_code add_next(struct run *r, struct logjob *next, const struct logjob *cur,
                           unsigned int page, unsigned long long *planned, int *have_next)
{
    *have_next = 0;
    if (still_wanted(r, *planned) == 0)
        return PANOS_OK;
    panos_code rc = enqueue_next(r, next, page, planned);
    *have_next = rc == PANOS_OK;
    if (rc != PANOS_OK && can_send(r, rc))
        panos__logjob_finish(r, cur->id);
    return rc;
}

panos_code panos__logjob_pipeline(struct run *r, unsigned int page, int *fell_back)
{
    struct logjob cur, next;
    int have_next = 0;
    unsigned long long planned = r->delivered;
    panos_code rc = enqueue_next(r, &cur, page, &planned);
    if (rc == PANOS_OK)
        rc = add_next(r, &next, &cur, page, &planned, &have_next);
    while (rc == PANOS_OK) {
        size_t got = 0;
        rc = panos__logjob_wait(r, &cur, &got);
        if (rc != PANOS_OK || r->stop || got < cur.nlogs || !have_next)
            break; /* failed, stopped, nothing older left, or the count reached */
        if (r->missing_seqno || got > cur.nlogs || r->seq_min == 0) {
            /* No bound for what follows, or more entries than asked, which the skip of the
             * job in flight did not count: one job at a time from here. */
            *fell_back = r->missing_seqno || got > cur.nlogs;
            break;
        }
        cur = next;
        rc = add_next(r, &next, &cur, page, &planned, &have_next);
    }
    /* A job still in flight is not wanted (short page, stop, failure): end it. */
    if (have_next && can_send(r, rc))
        panos__logjob_finish(r, next.id);
    return rc;
}
