/* SPDX-License-Identifier: MIT */
/* logparse_priv.h -- internal: why the log parser failed, for the client's error detail. */
#ifndef PANOS_LOGPARSE_PRIV_H
#define PANOS_LOGPARSE_PRIV_H

#include <panos/log.h>

/* One line: the limit passed and the option raising it (PANOS_E_TOO_LARGE), the refused DTD or
 * libxml2's first error (PANOS_E_PARSE); "" if none. Borrowed until @p p is freed. */
const char *panos__logparser_error(const panos_logparser *p);

#endif
