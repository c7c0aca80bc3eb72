/* SPDX-License-Identifier: MIT */
/* host.h -- reading the host a user names: HOST, [IPv6], HOST:PORT, URL; same host; loopback. */
#ifndef PANCTL_HOST_H
#define PANCTL_HOST_H

#include <stddef.h>

/*
 * Split HOST, [IPv6], HOST:PORT, [IPv6]:PORT or http(s)://HOST[:PORT][/...]: @p host gets the
 * host (brackets kept), *@p port the port when one is given, *@p use_http the URL's scheme.
 * Returns 0, or -1 when it cannot be read.
 */
int cli_parse_host(const char *arg, char *host, size_t hostlen, unsigned int *port,
                   int *use_http);

/* Whether @p a and @p b name the same host (case aside; a port or scheme in either is not
 * compared: the port has its own rules). */
int cli_same_host(const char *a, const char *b);

/*
 * Whether plain HTTP to @p host stays on this machine, decided by address: a numeric IPv4 in
 * 127.0.0.0/8, ::1 (brackets allowed), or the name localhost. Any other name counts as remote
 * (127.evil.example is a name, not an address).
 */
int cli_is_loopback(const char *host);

#endif
