/* SPDX-License-Identifier: MIT */
/* error.h -- the one list of libpanos error codes and the per-client error detail. */
#ifndef PANOS_ERROR_H
#define PANOS_ERROR_H

/*
 * X(NAME, number, exit-class description). Numbers are stable: never renumber, only append.
 * The CLI's exit status is the number, so INVALID_ARG (usage errors) is 2.
 */
/* clang-format off */
#define PANOS_ERROR_LIST(X)                                                                  \
    X(OK,           0,  "success")                                                           \
    X(FAILED,       1,  "generic failure")                                                   \
    X(INVALID_ARG,  2,  "invalid argument or usage")                                         \
    X(NOMEM,        3,  "out of memory")                                                     \
    X(TRANSPORT,    4,  "network error (cannot connect, connection reset)")                  \
    X(TLS,          5,  "TLS error (certificate not trusted, pin mismatch, handshake)")      \
    X(TIMEOUT,      6,  "timed out")                                                         \
    X(HTTP,         7,  "unexpected HTTP status")                                            \
    X(PARSE,        8,  "malformed response (not the expected XML)")                         \
    X(API,          9,  "PAN-OS returned an error")                                          \
    X(AUTH,         10, "bad credentials (invalid user, password or API key)")               \
    X(TOO_LARGE,    11, "response larger than the configured limit")                         \
    X(JOB_FAILED,   12, "job finished with result FAIL")                                     \
    X(NOT_FOUND,    13, "object or xpath not found")                                         \
    X(KEY_EXPIRED,  14, "API key expired")                                                   \
    X(FORBIDDEN,    15, "not authorised for this request (admin role)")                      \
    X(RATE_LIMITED, 16, "rate limited (HTTP 429)")                                           \
    X(UNAVAILABLE,  17, "temporary failure (HTTP 500/502/503/504, session timed out)")       \
    X(IO,           18, "local file error")
/* clang-format on */

typedef enum panos_code {
#define PANOS__ERR_ENUM(name, num, desc) PANOS_E_##name = num,
    PANOS_ERROR_LIST(PANOS__ERR_ENUM)
#undef PANOS__ERR_ENUM
    PANOS_E__LAST
} panos_code;

#define PANOS_OK PANOS_E_OK

/** Detail of the last failed call on a client. */
typedef struct panos_error {
    panos_code code;        /**< classification, always set */
    long http_status;       /**< 0 if no HTTP response was received */
    int api_code;           /**< PAN-OS code= attribute, -1 if absent */
    const char *api_status; /**< "error", "unauth", or NULL */
    const char *message;    /**< one line, secrets removed; never NULL (may be "") */
} panos_error;

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Description of a code, e.g. "API key expired". Static string; unknown codes give "unknown". */
PANOS_EXTERN const char *panos_strerror(panos_code code);

/** Symbolic name of a code without prefix, e.g. "KEY_EXPIRED". Static string. */
PANOS_EXTERN const char *panos_code_name(panos_code code);

#ifdef __cplusplus
}
#endif

#endif
