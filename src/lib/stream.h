/* SPDX-License-Identifier: MIT */
/* stream.h -- internal: requests whose answer is streamed to a sink instead of buffered. */
#ifndef PANOS_STREAM_H
#define PANOS_STREAM_H

#include <stddef.h>
#include <panos/client.h>

/* Receives the next bytes of a 200 answer; returns PANOS_OK to go on, anything else aborts. */
typedef panos_code (*panos__sink_fn)(void *payload, const char *data, size_t len);

/*
 * Send a request as panos_request() does (same auth, TLS, target, headers, trace), but hand the
 * body of an HTTP 200 answer to @p sink as it arrives, never holding it whole. Answers with
 * another status are read (capped) and classified as panos_request() would, with the last error
 * set. A 200 answer is capped at max_response_bytes too (PANOS_E_TOO_LARGE), though never held.
 * Never retried: the sink may have consumed part of the answer.
 * @return PANOS_OK when the whole 200 answer went to the sink; the sink's own code if it
 *         aborted; a transport or HTTP class otherwise.
 */
panos_code panos__request_stream(panos_client *c, const panos_param *params, size_t nparams,
                                 panos__sink_fn sink, void *payload);

/* Milliseconds left before the client's deadline (deadline_ms): -1 when there is none, 0 when
 * it has run out. */
long panos__client_deadline_left(const panos_client *c);

/* Record the last error of @p c: the message is formatted whole, the client's secrets are
 * redacted, then it is made one line and cut. Returns @p code, or PANOS_E_NOMEM (recorded as
 * the error, with no message) when the message or status could not be kept: a failure must
 * not be reported as another with its words lost. */
panos_code panos__client_set_error(panos_client *c, panos_code code, long http_status, int api_code,
                                   const char *api_status, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

#endif
