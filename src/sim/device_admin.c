/* SPDX-License-Identifier: MIT */
/* device_admin.c -- pansim's own test hook POST /pansim/admin: expire all keys, change a password
 * or the master key, end sessions (loopback only; not part of the PAN-OS API). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/buf.h>
#include "device_priv.h"

/* How much of @p s to echo in a one-line reason: up to the first line end, at most 100. */
static int line_len(const char *s)
{
    size_t n = strcspn(s, "\r\n");
    return n > 100 ? 100 : (int)n;
}

/* A one-line text/plain answer of the control endpoint. */
static void control_reply(struct sim_reply *out, unsigned int status, const char *text)
{
    char line[256];
    snprintf(line, sizeof(line), "%s\n", text);
    sim_reply_set(out, status, line);
    out->content_type = "text/plain";
}

/*
 * POST /pansim/admin (pansim's own test hook, not PAN-OS API; loopback only):
 * action=expire-all | set-password&user=U&password=P | set-master-key&key=K | end-sessions[&user=U]
 * | commit-fail[&message=TEXT] (every commit and validate from now on ends FAIL with TEXT as its
 * details line; no message: they validate for real again) | advance-clock&seconds=S (the
 * device's clock jumps S seconds ahead: User-ID timeouts, key expiry, logs).
 */
void sim_device_control(struct sim_device *d, const struct sim_request *req, struct sim_reply *out)
{
    const char *action = sim_request_param(req, "action");
    const char *user = sim_request_param(req, "user");
    struct sim_user *u = sim_dev_find_user(d, user);
    char msg[200];
    if (strcmp(req->method, "POST") != 0) {
        control_reply(out, 400, "pansim: /pansim/admin takes POST only");
        return;
    }
    if (action == NULL) {
        control_reply(out, 400, "pansim: missing parameter action");
        return;
    }
    if (user && u == NULL &&
        (strcmp(action, "set-password") == 0 || strcmp(action, "end-sessions") == 0)) {
        snprintf(msg, sizeof(msg), "pansim: unknown user %.*s", line_len(user), user);
        control_reply(out, 400, msg);
        return;
    }
    if (strcmp(action, "expire-all") == 0) {
        d->expire_all_set = 1;
        d->expire_all_s = sim_dev_now(d) / 1000;
        sim_dev_end_sessions(d, NULL);
    } else if (strcmp(action, "set-password") == 0) {
        const char *password = sim_request_param(req, "password");
        char *copy;
        if (user == NULL || password == NULL) {
            control_reply(out, 400, "pansim: set-password needs user and password");
            return;
        }
        if ((copy = strdup(password)) == NULL) {
            control_reply(out, 500, "pansim: out of memory");
            return;
        }
        panos_free_secret(u->password);
        u->password = copy;
        u->otp_spent = 0; /* an OTP admin gets a fresh one-time password */
        sim_dev_end_sessions(d, u->name);
    } else if (strcmp(action, "set-master-key") == 0) {
        const char *key = sim_request_param(req, "key");
        if (key == NULL || strlen(key) != 16) {
            control_reply(out, 400, "pansim: the master key must be 16 characters");
            return;
        }
        panos_wipe(d->master_key, sizeof(d->master_key));
        memcpy(d->master_key, key, 17);
    } else if (strcmp(action, "end-sessions") == 0) {
        sim_dev_end_sessions(d, u ? u->name : NULL);
    } else if (strcmp(action, "commit-fail") == 0) {
        if (sim_commits_set_fail(d->commits, sim_request_param(req, "message")) != 0) {
            control_reply(out, 500, "pansim: out of memory");
            return;
        }
    } else if (strcmp(action, "advance-clock") == 0) {
        const char *secs = sim_request_param(req, "seconds");
        char *end = NULL;
        long long s = secs ? strtoll(secs, &end, 10) : -1;
        if (secs == NULL || end == secs || *end != '\0' || s < 0 || s > 86400LL * 3650) {
            control_reply(out, 400, "pansim: advance-clock needs seconds=0..315360000");
            return;
        }
        d->clock_skew_ms += s * 1000;
    } else {
        snprintf(msg, sizeof(msg), "pansim: unknown action %.*s", line_len(action), action);
        control_reply(out, 400, msg);
        return;
    }
    control_reply(out, 200, "ok");
}
