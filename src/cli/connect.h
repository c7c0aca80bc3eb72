/* SPDX-License-Identifier: MIT */
/* connect.h -- making the client: host, trust, session, key, and renewing a refused key. */
#ifndef PANCTL_CONNECT_H
#define PANCTL_CONNECT_H

#include <stddef.h>
#include <panos/panos.h>

struct cli_ctx;

/*
 * Make ctx->client for the firewall the options name (host, port, scheme, trust, timeout,
 * target, vsys) and, when @p need_key, give it the key (key file, --key, PANCTL_API_KEY or the
 * .panrc). Prints the error and returns its exit status on failure, 0 on success (and at once
 * when ctx->client is already made).
 */
int cli_connect(struct cli_ctx *ctx, int need_key);

/*
 * A second client for the firewall ctx->client talks to (after cli_connect() succeeded), for
 * a command that runs requests side by side: the same host, port, trust, timeouts, target and
 * vsys, and a copy of ctx->client's current key. No session cookies and no key renewal (a
 * renewal would race the first client's): a key refused on it fails its request. With
 * --auth basic there is no key to copy: 0 with *@p out NULL. Otherwise 0 with *@p out set (free
 * it with panos_client_free()), or the exit status with the error printed.
 */
int cli_connect_clone(struct cli_ctx *ctx, panos_client **out);

/* Write @p key (@p len bytes) and a newline to @p path atomically, mode 0600; the copy made
 * for it is wiped. Returns PANOS_OK, PANOS_E_NOMEM, or PANOS_E_IO with @p err set. */
panos_code cli_key_write(const char *path, const char *key, size_t len, char *err,
                         size_t errlen);

#endif
