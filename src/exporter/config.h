/* SPDX-License-Identifier: MIT */
/* config.h -- the exporter's INI configuration: [global], [defaults], [target N], [module N]. */
#ifndef EXP_CONFIG_H
#define EXP_CONFIG_H

#include <stddef.h>

/* How to reach and trust one firewall; NULL / -1 means "not set here" (defaults apply). */
struct exp_auth {
    char *host; /* HOST, HOST:PORT, [v6]:PORT (targets only) */
    char *key_file;
    char *panrc_tag;
    char *user;
    char *password_file;
    char *api_key_env;
    char *ca_file;
    char *pin;
    int insecure;   /* -1 unset */
    int http;       /* -1 unset */
    long timeout_s; /* -1 unset */
};

struct exp_target {
    char *name;
    struct exp_auth a; /* merged with [defaults] after loading */
};

struct exp_module {
    char *name;
    unsigned collectors;
};

struct exp_config {
    long max_inflight_per_target; /* 1..5, default 2 */
    long max_inflight;            /* default 256 */
    long slow_refresh_s;          /* default 300 */
    int allow_unlisted;
    struct exp_auth defaults;
    struct exp_target *targets;
    size_t ntargets;
    struct exp_module *modules; /* "default" is always there */
    size_t nmodules;
    struct exp_config *next_old; /* engine.c: configurations replaced by a reload */
};

/* Load @p path. Refused: a file group or others can read or write, unknown sections and keys,
 * bad values (errors name file:line). 0, or -1 with one line in @p err. */
int exp_config_load(struct exp_config *out, const char *path, char *err, size_t errlen);
void exp_config_free(struct exp_config *c);

const struct exp_target *exp_config_target(const struct exp_config *c, const char *name);
const struct exp_module *exp_config_module(const struct exp_config *c, const char *name);

/* @p a with its unset settings taken from @p d, by group: key source (key-file, panrc-tag,
 * api-key-env), trust (ca-file, pin, insecure), credentials (user, password-file); strings
 * are borrowed from both. */
void exp_auth_merge(struct exp_auth *a, const struct exp_auth *d);

#endif
