/* SPDX-License-Identifier: MIT */
/* job.c -- read `show jobs id N` answers and poll a job (commit, validate) until FIN. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/commit.h>
#include <panos/node.h>
#include "client_priv.h"
#include "contract.h"
#include "job_priv.h"

/* The job and the strings it points to. */
struct job_owned {
    panos_job job; /* first: panos_job_free() gets this address */
    char *text[8]; /* type, status, result, user, description, tenq, tfin, progress */
    char **details, **warnings;
};

void panos_job_wait_options_init(panos_job_wait_options *o)
{
    PANOS_ASSERT(o != NULL);
    const panos_job_wait_options init = PANOS_JOB_WAIT_OPTIONS_INIT;
    *o = init;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        free(v[i]);
    free(v);
}

void panos_job_free(panos_job *job)
{
    struct job_owned *o = (struct job_owned *)job;
    if (o == NULL)
        return;
    for (size_t i = 0; i < sizeof(o->text) / sizeof(o->text[0]); i++)
        free(o->text[i]);
    free_lines(o->details, job->ndetails);
    free_lines(o->warnings, job->nwarnings);
    free(o);
}

/* The text of @p parent's child @p name, trimmed of blanks; "" when absent. NULL: no memory. */
static char *text_of(const panos_node *parent, const char *name)
{
    const panos_node *n = name != NULL ? panos_node_child(parent, name) : parent;
    panos_buf b = PANOS_BUF_INIT;
    if (n != NULL && panos_node_text(&b, n) != PANOS_OK)
        return NULL;
    const char *s = b.ptr != NULL ? b.ptr : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t len = strlen(s);
    while (len > 0 &&
           (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '\t'))
        len--;
    char *copy = malloc(len + 1);
    if (copy != NULL) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    panos_buf_dispose(&b);
    return copy;
}

/* The <line> texts of @p list, or its own text as one line when it has no <line> (older
 * releases write details as plain text). 0 or -1. */
static int lines_of(const panos_node *list, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (list == NULL)
        return 0;
    const panos_node *line = panos_node_child(list, "line");
    for (const panos_node *l = line; l != NULL; l = panos_node_next_named(l, "line")) {
        char *t = text_of(l, NULL);
        char **grown = t != NULL ? realloc(*out, (*n + 1) * sizeof(**out)) : NULL;
        if (grown == NULL) {
            free(t);
            return -1;
        }
        *out = grown;
        (*out)[(*n)++] = t;
    }
    if (line == NULL) {
        char *t = text_of(list, NULL);
        if (t == NULL)
            return -1;
        if (*t == '\0') {
            free(t);
            return 0;
        }
        if ((*out = malloc(sizeof(**out))) == NULL) {
            free(t);
            return -1;
        }
        (*out)[(*n)++] = t;
    }
    return 0;
}

/* <progress>: a percentage, or once finished a time stamp ("2023/08/07 04:00:45", "11:11:54":
 * pan-os-upgrade-assurance 2.1.1 fixture; pango's comment "The progress is not an uint when the
 * job completes"), read as 100 when FIN and unknown (-1) otherwise. */
static int progress_of(const char *s, int finished)
{
    char *end;
    errno = 0;
    long v = s[0] >= '0' && s[0] <= '9' ? strtol(s, &end, 10) : -1;
    if (v < 0 || errno != 0 || *end != '\0' || v > 100)
        return finished ? 100 : -1;
    return (int)v;
}

panos_code panos_job_parse(panos_job **out, const panos_response *r)
{
    PANOS_ASSERT(out != NULL && r != NULL);
    *out = NULL;
    static const char *const names[8] = {"type",        "status", "result", "user",
                                         "description", "tenq",   "tfin",   "progress"};
    const panos_node *job = panos_node_child(panos_response_result(r), "job");
    const panos_node *id = panos_node_child(job, "id");
    if (job == NULL || id == NULL || panos_node_child(job, "status") == NULL)
        return PANOS_E_PARSE;
    struct job_owned *o = calloc(1, sizeof(*o));
    if (o == NULL)
        return PANOS_E_NOMEM;
    int bad = 0;
    for (int i = 0; i < 8; i++)
        bad |= (o->text[i] = text_of(job, names[i])) == NULL;
    char *idtext = bad ? NULL : text_of(id, NULL);
    if (bad || idtext == NULL ||
        lines_of(panos_node_child(job, "details"), &o->details, &o->job.ndetails) != 0 ||
        lines_of(panos_node_child(job, "warnings"), &o->warnings, &o->job.nwarnings) != 0) {
        free(idtext);
        panos_job_free(&o->job);
        return PANOS_E_NOMEM;
    }
    panos_job *j = &o->job;
    j->id = strtoll(idtext, NULL, 10);
    free(idtext);
    j->type = o->text[0];
    j->status = o->text[1];
    j->result = o->text[2];
    j->user = o->text[3];
    j->description = o->text[4];
    j->tenq = o->text[5];
    j->tfin = o->text[6];
    j->finished = strcmp(j->status, "FIN") == 0;
    j->progress = progress_of(o->text[7], j->finished);
    j->details = (const char *const *)o->details;
    j->warnings = (const char *const *)o->warnings;
    *out = j;
    return PANOS_OK;
}

/* Sleep @p ms in slices so a cancel is seen quickly; never past the client's deadline. */
void panos__job_nap(panos_client *c, long ms, volatile int *cancel)
{
    long left = panos__client_deadline_left(c);
    if (left >= 0 && ms > left)
        ms = left;
    while (ms > 0 && (cancel == NULL || *cancel == 0)) {
        long slice = ms < 100 ? ms : 100;
        c->clock.sleep_ms(c->clock.payload, slice);
        ms -= slice;
    }
}

/* PANOS_OK for result OK; else JOB_FAILED with the details, joined with "; ", as the message. */
panos_code panos__job_finished(panos_client *c, const panos_job *job)
{
    if (strcmp(job->result, "OK") == 0)
        return PANOS_OK;
    char msg[1024];
    int n = snprintf(msg, sizeof(msg), "%s job %lld finished with result %s",
                     job->type[0] != '\0' ? job->type : "the", job->id,
                     job->result[0] != '\0' ? job->result : "(none)");
    for (size_t i = 0; i < job->ndetails && n > 0 && (size_t)n < sizeof(msg); i++)
        n += snprintf(msg + n, sizeof(msg) - (size_t)n, "%s%s", i == 0 ? ": " : "; ",
                      job->details[i]);
    panos__client_set_error(c, PANOS_E_JOB_FAILED, 0, -1, NULL, "%s", msg);
    return PANOS_E_JOB_FAILED;
}

panos_code panos_job_wait(panos_job **out, panos_client *c, long long id,
                          const panos_job_wait_options *o)
{
    PANOS_ASSERT(out != NULL && c != NULL);
    panos_job_wait_options defaults = PANOS_JOB_WAIT_OPTIONS_INIT;
    if (o == NULL)
        o = &defaults;
    if (o->version < 1 || o->version > PANOS_JOB_WAIT_OPTIONS_VERSION) {
        panos__client_set_error(c, PANOS_E_INVALID_ARG, 0, -1, NULL,
                                "panos_job_wait_options version %u is not known", o->version);
        *out = NULL;
        return PANOS_E_INVALID_ARG;
    }
    long interval = o->interval_ms > 0 ? o->interval_ms : 2000;
    char cmd[96];
    snprintf(cmd, sizeof(cmd), "<show><jobs><id>%lld</id></jobs></show>", id);
    *out = NULL;
    for (;;) {
        panos_response *r = NULL;
        panos_code rc = panos_op_run(&r, c, cmd);
        panos_job *job = NULL;
        if (rc == PANOS_OK && (rc = panos_job_parse(&job, r)) == PANOS_E_PARSE)
            panos__client_set_error(c, rc, 0, -1, NULL,
                                    "the answer to show jobs id %lld has no "
                                    "job with an id and a status",
                                    id);
        panos_response_free(r);
        if (rc != PANOS_OK)
            return rc;
        panos_job_free(*out);
        *out = job;
        if (o->progress != NULL)
            o->progress(o->progress_payload, job);
        if (job->finished)
            return panos__job_finished(c, job);
        if (o->cancel != NULL && *o->cancel != 0)
            return PANOS_E_FAILED;
        panos__job_nap(c, interval, o->cancel);
        if (o->cancel != NULL && *o->cancel != 0)
            return PANOS_E_FAILED;
    }
}
