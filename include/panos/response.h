/* SPDX-License-Identifier: MIT */
/* response.h -- a parsed PAN-OS XML API answer: status, code, message, result node. */
#ifndef PANOS_RESPONSE_H
#define PANOS_RESPONSE_H

#include <stddef.h>
#include "common.h"
#include "node.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A response owns its parsed document; every string and node its accessors return is borrowed
 * and lives until panos_response_free(). Accessors take a non-NULL response (PANOS_ASSERT).
 *
 * Threads: a response is never changed after it is made, so several threads may read the
 * same response at once (accessors, the walker of <panos/node.h>), as long as none frees it.
 * Different responses are independent.
 */
typedef struct panos_response panos_response;

/**
 * Parse one answer body. Tolerates PAN-OS quirks: single-quoted, space-padded attributes
 * (keygen, 400/403 bodies), <msg> as text, <line> lists, nested lines, <result><msg>, CDATA,
 * padding whitespace. A body that is not XML still gives a response (text only) when
 * @p http_status is not 200.
 *
 * @param[out] out the response, freed with panos_response_free(); NULL on PANOS_E_PARSE/NOMEM.
 * @param http_status the HTTP status the body came with (200, 400, 403, ...).
 * A body with a DTD is refused whatever the status: PAN-OS never sends one, and its entities
 * could expand without bound. libxml2 prints nothing.
 *
 * @return PANOS_OK if a response object was made (whatever its status), PANOS_E_PARSE for a
 *         200 body that is not a PAN-OS XML document or any body with a DTD, PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_response_parse(panos_response **out, const char *body, size_t len,
                                             long http_status);

/** Free a response and its document. Accepts NULL. */
PANOS_EXTERN void panos_response_free(panos_response *r);

/** HTTP status the answer came with. */
PANOS_EXTERN long panos_response_http_status(const panos_response *r);

/** status= of the root: "success", "error", "unauth", or NULL if absent. Borrowed. */
PANOS_EXTERN const char *panos_response_status(const panos_response *r);

/** code= of the root, or -1 if absent. */
PANOS_EXTERN int panos_response_code(const panos_response *r);

/**
 * The message: all <line> texts (nested ones included) trimmed and joined with "; ", else
 * result/msg or msg text, else result/job/details lines. NULL if none. Borrowed.
 */
PANOS_EXTERN const char *panos_response_message(const panos_response *r);

/** The <result> element, or NULL. Borrowed: lives until the response is freed. Walk it with
 *  the functions of <panos/node.h>. */
PANOS_EXTERN const panos_node *panos_response_result(const panos_response *r);

/** The root element (<response>, or <config> for exports), or NULL if the body was not XML.
 *  Borrowed. */
PANOS_EXTERN const panos_node *panos_response_root(const panos_response *r);

/** The body as received (NUL-terminated). Borrowed. */
PANOS_EXTERN const char *panos_response_body(const panos_response *r, size_t *len_out);

/**
 * Classify the answer: PANOS_OK for status="success" (except success with code 7, a config
 * get that found nothing, which is PANOS_E_NOT_FOUND), PANOS_E_AUTH (403 Invalid Credential), PANOS_E_KEY_EXPIRED (400 Key Expired),
 * PANOS_E_FORBIDDEN (unauth/16, 403 not authorized for role), PANOS_E_NOT_FOUND (code 7/13,
 * "No such node"), PANOS_E_UNAVAILABLE (code 22, HTTP 500/502/503/504), PANOS_E_HTTP (other
 * 5xx, e.g. 501 Not Implemented), PANOS_E_RATE_LIMITED (HTTP 429), else PANOS_E_API (other
 * errors, including HTTP 400, code 6 "Bad Xpath" and codes 17/18 for a bad command).
 */
PANOS_EXTERN panos_code panos_response_classify(const panos_response *r);

#ifdef __cplusplus
}
#endif

#endif
