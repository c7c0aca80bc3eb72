/* SPDX-License-Identifier: MIT */
/* device.c -- pansim's stateful firewall: admin accounts, keygen and key checks, request dispatch. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include "loghandler.h"
#include "logstore.h"
#include "sim.h"
#include "simstate.h"

struct sim_user {
    char *name;
    char *password; /* secret */
};

struct sim_device {
    pthread_mutex_t lock;
    struct sim_state st;
    char *hostname;
    char *serial;
    char master_key[17];
    long key_lifetime_min;
    struct sim_user *users;
    size_t nusers;
    struct sim_config *config;
    struct sim_logstore *logs;
    struct sim_logjobs *logjobs;
};

/* The 400/403 envelopes use spaces and single quotes (panos-apikey-crypto.md §3.1, §3.2). */
#define INVALID_CREDENTIAL                                                                         \
    "<response status = 'error' code = '403'><result><msg>Invalid Credential</msg></result>"       \
    "</response>"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void xml_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* An HTTP 400 in PAN-OS's quoting with @p msg (escaped). */
static void reply_400(struct sim_reply *out, const char *msg)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f == NULL)
        return;
    fputs("<response status = 'error' code = '400'><result><msg>", f);
    xml_escape(f, msg);
    fputs("</msg></result></response>", f);
    fclose(f);
    sim_reply_set(out, 400, body);
    free(body);
}

static int load_users(struct sim_device *d, const char *path, char *err, size_t errlen)
{
    if (path == NULL) {
        d->users = calloc(1, sizeof(*d->users));
        if (d->users == NULL)
            return -1;
        d->users[0].name = strdup("admin");
        d->users[0].password = strdup("admin");
        d->nusers = 1;
        return d->users[0].name && d->users[0].password ? 0 : -1;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, errlen, "cannot read users file %s", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        char *colon = strchr(line, ':');
        if (colon == NULL || colon == line) {
            snprintf(err, errlen, "%s:%u: expected name:password", path, lineno);
            rc = -1;
            break;
        }
        struct sim_user *u = realloc(d->users, (d->nusers + 1) * sizeof(*u));
        if (u == NULL) {
            rc = -1;
            break;
        }
        d->users = u;
        *colon = '\0';
        u[d->nusers].name = strdup(line);
        u[d->nusers].password = strdup(colon + 1);
        d->nusers++;
    }
    if (line)
        panos_wipe(line, cap);
    free(line);
    fclose(f);
    if (rc == 0 && d->nusers == 0) {
        snprintf(err, errlen, "users file %s has no accounts", path);
        rc = -1;
    }
    return rc;
}

int sim_device_new(struct sim_device **out, const struct sim_device_options *opts, char *err,
                   size_t errlen)
{
    struct sim_device *d = calloc(1, sizeof(*d));
    *out = NULL;
    if (d == NULL)
        return -1;
    pthread_mutex_init(&d->lock, NULL);
    const char *mk = opts->master_key ? opts->master_key : PANOS_APIKEY_DEFAULT_MASTER_KEY;
    if (strlen(mk) != 16) {
        snprintf(err, errlen, "the master key must be 16 characters");
        sim_device_free(d);
        return -1;
    }
    memcpy(d->master_key, mk, 17);
    d->key_lifetime_min = opts->key_lifetime_min;
    d->hostname = strdup(opts->hostname ? opts->hostname : "pansim-fw1");
    d->serial = strdup(opts->serial ? opts->serial : "007051000123456");
    d->st.hostname = d->hostname;
    d->st.serial = d->serial;
    d->st.model = "PA-VM";
    d->st.sw_version = "10.2.11";
    d->st.seed = opts->seed;
    d->st.boot_time = now_ms() / 1000;
    if (d->hostname == NULL || d->serial == NULL || load_users(d, opts->users_file, err, errlen) ||
        sim_config_new(&d->config, &d->st) != 0) {
        if (err[0] == '\0')
            snprintf(err, errlen, "out of memory");
        sim_device_free(d);
        return -1;
    }
    struct sim_logstore_options lo = {0};
    unsigned long long count = opts->log_count > 0 ? opts->log_count : 100000;
    lo.seed = opts->seed;
    for (int t = 0; t < SIM_LOG__COUNT; t++)
        lo.initial[t] = t == SIM_LOG_TRAFFIC ? count : count / 10;
    lo.rate_per_s = opts->log_rate;
    lo.t0_ms = now_ms();
    lo.span_s = 7 * 86400;
    lo.serial = d->serial;
    lo.device_name = d->hostname;
    if (sim_logstore_new(&d->logs, &lo) != 0 ||
        sim_logjobs_new(&d->logjobs, d->logs, opts->log_job_ms > 0 ? opts->log_job_ms : 300) !=
            0) {
        snprintf(err, errlen, "cannot create the log store");
        sim_device_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

void sim_device_free(struct sim_device *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->nusers; i++) {
        free(d->users[i].name);
        panos_free_secret(d->users[i].password);
    }
    free(d->users);
    sim_config_free(d->config);
    sim_logjobs_free(d->logjobs);
    sim_logstore_free(d->logs);
    free(d->hostname);
    free(d->serial);
    pthread_mutex_destroy(&d->lock);
    panos_wipe(d->master_key, sizeof(d->master_key));
    free(d);
}

static const struct sim_user *find_user(const struct sim_device *d, const char *name)
{
    for (size_t i = 0; name && i < d->nusers; i++)
        if (strcmp(d->users[i].name, name) == 0)
            return &d->users[i];
    return NULL;
}

static int password_ok(const struct sim_device *d, const char *user, const char *password)
{
    const struct sim_user *u = find_user(d, user);
    return u && password && strcmp(u->password, password) == 0;
}

/* type=keygen (panos-apikey-crypto.md §3.1): mint a 9.0+ key with the master key. */
static void keygen(struct sim_device *d, const struct sim_request *req, struct sim_reply *out)
{
    const char *user = sim_request_param(req, "user");
    const char *password = sim_request_param(req, "password");
    if (req->auth == SIM_AUTH_BASIC) {
        /* "You cannot use basic authentication when you Get Your API Key" (§2.1; 403 [U]). */
        sim_reply_set(out, 403, INVALID_CREDENTIAL);
        return;
    }
    if (user == NULL || password == NULL) {
        reply_400(out, user ? "Missing parameter \"password\"" : "Missing parameter \"user\"");
        return;
    }
    if (!password_ok(d, user, password)) {
        sim_reply_set(out, 403, INVALID_CREDENTIAL);
        return;
    }
    panos_buf key = PANOS_BUF_INIT;
    if (panos_apikey_mint(&key, user, password, d->master_key, now_ms(), d->key_lifetime_min,
                          0) != PANOS_OK) {
        sim_reply_set(out, 500, "pansim: cannot mint a key\n");
        return;
    }
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f) {
        fprintf(f, "<response status = 'success'><result><key>%s</key></result></response>",
                key.ptr);
        fclose(f);
        sim_reply_set(out, 200, body);
        panos_wipe(body, len);
        free(body);
    }
    panos_buf_dispose_secret(&key);
}

/* Check the key or basic credentials. Returns 1 when the request may go on, else fills @p out. */
static int authenticate(struct sim_device *d, const struct sim_request *req,
                        struct sim_reply *out)
{
    if (req->auth == SIM_AUTH_BASIC) {
        if (password_ok(d, req->basic_user, req->basic_password))
            return 1;
        sim_reply_set(out, 403, INVALID_CREDENTIAL);
        return 0;
    }
    if (req->key == NULL) {
        /* No credential at all: PAN-OS answers 403 (panos-xml-api.md §1.4). */
        sim_reply_set(out, 403, INVALID_CREDENTIAL);
        return 0;
    }
    panos_apikey_info info;
    int ok = 0;
    if (panos_apikey_decode(&info, req->key, d->master_key) == PANOS_OK && info.opened &&
        password_ok(d, info.user, info.password)) {
        if (info.layout == PANOS_APIKEY_LAYOUT_V90 && info.expiry_ms >= 0 &&
            now_ms() > info.expiry_ms) {
            /* HTTP 400 "Key Expired: <key> has expired." (panos-apikey-crypto.md §3.4). */
            char msg[1024];
            snprintf(msg, sizeof(msg), "Key Expired: %s has expired.", req->key);
            reply_400(out, msg);
            panos_wipe(msg, sizeof(msg));
        } else {
            ok = 1;
        }
    }
    panos_apikey_info_clear(&info);
    if (!ok && out->body == NULL)
        sim_reply_set(out, 403, INVALID_CREDENTIAL);
    return ok;
}

/* type=version (panos-xml-api.md §2.2). */
static void version(struct sim_device *d, struct sim_reply *out)
{
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f == NULL)
        return;
    fprintf(f, "<response status=\"success\"><result><sw-version>%s</sw-version>"
               "<multi-vsys>off</multi-vsys><model>%s</model><serial>",
            d->st.sw_version, d->st.model);
    xml_escape(f, d->st.serial);
    fputs("</serial></result></response>", f);
    fclose(f);
    sim_reply_set(out, 200, body);
    free(body);
}

void sim_device_handle(struct sim_device *d, const struct sim_request *req, struct sim_reply *out)
{
    const char *type = sim_request_param(req, "type");
    if (strcmp(req->path, "/api/") != 0 && strcmp(req->path, "/api") != 0) {
        sim_reply_set(out, 404, "<html><body><h1>404 Not Found</h1></body></html>\n");
        out->content_type = "text/html";
        return;
    }
    if (type == NULL) {
        reply_400(out, "Missing parameter \"type\"");
        return;
    }
    pthread_mutex_lock(&d->lock);
    if (strcmp(type, "keygen") == 0) {
        keygen(d, req, out);
        goto done;
    }
    static const char *const known[] = {"config", "op", "commit", "export", "import",
                                        "log", "report", "user-id", "version"};
    size_t i;
    for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(type, known[i]) == 0)
            break;
    if (i == sizeof(known) / sizeof(known[0])) {
        /* panos-xml-api.md §1.2: unknown type. */
        char msg[256];
        snprintf(msg, sizeof(msg), "Illegal value for parameter \"type\" [%.100s]", type);
        reply_400(out, msg);
        goto done;
    }
    if (!authenticate(d, req, out))
        goto done;
    if (strcmp(type, "version") == 0) {
        version(d, out);
    } else if (strcmp(type, "op") == 0) {
        const char *cmd = sim_request_param(req, "cmd");
        if (cmd == NULL)
            reply_400(out, "Missing parameter \"cmd\"");
        else
            sim_op_handle(&d->st, cmd, out);
    } else if (strcmp(type, "config") == 0) {
        const char *action = sim_request_param(req, "action");
        if (action == NULL)
            reply_400(out, "Missing parameter \"action\"");
        else
            sim_config_handle(d->config, action, sim_request_param(req, "xpath"), out);
    } else if (strcmp(type, "log") == 0) {
        pthread_mutex_unlock(&d->lock); /* the log jobs have their own lock */
        sim_logjobs_handle(d->logjobs, req, out, now_ms());
        return;
    } else {
        char msg[160];
        snprintf(msg, sizeof(msg), "pansim does not simulate type=%s yet\n", type);
        sim_reply_set(out, 501, msg);
        out->content_type = "text/plain";
    }
done:
    pthread_mutex_unlock(&d->lock);
}
