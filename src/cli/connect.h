/* SPDX-License-Identifier: MIT */
/* connect.h -- making the client: host, trust, session, key, and renewing a refused key. */
#ifndef PANCTL_CONNECT_H
#define PANCTL_CONNECT_H

struct cli_ctx;

/*
 * Make ctx->client for the firewall the options name (host, port, scheme, trust, timeout,
 * target, vsys) and, when @p need_key, give it the key (key file, --key, PANCTL_API_KEY or the
 * .panrc). Prints the error and returns its exit status on failure, 0 on success (and at once
 * when ctx->client is already made).
 */
int cli_connect(struct cli_ctx *ctx, int need_key);

#endif
