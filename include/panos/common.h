/* SPDX-License-Identifier: MIT */
/* common.h -- export macro, library lifecycle and version of libpanos. */
#ifndef PANOS_COMMON_H
#define PANOS_COMMON_H

#if defined(__GNUC__)
#define PANOS_EXTERN __attribute__((visibility("default")))
#else
#define PANOS_EXTERN
#endif

#include <stddef.h>
#include <panos/version.h> /* generated: PANOS_VERSION_MAJOR, _MINOR, _PATCH, _NUM, _STRING */
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions every public function follows (docs/man/libpanos.3, NULL ARGUMENTS and ERRORS):
 *  - A required pointer (a handle, an options struct, an out-parameter, a name to look up)
 *    that is NULL is a programming error: the library writes one line on stderr and aborts
 *    (PANOS_ASSERT). Free functions, the node walker and arguments documented as optional
 *    take NULL. NULL in outside data (user, password, path, command) is PANOS_E_INVALID_ARG.
 *  - Errors are a panos_code. Detail lives with the handle (panos_client_last_error(),
 *    panos_logparser_error()); calls without a handle take an optional (errbuf, errlen),
 *    emptied on entry and holding one line after a failure.
 */

/**
 * Initialise libcurl and libxml2. Call once from main() before any thread starts.
 * @return PANOS_OK, or PANOS_E_FAILED if libcurl could not be initialised.
 * Not thread-safe (it initialises libcurl's and libxml2's globals).
 */
PANOS_EXTERN panos_code panos_global_init(void);

/**
 * Release what panos_global_init() set up in libcurl. Call once, after every client is freed;
 * not thread-safe. It does not call xmlCleanupParser(): libxml2 keeps one state for the whole
 * process, and tearing it down behind a host program (or another library) that still uses
 * libxml2 would break it. A program that wants libxml2's memory back calls xmlCleanupParser()
 * itself, at its very end.
 */
PANOS_EXTERN void panos_global_cleanup(void);

/** The version of the library running, e.g. "0.1.0" (static string; PANOS_VERSION_STRING is
 *  that of the headers compiled against). Thread-safe. */
PANOS_EXTERN const char *panos_version_string(void);

/**
 * The version of the library running, as numbers. Each out-parameter may be NULL when not
 * wanted. A program can compare them with PANOS_VERSION_MAJOR etc. (the headers it was
 * compiled with) to refuse a library older than it needs. Thread-safe.
 */
PANOS_EXTERN void panos_version(int *major, int *minor, int *patch);

/**
 * The libraries libpanos runs with, one line in the style of curl_version():
 * "libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 libxml2/2.9.14" (libcurl's TLS library and zlib
 * as libcurl reports them). Written to @p buf, truncated to @p buflen - 1 bytes and always
 * terminated when @p buflen > 0. Thread-safe after panos_global_init().
 */
PANOS_EXTERN void panos_version_deps(char *buf, size_t buflen);

#ifdef __cplusplus
}
#endif

#endif
