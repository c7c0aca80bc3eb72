/* SPDX-License-Identifier: MIT */
/* device.c -- pansim's stateful firewall: admin accounts, keygen and key checks, request dispatch. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <panos/apikey.h>
#include <panos/buf.h>
#include "loghandler.h"
#include "logstore.h"
#include "sim.h"
#include "simstate.h"
#include "simexport.h"
#include "simpcap.h"
#include "simimport.h"
#include "device_priv.h"

/* The 400/403 envelopes use spaces and single quotes (yaklin.ca "Palo Alto PANOS API
 * Authentication" (PAN-OS 10.2): keygen, 403 bodies). */
#define INVALID_CREDENTIAL                                                                         \
    "<response status = 'error' code = '403'><result><msg>Invalid Credential</msg></result>"       \
    "</response>"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The device's clock: the test's injected one, else the real one. */
long long sim_dev_now(const struct sim_device *d)
{
    return (d->clock_ms ? d->clock_ms() : now_ms()) + d->clock_skew_ms;
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
    sim_xml_escape(f, msg, 1);
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
            snprintf(err, errlen, "%s:%u: expected name:password or name:password:otp", path,
                 lineno);
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
        /* "name:password:otp" marks a one-time password; the password itself may hold ':'. */
        char *pw = colon + 1;
        size_t pwlen = strlen(pw);
        memset(&u[d->nusers], 0, sizeof(*u));
        if (pwlen >= 4 && strcmp(pw + pwlen - 4, ":otp") == 0) {
            pw[pwlen - 4] = '\0';
            u[d->nusers].otp = 1;
        }
        u[d->nusers].name = strdup(line);
        u[d->nusers].password = strdup(pw);
        d->nusers++;
        if (u[d->nusers - 1].name == NULL || u[d->nusers - 1].password == NULL) {
            rc = -1;
            break;
        }
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
    d->clock_ms = opts->now_ms;
    d->keygen_revokes = opts->keygen_revokes;
    d->hostname = strdup(opts->hostname ? opts->hostname : "pansim-fw1");
    d->serial = strdup(opts->serial ? opts->serial : "007051000123456");
    d->st.hostname = d->hostname;
    d->st.serial = d->serial;
    d->st.model = opts->model != NULL ? opts->model : "PA-VM";
    d->st.sw_version = opts->sw_version != NULL ? opts->sw_version : "10.2.11";
    d->st.ha = opts->ha;
    d->st.seed = opts->seed;
    d->st.boot_time = sim_dev_now(d) / 1000 - (opts->uptime_s > 0 ? opts->uptime_s : 0);
    if (d->hostname == NULL || d->serial == NULL || load_users(d, opts->users_file, err, errlen) ||
        sim_config_new(&d->config, &d->st) != 0 || sim_saved_new(&d->saved) != 0 ||
        sim_export_pad(d->config, opts->config_size, opts->seed) != 0) {
        if (err[0] == '\0')
            snprintf(err, errlen, "out of memory");
        sim_device_free(d);
        return -1;
    }
    d->st.config = d->config;
    struct sim_commit_options co = {0};
    if (sim_commits_new(&d->commits, opts->commit != NULL ? opts->commit : &co) != 0) {
        snprintf(err, errlen, "out of memory");
        sim_device_free(d);
        return -1;
    }
    d->st.commits = d->commits;
    if (sim_userid_new(&d->userid, opts->userid) != 0) {
        snprintf(err, errlen, "out of memory");
        sim_device_free(d);
        return -1;
    }
    d->st.userid = d->userid;
    if (sim_reports_new(&d->reports, opts->report) != 0) {
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
    lo.t0_ms = sim_dev_now(d);
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
    for (size_t i = 0; i < d->nsessions; i++)
        free(d->sessions[i].user);
    free(d->sessions);
    sim_commits_free(d->commits);
    sim_userid_free(d->userid);
    sim_reports_free(d->reports);
    sim_config_free(d->config);
    sim_saved_free(d->saved);
    sim_logjobs_free(d->logjobs);
    sim_logstore_free(d->logs);
    free(d->hostname);
    free(d->serial);
    pthread_mutex_destroy(&d->lock);
    panos_wipe(d->master_key, sizeof(d->master_key));
    free(d);
}

struct sim_user *sim_dev_find_user(const struct sim_device *d, const char *name)
{
    for (size_t i = 0; name && i < d->nusers; i++)
        if (strcmp(d->users[i].name, name) == 0)
            return &d->users[i];
    return NULL;
}

/* End the sessions of @p user (NULL: everyone's). */
void sim_dev_end_sessions(struct sim_device *d, const char *user)
{
    size_t j = 0;
    for (size_t i = 0; i < d->nsessions; i++) {
        if (user == NULL || strcmp(d->sessions[i].user, user) == 0) {
            free(d->sessions[i].user);
            panos_wipe(d->sessions[i].id, sizeof(d->sessions[i].id));
        } else {
            d->sessions[j++] = d->sessions[i];
        }
    }
    d->nsessions = j;
}

/* Start a session for @p user: 32 random hex characters into @p id. Returns 0 or -1. */
static int new_session(struct sim_device *d, const char *user, char id[33])
{
    unsigned char rnd[16];
    size_t got = 0;
    while (got < sizeof(rnd)) {
        ssize_t n = getrandom(rnd + got, sizeof(rnd) - got, 0);
        if (n <= 0)
            return -1;
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof(rnd); i++)
        snprintf(id + 2 * i, 3, "%02x", rnd[i]);
    panos_wipe(rnd, sizeof(rnd));
    struct sim_session *s = realloc(d->sessions, (d->nsessions + 1) * sizeof(*s));
    if (s == NULL)
        return -1;
    d->sessions = s;
    if ((s[d->nsessions].user = strdup(user)) == NULL)
        return -1;
    memcpy(s[d->nsessions].id, id, 33);
    d->nsessions++;
    return 0;
}

/* The user whose session the Cookie header names (PHPSESSID=<id>), or NULL. */
static const char *session_user(const struct sim_device *d, const char *cookie)
{
    for (const char *p = cookie; p && *p;) {
        p += strspn(p, " \t;");
        size_t n = strcspn(p, ";");
        if (n == 10 + 32 && strncmp(p, "PHPSESSID=", 10) == 0) {
            for (size_t i = 0; i < d->nsessions; i++)
                if (strncmp(d->sessions[i].id, p + 10, 32) == 0)
                    return d->sessions[i].user;
        }
        p += n;
    }
    return NULL;
}

/* The 403 answer to every credential failure (yaklin.ca blog (PAN-OS 10.2); terraform-templates
 * #29; o5edaxi/paloversion #7 (403 body)). */
static void refuse(struct sim_reply *out)
{
    sim_reply_set(out, 403, INVALID_CREDENTIAL);
}

/*
 * type=keygen (PAN-OS XML API guide, "Get Your API Key"; yaklin.ca blog; cdot65/pan-os-upgrade
 * #139): mint a 9.0+ key with the master key, end the user's sessions and start a new one ("Get
 * Your API Key", 9.1-10.2; yaklin.ca blog, "Persistent API Sessions"). An OTP password is spent
 * by its keygen.
 */
static void keygen(struct sim_device *d, const struct sim_request *req, struct sim_reply *out)
{
    const char *user = sim_request_param(req, "user");
    const char *password = sim_request_param(req, "password");
    if (req->auth == SIM_AUTH_BASIC) {
        /* "You cannot use basic authentication when you Get Your API Key" (PAN-OS XML API
         * guide, page not recorded; the 403 is [U]). */
        refuse(out);
        return;
    }
    if (user == NULL || password == NULL) {
        reply_400(out, user ? "Missing parameter \"password\"" : "Missing parameter \"user\"");
        return;
    }
    struct sim_user *u = sim_dev_find_user(d, user);
    if (u == NULL || strcmp(u->password, password) != 0 || (u->otp && u->otp_spent)) {
        refuse(out);
        return;
    }
    long long t = sim_dev_now(d);
    /* A keygen in the very second of an expire-all would mint a key refused at once. */
    if (d->expire_all_set && t / 1000 <= d->expire_all_s)
        t = (d->expire_all_s + 1) * 1000;
    panos_buf key = PANOS_BUF_INIT;
    char id[33];
    char *cookie = NULL;
    if (panos_apikey_mint(&key, user, password, d->master_key, t, d->key_lifetime_min, 0) !=
        PANOS_OK) {
        sim_reply_set(out, 500, "pansim: cannot mint a key\n");
        out->content_type = "text/plain";
        return;
    }
    sim_dev_end_sessions(d, u->name);
    static const char cookie_fmt[] = "PHPSESSID=%s; path=/; secure; HttpOnly";
    if (new_session(d, u->name, id) != 0 || (cookie = malloc(sizeof(cookie_fmt) + 32)) == NULL) {
        sim_dev_end_sessions(d, u->name);
        sim_reply_set(out, 500, "pansim: cannot start a session\n");
        out->content_type = "text/plain";
        panos_buf_dispose_secret(&key);
        return;
    }
    snprintf(cookie, sizeof(cookie_fmt) + 32, cookie_fmt, id);
    panos_wipe(id, sizeof(id));
    if (u->otp)
        u->otp_spent = 1;
    u->last_gentime = t / 1000;
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
    out->set_cookie = cookie;
    panos_buf_dispose_secret(&key);
}

/*
 * Check the key or basic credentials (Nothing4You/panos-crypto-tools src/lib.rs; published keys
 * re-minted byte for byte). Returns 1 when the request may go on, else fills @p out. A key with the
 * cookie of its user's session skips the password check (yaklin.ca blog, "Persistent API
 * Sessions"); an OTP user's key needs that session, since its embedded password is spent.
 */
static int authenticate(struct sim_device *d, const struct sim_request *req,
                        struct sim_reply *out, const char **who)
{
    if (req->auth == SIM_AUTH_BASIC) {
        struct sim_user *u = sim_dev_find_user(d, req->basic_user);
        if (u && req->basic_password && strcmp(u->password, req->basic_password) == 0 &&
            !(u->otp && u->otp_spent)) {
            if (u->otp)
                u->otp_spent = 1; /* Basic re-authenticates on every request */
            *who = u->name;
            return 1;
        }
        refuse(out);
        return 0;
    }
    if (req->key == NULL) {
        /* No credential at all: PAN-OS answers 403 (PAN-OS XML API guide, "PAN-OS XML API Error
         * Codes"; pan-os-ansible 3.4.1; pan-python #43). */
        refuse(out);
        return 0;
    }
    panos_apikey_info info;
    int ok = 0;
    if (panos_apikey_decode(&info, req->key, d->master_key) == PANOS_OK && info.opened) {
        const struct sim_user *u = sim_dev_find_user(d, info.user);
        const char *su = u ? session_user(d, req->cookie) : NULL;
        int session = su && strcmp(su, u->name) == 0;
        int cred = u && (session || (!u->otp && strcmp(u->password, info.password) == 0));
        if (!cred) {
            /* wrong or changed password, unknown user, spent OTP without its session */
        } else if (info.layout == PANOS_APIKEY_LAYOUT_V90 && info.expiry_ms >= 0 &&
                   sim_dev_now(d) > info.expiry_ms) {
            /* HTTP 400 "Key Expired: <key> has expired." (PaloAltoNetworks/Splunk-Apps #151 (400
             * Key Expired); PAN-OS "Configure API Key Lifetime"). */
            char msg[1024];
            snprintf(msg, sizeof(msg), "Key Expired: %s has expired.", req->key);
            reply_400(out, msg);
            panos_wipe(msg, sizeof(msg));
        } else if (d->expire_all_set &&
                   (info.layout != PANOS_APIKEY_LAYOUT_V90 || info.gentime <= d->expire_all_s)) {
            /* Expire All API Keys (PAN-OS "Configure API Key Lifetime"; LIVE "API Keys in
             * PanOS 9.1"): older and untimestamped keys are refused. */
        } else if (d->keygen_revokes && info.gentime < u->last_gentime) {
            /* --keygen-revokes (yaklin.ca blog, PAN-OS 10.2.11-h12; the LIVE threads say
             * otherwise): only keys of the user's newest keygen second work. */
        } else {
            ok = 1;
            *who = u->name;
        }
    }
    panos_apikey_info_clear(&info);
    if (!ok && out->body == NULL)
        refuse(out);
    return ok;
}

int sim_device_check_key(struct sim_device *d, const struct sim_request *req, struct sim_reply *out,
                         char *who, size_t wholen)
{
    const char *name = NULL;
    pthread_mutex_lock(&d->lock);
    int ok = authenticate(d, req, out, &name);
    if (ok)
        snprintf(who, wholen, "%s", name);
    pthread_mutex_unlock(&d->lock);
    return ok;
}

/* type=version (PAN-OS XML API guide, "Get Version Info (API)"; pan-os-ansible 3.4.1 httpapi unit
 * test). */
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
    sim_xml_escape(f, d->st.serial, 1);
    fputs("</serial></result></response>", f);
    fclose(f);
    sim_reply_set(out, 200, body);
    free(body);
}

/*
 * Whether @p path is the API endpoint, /api/ or /api, with runs of slashes taken as one: the
 * firewall's web server merges them, and a monitoring set-up guide has users test their key with
 * "https://<firewall>//api/?type=op&cmd=...&key=<apikey>" (InfraSonar documentation, "Palo
 * Alto" probe, "Get your API key"); see tests/cases/0170.
 */
static int is_api_path(const char *path)
{
    static const char *const want = "/api/";
    size_t i = 0;
    for (const char *p = path; *p != '\0'; p++) {
        if (*p == '/' && p[1] == '/')
            continue;
        if (want[i] == '\0' || *p != want[i])
            return 0;
        i++;
    }
    return i == 4 || i == 5;
}

void sim_device_handle(struct sim_device *d, const struct sim_request *req, struct sim_reply *out)
{
    const char *type = sim_request_param(req, "type");
    if (strcmp(req->path, "/pansim/admin") == 0) {
        pthread_mutex_lock(&d->lock);
        sim_device_control(d, req, out);
        pthread_mutex_unlock(&d->lock);
        return;
    }
    if (strncmp(req->path, SIM_MACVENDOR_PATH, strlen(SIM_MACVENDOR_PATH)) == 0) {
        sim_macvendor_reply(req, out);
        return;
    }
    if (!is_api_path(req->path)) {
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
        /* PAN-OS XML API guide, "Query a Firewall from Panorama (API)"; pan-os-python 1.13.1:
         * unknown type. */
        char msg[256];
        snprintf(msg, sizeof(msg), "Illegal value for parameter \"type\" [%.100s]", type);
        reply_400(out, msg);
        goto done;
    }
    const char *who = NULL; /* the admin the request authenticated as */
    if (!authenticate(d, req, out, &who))
        goto done;
    sim_commits_tick(d->commits, d->config, sim_dev_now(d));
    sim_userid_tick(d->userid, sim_dev_now(d));
    if (strcmp(type, "version") == 0) {
        version(d, out);
    } else if (strcmp(type, "op") == 0) {
        const char *cmd = sim_request_param(req, "cmd");
        if (cmd == NULL)
            reply_400(out, "Missing parameter \"cmd\"");
        else if (!sim_config_lock_op(d->config, who, cmd, sim_dev_now(d) / 1000, out) &&
                 !sim_commit_validate_op(d->commits, d->config, &d->st, who, cmd, out) &&
                 !sim_import_op(d->saved, d->config, cmd, out))
            sim_op_handle(&d->st, cmd, out);
    } else if (strcmp(type, "config") == 0) {
        const char *action = sim_request_param(req, "action");
        if (action == NULL) {
            reply_400(out, "Missing parameter \"action\"");
        } else if (sim_config_is_write(action)) {
            struct sim_config_args a = {
                .action = action,
                .xpath = sim_request_param(req, "xpath"),
                .element = sim_request_param(req, "element"),
                .newname = sim_request_param(req, "newname"),
                .from = sim_request_param(req, "from"),
                .where = sim_request_param(req, "where"),
                .dst = sim_request_param(req, "dst"),
            };
            if (!sim_config_write_locked(d->config, who, out)) {
                sim_commits_note_write(d->commits, who, &a);
                sim_config_write(d->config, &a, out);
            }
        } else
            sim_config_handle(d->config, action, sim_request_param(req, "xpath"), out);
    } else if (strcmp(type, "export") == 0) {
        if (!sim_pcap_handle(d->logs, req, sim_dev_now(d), out))
            sim_export_handle(d->config, d->master_key, req, out);
    } else if (strcmp(type, "commit") == 0) {
        if (sim_request_param(req, "cmd") == NULL)
            reply_400(out, "Missing parameter \"cmd\"");
        else
            sim_commit_handle(d->commits, d->config, &d->st, who, req, out);
    } else if (strcmp(type, "import") == 0) {
        sim_import_handle(d->saved, d->config, d->master_key, req, out);
    } else if (strcmp(type, "user-id") == 0) {
        const char *cmd = sim_request_param(req, "cmd");
        if (cmd == NULL)
            reply_400(out, "Missing parameter \"cmd\"");
        else
            sim_userid_handle(d->userid, cmd, sim_request_param(req, "vsys"), out);
    } else if (strcmp(type, "report") == 0) {
        sim_report_handle(d->reports, d->logs, d->config, req, sim_dev_now(d), out);
    } else if (strcmp(type, "log") == 0) {
        pthread_mutex_unlock(&d->lock); /* the log jobs have their own lock */
        sim_logjobs_handle(d->logjobs, req, out, sim_dev_now(d));
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
