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

/**
 * Initialise libcurl and libxml2. Call once from main() before any thread starts.
 * @return PANOS_OK, or PANOS_E_FAILED if libcurl could not be initialised.
 */
PANOS_EXTERN panos_code panos_global_init(void);

/** Release what panos_global_init() set up. Call once, after every client is freed. */
PANOS_EXTERN void panos_global_cleanup(void);

/** The library version, e.g. "0.1.0" (static string). */
PANOS_EXTERN const char *panos_version_string(void);

#endif
