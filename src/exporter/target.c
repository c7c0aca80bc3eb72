/* SPDX-License-Identifier: MIT */
/* target.c -- build a target's client from its settings: host, trust, key or credentials. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include <panos/error.h>
#include <panos/rc.h>
#include "target.h"

static const char *const reasons[EXP_NREASONS] = {"timeout", "tls", "transport", "http",
                                                  "auth",    "api", "parse",     "other"};

const char *exp_reason_name(int r)
{
    return reasons[r];
}

int exp_reason_of(int code, int api_code)
{
    switch (code) {
    case PANOS_E_TIMEOUT:
        return 0;
    case PANOS_E_TLS:
        return 1;
    case PANOS_E_TRANSPORT:
        return 2;
    case PANOS_E_HTTP:
    case PANOS_E_UNAVAILABLE:
    case PANOS_E_RATE_LIMITED:
        return 3;
    case PANOS_E_AUTH:
    case PANOS_E_KEY_EXPIRED:
    case PANOS_E_FORBIDDEN:
        return 4;
    case PANOS_E_PARSE:
        return 6;
    default:
        return code == PANOS_E_API || api_code >= 0 ? 5 : 7;
    }
}

/* HOST, HOST:PORT, [v6]:PORT, v6 -> host and port (0 when absent). */
static int split_host(const char *s, char *host, size_t len, unsigned *port)
{
    *port = 0;
    const char *colon = NULL;
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (end == NULL)
            return -1;
        snprintf(host, len, "%.*s", (int)(end - s - 1), s + 1);
        colon = end[1] == ':' ? end + 1 : NULL;
        if (end[1] != '\0' && colon == NULL)
            return -1;
    } else {
        colon = strchr(s, ':');
        if (colon && strchr(colon + 1, ':'))
            colon = NULL; /* a bare IPv6 literal */
        snprintf(host, len, "%.*s", colon ? (int)(colon - s) : (int)strlen(s), s);
    }
    if (colon) {
        char *end;
        unsigned long p = strtoul(colon + 1, &end, 10);
        if (*end || p == 0 || p > 65535)
            return -1;
        *port = (unsigned)p;
    }
    return host[0] ? 0 : -1;
}

static int is_loopback(const char *h)
{
    return strncmp(h, "127.", 4) == 0 || strcmp(h, "::1") == 0 || strcmp(h, "localhost") == 0;
}

int exp_target_set_key(struct exp_tstate *t, const char *key)
{
    if (panos_client_set_key(t->client, key) != PANOS_OK)
        return 0;
    panos_apikey_info info;
    t->key_expiry = 0;
    if (panos_apikey_decode(&info, key, NULL) == PANOS_OK && info.opened &&
        info.layout == PANOS_APIKEY_LAYOUT_V90 && info.expiry_ms > 0)
        t->key_expiry = (double)info.expiry_ms / 1000;
    panos_apikey_info_clear(&info);
    return 1;
}

/* The key: key-file, api-key-env, panrc-tag; or credentials for keygen. */
static void load_key(struct exp_tstate *t, const struct exp_auth *a)
{
    char err[200] = "";
    panos_buf b = {NULL, 0};
    if (a->key_file && a->key_file[0]) { /* "key-file =" means none */
        if (panos_secret_read_file(&b, a->key_file, err, sizeof(err)) != PANOS_OK) {
            snprintf(t->error, sizeof(t->error), "key-file: %s", err);
            return;
        }
        t->have_key = exp_target_set_key(t, b.ptr);
        panos_buf_dispose_secret(&b);
    } else if (a->api_key_env && a->api_key_env[0]) {
        const char *k = getenv(a->api_key_env);
        if (k && *k)
            t->have_key = exp_target_set_key(t, k);
        else
            snprintf(t->error, sizeof(t->error), "api-key-env: %s is not set", a->api_key_env);
    } else if (a->panrc_tag && a->panrc_tag[0]) {
        panos_rc *rc = NULL;
        const char *path = getenv("PANRC");
        if (panos_rc_load(&rc, path, a->panrc_tag, err, sizeof(err)) == PANOS_OK &&
            panos_rc_get(rc, "api_key"))
            t->have_key = exp_target_set_key(t, panos_rc_get(rc, "api_key"));
        else
            snprintf(t->error, sizeof(t->error), "panrc-tag %s: %s", a->panrc_tag,
                     err[0] ? err : "no api_key");
        panos_rc_free(rc);
    }
    if (a->user && a->password_file && !t->error[0]) {
        if (panos_secret_read_file(&b, a->password_file, err, sizeof(err)) != PANOS_OK) {
            snprintf(t->error, sizeof(t->error), "password-file: %s", err);
            return;
        }
        t->user = strdup(a->user);
        t->password = strdup(b.ptr ? b.ptr : "");
        panos_buf_dispose_secret(&b);
    }
}

struct exp_tstate *exp_tstate_new(const char *name, const struct exp_auth *a)
{
    struct exp_tstate *t = calloc(1, sizeof(*t));
    if (t == NULL || (t->name = strdup(name)) == NULL) {
        free(t);
        return NULL;
    }
    for (int i = 0; i < EXP_MAX_CMDS; i++)
        t->slow_ok[i] = -1;
    t->timeout_ms = a->timeout_s * 1000;
    char host[256];
    panos_client_options o = PANOS_CLIENT_OPTIONS_INIT;
    if (split_host(a->host, host, sizeof(host), &o.port) != 0) {
        snprintf(t->error, sizeof(t->error), "bad host '%s'", a->host);
        return t;
    }
    if (a->http > 0 && !is_loopback(host)) {
        snprintf(t->error, sizeof(t->error), "http = yes is allowed only to loopback");
        return t;
    }
    o.host = host;
    o.use_http = a->http > 0;
    o.pin_sha256 = a->pin;
    o.ca_file = a->pin ? NULL : a->ca_file;
    o.insecure = !a->pin && !a->ca_file && a->insecure > 0;
    o.timeout_ms = t->timeout_ms;
    o.max_retries = 0;
    if (panos_client_new(&t->client, &o) != PANOS_OK) {
        snprintf(t->error, sizeof(t->error), "cannot make a client (bad pin?)");
        return t;
    }
    load_key(t, a);
    if (!t->error[0] && !t->have_key && t->user == NULL)
        snprintf(t->error, sizeof(t->error),
                 "no key and no credentials (key-file, api-key-env, panrc-tag or user + "
                 "password-file)");
    return t;
}

void exp_tstate_free(struct exp_tstate *t)
{
    if (t == NULL)
        return;
    for (int i = 0; i < EXP_MAX_CMDS; i++) {
        exp_metrics_clear(&t->slow[i]);
        exp_metrics_clear(&t->slow_next[i]);
    }
    if (t->password)
        panos_wipe(t->password, strlen(t->password));
    free(t->password);
    free(t->user);
    panos_client_free(t->client);
    free(t->name);
    free(t);
}
