/* SPDX-License-Identifier: MIT */
/* apikey.h -- PAN-OS API key format: mint and decode keys with a master key. */
#ifndef PANOS_APIKEY_H
#define PANOS_APIKEY_H

#include <stddef.h>
#include "common.h"
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Factory default master key of PAN-OS. */
#define PANOS_APIKEY_DEFAULT_MASTER_KEY "p1a2l3o4a5l6t7o8"

typedef enum panos_apikey_format {
    PANOS_APIKEY_UNRECOGNISED = 0, /**< not base64 of a well-formed -AQ== envelope: no known key */
    PANOS_APIKEY_ENVELOPE = 1      /**< -AQ== envelope; opened says whether the master key fit */
} panos_apikey_format;

typedef enum panos_apikey_layout {
    PANOS_APIKEY_LAYOUT_UNKNOWN = 0, /**< not opened */
    PANOS_APIKEY_LAYOUT_PRE90 = 1,   /**< "user:password" */
    PANOS_APIKEY_LAYOUT_V90 = 2      /**< "user:password]<>[EXPIRY]<>[GENTIME" */
} panos_apikey_layout;

/** What a key holds. Clear with panos_apikey_info_clear() (wipes the password). */
typedef struct panos_apikey_info {
    panos_apikey_format format;
    int opened;                 /**< 1: decrypted and SHA-1 check passed */
    panos_apikey_layout layout;
    char *user;                 /**< when opened */
    char *password;             /**< when opened; secret */
    long long expiry_ms;        /**< epoch ms (10 ms precision), -1 never expires (V90) */
    long long gentime;          /**< epoch seconds of keygen (V90), 0 otherwise */
} panos_apikey_info;

/**
 * Decode @p key with @p master_key (NULL: the default). A key that is not base64 of the
 * envelope is PANOS_OK with format UNRECOGNISED; an envelope the master key does not open is
 * PANOS_OK with opened=0. Never prints or keeps the plaintext beyond @p out.
 * @return PANOS_OK, PANOS_E_INVALID_ARG (master key not 16 bytes), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_apikey_decode(panos_apikey_info *out, const char *key,
                                            const char *master_key);

/** Wipe and free what @p info holds, and zero it. */
PANOS_EXTERN void panos_apikey_info_clear(panos_apikey_info *info);

/**
 * Mint a key as PAN-OS does. @p now_ms is the keygen time in epoch ms; @p lifetime_min 0
 * means never expires. @p pre90 makes the "user:password" layout.
 * @param[out] out the key; dispose with panos_buf_dispose_secret().
 */
PANOS_EXTERN panos_code panos_apikey_mint(panos_buf *out, const char *user, const char *password,
                                          const char *master_key, long long now_ms,
                                          long lifetime_min, int pre90);

/**
 * Encrypt @p plaintext into an inner "-AQ==<sha1><ciphertext>" envelope (the form PAN-OS uses
 * for secrets in its configuration). Dispose @p out with panos_buf_dispose_secret().
 */
PANOS_EXTERN panos_code panos_envelope_encrypt(panos_buf *out, const char *plaintext, size_t len,
                                               const char *master_key);

/**
 * Decrypt an inner "-AQ==..." envelope. PANOS_E_AUTH when the master key does not open it
 * (padding or SHA-1 check fails), PANOS_E_PARSE when it is not an envelope.
 * Dispose @p out with panos_buf_dispose_secret().
 */
PANOS_EXTERN panos_code panos_envelope_decrypt(panos_buf *out, const char *inner,
                                               const char *master_key);

#ifdef __cplusplus
}
#endif

#endif
