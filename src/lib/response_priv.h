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
 * For keygen answers and "Key Expired: <key> has expired." (panos-apikey-crypto.md §3.4). */
void panos__response_free_secret(panos_response *r);

#endif
