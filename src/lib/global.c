/* SPDX-License-Identifier: MIT */
/* global.c -- one-time set-up of libcurl (via transport.c) and libxml2 for the whole process. */
#include <stdio.h>
#include <stdlib.h>
#include <libxml/parser.h>
#include <libxml/xmlversion.h>
#include <panos/common.h>
#include "contract.h"
#include "transport.h"
#ifdef PANOS_TORTURE
#include "torture.h"
#endif

panos_code panos_global_init(void)
{
#ifdef PANOS_TORTURE
    panos__torture_hook_libs();
#endif
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

/* libxml2's xmlParserVersion is the running library's version as one number, "20914". */
void panos_version_deps(char *buf, size_t buflen)
{
    PANOS_ASSERT(buf != NULL);
    if (buflen == 0)
        return;
    char curl[160];
    panos__transport_versions(curl, sizeof(curl));
    long v = strtol(xmlParserVersion, NULL, 10);
    snprintf(buf, buflen, "%s libxml2/%ld.%ld.%ld", curl, v / 10000, v / 100 % 100, v % 100);
}
