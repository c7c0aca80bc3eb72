/* SPDX-License-Identifier: MIT */
/* prisma.h -- a Prisma Cloud client: login and token upkeep, assets and vulnerabilities paged. */
#ifndef PANOS_PRISMA_H
#define PANOS_PRISMA_H

#include <stddef.h>
#include "common.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A Prisma Cloud session: the API URL, the access key and the JWT. Opaque. */
typedef struct panos_prisma panos_prisma;

/*
 * Options of panos_prisma_new(). Strings are copied by the call. Version rules as for
 * panos_client_options: members are only appended, each addition bumps the version, and
 * panos_prisma_new() reads only the members the caller's version has (version 1 ends at
 * progress_payload; version 2 adds deadline_ms and max_response_bytes).
 */
typedef struct panos_prisma_options {
    unsigned int version;      /**< PANOS_PRISMA_OPTIONS_VERSION */
    const char *url;           /**< API or console URL (https://api.prismacloud.io, app2..., ...) */
    const char *access_key_id; /**< the access key ID (sent as "username") */
    const char *secret_key;    /**< the secret key (sent as "password"; wiped when freed) */
    long timeout_ms;           /**< per request; 0: 60 s */
    long refresh_after_s;      /**< extend the JWT once it is this old; 0: 480 s */
    int max_retries;           /**< tries after a 429/5xx; 0: 6 (negative: none) */
    long max_backoff_s;        /**< cap of one wait; 0: 30 s */
    const char *ca_file;       /**< extra CA bundle, or NULL */
    int insecure;              /**< skip TLS verification (tests only) */
    /** Called with one line when the client waits (rate limit, retry); may be NULL. */
    void (*progress)(const char *line, void *payload);
    void *progress_payload;
    long deadline_ms; /**< (version 2) overall budget of everything the session does, counted
                           from panos_prisma_new(): no request, retry wait, Retry-After sleep,
                           token extension or page goes past it (PANOS_E_TIMEOUT); 0: none */
    size_t max_response_bytes; /**< (version 2) cap on one answer (PANOS_E_TOO_LARGE); 0: 64 MiB */
} panos_prisma_options;

#define PANOS_PRISMA_OPTIONS_VERSION 2
/* clang-format off */
#define PANOS_PRISMA_OPTIONS_INIT \
    {PANOS_PRISMA_OPTIONS_VERSION, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL, 0, 0}
/* clang-format on */

/** Fill @p opts with the defaults of PANOS_PRISMA_OPTIONS_INIT. */
PANOS_EXTERN void panos_prisma_options_init(panos_prisma_options *opts);

/** One network interface of an asset. Borrowed. */
typedef struct panos_prisma_nic {
    const char *id;         /**< e.g. eni-0123...; may be NULL */
    const char *private_ip; /**< may be NULL */
    const char *public_ip;  /**< may be NULL */
} panos_prisma_nic;

/**
 * One asset (a row of config search on aws-ec2-describe-instances). Everything is borrowed
 * and valid during the callback only. Absent values are NULL.
 */
typedef struct panos_prisma_asset {
    const char *id, *name, *cloud, *account, *region, *resource_type;
    const char *os;         /**< data.platformDetails, else data.platform */
    const char *public_dns; /**< data.publicDnsName (empty string counts as absent) */
    const char *risk_grade; /**< riskGrade (A, B, C, F): the criticality */
    const panos_prisma_nic *nics;
    size_t nnics;
    const char *const *private_ips; /**< every private address, the primary one first */
    size_t nprivate;
    const char *const *public_ips;
    size_t npublic;
    int internet_exposed; /**< 1 when a public address is attached, else 0 */
    int deleted;          /**< the row's "deleted" flag */
} panos_prisma_asset;

/** One vulnerability finding (Compute host scan, one vulnerabilities[] element). Borrowed. */
typedef struct panos_prisma_vuln {
    const char *asset_id; /**< cloudMetadata.resourceID, else the host name */
    const char *hostname;
    const char *cve;
    double cvss; /**< -1 when absent */
    const char *severity;
    const char *package, *package_version;
    const char *fix_status; /**< "status": "fixed in 1.2", "open", ... */
    long long fix_date;     /**< Unix seconds; 0 unknown */
    const char *first_seen; /**< "discovered" (RFC 3339); NULL when unknown or the Go zero time */
} panos_prisma_vuln;

/**
 * Make a session. Nothing is sent; the deadline (deadline_ms) starts now. @return PANOS_OK,
 * PANOS_E_INVALID_ARG (no URL or key, negative deadline, unknown options version),
 * PANOS_E_NOMEM.
 */
PANOS_EXTERN panos_code panos_prisma_new(panos_prisma **out, const panos_prisma_options *opts);

/** Free a session, wiping the secret and the JWT. Accepts NULL. */
PANOS_EXTERN void panos_prisma_free(panos_prisma *p);

/**
 * POST /login. @return PANOS_OK, PANOS_E_AUTH (keys refused), PANOS_E_NOT_FOUND (not a Prisma
 * Cloud API at that URL), PANOS_E_FORBIDDEN, PANOS_E_RATE_LIMITED, PANOS_E_UNAVAILABLE,
 * PANOS_E_TRANSPORT, PANOS_E_TLS, PANOS_E_TIMEOUT (a request timed out, or the deadline came
 * or would come before the next retry), PANOS_E_TOO_LARGE, PANOS_E_PARSE (a JSON answer that
 * does not parse).
 */
PANOS_EXTERN panos_code panos_prisma_login(panos_prisma *p);

/** Detail of the last failure on @p p (valid until the next call on @p p). */
PANOS_EXTERN const panos_error *panos_prisma_last_error(const panos_prisma *p);

/** The number of logins, token extensions and retries so far (for diagnostics and tests). */
PANOS_EXTERN void panos_prisma_counters(const panos_prisma *p, long *logins, long *extends,
                                        long *retries);

/**
 * Called once per page with its rows and the cursor of the next page (NULL after the last).
 * Return 0 to go on, non-zero to stop (the paging call then returns PANOS_OK).
 */
typedef int (*panos_prisma_asset_fn)(void *payload, const panos_prisma_asset *rows, size_t n,
                                     const char *next_token);

/**
 * Every EC2 instance (RQL config search), page by page until a page without rows or without
 * a next token; a token repeated is a PANOS_E_PARSE error. @p resume_token NULL starts at the
 * beginning, else continues from a next_token an earlier run handed over. Logs in if needed.
 * @return as panos_prisma_login().
 */
PANOS_EXTERN panos_code panos_prisma_assets(panos_prisma *p, const char *resume_token,
                                            size_t page_size, panos_prisma_asset_fn fn,
                                            void *payload);

/** As panos_prisma_asset_fn for findings; next_offset is -1 after the last page. */
typedef int (*panos_prisma_vuln_fn)(void *payload, const panos_prisma_vuln *rows, size_t n,
                                    long next_offset);

/**
 * Every finding of every host of Compute (GET /meta_info for the console, then
 * /api/v1/hosts, 50 hosts a page from @p offset) until offset reaches Total-Count or a short
 * page. @return as panos_prisma_assets().
 */
PANOS_EXTERN panos_code panos_prisma_vulns(panos_prisma *p, long offset, panos_prisma_vuln_fn fn,
                                           void *payload);

#ifdef __cplusplus
}
#endif

#endif
