/* SPDX-License-Identifier: MIT */
/*
 * commit_all.c -- panctl commit --all: Panorama's commit-all (push to device groups or
 * templates), followed until the job is FIN and no firewall's result is PEND, with one result
 * per firewall.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "commit_all.h"
#include "pano.h"

/* <commit-all><shared-policy><device-group><entry name="DG"/>...</device-group></shared-policy>
 * </commit-all>, or <template><entry name="T"/>...</template> (PAN-OS XML API guide, "Commit
 * Configuration (API)"; pan-python 0.26.0 panxapi.py -A). NULL when out of memory. */
static char *push_cmd(const char *const *names, size_t n, int templates)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return NULL;
    fputs(templates ? "<commit-all><template>" : "<commit-all><shared-policy><device-group>", f);
    for (size_t i = 0; i < n; i++) {
        fputs("<entry name=\"", f);
        cli_xml_attr(f, names[i]);
        fputs("\"/>", f);
    }
    fputs(templates ? "</template></commit-all>" : "</device-group></shared-policy></commit-all>",
          f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *text_of(const panos_node *parent, const char *name)
{
    panos_buf b = PANOS_BUF_INIT;
    const panos_node *n = panos_node_child(parent, name);
    char *s = strdup(n != NULL && panos_node_text(&b, n) == PANOS_OK && b.ptr ? b.ptr : "");
    panos_buf_dispose(&b);
    return s;
}

/* Whether the job is over: FIN, and no firewall PEND (pango waits for both: the job can be
 * FIN while pushes are still pending). */
static int job_over(const panos_node *job)
{
    char *status = text_of(job, "status");
    int over = status && strcmp(status, "FIN") == 0;
    free(status);
    const panos_node *devs = panos_node_child(job, "devices");
    for (const panos_node *e = panos_node_child(devs, "entry"); over && e;
         e = panos_node_next_named(e, "entry")) {
        char *r = text_of(e, "result");
        over = r && strcmp(r, "PEND") != 0;
        free(r);
    }
    return over;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Poll show jobs id N until the job is over; *@p out is its last answer. */
static panos_code follow(panos_response **out, struct cli_ctx *ctx, long long id, long interval_ms)
{
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "<show><jobs><id>%lld</id></jobs></show>", id);
    long long until = now_ms() + (ctx->deadline_ms > 0 ? ctx->deadline_ms : 300000);
    for (;;) {
        panos_response_free(*out);
        *out = NULL;
        panos_code code = panos_op_run(out, ctx->client, cmd);
        if (code != PANOS_OK)
            return code;
        if (job_over(panos_node_child(panos_response_result(*out), "job")))
            return PANOS_OK;
        if (now_ms() + interval_ms > until)
            return PANOS_E_TIMEOUT;
        struct timespec ts = {interval_ms / 1000, (interval_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
}

/* One firewall's line of the text report, or its JSON object. */
static void device_text(const panos_node *e)
{
    char *v[4] = {text_of(e, "serial-no"), text_of(e, "devicename"), text_of(e, "result"),
                  text_of(e, "status")};
    printf("  %-16s %-20s %-5s %s\n", v[0] ? v[0] : "", v[1] ? v[1] : "", v[2] ? v[2] : "",
           v[3] ? v[3] : "");
    panos_buf b = PANOS_BUF_INIT;
    if (panos_node_text(&b, panos_node_child(e, "details")) == PANOS_OK && b.ptr && b.ptr[0])
        printf("    %s\n", b.ptr);
    panos_buf_dispose(&b);
    for (int i = 0; i < 4; i++)
        free(v[i]);
}

static json_t *device_json(const panos_node *e)
{
    static const char *const keys[] = {"serial-no", "devicename", "status", "result"};
    json_t *o = json_object();
    for (size_t i = 0; i < 4; i++) {
        char *s = text_of(e, keys[i]);
        json_object_set_new(o, i == 0 ? "serial" : keys[i], cli_json_string(s ? s : ""));
        free(s);
    }
    panos_buf b = PANOS_BUF_INIT;
    panos_node_text(&b, panos_node_child(e, "details"));
    json_object_set_new(o, "details", cli_json_string(b.ptr ? b.ptr : ""));
    panos_buf_dispose(&b);
    return o;
}

/* Print the report; returns 1 when the job or any firewall failed. */
static int report(const struct cli_ctx *ctx, const panos_node *job, const char *what)
{
    char *id = text_of(job, "id"), *result = text_of(job, "result");
    const panos_node *devs = panos_node_child(job, "devices");
    int failed = !result || strcmp(result, "OK") != 0;
    for (const panos_node *e = panos_node_child(devs, "entry"); e;
         e = panos_node_next_named(e, "entry")) {
        char *r = text_of(e, "result");
        failed |= !r || strcmp(r, "OK") != 0;
        free(r);
    }
    if (ctx->format == CLI_FORMAT_JSON) {
        json_t *o = json_object(), *a = json_array();
        json_object_set_new(o, "job", json_integer(strtoll(id ? id : "0", NULL, 10)));
        json_object_set_new(o, "push", json_string(what));
        json_object_set_new(o, "result", cli_json_string(result ? result : ""));
        for (const panos_node *e = panos_node_child(devs, "entry"); e;
             e = panos_node_next_named(e, "entry"))
            json_array_append_new(a, device_json(e));
        json_object_set_new(o, "devices", a);
        json_dumpf(o, stdout, JSON_COMPACT);
        fputc('\n', stdout);
        json_decref(o);
    } else {
        printf("commit-all %s %s (job %s, Panorama result %s)\n", what, failed ? "FAILED" : "OK",
               id ? id : "", result ? result : "");
        for (const panos_node *e = panos_node_child(devs, "entry"); e;
             e = panos_node_next_named(e, "entry"))
            device_text(e);
    }
    free(id);
    free(result);
    return failed;
}

/* Push @p names (device groups, or templates) and follow the job. 0, 12 (JOB_FAILED) when the
 * job or a firewall failed, or another exit status. */
static int push(struct cli_ctx *ctx, const char *const *names, size_t n, int templates,
                long interval_ms)
{
    char *cmd = push_cmd(names, n, templates);
    if (cmd == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    const panos_param p[] = {{"type", "commit"}, {"action", "all"}, {"cmd", cmd}};
    panos_response *r = NULL;
    panos_code code = panos_request(&r, ctx->client, p, 3);
    free(cmd);
    char *job = code == PANOS_OK ? text_of(panos_response_result(r), "job") : NULL;
    long long id = job ? strtoll(job, NULL, 10) : 0;
    free(job);
    panos_response_free(r);
    r = NULL;
    if (code == PANOS_OK && id <= 0)
        return cli_local_error(PANOS_E_PARSE, "commit-all: the answer names no job");
    if (code == PANOS_OK)
        code = follow(&r, ctx, id, interval_ms);
    int rc = code != PANOS_OK ? cli_fail_client(ctx, code) : 0;
    if (code == PANOS_OK && report(ctx, panos_node_child(panos_response_result(r), "job"),
                                   templates ? "template" : "device-group"))
        rc = PANOS_E_JOB_FAILED;
    fflush(stdout);
    panos_response_free(r);
    return rc;
}

int cli_commit_all(struct cli_ctx *ctx, const struct cli_commit_all *a)
{
    int rc = 0, rc2 = 0;
    if (a->ntemplates > 0)
        rc = push(ctx, a->templates, a->ntemplates, 1, a->interval_ms);
    if (a->ngroups > 0 && (rc == 0 || rc == PANOS_E_JOB_FAILED))
        rc2 = push(ctx, a->groups, a->ngroups, 0, a->interval_ms);
    return rc != 0 ? rc : rc2;
}
