/* SPDX-License-Identifier: MIT */
/* response_priv.h -- internal: free a response that holds a secret (a key), wiping it first. */
#ifndef PANOS_RESPONSE_PRIV_H
#define PANOS_RESPONSE_PRIV_H

#include <panos/response.h>

/* Wipe the body, the message and every text and attribute value of @p r, then free it.
 * For keygen answers and "Key Expired: <key> has expired." (panos-apikey-crypto.md §3.4). */
void panos__response_free_secret(panos_response *r);

#endif
