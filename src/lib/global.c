/* SPDX-License-Identifier: MIT */
/* global.c -- one-time set-up of libcurl (via transport.c) and libxml2 for the whole process. */
#include <libxml/parser.h>
#include <panos/common.h>
#include "transport.h"

panos_code panos_global_init(void)
{
    if (panos__transport_global_init() != PANOS_OK)
        return PANOS_E_FAILED;
    xmlInitParser();
    return PANOS_OK;
}

/*
 * libcurl counts its init and cleanup calls, so curl_global_cleanup() here only undoes our
 * own curl_global_init(). libxml2 does not count: xmlCleanupParser() would tear down the
 * parser of the whole process, under a host program (or another library) that still uses
 * libxml2, and libxml2's own documentation says to call it only at the very end of a program.
 * So libxml2 is left initialised; a program that wants the last bytes back calls
 * xmlCleanupParser() itself after its last use of libxml2 (docs/man/libpanos.3).
 */
void panos_global_cleanup(void)
{
    panos__transport_global_cleanup();
}

const char *panos_version_string(void)
{
    return PANOS_VERSION_STRING;
}

void panos_version(int *major, int *minor, int *patch)
{
    if (major != NULL)
        *major = PANOS_VERSION_MAJOR;
    if (minor != NULL)
        *minor = PANOS_VERSION_MINOR;
    if (patch != NULL)
        *patch = PANOS_VERSION_PATCH;
}
