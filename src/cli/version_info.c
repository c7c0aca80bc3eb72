/* SPDX-License-Identifier: MIT */
/* version_info.c -- panctl --version: panctl's version and commit, and the libraries it uses. */
#include <stdio.h>
#include <jansson.h>
#include "cli.h"
#include "describe.h" /* generated: PANCTL_GIT_DESCRIBE, "" outside a git checkout */

/*
 * Two lines, as curl --version: "panctl 0.1.0 (git v0.1.0-12-gabc1234)" and the versions of
 * the libraries running, libpanos's first ("libpanos 0.1.0 libcurl/7.88.1 OpenSSL/3.0.15
 * zlib/1.2.13 libxml2/2.9.14 jansson/2.14"). Returns 0, or 1 when stdout cannot be written.
 */
int cli_print_version(FILE *f)
{
    char deps[256];
    panos_version_deps(deps, sizeof(deps));
    if (PANCTL_GIT_DESCRIBE[0] != '\0')
        fprintf(f, "panctl %s (git %s)\n", PANOS_VERSION_STRING, PANCTL_GIT_DESCRIBE);
    else
        fprintf(f, "panctl %s\n", PANOS_VERSION_STRING);
    fprintf(f, "libpanos %s %s jansson/%s\n", panos_version_string(), deps, jansson_version_str());
    return fflush(f) == 0 && !ferror(f) ? 0 : 1;
}
