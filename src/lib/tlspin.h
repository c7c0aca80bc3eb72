/* SPDX-License-Identifier: MIT */
/* tlspin.h -- internal: trust one certificate by its SHA-256 (OpenSSL callbacks, no libcurl). */
#ifndef PANOS_TLSPIN_H
#define PANOS_TLSPIN_H

/*
 * The pin of one client: the SHA-256 it trusts, and what the last attempt saw. transport.c
 * hands the OpenSSL objects libcurl gives it to the two checks below; this file never sees
 * libcurl, so the same checks serve an easy handle and a multi handle alike.
 */
struct panos__pin {
    unsigned char sha256[32]; /* the trusted certificate's digest (DER) */
    int set;                  /* 0: no pin, the checks are not installed */
    int mismatch;             /* this attempt met another certificate (or none readable) */
    char seen_fp[96];         /* that certificate's SHA-256, "AB:CD:...", for the message */
};

/* Parse "AB:CD:..." or "abcd..." (64 hex digits, ':' and ' ' ignored) into 32 bytes.
 * Returns 0, or -1 when it is not exactly 32 bytes of hex. */
int panos__pin_parse(unsigned char out[32], const char *s);

/* Forget what the previous attempt saw (called when a transfer is prepared). */
void panos__pin_reset(struct panos__pin *p);

/*
 * Install the verify callback on @p ssl_ctx (an OpenSSL SSL_CTX *) for a connection being
 * made: the handshake succeeds only when the device's own certificate (depth 0) is the pinned
 * one, whatever its chain and name. @p p must outlive the handshake. Returns 0, or -1 when the
 * context cannot carry the pin (the transfer then fails closed).
 */
int panos__tlspin_install(void *ssl_ctx, struct panos__pin *p);

/*
 * The pre-request check: whether the connection @p ssl (an OpenSSL SSL *, NULL when libcurl
 * could not give one) presents the pinned certificate. Called once the connection is ready
 * (new, reused or resumed) and before any byte of the request is written, so a reused
 * connection that did not go through the verify callback is checked too. Fails closed: sets
 * p->mismatch and returns 0 unless the certificate is the pinned one.
 */
int panos__tlspin_check(struct panos__pin *p, void *ssl);

#endif
