/* SPDX-License-Identifier: MIT */
/* server.h -- pansim's HTTP(S) front: decode /api/ requests, log them, answer from device or script. */
#ifndef PANSIM_SERVER_H
#define PANSIM_SERVER_H

#include <stdio.h>
#include "sim.h"

struct sim_script;

struct sim_server_options {
    const char *bind;         /* "127.0.0.1" or "::1" */
    unsigned int port;        /* 0: an ephemeral port */
    const char *cert_pem;     /* HTTPS when set, with key_pem */
    const char *key_pem;
    FILE *log;                /* request log (one line per request), or NULL */
    struct sim_device *dev;   /* stateful mode */
    struct sim_script *script; /* scripted mode (the dev is then unused) */
    int verbose;              /* trace each request on stderr */
};

struct sim_server;

/* Start listening. Returns 0, or -1 with a one-line reason in @p err. */
int sim_server_start(struct sim_server **out, const struct sim_server_options *opts, char *err,
                     size_t errlen);

/* The port bound (useful with port 0). */
unsigned int sim_server_port(const struct sim_server *s);

/* Stop accepting, finish the requests in progress and free the server. */
void sim_server_stop(struct sim_server *s);

#endif
