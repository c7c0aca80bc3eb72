/* SPDX-License-Identifier: MIT */
/* simmacvendor.c -- pansim's stand-in for the macvendors.com lookup (GET /macvendors/MAC), so
 * that panctl investigate --online-vendor is tested on loopback: 200 text, 404 and 429 JSON. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "sim.h"

/* The assignments the stand-in knows (IEEE registries as Debian's ieee-data 20220827 has them);
 * any other MAC is not found. */
static const char *const known[][2] = {
    {"00:00:5e", "ICANN, IANA Department"},
    {"3c:07:54", "Apple, Inc."},
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long long last_ms = -1000000;

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The free tier: one request a second; a faster one is 429 with macvendors.com's JSON body. */
static int too_fast(void)
{
    pthread_mutex_lock(&lock);
    long long now = now_ms();
    int fast = now - last_ms < 1000;
    last_ms = now;
    pthread_mutex_unlock(&lock);
    return fast;
}

void sim_macvendor_reply(const struct sim_request *req, struct sim_reply *out)
{
    const char *mac = req->path + strlen(SIM_MACVENDOR_PATH);
    out->content_type = "application/json";
    if (too_fast()) {
        sim_reply_set(out, 429,
                      "{\"errors\":{\"detail\":\"Too Many Requests\",\"message\":\"Please slow "
                      "down your requests or upgrade your plan at https://macvendors.com\"}}");
        return;
    }
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strlen(mac) == 17 && strncasecmp(mac, known[i][0], 8) == 0) {
            sim_reply_set(out, 200, known[i][1]);
            out->content_type = "text/plain; charset=utf-8";
            return;
        }
    }
    sim_reply_set(out, 404, "{\"errors\":{\"detail\":\"Not Found\"}}");
}
