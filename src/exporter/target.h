/* SPDX-License-Identifier: MIT */
/* target.h -- per-firewall state kept between probes: client, key, slow cache, counters. */
#ifndef EXP_TARGET_H
#define EXP_TARGET_H

#include <panos/client.h>
#include "collect.h"
#include "config.h"
#include "metrics.h"

#define EXP_MAX_CMDS 24
#define EXP_NREASONS 8

struct exp_probe;

struct exp_tstate {
    struct exp_tstate *next;
    char *name;
    panos_client *client; /* keep-alive connections live in the engine's multi handle */
    int have_key;
    char *user;      /* for renewal; NULL without credentials */
    char *password;  /* wiped when freed */
    char error[512]; /* why the target cannot be polled at all (config), "" when it can */
    long timeout_ms;
    int stale; /* the config changed: rebuild once idle */
    int busy;  /* requests in flight */
    /* key renewal: at most one keygen at a time; probes wait for it */
    int keygen_busy;
    struct exp_probe *waiters;
    double regenerations;
    double key_expiry; /* epoch seconds when the key says (default master key), else 0 */
    int key_expiry_lost; /* out of memory decoding the key: its expiry is not known */
    /* slow tier */
    int slow_busy;
    double slow_at; /* monotonic seconds of the last completed refresh, 0 never */
    struct exp_metrics slow[EXP_MAX_CMDS];
    struct exp_metrics slow_next[EXP_MAX_CMDS];
    double slow_dur[EXP_MAX_CMDS];
    int slow_ok[EXP_MAX_CMDS]; /* -1 never ran */
    /* panos_command_errors_total{command,reason} */
    double errors[EXP_MAX_CMDS][EXP_NREASONS];
};

/* The reason label of a failure class (bounded set). */
const char *exp_reason_name(int r);
int exp_reason_of(int code, int api_code);

/* A new state for target @p name with its merged settings @p a. Problems that prevent polling
 * (unreadable key file, bad host) are kept in ->error, not returned: the probe reports them.
 * NULL only when out of memory (then nothing is kept: the next probe tries again). */
struct exp_tstate *exp_tstate_new(const char *name, const struct exp_auth *a);
void exp_tstate_free(struct exp_tstate *t);

/* Give @p t's client the key @p key and note when it expires, when the key says so (a PAN-OS
 * 9.0+ key made with the default master key carries its expiry). 1 when the client took it, 0 when
 * it refused it, -1 when out of memory. */
int exp_target_set_key(struct exp_tstate *t, const char *key);

/* When the key's expiry was lost to memory (logged as an error), decode the client's key again. */
void exp_target_retry_expiry(struct exp_tstate *t);

#endif
