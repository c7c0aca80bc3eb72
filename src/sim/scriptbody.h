/* SPDX-License-Identifier: MIT */
/* scriptbody.h -- the libmicrohttpd response for a scripted reply's body (fill, truncate, drip). */
#ifndef PANSIM_SCRIPTBODY_H
#define PANSIM_SCRIPTBODY_H

#include <microhttpd.h>
#include "script.h"

/*
 * A response carrying @p r's body: r->fill blanks first, then the body; with truncate= only
 * that many body bytes and then the connection closes (the Content-Length still announces
 * all of it); with drip-ms= one byte per interval, giving up when *@p stopping is set.
 * NULL when out of memory. The caller adds the headers, queues and destroys it.
 */
struct MHD_Response *sim_script_response(const struct sim_script_reply *r,
                                         const volatile int *stopping);

#endif
