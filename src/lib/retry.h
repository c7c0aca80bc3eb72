/* SPDX-License-Identifier: MIT */
/* retry.h -- internal: which requests may be resent, backoff, Retry-After and the deadline. */
#ifndef PANOS_RETRY_H
#define PANOS_RETRY_H

#include <stddef.h>
#include <panos/client.h>

/*
 * Everything here is a pure function of its arguments: time comes in as a number of
 * milliseconds ("now") or through a struct panos__clock, and nothing reads the client.
 * panos__retry_run() is the loop request.c uses, with the attempt itself behind hooks, so
 * tests/unit/test_retry.c drives the very same loop with fake attempts and a fake clock.
 */

/* The retry settings of a client (panos_client_options, defaults applied). */
struct panos__retry_policy {
    int max_retries; /* resends after the first attempt; 0: none */
    long base_ms;    /* first wait; doubles each time */
    long max_ms;     /* cap of every wait, Retry-After included unless retry_after_max_ms */
    long retry_after_max_ms; /* when > 0, a Retry-After is the wait itself (shorter or longer
                                than the backoff), capped at this instead of max_ms: the Prisma
                                client's rule; 0: it only raises the backoff (the firewall's) */
};

/* The overall budget of a client (deadline_ms), counted from when it was started. */
struct panos__deadline {
    long ms;      /* the budget, 0 = none */
    long long at; /* monotonic ms when it runs out; 0 = none */
};

/* Where time comes from: the system clock, or a test's. */
struct panos__clock {
    long long (*now_ms)(void *payload); /* monotonic milliseconds */
    void (*sleep_ms)(void *payload, long ms);
    void *payload;
};

/* CLOCK_MONOTONIC and nanosleep (a signal ends the sleep early). */
extern const struct panos__clock panos__clock_system;

/* The value of the first parameter named @p name, or NULL. */
const char *panos__param_value(const panos_param *params, size_t n, const char *name);

/* Whether a request is read-only, so that it may be sent again after a temporary failure:
 * version, config get/show, op <show>, log/report get with a job-id, a dynamic or predefined
 * report without async=yes, export status and get of a job, and the exports that answer at once
 * with the file (configuration, certificate, device-state, response pages, packet captures).
 * What creates a job or changes state (a log or report enqueue, tech-support, commit, set,
 * import, user-id, keygen) is sent once. */
int panos__retry_idempotent(const panos_param *params, size_t n);

/* How many attempts a request gets: 1 + max_retries when idempotent, else 1. A streamed answer
 * is sent again only while none of it reached its sink (struct panos__attempt, final). */
int panos__retry_attempts(const struct panos__retry_policy *p, const panos_param *params, size_t n);

/* Whether a failure (its class, HTTP status and message) may pass: 5xx, 429, transport
 * errors, but not a name that does not resolve. */
int panos__retry_retryable(panos_code code, long http_status, const char *message);

/* The wait before attempt @p attempt + 1: base_ms doubled @p attempt times, raised to the
 * answer's Retry-After (seconds, -1 when absent), never above max_ms; with retry_after_max_ms,
 * the Retry-After itself up to that when there is one. */
long panos__retry_backoff_ms(const struct panos__retry_policy *p, int attempt, long retry_after_s);

/* Start a budget of @p ms (0: none) at @p now. */
void panos__deadline_start(struct panos__deadline *d, long ms, long long now);

/* Milliseconds left at @p now: -1 when there is no deadline, 0 when it has run out. */
long panos__deadline_left(const struct panos__deadline *d, long long now);

/* Shorten one attempt's timeouts (0 = none) to what is left at @p now. Returns 1 when the
 * whole-request timeout was cut, so that a timeout can be reported as the deadline's. */
int panos__deadline_cut(const struct panos__deadline *d, long long now, long *timeout_ms,
                        long *connect_timeout_ms);

/* What to do after an attempt that did not succeed. */
enum panos__retry_step {
    PANOS__RETRY_STOP,    /* the failure stands */
    PANOS__RETRY_WAIT,    /* wait *wait_out ms, then send again */
    PANOS__RETRY_DEADLINE /* a retry is due in *wait_out ms, but the deadline comes first */
};

/*
 * The decision after attempt @p attempt (0-based) of @p attempts failed with @p code,
 * @p http_status and @p message, the answer carrying @p retry_after_s, with @p deadline_left
 * ms left (-1: no deadline). A wait that would reach the deadline is not taken: the caller
 * fails at once, saying what the last attempt met.
 */
enum panos__retry_step panos__retry_next(const struct panos__retry_policy *p, int attempt,
                                         int attempts, panos_code code, long http_status,
                                         const char *message, long retry_after_s,
                                         long deadline_left, long *wait_out);

/* What one attempt met, as the loop needs it. */
struct panos__attempt {
    panos_code code;     /* PANOS_OK ends the loop */
    long http_status;    /* 0 when no answer came */
    const char *message; /* the last error's message (borrowed until the next attempt) */
    long retry_after_s;  /* the answer's Retry-After, -1 when absent */
    int final;           /* part of the answer was streamed to its sink: never sent again */
};

/* What the loop asks of the request it repeats. */
struct panos__retry_hooks {
    /* Make attempt number @p attempt (0-based) and say what it met in @p out. */
    void (*attempt)(void *payload, int attempt, struct panos__attempt *out);
    /* A retry is due after @p last failed: drop what it left (a failed answer). */
    void (*discard)(void *payload, const struct panos__attempt *last);
    /* The loop will sleep @p wait_ms before the next attempt (trace it). */
    void (*waiting)(void *payload, long wait_ms, const struct panos__attempt *last);
    /* The deadline ends the loop: before attempt @p attempt (@p wait_ms -1), or because the
     * retry due in @p wait_ms would reach it (@p last is then the failure it follows). Sets
     * the error and returns the code the request ends with (PANOS_E_TIMEOUT). */
    panos_code (*out_of_time)(void *payload, int attempt, long wait_ms,
                              const struct panos__attempt *last);
};

/*
 * The retry loop: up to @p attempts attempts, waiting as panos__retry_next() says on
 * @p clock, never starting an attempt or a wait that the deadline @p d does not leave time
 * for. Returns the code of the last attempt, or what out_of_time returned.
 */
panos_code panos__retry_run(const struct panos__retry_policy *p, const struct panos__deadline *d,
                            const struct panos__clock *clock, int attempts,
                            const struct panos__retry_hooks *h, void *payload);

#endif
