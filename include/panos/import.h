/* SPDX-License-Identifier: MIT */
/* import.h -- type=import: a file uploaded as multipart/form-data, streamed from disk. */
#ifndef PANOS_IMPORT_H
#define PANOS_IMPORT_H

#include <stddef.h>
#include "common.h"
#include "error.h"
#include "client.h"
#include "response.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Upload the file @p path with type=import&category=@p category (configuration, certificate,
 * keypair, ...) as PAN-OS takes it: a POST of multipart/form-data whose fields are type,
 * category and @p params (certificate-name, format, passphrase, ...), then one part named
 * "file" with filename=@p filename (NULL: the last component of @p path) (PAN-OS XML API guide,
 * "Import Files (API)"). The file is read from disk while it is sent, never held whole; the key
 * goes in the X-PAN-KEY header, the fields in the body, nothing in the URL. Never retried (an
 * import changes the device), but resent once after a key renewal, as every request is.
 * Not thread-safe on one client.
 * @param[out] out the answer (success), freed with panos_response_free(); NULL on failure.
 * @return PANOS_OK; PANOS_E_INVALID_ARG (empty category, more than 28 params);
 *         PANOS_E_NOT_FOUND or PANOS_E_IO when @p path cannot be read (nothing is sent); the
 *         classes of panos_request() (API for a refused file, with PAN-OS's message).
 */
PANOS_EXTERN panos_code panos_import_file(panos_response **out, panos_client *c,
                                          const char *category, const panos_param *params,
                                          size_t nparams, const char *path, const char *filename);

#ifdef __cplusplus
}
#endif

#endif
