/* SPDX-License-Identifier: MIT */
/* simreport.c -- pansim's type=report: top-N reports (applications, sources, destinations,
 * threats) counted over the generated logs of a period, answered at once or through jobs. */
#include <stdlib.h>
#include <string.h>
#include <libxml/xpath.h>
#include "logstore.h"
#include "simop.h"
#include "simreport.h"

/*
 * The reports pansim knows, by the names the PAN-OS XML API guide, "Get Reports (API)" (PAN-OS
 * 10.0-11.1), gives as examples: dynamic (ACC) top-applications-summary and top-app-summary,
 * predefined top-applications, top-attackers and top-victims; and a few more of the same kind.
 */
struct report_def {
    const char *type, *name, *title;
    enum sim_logtype log;
    const char *field; /* the log field the entries are grouped by */
};

static const struct report_def defs[] = {
    {"dynamic", "top-applications-summary", "Top applications", SIM_LOG_TRAFFIC, "app"},
    {"dynamic", "top-app-summary", "Top applications", SIM_LOG_TRAFFIC, "app"},
    {"dynamic", "top-sources-summary", "Top sources", SIM_LOG_TRAFFIC, "src"},
    {"dynamic", "top-destinations-summary", "Top destinations", SIM_LOG_TRAFFIC, "dst"},
    {"dynamic", "top-threats-summary", "Top threats", SIM_LOG_THREAT, "threatid"},
    {"predefined", "top-applications", "Top Applications", SIM_LOG_TRAFFIC, "app"},
    {"predefined", "top-attackers", "Top Attackers", SIM_LOG_THREAT, "src"},
    {"predefined", "top-victims", "Top Victims", SIM_LOG_THREAT, "dst"},
    {"predefined", "top-threats", "Top Threats", SIM_LOG_THREAT, "threatid"},
};

struct report_job {
    unsigned long id;
    long long created_ms;
    int fail;
    char *report; /* the <report> element */
};

struct sim_reports {
    struct sim_report_options opts;
    struct report_job *jobs;
    size_t n, cap;
    unsigned long next_id;
};

int sim_reports_new(struct sim_reports **out, const struct sim_report_options *opts)
{
    struct sim_reports *r = calloc(1, sizeof(*r));
    *out = r;
    if (r == NULL)
        return -1;
    if (opts != NULL)
        r->opts = *opts;
    if (r->opts.job_ms <= 0)
        r->opts.job_ms = 300;
    r->next_id = 1;
    return 0;
}

void sim_reports_free(struct sim_reports *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->jobs[i].report);
    free(r->jobs);
    free(r);
}

/* PAN-OS's period names (the guide's dynamic-report examples and the custom report's
 * <period>); the length in seconds, or -1. */
static long long period_s(const char *p)
{
    static const struct {
        const char *name;
        long long s;
    } periods[] = {
        {"last-60-seconds", 60},      {"last-15-minutes", 900}, {"last-hour", 3600},
        {"last-6-hrs", 21600},        {"last-12-hrs", 43200},   {"last-24-hrs", 86400},
        {"last-calendar-day", 86400}, {"last-7-days", 604800},  {"last-30-days", 2592000}};
    for (size_t i = 0; i < sizeof(periods) / sizeof(periods[0]); i++)
        if (strcmp(p, periods[i].name) == 0)
            return periods[i].s;
    return -1;
}

/* The tally of one report: distinct values and their counts (bounded; the world is small). */
#define TALLY_MAX 4096
struct tally {
    char key[TALLY_MAX][48];
    unsigned long long count[TALLY_MAX], bytes[TALLY_MAX];
    size_t n;
};

static void tally_add(struct tally *t, const char *key, unsigned long long bytes)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->key[i], key) == 0) {
            t->count[i]++;
            t->bytes[i] += bytes;
            return;
        }
    }
    if (t->n == TALLY_MAX)
        return;
    snprintf(t->key[t->n], sizeof(t->key[0]), "%s", key);
    t->count[t->n] = 1;
    t->bytes[t->n++] = bytes;
}

/* The index of the largest count not yet taken (ties: the smaller key). */
static size_t tally_top(const struct tally *t, const unsigned char *taken)
{
    size_t best = t->n;
    for (size_t i = 0; i < t->n; i++) {
        if (taken[i])
            continue;
        if (best == t->n || t->count[i] > t->count[best] ||
            (t->count[i] == t->count[best] && strcmp(t->key[i], t->key[best]) < 0))
            best = i;
    }
    return best;
}

/* Count the entries of @p log received in [@p start_ms, @p end_ms] by @p field, newest first. */
static void count_logs(struct tally *t, const struct sim_logstore *logs, enum sim_logtype log,
                       const char *field, long long start_ms, long long end_ms)
{
    struct sim_logentry *e = malloc(sizeof(*e));
    if (e == NULL)
        return;
    for (unsigned long long i = sim_logstore_count(logs, log, end_ms); i-- > 0;) {
        sim_logstore_entry(logs, log, i, e);
        if (e->time_ms < start_ms)
            break;
        const char *v = sim_logentry_get(e, field), *b = sim_logentry_get(e, "bytes");
        if (v != NULL && v[0] != '\0')
            tally_add(t, v, b ? strtoull(b, NULL, 10) : 0);
    }
    free(e);
}

/*
 * The <report> element, in the newer shape the PAN-OS XML API's reports take (pan-python
 * 0.26.0 live test: name, start, start-epoch, end, end-epoch, generated-at attributes and
 * one <entry> per row; with period=last-hour, end-epoch - start-epoch is 3599).
 */
static char *build(const struct sim_logstore *logs, const char *name, const char *title,
                   enum sim_logtype log, const char *field, long long period, unsigned topn,
                   long long now_ms)
{
    struct tally *t = calloc(1, sizeof(*t));
    unsigned char *taken = calloc(TALLY_MAX, 1);
    char *body = NULL;
    size_t len = 0;
    FILE *f = t && taken ? open_memstream(&body, &len) : NULL;
    long long end = now_ms / 1000, start = end - period + 1;
    if (f != NULL) {
        count_logs(t, logs, log, field, start * 1000, now_ms);
        fputs("<report reportname=\"", f);
        sim_xml_escape(f, name, 1);
        fputs("\" name=\"", f);
        sim_xml_escape(f, title, 1);
        fprintf(f, "\" logtype=\"%s\" start=\"", log == SIM_LOG_TRAFFIC ? "traffic" : "threat");
        sim_op_put_jobtime(f, start);
        fprintf(f, "\" start-epoch=\"%lld\" end=\"", start);
        sim_op_put_jobtime(f, end);
        fprintf(f, "\" end-epoch=\"%lld\" generated-at=\"", end);
        sim_op_put_jobtime(f, end);
        fputs("\">\n", f);
        for (unsigned k = 0; k < topn; k++) {
            size_t i = tally_top(t, taken);
            if (i == t->n)
                break;
            taken[i] = 1;
            fputs("<entry>", f);
            sim_op_put_el(f, field, t->key[i]);
            if (log == SIM_LOG_TRAFFIC)
                fprintf(f, "<nbytes>%llu</nbytes><nsess>%llu</nsess>", t->bytes[i], t->count[i]);
            else
                fprintf(f, "<count>%llu</count>", t->count[i]);
            fputs("</entry>\n", f);
        }
        fputs("</report>", f);
        fclose(f);
    }
    free(t);
    free(taken);
    return body;
}

/* The text of the first element child of @p el named @p name, or NULL. */
static const char *child_text(xmlNode *el, const char *name, xmlNode **node)
{
    for (xmlNode *c = el ? el->children : NULL; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE &&
            (name == NULL || strcmp((const char *)c->name, name) == 0)) {
            if (node != NULL)
                *node = c;
            return c->children && c->children->content ? (const char *)c->children->content : "";
        }
    }
    return NULL;
}

/* A custom report's definition in the running config: the vsys's, else shared. */
static xmlNode *custom_def(const struct sim_config *cfg, const char *vsys, const char *name)
{
    char xp[512];
    xmlNode *found = NULL;
    if (cfg == NULL || strchr(name, '\'') != NULL || strchr(vsys, '\'') != NULL)
        return NULL;
    xmlXPathContextPtr ctx = sim_config_xpath_ctx(sim_config_doc(cfg, 1));
    for (int shared = 0; ctx != NULL && shared < 2 && found == NULL; shared++) {
        if (shared)
            snprintf(xp, sizeof(xp), "/config/shared/reports/entry[@name='%s']", name);
        else
            snprintf(xp, sizeof(xp),
                     "/config/devices/entry/vsys/entry[@name='%s']/reports/"
                     "entry[@name='%s']",
                     vsys, name);
        xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)xp, ctx);
        if (o && o->nodesetval && o->nodesetval->nodeNr > 0)
            found = o->nodesetval->nodeTab[0];
        xmlXPathFreeObject(o);
    }
    xmlXPathFreeContext(ctx);
    return found;
}

/* Parse a whole number from 1 to @p max; 0 when @p s is not one. */
static unsigned parse_n(const char *s, unsigned max)
{
    char *end;
    unsigned long v = s && s[0] >= '0' && s[0] <= '9' ? strtoul(s, &end, 10) : 0;
    return v > 0 && v <= max && *end == '\0' ? (unsigned)v : 0;
}

/* The report of a custom definition: <type><trsum|traffic|thsum|threat><aggregate-by><member>
 * FIELD, <period>, <topn> (the custom report's configuration, PAN-OS 10.x). NULL with @p err. */
static char *run_custom(const struct sim_logstore *logs, xmlNode *def, const char *name,
                        long long now_ms, char *err, size_t errlen)
{
    xmlNode *type = NULL, *db = NULL, *agg = NULL;
    child_text(def, "type", &type);
    child_text(type, NULL, &db);
    child_text(db, "aggregate-by", &agg);
    const char *field = child_text(agg, "member", NULL);
    const char *per = child_text(def, "period", NULL), *topn = child_text(def, "topn", NULL);
    enum sim_logtype log = SIM_LOG_TRAFFIC;
    if (db == NULL || field == NULL || field[0] == '\0') {
        snprintf(err, errlen, "custom report %.100s has no <type> with <aggregate-by>", name);
        return NULL;
    }
    if (strcmp((const char *)db->name, "threat") == 0 ||
        strcmp((const char *)db->name, "thsum") == 0)
        log = SIM_LOG_THREAT;
    else if (strcmp((const char *)db->name, "traffic") != 0 &&
             strcmp((const char *)db->name, "trsum") != 0) {
        snprintf(err, errlen, "pansim does not simulate custom reports on %.40s", db->name);
        return NULL;
    }
    long long period = period_s(per ? per : "last-24-hrs");
    unsigned n = topn ? parse_n(topn, 10000) : 10;
    if (period < 0 || n == 0) {
        snprintf(err, errlen, "custom report %.100s: bad period or topn", name);
        return NULL;
    }
    return build(logs, name, name, log, field, period, n, now_ms);
}

/* Run the report a request names: its <report> element, or NULL with the error in @p err. */
static char *run(const struct sim_logstore *logs, const struct sim_config *cfg,
                 const struct sim_request *req, long long now_ms, char *err, size_t errlen)
{
    const char *type = sim_request_param(req, "reporttype");
    const char *name = sim_request_param(req, "reportname");
    const char *per = sim_request_param(req, "period"), *topn = sim_request_param(req, "topn");
    const char *vsys = sim_request_param(req, "vsys");
    if (strcmp(type, "custom") == 0) {
        xmlNode *def = custom_def(cfg, vsys ? vsys : "vsys1", name);
        if (def == NULL) {
            snprintf(err, errlen, "custom report %.100s not found", name);
            return NULL;
        }
        return run_custom(logs, def, name, now_ms, err, errlen);
    }
    for (size_t i = 0; i < sizeof(defs) / sizeof(defs[0]); i++) {
        if (strcmp(defs[i].type, type) != 0 || strcmp(defs[i].name, name) != 0)
            continue;
        /* Predefined reports always cover the last 24 hours ("Predefined Reports"). */
        long long period = period_s(per && type[0] == 'd' ? per : "last-24-hrs");
        unsigned n = topn ? parse_n(topn, 500) : 10;
        if (period < 0 || n == 0) {
            snprintf(err, errlen, "Invalid %s '%.40s'", period < 0 ? "period" : "topn",
                     period < 0 ? per : topn);
            return NULL;
        }
        return build(logs, name, defs[i].title, defs[i].log, defs[i].field, period, n, now_ms);
    }
    snprintf(err, errlen, "%.20s report %.100s not found", type, name);
    return NULL;
}

static void job_answer(struct sim_reports *r, const struct report_job *j, long long now_ms,
                       struct sim_reply *out)
{
    long long age = now_ms - j->created_ms;
    int running = age < r->opts.job_ms;
    char *body = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&body, &len);
    if (f == NULL) {
        sim_reply_set(out, 500, "pansim: out of memory\n");
        return;
    }
    fputs("<response status=\"success\"><result><job><tenq>", f);
    sim_op_put_jobtime(f, j->created_ms / 1000);
    fprintf(f,
            "</tenq><id>%lu</id><user/><type>Report</type><status>%s</status><result>%s"
            "</result><progress>%lld</progress>",
            j->id, running ? "ACT" : "FIN",
            running   ? "PEND"
            : j->fail ? "FAIL"
                      : "OK",
            running ? age * 100 / r->opts.job_ms : 100);
    if (!running && j->fail)
        fputs("<details><line>pansim: report job failed (--report-fail)</line></details>", f);
    fputs("</job>", f);
    if (!running && !j->fail)
        fputs(j->report, f);
    fputs("</result></response>", f);
    fclose(f);
    sim_reply_set(out, 200, body);
    free(body);
}

static void get(struct sim_reports *r, const struct sim_request *req, long long now_ms,
                struct sim_reply *out)
{
    const char *action = sim_request_param(req, "action");
    unsigned long id = parse_n(sim_request_param(req, "job-id"), 1000000000u);
    char line[80];
    if (strcmp(action, "get") != 0) {
        sim_reply_error_line(out, "Illegal value for parameter action");
        return;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (r->jobs[i].id == id) {
            job_answer(r, &r->jobs[i], now_ms, out);
            return;
        }
    }
    snprintf(line, sizeof(line), "job %lu not found", id);
    sim_reply_error_line(out, line);
}

static void enqueue(struct sim_reports *r, char *report, int fail, long long now_ms,
                    struct sim_reply *out)
{
    char body[200];
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        struct report_job *v = realloc(r->jobs, cap * sizeof(*v));
        if (v == NULL) {
            free(report);
            sim_reply_set(out, 500, "pansim: out of memory\n");
            return;
        }
        r->jobs = v;
        r->cap = cap;
    }
    r->jobs[r->n++] = (struct report_job){r->next_id, now_ms, fail, report};
    snprintf(body, sizeof(body),
             "<response status=\"success\"><result><msg><line>Report job "
             "enqueued with jobid %lu</line></msg><job>%lu</job></result></response>",
             r->next_id, r->next_id);
    r->next_id++;
    sim_reply_set(out, 200, body);
}

void sim_report_handle(struct sim_reports *r, const struct sim_logstore *logs,
                       const struct sim_config *cfg, const struct sim_request *req,
                       long long now_ms, struct sim_reply *out)
{
    const char *type = sim_request_param(req, "reporttype");
    const char *name = sim_request_param(req, "reportname");
    const char *async = sim_request_param(req, "async");
    char err[256] = "";
    if (sim_request_param(req, "action") != NULL) {
        get(r, req, now_ms, out);
        return;
    }
    if (type == NULL || name == NULL) {
        sim_reply_error_line(out, type == NULL ? "Missing parameter reporttype"
                                               : "Missing parameter reportname");
        return;
    }
    if (strcmp(type, "dynamic") && strcmp(type, "predefined") && strcmp(type, "custom")) {
        sim_reply_error_line(out, "Illegal value for parameter reporttype");
        return;
    }
    char *report = run(logs, cfg, req, now_ms, err, sizeof(err));
    if (report == NULL) {
        sim_reply_error_line(out, err[0] ? err : "pansim: out of memory");
        return;
    }
    int fail = r->opts.fail != NULL && strcmp(r->opts.fail, name) == 0;
    /* "When you request a report, the API responds asynchronously with a job ID" (PAN-OS XML
     * API guide, "Get Reports (API)", 10.0-11.1; its predefined examples pass async=yes);
     * a dynamic report without async=yes answers at once (pan-python 0.26.0). */
    if (strcmp(type, "custom") == 0 || (async != NULL && strcmp(async, "yes") == 0)) {
        enqueue(r, report, fail, now_ms, out);
        return;
    }
    char *body = malloc(strlen(report) + 80);
    if (body != NULL) {
        snprintf(body, strlen(report) + 80,
                 "<response status=\"success\"><result>%s</result></response>", report);
        sim_reply_set(out, 200, body);
    } else {
        sim_reply_set(out, 500, "pansim: out of memory\n");
    }
    free(body);
    free(report);
}
