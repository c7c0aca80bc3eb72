/* SPDX-License-Identifier: MIT */
/* report.c -- type=report: ask for a report, follow its job to the end, hand back the answer
 * that holds the <report>. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/report.h>
#include <panos/node.h>
#include "client_priv.h"
#include "contract.h"
#include "job_priv.h"
#include "stream.h"

void panos_report_options_init(panos_report_options *o)
{
    PANOS_ASSERT(o != NULL);
    const panos_report_options init = PANOS_REPORT_OPTIONS_INIT;
    *o = init;
}

/* The job id of an enqueue answer (<result><job>N</job>), or 0. */
static long long job_id(const panos_response *r)
{
    const panos_node *job = panos_node_child(panos_response_result(r), "job");
    panos_buf b = PANOS_BUF_INIT;
    long long id = 0;
    if (job != NULL && !panos_node_has_children(job) && panos_node_text(&b, job) == PANOS_OK &&
        b.ptr != NULL) {
        char *end;
        id = strtoll(b.ptr, &end, 10);
        if (*end != '\0' || id <= 0)
            id = 0;
    }
    panos_buf_dispose(&b);
    return id;
}

static int has_report(const panos_response *r)
{
    return panos_node_child(panos_response_result(r), "report") != NULL;
}

/* Poll job @p id until FIN: its last answer (with the report) in *@p out. */
static panos_code follow(panos_response **out, panos_client *c, long long id,
                         const panos_report_options *o)
{
    char idtext[24];
    snprintf(idtext, sizeof(idtext), "%lld", id);
    panos_param p[3] = {{"type", "report"}, {"action", "get"}, {"job-id", idtext}};
    for (;;) {
        panos_response *r = NULL;
        panos_job *job = NULL;
        panos_code rc = panos_request(&r, c, p, 3);
        if (rc == PANOS_OK && (rc = panos_job_parse(&job, r)) == PANOS_E_PARSE)
            panos__client_set_error(c, rc, 0, -1, NULL,
                                    "the answer to report job %lld has no job with a status", id);
        if (rc == PANOS_OK && o->progress != NULL)
            o->progress(o->progress_payload, job);
        if (rc == PANOS_OK && job->finished) {
            rc = panos__job_finished(c, job);
            if (rc == PANOS_OK && !has_report(r)) {
                rc = PANOS_E_PARSE;
                panos__client_set_error(c, rc, 0, -1, NULL,
                                        "report job %lld finished without a report", id);
            }
            if (rc == PANOS_OK) {
                *out = r;
                r = NULL;
            }
            panos_job_free(job);
            panos_response_free(r);
            return rc;
        }
        panos_job_free(job);
        panos_response_free(r);
        if (rc != PANOS_OK)
            return rc;
        panos__job_nap(c, o->interval_ms > 0 ? o->interval_ms : 2000, NULL);
    }
}

panos_code panos_report_run(panos_response **out, panos_client *c, const panos_report_options *o)
{
    PANOS_ASSERT(out != NULL && c != NULL && o != NULL);
    *out = NULL;
    if (o->version < 1 || o->version > PANOS_REPORT_OPTIONS_VERSION || o->type == NULL ||
        o->name == NULL ||
        (strcmp(o->type, "dynamic") && strcmp(o->type, "predefined") &&
         strcmp(o->type, "custom"))) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "a report needs a type (dynamic, predefined or custom) and a name");
        return PANOS_E_INVALID_ARG;
    }
    char topn[16];
    panos_param p[8] = {
        {"type", "report"}, {"async", "yes"}, {"reporttype", o->type}, {"reportname", o->name}};
    size_t n = 4;
    snprintf(topn, sizeof(topn), "%u", o->topn);
    if (o->period != NULL)
        p[n++] = (panos_param){"period", o->period};
    if (o->topn > 0)
        p[n++] = (panos_param){"topn", topn};
    if (o->vsys != NULL)
        p[n++] = (panos_param){"vsys", o->vsys};
    panos_response *r = NULL;
    panos_code rc = panos_request(&r, c, p, n);
    long long id = rc == PANOS_OK ? job_id(r) : 0;
    if (rc == PANOS_OK && id == 0 && has_report(r)) {
        *out = r; /* a firewall that answered at once */
        return PANOS_OK;
    }
    panos_response_free(r);
    if (rc != PANOS_OK)
        return rc;
    if (id == 0) {
        panos__client_set_error(c, PANOS_E_PARSE, 0, -1, NULL,
                                "the report answer has neither a report nor a job");
        return PANOS_E_PARSE;
    }
    return follow(out, c, id, o);
}
