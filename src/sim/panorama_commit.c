/* SPDX-License-Identifier: MIT */
/* panorama_commit.c -- pansim --panorama: commit-all (push) jobs with their per-device results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include "panorama.h"
#include "simimport.h"

/* Commit-all job ids start here, far above the device's own jobs (simop_jobs.c, simcommit.c). */
#define FIRST_JOB_ID 100000

struct pano_push {
    char serial[40], name[80];
    int fail;
};

struct pano_job {
    long long id, t0_ms;
    char user[64], dgname[128];
    const char *push_type;
    struct pano_push *dev;
    size_t ndev;
};

struct sim_pano_jobs {
    struct pano_job *jobs;
    size_t n;
    long job_ms;
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sim_pano_jobs_new(struct sim_pano_jobs **out, long job_ms)
{
    *out = calloc(1, sizeof(**out));
    if (*out == NULL)
        return -1;
    (*out)->job_ms = job_ms;
    return 0;
}

void sim_pano_jobs_free(struct sim_pano_jobs *j)
{
    if (j == NULL)
        return;
    for (size_t i = 0; i < j->n; i++)
        free(j->jobs[i].dev);
    free(j->jobs);
    free(j);
}

/* The entry names under @p path of @p doc, joined with commas into @p buf; their count. */
static int names_of(xmlDocPtr doc, const char *path, char *buf, size_t len)
{
    xmlXPathContextPtr x = xmlXPathNewContext(doc);
    xmlXPathObjectPtr o = x ? xmlXPathEvalExpression(BAD_CAST path, x) : NULL;
    int n = o && o->nodesetval ? o->nodesetval->nodeNr : 0;
    for (int i = 0; i < n; i++) {
        xmlChar *v = xmlNodeGetContent(o->nodesetval->nodeTab[i]);
        size_t used = strlen(buf);
        snprintf(buf + used, len - used, "%s%s", used ? "," : "", v ? (const char *)v : "");
        xmlFree(v);
    }
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(x);
    return n;
}

static void refuse_cmd(struct sim_reply *out)
{
    /* The shape of an unexpected commit-all body (pan-os-python #515: "commit-all -> ... is
     * unexpected"). */
    sim_reply_set(out, 200,
                  "<response status=\"error\" code=\"17\"><msg><line><![CDATA[ commit-all is "
                  "unexpected]]></line></msg></response>");
}

/*
 * type=commit&action=all&cmd=<commit-all><shared-policy><device-group><entry name="DG"/>...
 * or <template><entry name="T"/>... (PAN-OS XML API guide, "Commit Configuration (API)"; pan-python
 * 0.26.0 -A). pansim keeps no device-group or template membership: every connected firewall is
 * in each of them.
 */
void sim_pano_commit_all(struct sim_pano_jobs *j, const struct sim_pano_fw *fw, size_t n,
                         const char *who, const char *cmd, struct sim_reply *out)
{
    xmlDocPtr doc = sim_cmd_doc(cmd);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    char names[128] = "";
    int ndg = 0, ntpl = 0;
    if (root && strcmp((const char *)root->name, "commit-all") == 0) {
        ndg = names_of(doc, "/commit-all/shared-policy/device-group/entry/@name", names,
                       sizeof(names));
        ntpl = ndg ? 0 : names_of(doc, "/commit-all/template/entry/@name", names, sizeof(names));
    }
    xmlFreeDoc(doc);
    struct pano_job *grown = ndg + ntpl ? realloc(j->jobs, (j->n + 1) * sizeof(*j->jobs)) : NULL;
    if (grown == NULL) {
        refuse_cmd(out);
        return;
    }
    j->jobs = grown;
    struct pano_job *job = &j->jobs[j->n];
    memset(job, 0, sizeof(*job));
    job->dev = calloc(n ? n : 1, sizeof(*job->dev));
    if (job->dev == NULL) {
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    j->n++;
    job->id = FIRST_JOB_ID + (long long)j->n - 1;
    job->t0_ms = now_ms();
    job->push_type = ndg ? "SharedPolicy" : "Template";
    snprintf(job->user, sizeof(job->user), "%s", who);
    snprintf(job->dgname, sizeof(job->dgname), "%s", names);
    for (size_t i = 0; i < n; i++) {
        if (!fw[i].connected)
            continue;
        struct pano_push *d = &job->dev[job->ndev++];
        snprintf(d->serial, sizeof(d->serial), "%s", fw[i].serial);
        snprintf(d->name, sizeof(d->name), "%s", fw[i].hostname);
        d->fail = fw[i].fail;
    }
    char body[256];
    snprintf(body, sizeof(body),
             "<response status=\"success\" code=\"19\"><result><msg><line>CommitAll job "
             "enqueued with jobid %lld</line></msg><job>%lld</job></result></response>",
             job->id, job->id);
    sim_reply_set(out, 200, body);
}

static void fmt_time(char *buf, size_t len, long long ms, int date)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, len, date ? "%Y/%m/%d %H:%M:%S" : "%H:%M:%S", &tm);
}

/* One device's result: PEND while the job runs, then OK or FAIL. */
static void push_entry(FILE *f, const struct pano_push *d, int fin, const char *tstart,
                       const char *tfin)
{
    const char *result = !fin ? "PEND" : d->fail ? "FAIL" : "OK";
    fprintf(f,
            "<entry><serial-no>%s</serial-no><devicename>%s</devicename><vsys>vsys1</vsys>"
            "<status>%s</status><result>%s</result><tstart>%s</tstart><tfin>%s</tfin>"
            "<details>",
            d->serial, d->name,
            !fin      ? "Pending"
            : d->fail ? "commit failed"
                      : "commit succeeded",
            result, tstart, fin ? tfin : "");
    if (fin && d->fail)
        fputs("<msg><errors><line>Commit failed on the device (pansim --fault fail)</line>"
              "</errors></msg>",
              f);
    fputs("</details></entry>", f);
}

/* The job as show jobs id N gives it (PAN-OS XML API guide, "Commit"; XSOAR Panorama
 * push_to_device_success.xml: push_type, dgname, devices/entry). */
static void show_job(const struct sim_pano_jobs *j, const struct pano_job *job,
                     struct sim_reply *out)
{
    long long now = now_ms();
    int fin = now - job->t0_ms >= j->job_ms;
    int failed = 0;
    for (size_t i = 0; i < job->ndev; i++)
        failed |= job->dev[i].fail;
    char tenq[32], tdeq[32], tfin[32];
    fmt_time(tenq, sizeof(tenq), job->t0_ms, 1);
    fmt_time(tdeq, sizeof(tdeq), job->t0_ms, 0);
    fmt_time(tfin, sizeof(tfin), job->t0_ms + j->job_ms, 1);
    int progress = fin ? 100 : (int)((now - job->t0_ms) * 100 / j->job_ms);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fprintf(f,
            "<response status=\"success\"><result><job><tenq>%s</tenq><tdeq>%s</tdeq>"
            "<id>%lld</id><user>%s</user><type>CommitAll</type><status>%s</status>"
            "<queued>NO</queued><stoppable>no</stoppable><result>%s</result>"
            "<tfin>%s</tfin><description></description><positionInQ>0</positionInQ>"
            "<progress>%d</progress><push_type>%s</push_type><dgname>",
            tenq, tdeq, job->id, job->user, fin ? "FIN" : "ACT",
            !fin     ? "PEND"
            : failed ? "FAIL"
                     : "OK",
            fin ? tfin : "Still Active", progress, job->push_type);
    sim_xml_escape(f, job->dgname, 0);
    fputs("</dgname><devices>", f);
    for (size_t i = 0; i < job->ndev; i++)
        push_entry(f, &job->dev[i], fin, tdeq, tfin);
    fputs("</devices><details></details><warnings></warnings></job></result></response>", f);
    sim_reply_close(out, f, &buf);
}

int sim_pano_job_show(struct sim_pano_jobs *j, const char *cmd, struct sim_reply *out)
{
    long long id = 0;
    int end = 0;
    if (sscanf(cmd, " <show><jobs><id>%lld</id></jobs></show>%n", &id, &end) != 1 || end == 0)
        return 0;
    if (id < FIRST_JOB_ID || id >= FIRST_JOB_ID + (long long)j->n)
        return 0;
    show_job(j, &j->jobs[id - FIRST_JOB_ID], out);
    return 1;
}

const char *sim_pano_last_commit(const struct sim_pano_jobs *j, const char *serial)
{
    long long now = now_ms();
    for (size_t k = j->n; k-- > 0;) {
        const struct pano_job *job = &j->jobs[k];
        if (now - job->t0_ms < j->job_ms)
            continue;
        for (size_t i = 0; i < job->ndev; i++)
            if (strcmp(job->dev[i].serial, serial) == 0)
                return job->dev[i].fail ? "commit failed" : "commit succeeded";
    }
    return "";
}
