/* SPDX-License-Identifier: MIT */
/* client_priv.h -- internal: the panos_client struct split by concern, and what its files share. */
#ifndef PANOS_CLIENT_PRIV_H
#define PANOS_CLIENT_PRIV_H

#include <stddef.h>
#include <panos/client.h>
#include "retry.h"
#include "stream.h"
#include "tlspin.h"
#include "transport.h"

/* What panos_client_new() and the setters fixed; read by every request. */
struct panos__client_settings {
    char *url; /* scheme://host:port/api/ */
    char *ca_file;
    int insecure;
    long connect_timeout_ms;
    long timeout_ms;
    size_t max_bytes;
    struct panos__retry_policy retry;
    struct panos__deadline deadline;
    panos_log_fn log;
    void *log_payload;
    char *target;     /* panos_client_set_target */
    char *vsys;       /* panos_client_set_vsys */
    char *cookie_jar; /* panos_client_set_session */
    int accept_raw;   /* panos_client_set_raw */
};

/* Credentials: wiped when replaced or freed (auth.c, client.c). */
struct panos__client_secrets {
    char *key;
    char *basic_user;
    char *basic_password;
    const char *keygen_password; /* borrowed during panos_keygen(), for redaction */
    panos_credentials_fn rekey_creds;
    panos_key_store_fn rekey_store;
    void *rekey_payload;
};

/* The request in progress (request.c); the bytes of each attempt are in its panos__xfer. */
struct panos__client_request {
    panos__sink_fn sink; /* a streamed request's sink, NULL when buffered */
    void *sink_payload;
    const struct panos__upload *upload; /* a multipart request's fields and file (import.c) */
    int deadline_cut; /* this attempt's timeout was shortened to the deadline */
};

/* The last error (panos_client_last_error), with the strings it points to. */
struct panos__client_errstate {
    panos_error err;
    char *message;
    char *status;
};

struct panos_client {
    struct panos__easy *easy; /* kept alive across requests (transport.c) */
    struct panos__clock clock;
    struct panos__client_settings set;
    struct panos__client_secrets sec;
    struct panos__client_request req;
    struct panos__pin pin; /* tlspin.c: the trusted SHA-256 and what the last attempt saw */
    struct panos__client_errstate err;
};

/* --- client.c --- */

/* Write one redacted trace line when the client has a log callback. */
void panos__client_trace(panos_client *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The last error back to PANOS_OK. */
void panos__client_clear_error(panos_client *c);

/* PANOS_E_TIMEOUT with a message naming the deadline (--deadline) and @p when it ran out. */
panos_code panos__client_deadline_error(panos_client *c, const char *when);

/* Replace the secret in @p slot by @p value (wiping the old one). */
void panos__client_replace_secret(char **slot, char *value);

/* --- request.c --- */

/* The body to POST (form-encoded @p params, with target= and vsys= where they apply) and,
 * when @p shown is not NULL, its redacted form for the trace. PANOS_E_NOMEM. */
panos_code panos__request_body(panos_client *c, const panos_param *params, size_t n,
                               panos__sb *body, panos__sb *shown);

/* Send a request with retries (retry.c) and, once, key renewal (auth.c). @p sink NULL:
 * buffered, the answer classified into @p out; else streamed (panos__request_stream). */
panos_code panos__client_request(panos_response **out, panos_client *c, const panos_param *params,
                                 size_t n, panos__sink_fn sink, void *payload);

/* --- auth.c --- */

/* Whether @p s holds a control byte (C0 or DEL): such a key would bend its header. */
int panos__auth_has_control_byte(const char *s);

/* Add the credentials' header to @p x: X-PAN-KEY, or Authorization: Basic, and the cookie jar.
 * PANOS_E_INVALID_ARG (with the last error) when they are too long for a header. */
panos_code panos__auth_headers(panos_client *c, struct panos__xfer *x);

/* " [X-PAN-KEY: ***]", " [basic auth: ***]" or "": what the trace shows of the credentials. */
const char *panos__auth_trace_tag(const panos_client *c);

/* Check that @p path can be the session's cookie jar (created 0600, private). */
panos_code panos__auth_jar_check(panos_client *c, const char *path);

/* Save the session's cookies into the jar when they changed (atomic; PANOS_E_IO keeps the
 * old jar, with the last error set). */
panos_code panos__auth_jar_save(panos_client *c);

/* Whether a failure may be cured by a new key (client.h, panos_client_set_rekey): a keyed
 * request (not keygen, not basic auth) refused as KEY_EXPIRED, AUTH or PAN-OS code 16/22,
 * with a credentials callback set. */
int panos__auth_renewable(const panos_client *c, panos_code code, const panos_param *params,
                          size_t n);

/* After a request failed with @p code: when the key can be renewed (panos_client_set_rekey),
 * make a new one and return PANOS_OK so that the request is sent again; otherwise return the
 * code the request ends with (the first failure, or keygen's). */
panos_code panos__auth_renew(panos_client *c, panos_code code, const panos_param *params, size_t n,
                             panos_response **out);

#endif
