/* SPDX-License-Identifier: MIT */
/* http.h -- the HTTP server (libmicrohttpd): /, /metrics and /probe. */
#ifndef EXP_HTTP_H
#define EXP_HTTP_H

#include "engine.h"

struct exp_http;

/* Listen on @p listen ("ADDR:PORT", ":PORT", "[v6]:PORT"); the bound port in *port.
 * 0, or -1 with @p err. */
int exp_http_start(struct exp_http **out, struct exp_engine *e, const char *listen, unsigned *port,
                   char *err, size_t errlen);
void exp_http_stop(struct exp_http *h);

#endif
