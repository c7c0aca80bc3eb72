/* SPDX-License-Identifier: MIT */
/* global.c -- one-time initialisation of libcurl and libxml2 for the whole process. */
#include <curl/curl.h>
#include <libxml/parser.h>
#include <panos/common.h>

panos_code panos_global_init(void)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return PANOS_E_FAILED;
    xmlInitParser();
    return PANOS_OK;
}

void panos_global_cleanup(void)
{
    xmlCleanupParser();
    curl_global_cleanup();
}

const char *panos_version_string(void)
{
    return PANOS_VERSION_STRING;
}
