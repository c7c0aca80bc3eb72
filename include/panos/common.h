/* SPDX-License-Identifier: MIT */
/* common.h -- export macro, library lifecycle and version of libpanos. */
#ifndef PANOS_COMMON_H
#define PANOS_COMMON_H

#if defined(__GNUC__)
#define PANOS_EXTERN __attribute__((visibility("default")))
#else
#define PANOS_EXTERN
#endif

#define PANOS_VERSION_STRING "0.1.0"

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

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

/** The library version, e.g. "0.1.0" (static string). Thread-safe. */
PANOS_EXTERN const char *panos_version_string(void);

#ifdef __cplusplus
}
#endif

#endif
