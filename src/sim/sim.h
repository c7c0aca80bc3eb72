/* SPDX-License-Identifier: MIT */
/* sim.h -- the contract between pansim's HTTP server (server.c) and its simulated device (device.c). */
#ifndef PANSIM_SIM_H
#define PANSIM_SIM_H

#include <stddef.h>
#include <stdio.h>

/* How the request authenticated itself (for the request log and the device). */
enum sim_auth {
    SIM_AUTH_NONE = 0,
    SIM_AUTH_HEADER, /* X-PAN-KEY header */
    SIM_AUTH_PARAM,  /* key= parameter */
    SIM_AUTH_BASIC,  /* Authorization: Basic */
    SIM_AUTH_COOKIE  /* Cookie header (session) */
};

struct sim_param {
    char *name;
    char *value; /* percent-decoded */
};

/* One HTTP request as the server decoded it. Everything is owned by the server. */
struct sim_request {
    const char *method; /* "GET", "POST" */
    const char *path;   /* "/api/" (the path without the query) */
    const struct sim_param *params; /* query string first, then the form body, in order */
    size_t nparams;
    enum sim_auth auth;         /* the strongest credential present: header, param, basic, cookie */
    const char *key;            /* X-PAN-KEY value, else key= value, else NULL */
    const char *basic_user;     /* decoded Authorization: Basic, else NULL */
    const char *basic_password;
    const char *cookie;         /* raw Cookie header, else NULL */
    /* A multipart/form-data request (type=import): its fields are in params, its part named
     * "file" here (NULL when there was none). */
    int multipart;
    const char *upload; /* the file part's bytes (NUL-terminated), or NULL */
    size_t upload_len;
    const char *upload_name; /* its filename= ("" when absent) */
};

/* The first value of parameter @p name, or NULL. */
const char *sim_request_param(const struct sim_request *req, const char *name);

/* The answer the device builds. The server frees body and set_cookie with free(). */
struct sim_reply {
    unsigned int status;      /* HTTP status, 200 by default */
    char *body;               /* malloc'd, NUL-terminated */
    size_t len;
    const char *content_type; /* static string; NULL means "application/xml; charset=UTF-8" */
    char *set_cookie;         /* malloc'd Set-Cookie value, or NULL */
    const char *disposition;  /* static Content-Disposition value (a download), or NULL */
    char disposition_buf[192]; /* a per-answer Content-Disposition, sent when disposition is NULL
                                  and this is not empty */
    void (*release)(void *body); /* non-NULL: the body holds no secret (a log page) and is handed
                                    to the server as it is, then released with this */
};

/* Write @p s (NULL: nothing) to @p f escaped for XML: &, < and >, plus " and ' when @p quotes
 * (attribute values, and the answers that escape them as PAN-OS does). */
void sim_xml_escape(FILE *f, const char *s, int quotes);

/* An HTTP 200 <response status="error"><msg><line>@p line (escaped)</line></msg></response>
 * (HTTP 500 when out of memory). */
void sim_reply_error_line(struct sim_reply *out, const char *line);

/*
 * Build an answer with stdio: sim_reply_open() opens a memstream on *@p buf (NULL, with HTTP 500
 * set, when out of memory); sim_reply_close() closes it and answers HTTP 200 with what was
 * written (500 when out of memory), freeing *@p buf.
 */
FILE *sim_reply_open(struct sim_reply *r, char **buf, size_t *len);
void sim_reply_close(struct sim_reply *r, FILE *f, char **buf);

/* Set status and a copy of @p body (strlen). Returns 0, or -1 when out of memory. */
int sim_reply_set(struct sim_reply *r, unsigned int status, const char *body);

struct sim_commit_options;
struct sim_userid_options;
struct sim_report_options;

struct sim_device_options {
    const char *hostname;   /* default "pansim-fw1" */
    const char *serial;     /* default "007051000123456" */
    const char *master_key; /* 16 characters; default PANOS_APIKEY_DEFAULT_MASTER_KEY */
    long key_lifetime_min;  /* 0 = keys never expire */
    unsigned long seed;     /* makes the generated state (sessions, ARP, logs) deterministic */
    /* "name:password" lines, or "name:password:otp" for a one-time password (good for one
     * keygen; the key then works only with that keygen's PHPSESSID cookie). NULL = one admin
     * "admin"/"admin". */
    const char *users_file;
    unsigned long long log_count; /* traffic entries at start (others a tenth); 0 = 100000 */
    double log_rate;        /* new traffic entries per second (pansim's default: 5) */
    long log_job_ms;        /* how long a log job stays ACT; 0 = 300 */
    int keygen_revokes;     /* 1: a keygen refuses the user's keys of earlier seconds (GENTIME) */
    long long uptime_s;     /* start as if booted this many seconds ago (uptime, jobs, leases) */
    const char
        *sw_version; /* the release played, "10.2.11" (default), "9.1.17", "10.1.14", "11.1.6" */
    const char *model;      /* "PA-VM" (default), "PA-440", "PA-3220", "PA-5450" */
    const char *ha;         /* NULL: HA disabled; "active" or "passive": this member's state */
    size_t config_size;     /* pad the configuration to about this many bytes (0: as built) */
    /* --commit-ms and friends (simcommit.h); NULL: the defaults. */
    const struct sim_commit_options *commit;
    /* --userid-reject and --userid-reject-ip (simuserid.h); NULL: none. */
    const struct sim_userid_options *userid;
    /* --report-job-ms and --report-fail (simreport.h); NULL: the defaults. */
    const struct sim_report_options *report;
    /* The device's clock in epoch ms (keygen, expiry, expire-all, logs); NULL = CLOCK_REALTIME.
     * For tests that need keygens in different seconds. Called under the device's mutex. */
    long long (*now_ms)(void);
};

struct sim_device;

/* Build a device. Returns 0, or -1 with a one-line reason in @p err. */
int sim_device_new(struct sim_device **out, const struct sim_device_options *opts, char *err,
                   size_t errlen);
void sim_device_free(struct sim_device *dev);

/* GET /macvendors/MAC: a stand-in for macvendors.com's lookup (simmacvendor.c). */
#define SIM_MACVENDOR_PATH "/macvendors/"
void sim_macvendor_reply(const struct sim_request *req, struct sim_reply *out);

/*
 * Answer one /api/ request as PAN-OS would (authentication, keygen, op, config, version, ...).
 * The path "/pansim/admin" is pansim's own control hook (POST, form action=expire-all |
 * set-password&user=U&password=P | set-master-key&key=K16 | end-sessions[&user=U] |
 * commit-fail[&message=TEXT]): 200
 * text/plain "ok\n", or 400 text/plain with a one-line reason. It needs no key (loopback only).
 * Called from several server threads at once: the device serialises with its own mutex.
 * @p out is zeroed by the caller; the device fills it (status, body, ...).
 */
void sim_device_handle(struct sim_device *dev, const struct sim_request *req,
                       struct sim_reply *out);

/*
 * Check the credentials of @p req as the device would before answering it (Panorama, before it
 * forwards a target= request). Returns 1 with the admin's name in @p who, or 0 with the refusal
 * in @p out.
 */
int sim_device_check_key(struct sim_device *d, const struct sim_request *req, struct sim_reply *out,
                         char *who, size_t wholen);

#endif
