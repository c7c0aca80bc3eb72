/* SPDX-License-Identifier: MIT */
/* response_priv.h -- internal: parse with a reason; free a response that holds a secret. */
#ifndef PANOS_RESPONSE_PRIV_H
#define PANOS_RESPONSE_PRIV_H

#include <stddef.h>
#include <panos/response.h>

/* panos_response_parse(), and on PANOS_E_PARSE a one-line reason in @p why (the parser's
 * first error, or the refused DTD). */
panos_code panos__response_parse_why(panos_response **out, const char *body, size_t len,
                                     long http_status, char *why, size_t whylen);

/* Wipe the body, the message and every text and attribute value of @p r, then free it.
 * For keygen answers and "Key Expired: <key> has expired." (PaloAltoNetworks/Splunk-Apps #151 (400
 * Key Expired); PAN-OS "Configure API Key Lifetime"). */
void panos__response_free_secret(panos_response *r);

/*
 * A 200 answer that is not a PAN-OS document, kept as it came (panos_client_set_raw): the
 * body, the document when it is well-formed XML of another root (an export's <config>, say),
 * no status, code, message or result; panos_response_classify() gives PANOS_OK. An empty
 * body, or one that starts with <response but does not parse, stays PANOS_E_PARSE. Returns PANOS_OK, PANOS_E_PARSE or PANOS_E_NOMEM.
 */
panos_code panos__response_raw(panos_response **out, const char *body, size_t len,
                               long http_status);

#endif
