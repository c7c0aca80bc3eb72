/* SPDX-License-Identifier: MIT */
/* simpcap.c -- pansim: type=export of packet captures: listings and downloads of threat-pcap,
 * filter-pcap (filters-pcap), application-pcap and dlp-pcap. */
#include "simpcap.h"
#include "logstore_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The capture stages of a packet-capture filter (pan-os-ansible panos_pcap's sample listing). */
static const char *const filter_files[] = {"capture-rx", "capture-tx", "capture-fw",
                                           "capture-drop"};
enum { APP_FILES = 3, DLP_FIRST = 3, DLP_FILES = 2 };

static void reply_error(struct sim_reply *out, unsigned int status, const char *msg)
{
    char body[512];
    snprintf(body, sizeof(body), "<response status=\"error\"><msg><line>%s</line></msg></response>",
             msg);
    sim_reply_set(out, status, body);
}

static void reply_pcap(struct sim_reply *out, const struct sim_logentry *e, const char *name)
{
    char *buf;
    size_t len;
    if (sim_pcap_build(e, &buf, &len) != 0) {
        reply_error(out, 500, "pansim could not build the capture");
        return;
    }
    out->body = buf;
    out->len = len;
    out->status = 200;
    out->content_type = "application/octet-stream";
    snprintf(out->disposition_buf, sizeof(out->disposition_buf), "attachment; filename=%s", name);
}

/* "yyyymmdd" of @p ms (UTC, the device's zone). */
static void day_of(long long ms, char *buf, size_t len)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y%m%d", &tm) == 0)
        snprintf(buf, len, "19700101");
}

/* application-pcap file @p i: SourceIP-SourcePort-DestinationIP-DestinationPort-SessionID.pcap
 * (PAN-OS XML API guide, "Export Packet Captures") of traffic entry @p i. */
static void app_name(const struct sim_logentry *e, char *buf, size_t len)
{
    snprintf(buf, len, "%s-%s-%s-%s-%s.pcap", sim_logentry_get(e, "src"),
             sim_logentry_get(e, "sport"), sim_logentry_get(e, "dst"), sim_logentry_get(e, "dport"),
             sim_logentry_get(e, "sessionid"));
}

/* An answer being written: <response><result><dir-listing> ... */
struct listing {
    char *buf;
    size_t len; /* open_memstream writes it until the stream is closed */
    FILE *f;
};

/* Start a listing answer; 0, or -1 (HTTP 500 set) when out of memory. */
static int listing_open(struct listing *l, struct sim_reply *out)
{
    l->f = sim_reply_open(out, &l->buf, &l->len);
    if (l->f == NULL)
        return -1;
    fputs("<response status=\"success\"><result><dir-listing>", l->f);
    return 0;
}

static void listing_close(struct listing *l, struct sim_reply *out)
{
    fputs("</dir-listing></result></response>", l->f);
    sim_reply_close(out, l->f, &l->buf);
}

static void filter_pcap(const struct sim_logstore *s, const char *from, struct sim_reply *out)
{
    size_t n = sizeof(filter_files) / sizeof(filter_files[0]);
    if (from == NULL) {
        struct listing l;
        if (listing_open(&l, out) != 0)
            return;
        for (size_t i = 0; i < n; i++)
            fprintf(l.f, "<file>/%s</file>", filter_files[i]);
        listing_close(&l, out);
        return;
    }
    const char *name = from[0] == '/' ? from + 1 : from;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(name, filter_files[i]) != 0)
            continue;
        struct sim_logentry e;
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        reply_pcap(out, &e, name);
        return;
    }
    reply_error(out, 400, "File not found");
}

/* application-pcap: the day's directory, its files, or one file (from=yyyymmdd/NAME). */
static void application_pcap(const struct sim_logstore *s, const char *from, struct sim_reply *out)
{
    struct sim_logentry e;
    char day[16], name[160];
    sim_logstore_entry(s, SIM_LOG_TRAFFIC, 0, &e);
    day_of(e.time_ms, day, sizeof(day));
    size_t dl = strlen(day);
    int in_day = from != NULL && strncmp(from, day, dl) == 0;
    if (from != NULL && in_day && from[dl] == '/') {
        for (unsigned long long i = 0; i < APP_FILES; i++) {
            sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
            app_name(&e, name, sizeof(name));
            if (strcmp(from + dl + 1, name) == 0) {
                reply_pcap(out, &e, name);
                return;
            }
        }
    }
    if (from != NULL && (!in_day || from[dl] != '\0')) {
        reply_error(out, 400, "File not found");
        return;
    }
    struct listing l;
    if (listing_open(&l, out) != 0)
        return;
    for (unsigned long long i = 0; from != NULL && i < APP_FILES; i++) {
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        app_name(&e, name, sizeof(name));
        fprintf(l.f, "<file>%s</file>", name);
    }
    if (from == NULL)
        fprintf(l.f, "<dir>%s</dir>", day);
    listing_close(&l, out);
}

/* dlp-pcap: every request needs dlp-password (PAN-OS XML API guide, "Export Packet Captures"). */
static void dlp_pcap(const struct sim_logstore *s, const struct sim_request *req, const char *from,
                     struct sim_reply *out)
{
    const char *pw = sim_request_param(req, "dlp-password");
    if (pw == NULL) {
        reply_error(out, 400, "Missing parameter \"dlp-password\"");
        return;
    }
    if (strcmp(pw, SIM_PCAP_DLP_PASSWORD) != 0) {
        reply_error(out, 200, "Invalid DLP password");
        return;
    }
    struct sim_logentry e;
    char name[64];
    struct listing l;
    if (from == NULL && listing_open(&l, out) != 0)
        return;
    for (unsigned long long i = DLP_FIRST; i < DLP_FIRST + DLP_FILES; i++) {
        sim_logstore_entry(s, SIM_LOG_TRAFFIC, i, &e);
        snprintf(name, sizeof(name), "dlp-%llu.pcap", e.seqno);
        if (from == NULL) {
            fprintf(l.f, "<file>%s</file>", name);
        } else if (strcmp(from, name) == 0) {
            reply_pcap(out, &e, name);
            return;
        }
    }
    if (from == NULL)
        listing_close(&l, out);
    else
        reply_error(out, 400, "File not found");
}

/* "YYYY/MM/DD HH:MM:SS" (or a bare date, as XSOAR pads it) as UTC seconds; -1 when malformed. */
static long long parse_time(const char *v)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, sec = 0, used = 0;
    int n = sscanf(v, "%4d/%2d/%2d%n %2d:%2d:%2d%n", &y, &mo, &d, &used, &h, &mi, &sec, &used);
    if ((n != 3 && n != 6) || v[used] != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
        mi > 59 || sec > 60)
        return -1;
    tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
    tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = sec;
    return (long long)timegm(&tm);
}

static int param_differs(const struct sim_request *req, const char *name, const char *want)
{
    const char *v = sim_request_param(req, name);
    return v != NULL && (want == NULL || strcmp(v, want) != 0);
}

/*
 * threat-pcap: pcap-id (or pan-python's pcapid) and search-time are needed (PAN-OS XML API
 * guide, "Export Packet Captures"). PAN-OS looks for the capture from 5 minutes before
 * search-time to 2 hours after it (pan-os-ansible panos_export); device_name, serialno and
 * sessionid, when sent, must be the entry's. The file is <pcap-id>.pcap. The wording of the
 * refusals is pansim's own (docs/man/pansim.1). Cases 0452-0454, 0458.
 */
static void threat_pcap(const struct sim_logstore *s, const struct sim_request *req,
                        long long now_ms, struct sim_reply *out)
{
    const char *id = sim_request_param(req, "pcap-id");
    id = id != NULL ? id : sim_request_param(req, "pcapid");
    const char *st = sim_request_param(req, "search-time");
    if (id == NULL || st == NULL) {
        reply_error(out, 400,
                    id == NULL ? "Missing parameter \"pcap-id\""
                               : "Missing parameter \"search-time\"");
        return;
    }
    long long t = parse_time(st);
    if (t < 0) {
        reply_error(out, 400, "Invalid search-time, expected YYYY/MM/DD HH:MM:SS");
        return;
    }
    char *end;
    unsigned long long v = strtoull(id, &end, 10);
    unsigned long long seqno = v & 0x1ffffffULL;
    struct sim_logentry e;
    int found = *id >= '0' && *id <= '9' && *end == '\0' && seqno >= 1 &&
                seqno <= sim_logstore_count(s, SIM_LOG_THREAT, now_ms);
    if (found) {
        sim_logstore_entry(s, SIM_LOG_THREAT, seqno - 1, &e);
        long long at = e.time_ms / 1000;
        found = sim_log_pcap_id(&e) == v && strcmp(sim_logentry_get(&e, "pcap_id"), id) == 0 &&
                at >= t - 300 && at <= t + 7200 &&
                !param_differs(req, "device_name", s->device_name) &&
                !param_differs(req, "serialno", s->serial) &&
                !param_differs(req, "sessionid", sim_logentry_get(&e, "sessionid"));
    }
    if (!found) {
        char msg[160];
        snprintf(msg, sizeof(msg), "No pcap found for pcap-id %.40s at %.40s", id, st);
        reply_error(out, 200, msg);
        return;
    }
    char name[48];
    snprintf(name, sizeof(name), "%llu.pcap", v);
    reply_pcap(out, &e, name);
}

int sim_pcap_handle(const struct sim_logstore *s, const struct sim_request *req, long long now_ms,
                    struct sim_reply *out)
{
    const char *cat = sim_request_param(req, "category");
    const char *from = sim_request_param(req, "from");
    if (cat == NULL || s == NULL)
        return 0;
    if (strcmp(cat, "threat-pcap") == 0)
        threat_pcap(s, req, now_ms, out);
    else if (strcmp(cat, "filter-pcap") == 0 || strcmp(cat, "filters-pcap") == 0)
        filter_pcap(s, from, out);
    else if (strcmp(cat, "application-pcap") == 0)
        application_pcap(s, from, out);
    else if (strcmp(cat, "dlp-pcap") == 0)
        dlp_pcap(s, req, from, out);
    else
        return 0;
    return 1;
}
