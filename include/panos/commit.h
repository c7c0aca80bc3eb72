/* SPDX-License-Identifier: MIT */
/* commit.h -- commits and validations (type=commit, op validate) and following their jobs. */
#ifndef PANOS_COMMIT_H
#define PANOS_COMMIT_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "buf.h"
#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PANOS_COMMIT_OPTIONS_VERSION 1

/**
 * What to commit. All zero (PANOS_COMMIT_OPTIONS_INIT): a full commit of the candidate. Any of
 * the partial fields makes it a partial commit (action=partial with <partial>; PAN-OS XML API
 * guide, "Commit" (PAN-OS 10.1)). Strings are copied into the request; arrays are borrowed for
 * the call only.
 */
typedef struct panos_commit_options {
    unsigned int version;           /**< PANOS_COMMIT_OPTIONS_VERSION */
    const char *description;        /**< <description>, NULL for none */
    int force;                      /**< <force/>: commit even with nothing changed */
    int exclude_device_and_network; /**< partial: <device-and-network>excluded</...> */
    int exclude_policy_and_objects; /**< partial: <policy-and-objects>excluded</...> */
    int exclude_shared_object;      /**< partial: <shared-object>excluded</...> */
    const char *const *vsys;        /**< partial: <vsys><member>... (nvsys names) */
    size_t nvsys;
    int no_vsys;               /**< partial: <no-vsys/> */
    const char *const *admins; /**< partial: <admin><member>... (PAN-OS 8.0+) */
    size_t nadmins;
} panos_commit_options;

/* clang-format off */
#define PANOS_COMMIT_OPTIONS_INIT \
    {PANOS_COMMIT_OPTIONS_VERSION, NULL, 0, 0, 0, 0, NULL, 0, 0, NULL, 0}
/* clang-format on */

/** Fill @p o as PANOS_COMMIT_OPTIONS_INIT does. */
PANOS_EXTERN void panos_commit_options_init(panos_commit_options *o);

/**
 * The cmd= XML of a commit with @p o, as PAN-OS expects it: "<commit></commit>",
 * "<commit><force></force><description>..</description></commit>", or with <partial> (exclusions
 * first, then vsys, no-vsys and admin, as pan-python 0.26.0 writes them). Text is XML-escaped.
 * @param[out] out the XML (dispose with panos_buf_dispose).
 * @param[out] partial_out 1 when the commit is partial (send action=partial); optional.
 * @return PANOS_OK, PANOS_E_INVALID_ARG (an empty or NULL vsys or admin name; vsys with
 *         no_vsys; a version of @p o this library does not know), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_commit_cmd(panos_buf *out, int *partial_out,
                                         const panos_commit_options *o);

/**
 * Send the commit (type=commit, action=partial when partial). Never retried: a commit is not
 * idempotent, so a transport failure leaves it unknown whether it was enqueued.
 * @param[out] job_out the job id, or 0 when PAN-OS answered "There are no changes to commit."
 *             (or "The result of this commit would be the same as the previous").
 * @return PANOS_OK; PANOS_E_API when PAN-OS refused (a commit lock or config lock of another
 *         admin, a commit or validate in progress: the message in panos_client_last_error());
 *         PANOS_E_PARSE when a success has neither a job nor a no-change message; the classes
 *         of panos_request(). Not thread-safe on one client.
 */
PANOS_EXTERN panos_code panos_commit_start(long long *job_out, panos_client *c,
                                           const panos_commit_options *o);

/**
 * Validate the candidate (op <validate><full></full></validate>): a Validate job that ends OK or
 * FAIL without changing the running configuration. Not retried.
 * @param[out] job_out the job id.
 * @return as panos_commit_start().
 */
PANOS_EXTERN panos_code panos_validate_start(long long *job_out, panos_client *c);

/** A job as `show jobs id N` reports it. Strings are never NULL ("" when absent). */
typedef struct panos_job {
    long long id;
    const char *type;   /**< Commit, Validate, AutoCom, ... */
    const char *status; /**< ACT, PEND or FIN */
    const char *result; /**< PEND, OK or FAIL */
    int progress;       /**< 0-100; 100 once FIN even when PAN-OS wrote a time there;
                             -1 when unknown */
    int finished;       /**< status is FIN */
    const char *user;
    const char *description;
    const char *tenq;           /**< enqueued, "YYYY/MM/DD HH:MM:SS" */
    const char *tfin;           /**< finished: a date-time, a time of day (older releases), or
                                     "Still Active" */
    const char *const *details; /**< <details><line> texts (ndetails) */
    size_t ndetails;
    const char *const *warnings; /**< <warnings><line> texts (nwarnings) */
    size_t nwarnings;
} panos_job;

/**
 * Read the job of a `show jobs id N` answer (<result><job>). Tolerant of the shapes PAN-OS
 * uses: progress as a percentage or a timestamp, details as <line> elements or plain text,
 * empty elements.
 * @param[out] out the job (free with panos_job_free).
 * @return PANOS_OK, PANOS_E_PARSE (no <job> with an <id> and a <status>), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_job_parse(panos_job **out, const panos_response *r);

PANOS_EXTERN void panos_job_free(panos_job *job);

/** Called after every poll with the job as it stands (borrowed for the call). */
typedef void (*panos_job_progress_fn)(void *payload, const panos_job *job);

#define PANOS_JOB_WAIT_OPTIONS_VERSION 1

typedef struct panos_job_wait_options {
    unsigned int version;           /**< PANOS_JOB_WAIT_OPTIONS_VERSION */
    long interval_ms;               /**< between polls; 0 = 2000 (PAN-OS advice: not faster
                                         than about 2 s against a real device) */
    panos_job_progress_fn progress; /**< NULL for none */
    void *progress_payload;
    volatile int *cancel; /**< stop waiting when *cancel becomes non-zero; optional */
} panos_job_wait_options;

/* clang-format off */
#define PANOS_JOB_WAIT_OPTIONS_INIT {PANOS_JOB_WAIT_OPTIONS_VERSION, 0, NULL, NULL, NULL}
/* clang-format on */

/** Fill @p o as PANOS_JOB_WAIT_OPTIONS_INIT does. */
PANOS_EXTERN void panos_job_wait_options_init(panos_job_wait_options *o);

/**
 * Poll `show jobs id @p id` every interval until the job is FIN. The client's deadline bounds
 * the wait: no sleep goes past it, and the next poll then fails with PANOS_E_TIMEOUT.
 * @param[out] out the last state seen (also on failure, when a poll answered; else NULL).
 * @param o NULL: the defaults.
 * @return PANOS_OK when FIN with result OK; PANOS_E_JOB_FAILED when FIN with any other result;
 *         PANOS_E_NOT_FOUND ("job N not found"); PANOS_E_TIMEOUT; PANOS_E_FAILED when cancelled;
 *         the classes of panos_request(). Not thread-safe on one client.
 */
PANOS_EXTERN panos_code panos_job_wait(panos_job **out, panos_client *c, long long id,
                                       const panos_job_wait_options *o);

#ifdef __cplusplus
}
#endif

#endif
