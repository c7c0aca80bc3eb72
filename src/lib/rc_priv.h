/* SPDX-License-Identifier: MIT */
/* rc_priv.h -- rc.c's helpers for the rest of the library: the private-file check. */
#ifndef PANOS_RC_PRIV_H
#define PANOS_RC_PRIV_H

#include <stddef.h>
#include <panos/error.h>

/*
 * PANOS_OK when the open file @p fd (named @p path in the message) is private to its owner;
 * PANOS_E_IO when group or others have any access (read, write or execute), with one line in
 * @p errbuf that names the access and ends with the chmod command that fixes it.
 */
panos_code panos__file_check_private(int fd, const char *path, char *errbuf, size_t errlen);

#endif
