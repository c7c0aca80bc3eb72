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
    FILE *conn_log;           /* --conn-log: "connection N" per TCP connection, or NULL */
    struct sim_device *dev;   /* stateful mode */
    struct sim_panorama *pano; /* --panorama: answers instead of dev */
    struct sim_script *script; /* scripted mode (the dev is then unused) */
    struct sim_inject *inject; /* --inject: replies that stand in for chosen requests, or NULL */
    long device_index;         /* this server's device, from 1 (--inject's device=) */
    int verbose;              /* trace each request on stderr */
    /* Faults (--fault): every request waits delay_ms before its answer, or (hang) until the
     * client gives up; fail answers every request but keygen HTTP 500. */
    long delay_ms;
    int hang, fail;
    /* No thread of its own: a sim_loop drives the server (the large fleets of --devices).
     * Not with delay_ms or hang, whose waits would stall the loop. */
    int shared_loop;
};

struct sim_server;

/* Start listening. Returns 0, or -1 with a one-line reason in @p err. */
int sim_server_start(struct sim_server **out, const struct sim_server_options *opts, char *err,
                     size_t errlen);

/* The port bound (useful with port 0). */
unsigned int sim_server_port(const struct sim_server *s);

/* Stop accepting, finish the requests in progress and free the server. */
void sim_server_stop(struct sim_server *s);

/* The epoll descriptor of a shared_loop server, and one run of it (accept, read, answer). */
int sim_server_epoll_fd(const struct sim_server *s);
void sim_server_run(struct sim_server *s);

/* The loop threads (serverloop.c): @p nthreads threads drive @p n shared_loop servers. Returns 0
 * or -1. Stop the loop before stopping its servers. */
struct sim_loop;
int sim_loop_start(struct sim_loop **out, struct sim_server **srv, size_t n, unsigned nthreads);
void sim_loop_stop(struct sim_loop *l);

/* Wait @p ms milliseconds (-1: for ever) or until the client on socket @p fd closes it or
 * *@p stopping is set. Returns 0 when the time is up, -1 when the client is gone or the server
 * stops (drop the request). */
int sim_fault_wait(int fd, long ms, const volatile int *stopping);

#endif
