/* SPDX-License-Identifier: MIT */
/* multi.h -- many requests to many devices at once, from one thread, over one event loop. */
#ifndef PANOS_MULTI_H
#define PANOS_MULTI_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "response.h"
#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A multi handle drives requests of any number of clients together (libcurl's multi
 * interface underneath), so a program that polls thousands of devices needs one thread, not
 * one per device. Connections stay open in the handle between requests (keep-alive per
 * device). Bounds: at most max_per_host requests in flight to one host and port, and
 * max_total in all; requests beyond them wait in the handle, in the order they came.
 *
 * A request uses its client's URL, trust (CA file, pin or insecure), key and answer cap,
 * but neither the client's retries nor its key renewal nor its last error: it is sent once
 * and its outcome goes to its callback. Several requests of one client may be in flight at
 * once.
 *
 * Threads: a multi handle and the clients whose requests it carries are used by one thread
 * (the one calling panos_multi_perform()); only panos_multi_wakeup() may be called from
 * another.
 */
typedef struct panos_multi panos_multi;

#define PANOS_MULTI_OPTIONS_VERSION 1

typedef struct panos_multi_options {
    unsigned int version; /**< PANOS_MULTI_OPTIONS_VERSION */
    long max_per_host;    /**< requests in flight to one host:port; default 2, 0: no bound */
    long max_total;       /**< requests in flight in all; default 256, 0: no bound */
} panos_multi_options;

#define PANOS_MULTI_OPTIONS_INIT                                                                   \
    {                                                                                              \
        PANOS_MULTI_OPTIONS_VERSION, 2, 256                                                        \
    }

/** Fill @p opts with the defaults of PANOS_MULTI_OPTIONS_INIT. */
PANOS_EXTERN void panos_multi_options_init(panos_multi_options *opts);

/** The outcome of one request, borrowed: valid only during the done callback. */
typedef struct panos_multi_result {
    panos_code code;                /**< PANOS_OK when status="success", else the class */
    const panos_response *response; /**< the parsed answer (also on PAN-OS errors), or NULL */
    const panos_error *error;       /**< detail when code is not PANOS_OK (secrets removed) */
    long elapsed_ms;                /**< from submission to completion */
} panos_multi_result;

/** Called once per request, from panos_multi_perform(); may submit new requests. */
typedef void (*panos_multi_done_fn)(void *payload, const panos_multi_result *res);

/**
 * Create a multi handle.
 * @return PANOS_OK, PANOS_E_INVALID_ARG (negative bound, unknown options version),
 *         PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_multi_new(panos_multi **out, const panos_multi_options *opts);

/** Free @p m. Requests still in flight are cancelled: each callback is called once with
 *  PANOS_E_FAILED ("cancelled"), and may not submit. Accepts NULL. */
PANOS_EXTERN void panos_multi_free(panos_multi *m);

/**
 * Queue one request of @p c (form-encoded @p params POSTed to /api/, the key in X-PAN-KEY),
 * to complete within @p timeout_ms (0: the client's timeout), waiting for a free slot
 * included. @p c must outlive the request. The params are copied.
 * @return PANOS_OK (@p done will be called exactly once), PANOS_E_INVALID_ARG (a key with
 *         control bytes), PANOS_E_NOMEM, PANOS_E_FAILED (from a callback during
 *         panos_multi_free()); on failure @p done is not called.
 */
PANOS_EXTERN panos_code panos_multi_submit(panos_multi *m, panos_client *c,
                                           const panos_param *params, size_t nparams,
                                           long timeout_ms, panos_multi_done_fn done,
                                           void *payload);

/**
 * Drive the requests: send and read what can be, wait up to @p wait_ms for activity (or for
 * panos_multi_wakeup()), and call the callback of every request that completed.
 * @return PANOS_OK, PANOS_E_TRANSPORT or PANOS_E_NOMEM when the handle itself fails.
 */
PANOS_EXTERN panos_code panos_multi_perform(panos_multi *m, int wait_ms);

/** Make a waiting panos_multi_perform() return now. Safe from any thread. */
PANOS_EXTERN void panos_multi_wakeup(panos_multi *m);

/** How many requests are queued or in flight. */
PANOS_EXTERN size_t panos_multi_pending(const panos_multi *m);

#ifdef __cplusplus
}
#endif

#endif
