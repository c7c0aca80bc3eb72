/* SPDX-License-Identifier: MIT */
/* tls.h -- look at a device's TLS certificate, for first-time trust with a pinned fingerprint. */
#ifndef PANOS_TLS_H
#define PANOS_TLS_H

#include <stddef.h>
#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a device's certificate says. Strings are NUL-terminated, possibly truncated. */
typedef struct panos_tls_cert_info {
    char sha256[100];    /**< SHA-256 of the DER, uppercase hex with ':' (the --pin form) */
    char subject[256];   /**< one line, RFC 2253 */
    char issuer[256];
    char not_before[32]; /**< "YYYY-MM-DD HH:MM:SS UTC" */
    char not_after[32];
    int self_signed;     /**< subject == issuer */
} panos_tls_cert_info;

/**
 * Connect to @p host:@p port (0: 443), complete a TLS handshake WITHOUT verifying anything, and
 * describe the certificate the device presented. Nothing is sent after the handshake. This is
 * how a user learns the fingerprint to pin; the caller must say that it is unverified.
 * @return PANOS_OK, PANOS_E_TRANSPORT (cannot connect), PANOS_E_TIMEOUT, PANOS_E_TLS (no
 *         handshake or no certificate), PANOS_E_INVALID_ARG; @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_tls_peer_certificate(panos_tls_cert_info *out, const char *host,
                                                   unsigned int port, long timeout_ms,
                                                   char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
