/* SPDX-License-Identifier: MIT */
/* retry.h -- internal: which requests may be resent, backoff, Retry-After and the deadline. */
#ifndef PANOS_RETRY_H
#define PANOS_RETRY_H

#include <stddef.h>
#include <panos/client.h>

/*
 * Everything here is a pure function of its arguments: time comes in as a number of
 * milliseconds ("now", from a struct panos__clock), nothing sleeps and nothing reads the
 * client. request.c runs the loop; tests/unit/test_retry.c drives these with a fake clock.
 */

/* The retry settings of a client (panos_client_options, defaults applied). */
struct panos__retry_policy {
    int max_retries; /* resends after the first attempt; 0: none */
    long base_ms;    /* first wait; doubles each time */
    long max_ms;     /* cap of every wait, Retry-After included */
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
 * version, config get/show, op <show>, log/report get with a job-id, export status. */
int panos__retry_idempotent(const panos_param *params, size_t n);

/* How many attempts a request gets: 1 + max_retries when idempotent and buffered, else 1
 * (a streamed answer may have been partly consumed by its sink). */
int panos__retry_attempts(const struct panos__retry_policy *p, const panos_param *params, size_t n,
                          int streamed);

/* Whether a failure (its class, HTTP status and message) may pass: 5xx, 429, transport
 * errors, but not a name that does not resolve. */
int panos__retry_retryable(panos_code code, long http_status, const char *message);

/* The wait before attempt @p attempt + 1: base_ms doubled @p attempt times, raised to the
 * answer's Retry-After (seconds, -1 when absent), never above max_ms. */
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

#endif
