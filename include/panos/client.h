/* SPDX-License-Identifier: MIT */
/* client.h -- a connection to one PAN-OS firewall or Panorama and the requests it sends. */
#ifndef PANOS_CLIENT_H
#define PANOS_CLIENT_H

#include <stddef.h>
#include "common.h"
#include "buf.h"
#include "response.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Ownership: every input string (host, key, user, password, xpath, cmd, parameter names and
 * values) is copied by the call that takes it; the caller may free it afterwards. Secrets the
 * client keeps (key, password, cookies) are wiped when replaced or when the client is freed.
 *
 * Threads: a client is used by one thread at a time. Different clients may be used from
 * different threads concurrently, after panos_global_init().
 */

typedef struct panos_client panos_client;

/** Receives one line of verbose trace. Secrets are already redacted from @p line. */
typedef void (*panos_log_fn)(void *payload, const char *line);

/*
 * Version rules: members are only ever appended, each addition bumps the version, and
 * panos_client_new() accepts every version from 1 up to this one, reading only the members
 * the caller's version has (version 1 ends at log_payload; version 2 adds deadline_ms).
 */
#define PANOS_CLIENT_OPTIONS_VERSION 2

typedef struct panos_client_options {
    unsigned int version;      /**< PANOS_CLIENT_OPTIONS_VERSION */
    const char *host;          /**< DNS name, IPv4, or IPv6 literal (brackets optional); required */
    unsigned int port;         /**< 0: 443 for https, 80 for http */
    int use_http;              /**< 1: plain HTTP (lab, pansim); default HTTPS */
    const char *ca_file;       /**< PEM bundle to verify the device certificate against */
    const char *pin_sha256;    /**< SHA-256 of the device certificate (DER), hex, ':' allowed;
                                    when set, that exact certificate is trusted (chain and name
                                    are not checked) and any other is refused during the TLS
                                    handshake, before any byte of a request is sent */
    int insecure;              /**< 1: no verification at all (the caller warns); not with
                                    pin_sha256 */
    long connect_timeout_ms;   /**< default 10000 */
    long timeout_ms;           /**< whole request, default 120000; 0 means none */
    size_t max_response_bytes; /**< cap on one answer (buffered or streamed), default 64 MiB */
    int max_retries;           /**< retries of idempotent requests, default 3; 0 none */
    long retry_base_ms;        /**< first backoff, default 500; doubles each time */
    long retry_max_ms;         /**< backoff cap, default 8000; Retry-After is honoured up to it */
    panos_log_fn log;          /**< verbose trace (redacted); NULL for none */
    void *log_payload;
    long deadline_ms;          /**< (version 2) overall budget of everything the client does,
                                    counted from panos_client_new(): no attempt, retry wait or
                                    Retry-After sleep goes past it (PANOS_E_TIMEOUT); 0: none */
} panos_client_options;

/* clang-format off */
#define PANOS_CLIENT_OPTIONS_INIT \
    {PANOS_CLIENT_OPTIONS_VERSION, NULL, 0, 0, NULL, NULL, 0, 10000, 120000, \
     (size_t)64 << 20, 3, 500, 8000, NULL, NULL, 0}
/* clang-format on */

/** Fill @p opts with the defaults of PANOS_CLIENT_OPTIONS_INIT. */
PANOS_EXTERN void panos_client_options_init(panos_client_options *opts);

/**
 * Create a client. No connection is made until the first request.
 * @param[out] out the new client, freed with panos_client_free().
 * @return PANOS_OK, PANOS_E_INVALID_ARG (no host, bad pin, pin together with insecure,
 *         negative deadline, unknown options version), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_client_new(panos_client **out, const panos_client_options *opts);

/** Free a client, wiping its secrets. Accepts NULL. */
PANOS_EXTERN void panos_client_free(panos_client *c);

/**
 * Count the client's deadline (panos_client_options.deadline_ms) afresh from now, keeping its
 * length: one kept-alive client can then serve a series of commands, each with its own budget.
 */
PANOS_EXTERN void panos_client_restart_deadline(panos_client *c);

/**
 * Detail of the last failed call on @p c. Borrowed: valid until the next call on @p c.
 * After a successful call, code is PANOS_OK.
 */
PANOS_EXTERN const panos_error *panos_client_last_error(const panos_client *c);

/**
 * Use @p key (copied) in the X-PAN-KEY header of every request. NULL clears it.
 * @return PANOS_OK, PANOS_E_INVALID_ARG for a key holding a control character (CR, LF, TAB,
 *         DEL, ...: it would break the header; the old key stays), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_client_set_key(panos_client *c, const char *key);

/**
 * Copy the client's current key (set, or made by panos_keygen) into @p out.
 * Dispose of it with panos_buf_dispose_secret(). PANOS_E_NOT_FOUND if there is none.
 */
PANOS_EXTERN panos_code panos_client_get_key(const panos_client *c, panos_buf *out);

/**
 * Send HTTP basic auth (user:password) on every request instead of a key. The password
 * travels with each request; callers should warn. NULL user clears it.
 */
PANOS_EXTERN panos_code panos_client_set_basic_auth(panos_client *c, const char *user,
                                                    const char *password);

/**
 * Supplies an admin's credentials when the key is refused, so a new key can be made. Fill
 * @p user and @p password (the library wipes and frees them). Return PANOS_OK, or another code
 * (e.g. PANOS_E_AUTH when the user declined) to give up.
 */
typedef panos_code (*panos_credentials_fn)(void *payload, panos_buf *user, panos_buf *password);

/** Told the new key after a renewal, to store it where the old one came from. */
typedef void (*panos_key_store_fn)(void *payload, const char *key);

/**
 * Key lifecycle: when a request with a key fails with PANOS_E_KEY_EXPIRED, PANOS_E_AUTH (403
 * Invalid Credential: password changed, keys expired, master key changed), PAN-OS code 16
 * (unauth) or 22 (session timed out), call @p creds once, make a new key with it (keygen), hand
 * it to @p store, and send the request once more. Never more than one renewal per request, and
 * none for keygen itself. NULL @p creds turns it off (the default).
 */
PANOS_EXTERN void panos_client_set_rekey(panos_client *c, panos_credentials_fn creds,
                                         panos_key_store_fn store, void *payload);

/**
 * Session mode for one-time-password and RADIUS admins: keep the cookies PAN-OS sets (keygen
 * opens a session) in the cookie jar @p path and send them with every request, so a key whose
 * embedded one-time password is spent keeps working until the firewall ends the session.
 * The file is created 0600 if missing; one that group or others can read or write is refused.
 * After each answer that changed the cookies, the whole jar is written to a temporary file in
 * the same directory, synced and renamed over the old one (0600); if that fails the old jar is
 * kept and the request returns PANOS_E_IO (its answer was received).
 * NULL turns sessions off.
 * @return PANOS_OK, PANOS_E_IO (cannot create, or insecure permissions), PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_client_set_session(panos_client *c, const char *path);

/** Panorama: send target=@p serial on requests that Panorama forwards to a managed firewall
 *  (op, config, commit, export, user-id, report, version, log); not on keygen, whose key must
 *  authenticate to Panorama itself. NULL clears it. */
PANOS_EXTERN panos_code panos_client_set_target(panos_client *c, const char *serial);

/** Send vsys=@p vsys on op requests. NULL clears it. */
PANOS_EXTERN panos_code panos_client_set_vsys(panos_client *c, const char *vsys);

/**
 * Accept raw answers (off by default): an HTTP 200 body that is not a PAN-OS <response> (an
 * export's file, a text or HTML page, an XML document of another root; PAN-OS XML API Usage,
 * "Export Files"; `request license fetch` may answer in plain text, pan-os-python PR #157)
 * then comes back from the request as a success whose panos_response_body() holds the bytes as
 * received, panos_response_root() the root element when the body is well-formed XML (NULL
 * otherwise), and no status, message or result. Off, such a body is PANOS_E_PARSE. An empty body and a malformed <response> are
 * PANOS_E_PARSE either way.
 */
PANOS_EXTERN void panos_client_set_raw(panos_client *c, int accept);

/** One request parameter, name=value. */
typedef struct panos_param {
    const char *name;
    const char *value;
} panos_param;

/**
 * Send any request: POST to /api/ with @p params form-encoded in the body; the key (if any)
 * goes in the X-PAN-KEY header, never in the body or URL. target= is added when set and the
 * type allows it. Read-only requests (type=version, config get/show, op whose command starts
 * with <show>, log/report/export status polls) are retried on temporary failures and HTTP
 * 429; others are sent once.
 *
 * @param[out] out the parsed answer, also on PAN-OS errors (status="error"), so the caller
 *             can inspect it; NULL when no answer could be read, and for a "Key Expired"
 *             answer (it quotes the key; it is wiped). Free with panos_response_free().
 * @return PANOS_OK when status="success"; otherwise the class of the failure (AUTH,
 *         KEY_EXPIRED, FORBIDDEN, NOT_FOUND, API, RATE_LIMITED, UNAVAILABLE, TIMEOUT, TLS,
 *         TRANSPORT, HTTP, PARSE, TOO_LARGE), with detail in panos_client_last_error().
 */
PANOS_EXTERN panos_code panos_request(panos_response **out, panos_client *c,
                                      const panos_param *params, size_t nparams);

/**
 * type=keygen by form POST (user and password URL-encoded in the body). On success the new
 * key becomes the client's key (see panos_client_get_key()). Never retried.
 * @return PANOS_OK, PANOS_E_AUTH for bad credentials, or a transport class.
 */
PANOS_EXTERN panos_code panos_keygen(panos_client *c, const char *user, const char *password);

/**
 * type=op with @p cmd_xml (an XML command such as "<show><clock/></show>").
 * @param[out] out the answer; see panos_request().
 */
PANOS_EXTERN panos_code panos_op_run(panos_response **out, panos_client *c, const char *cmd_xml);

/**
 * type=config&action=get: the candidate configuration at @p xpath. A missing node is
 * PANOS_E_NOT_FOUND (PAN-OS answers success with code 7 and an empty result).
 */
PANOS_EXTERN panos_code panos_config_get(panos_response **out, panos_client *c, const char *xpath);

/**
 * type=config&action=show: the running configuration at @p xpath. A missing node is
 * PANOS_E_NOT_FOUND (PAN-OS answers error "No such node").
 */
PANOS_EXTERN panos_code panos_config_show(panos_response **out, panos_client *c,
                                          const char *xpath);

/*
 * type=config writes on the candidate configuration (a commit makes them run). Each is sent
 * once, never retried (a write is not idempotent). Success is PAN-OS code 20. Errors: code 6
 * (bad xpath), 10 (still referenced), 12 (invalid element) are PANOS_E_API; code 7 (nothing at
 * the xpath) is PANOS_E_NOT_FOUND. Every pointer argument must be non-NULL except @p dst.
 */

/** action=set: merge @p element (XML) under @p xpath, creating the path if needed. */
PANOS_EXTERN panos_code panos_config_set(panos_response **out, panos_client *c, const char *xpath,
                                         const char *element);

/** action=edit: replace the node at @p xpath with @p element (its root is the last step). */
PANOS_EXTERN panos_code panos_config_edit(panos_response **out, panos_client *c,
                                          const char *xpath, const char *element);

/** action=override: override a template value at @p xpath with @p element. */
PANOS_EXTERN panos_code panos_config_override(panos_response **out, panos_client *c,
                                              const char *xpath, const char *element);

/** action=delete: remove the node(s) at @p xpath. */
PANOS_EXTERN panos_code panos_config_delete(panos_response **out, panos_client *c,
                                            const char *xpath);

/** action=rename: rename the entry at @p xpath to @p newname. */
PANOS_EXTERN panos_code panos_config_rename(panos_response **out, panos_client *c,
                                            const char *xpath, const char *newname);

/** action=clone: copy the entry at @p from into the container @p xpath as @p newname. */
PANOS_EXTERN panos_code panos_config_clone(panos_response **out, panos_client *c,
                                           const char *xpath, const char *from,
                                           const char *newname);

/**
 * action=move: move the entry at @p xpath; @p where is "top", "bottom", "before" or "after",
 * @p dst the name of the other entry for before/after (NULL for top/bottom).
 */
PANOS_EXTERN panos_code panos_config_move(panos_response **out, panos_client *c,
                                          const char *xpath, const char *where, const char *dst);

/**
 * action=multi-config with strict-transactional=yes: @p element is a
 * <multi-configure-request> of <set>, <edit>, <delete>, <rename>, <clone>, <move> steps (each
 * with xpath= and id= attributes); all are applied or none. A refused batch is PANOS_E_API
 * naming the failed step.
 */
PANOS_EXTERN panos_code panos_config_multi(panos_response **out, panos_client *c,
                                           const char *element);

/** type=version: sw-version, model, serial, multi-vsys. */
PANOS_EXTERN panos_code panos_version_get(panos_response **out, panos_client *c);

#ifdef __cplusplus
}
#endif

#endif
