/* SPDX-License-Identifier: MIT */
/* serverloop.c -- pansim's shared event loop for large fleets, and the slow/hang fault waits. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include "server.h"

/*
 * With --devices N large, a libmicrohttpd daemon per device with its own polling thread (and a
 * thread per connection) costs N threads and more. Here each daemon runs in epoll mode without
 * a thread of its own; a few loop threads each wait on the epoll descriptors of their share of
 * the daemons and run the ones that are ready. A daemon belongs to one loop thread only, so
 * libmicrohttpd sees one caller per daemon, as it requires.
 */
#define LOOP_MAX_THREADS 8

struct loop_thread {
    pthread_t th;
    int ep;
    struct sim_server **srv; /* borrowed: the servers this thread drives */
    size_t n;
    volatile int *stop;
    int started;
};

struct sim_loop {
    struct loop_thread t[LOOP_MAX_THREADS];
    unsigned nth;
    volatile int stop;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *loop_main(void *arg)
{
    struct loop_thread *t = arg;
    struct epoll_event ev[64];
    long long last_all = now_ms();
    while (!*t->stop) {
        int k = epoll_wait(t->ep, ev, 64, 100);
        for (int i = 0; i < k; i++)
            sim_server_run(ev[i].data.ptr);
        /* Connection timeouts are handled by a run; a quiet daemon gets one a second. */
        if (now_ms() - last_all >= 1000) {
            for (size_t i = 0; i < t->n; i++)
                sim_server_run(t->srv[i]);
            last_all = now_ms();
        }
    }
    return NULL;
}

int sim_loop_start(struct sim_loop **out, struct sim_server **srv, size_t n, unsigned nthreads)
{
    *out = NULL;
    struct sim_loop *l = calloc(1, sizeof(*l));
    if (l == NULL)
        return -1;
    l->nth = nthreads < 1 ? 1 : nthreads > LOOP_MAX_THREADS ? LOOP_MAX_THREADS : nthreads;
    for (unsigned k = 0; k < LOOP_MAX_THREADS; k++)
        l->t[k].ep = -1;
    for (unsigned k = 0; k < l->nth; k++) {
        struct loop_thread *t = &l->t[k];
        t->ep = epoll_create1(EPOLL_CLOEXEC);
        t->srv = calloc(n / l->nth + 1, sizeof(*t->srv));
        t->stop = &l->stop;
        if (t->ep < 0 || t->srv == NULL)
            goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        struct loop_thread *t = &l->t[i % l->nth];
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = srv[i]};
        if (epoll_ctl(t->ep, EPOLL_CTL_ADD, sim_server_epoll_fd(srv[i]), &ev) != 0)
            goto fail;
        t->srv[t->n++] = srv[i];
    }
    for (unsigned k = 0; k < l->nth; k++) {
        if (pthread_create(&l->t[k].th, NULL, loop_main, &l->t[k]) != 0)
            goto fail;
        l->t[k].started = 1;
    }
    *out = l;
    return 0;
fail:
    sim_loop_stop(l);
    return -1;
}

void sim_loop_stop(struct sim_loop *l)
{
    if (l == NULL)
        return;
    l->stop = 1;
    for (unsigned k = 0; k < l->nth; k++) {
        if (l->t[k].started)
            pthread_join(l->t[k].th, NULL);
        if (l->t[k].ep >= 0)
            close(l->t[k].ep);
        free(l->t[k].srv);
    }
    free(l);
}

int sim_fault_wait(int fd, long ms, const volatile int *stopping)
{
    long long end = ms < 0 ? -1 : now_ms() + ms;
    while (!*stopping) {
        long long left = end < 0 ? 100 : end - now_ms();
        if (left <= 0)
            return 0;
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, (int)(left < 100 ? left : 100));
        if (r < 0 && errno != EINTR)
            return -1;
        if (r > 0) {
            char c;
            if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
                return -1;
            if (recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0)
                return -1;
            struct timespec ts = {0, 20 * 1000000L}; /* data, not a close: do not spin */
            nanosleep(&ts, NULL);
        }
    }
    return -1;
}
