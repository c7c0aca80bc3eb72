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

void panos_global_cleanup(void)
{
    xmlCleanupParser();
    panos__transport_global_cleanup();
}

const char *panos_version_string(void)
{
    return PANOS_VERSION_STRING;
}
