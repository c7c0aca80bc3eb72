/* SPDX-License-Identifier: MIT */
/*
 * simcommit.c -- pansim's commits: type=commit (full, force, description, partial) and op
 * `validate full` enqueue a job that runs --commit-ms and ends OK (a commit's new tree becomes
 * running) or FAIL (validation errors, or --commit-fail); the refusals PAN-OS answers instead.
 *
 * Answers (PAN-OS XML API guide, "Commit" (PAN-OS 10.1); pan-python 0.26.0; a
 * netbox-panorama-configpump-plugin test fixture (PAN-OS 11.x, 2025); a consul-terraform-sync
 * test; pan-os-python 1.13.1 classify_exception): enqueued, code 19 "Commit job enqueued with
 * jobid N" and <job>N</job>; nothing to commit, code 19 <msg>There are no changes to
 * commit.</msg> and no job; a commit lock of another admin, code 14 "Other administrators are
 * holding device wide commit locks."; a job running, "Another commit/validate is in progress.
 * Please try again later" (its code is not captured: --commit-busy-code, 14 by default).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "simimport.h"
#include "simcommit.h"
#include "simop.h"

struct sim_commits {
    struct sim_commit_options o;
    char *fail, *warning;
    struct sim_cjob *jobs;
    size_t n;
    struct sim_change *ch; /* writes since the writer's last commit */
    size_t nch;
    long long now_ms; /* the last tick */
};

int sim_commits_new(struct sim_commits **out, const struct sim_commit_options *opts)
{
    struct sim_commits *c = calloc(1, sizeof(*c));
    *out = NULL;
    if (c == NULL)
        return -1;
    c->o = *opts;
    c->o.job_ms = opts->job_ms > 0 ? opts->job_ms : 400;
    c->o.busy_code = opts->busy_code > 0 ? opts->busy_code : 14;
    if (sim_commits_set_fail(c, opts->fail) != 0 ||
        (opts->warning != NULL && (c->warning = strdup(opts->warning)) == NULL)) {
        sim_commits_free(c);
        return -1;
    }
    *out = c;
    return 0;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static void free_job(struct sim_cjob *j)
{
    free(j->description);
    free_lines(j->details, j->ndetails);
    free_lines(j->warnings, j->nwarnings);
    free_lines(j->admins, j->nadmins);
    xmlFreeDoc(j->result);
}

void sim_commits_free(struct sim_commits *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++)
        free_job(&c->jobs[i]);
    for (size_t i = 0; i < c->nch; i++) {
        free(c->ch[i].admin);
        free(c->ch[i].xpath);
    }
    free(c->ch);
    free(c->jobs);
    free(c->fail);
    free(c->warning);
    free(c);
}

int sim_commits_set_fail(struct sim_commits *c, const char *msg)
{
    char *copy = msg != NULL && *msg != '\0' ? strdup(msg) : NULL;
    if (msg != NULL && *msg != '\0' && copy == NULL)
        return -1;
    free(c->fail);
    c->fail = copy;
    return 0;
}

/* The xpath a write changes: rename, clone and move change the list the entry is in. */
static char *changed_xpath(const struct sim_config_args *a)
{
    if (strcmp(a->action, "multi-config") == 0)
        return strdup("/config"); /* coarse: see docs/internals/pansim-commit.md */
    if (a->xpath == NULL)
        return NULL;
    char *x = strdup(a->xpath);
    if (x != NULL && (strcmp(a->action, "rename") == 0 || strcmp(a->action, "clone") == 0 ||
                      strcmp(a->action, "move") == 0)) {
        int depth = 0;
        char *cut = NULL;
        for (char *p = x; *p != '\0'; p++) {
            depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
            if (*p == '/' && depth == 0)
                cut = p;
        }
        if (cut != NULL && cut != x)
            *cut = '\0';
    }
    return x;
}

void sim_commits_note_write(struct sim_commits *c, const char *who, const struct sim_config_args *a)
{
    char *xpath = changed_xpath(a);
    char *admin = who != NULL ? strdup(who) : NULL;
    struct sim_change *grown =
        xpath && admin ? realloc(c->ch, (c->nch + 1) * sizeof(*c->ch)) : NULL;
    if (grown == NULL) {
        free(xpath);
        free(admin);
        return;
    }
    c->ch = grown;
    c->ch[c->nch].admin = admin;
    c->ch[c->nch].xpath = xpath;
    c->nch++;
}

/* Forget the change records of the admins @p j committed (all of them for a full commit). */
static void forget_changes(struct sim_commits *c, const struct sim_cjob *j)
{
    size_t kept = 0;
    for (size_t i = 0; i < c->nch; i++) {
        int mine = j->nadmins == 0;
        for (size_t k = 0; k < j->nadmins && !mine; k++)
            mine = strcmp(j->admins[k], c->ch[i].admin) == 0;
        if (mine) {
            free(c->ch[i].admin);
            free(c->ch[i].xpath);
        } else {
            c->ch[kept++] = c->ch[i];
        }
    }
    c->nch = kept;
}

void sim_commits_tick(struct sim_commits *c, struct sim_config *cfg, long long now_ms)
{
    c->now_ms = now_ms;
    for (size_t i = 0; i < c->n; i++) {
        struct sim_cjob *j = &c->jobs[i];
        if (j->applied || now_ms < j->fin_ms)
            continue;
        j->applied = 1;
        if (j->result != NULL) {
            struct _xmlDoc **running = sim_config_running(cfg);
            xmlFreeDoc(*running);
            *running = j->result;
            j->result = NULL;
            forget_changes(c, j);
        }
    }
}

size_t sim_commits_count(const struct sim_commits *c)
{
    return c != NULL ? c->n : 0;
}

const struct sim_cjob *sim_commits_at(const struct sim_commits *c, size_t i)
{
    return &c->jobs[i];
}

/* An answer of one line in <msg><line>, with @p code (0: none). */
static void refuse(struct sim_reply *out, int code, const char *line)
{
    char *buf;
    size_t len;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fputs("<response status=\"error\"", f);
    if (code > 0)
        fprintf(f, " code=\"%d\"", code);
    fputs("><msg><line>", f);
    sim_xml_escape(f, line, 0);
    fputs("</line></msg></response>", f);
    sim_reply_close(out, f, &buf);
}

static int running_job(const struct sim_commits *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (!c->jobs[i].applied)
            return 1;
    return 0;
}

/* The refusals that come before any work: a lock of another admin, a job running. */
static int refused(struct sim_commits *c, struct sim_config *cfg, const char *who, int commit,
                   struct sim_reply *out)
{
    const struct sim_lock *l = &sim_config_locks(cfg)->commit;
    if (commit && l->holder[0] != '\0' && (who == NULL || strcmp(l->holder, who) != 0)) {
        refuse(out, 14, "Other administrators are holding device wide commit locks.");
        return 1;
    }
    if (commit && sim_config_write_locked(cfg, who, out))
        return 1;
    if (running_job(c)) {
        refuse(out, c->o.busy_code,
               "Another commit/validate is in progress. Please try again "
               "later");
        return 1;
    }
    return 0;
}

/* The details of a job that ends OK: the sizes PAN-OS reports after a commit (netbox fixture,
 * PAN-OS 11.x), from the size of the tree committed. */
static int ok_details(struct sim_cjob *j, size_t bytes)
{
    if (j->validate)
        return sim_commit_push(&j->details, &j->ndetails, "Configuration is valid");
    char line[160];
    unsigned long local_kb = (unsigned long)((bytes + 1023) / 1024);
    unsigned long total_mb = 14 + (unsigned long)(bytes >> 20);
    if (sim_commit_push(&j->details, &j->ndetails, "Configuration committed successfully"))
        return -1;
    snprintf(line, sizeof(line), "Local configuration size: %lu KB", local_kb);
    if (sim_commit_push(&j->details, &j->ndetails, line) ||
        sim_commit_push(&j->details, &j->ndetails, "Predefined configuration size: 14 MB"))
        return -1;
    snprintf(line, sizeof(line), "Total configuration size(local, predefined): %lu MB", total_mb);
    if (sim_commit_push(&j->details, &j->ndetails, line))
        return -1;
    snprintf(line, sizeof(line),
             "Maximum recommended configuration size: 120 MB (%lu%% configured)",
             total_mb * 100 / 120);
    return sim_commit_push(&j->details, &j->ndetails, line);
}

/* Decide how job @p j ends: --commit-fail, validation errors of @p result, or OK. */
static int outcome(struct sim_commits *c, struct sim_cjob *j, struct _xmlDoc *result)
{
    char **problems = NULL;
    size_t nproblems = 0;
    int bad = c->fail != NULL ? 0 : sim_commit_validate(result, &problems, &nproblems);
    int rc = bad < 0 ? -1 : 0;
    j->fail = c->fail != NULL || bad > 0;
    if (rc == 0 && c->fail != NULL)
        rc = sim_commit_push(&j->details, &j->ndetails, c->fail);
    if (rc == 0 && bad > 0) {
        rc = sim_commit_push(&j->details, &j->ndetails, "Validation Error:");
        for (size_t i = 0; rc == 0 && i < nproblems; i++)
            rc = sim_commit_push(&j->details, &j->ndetails, problems[i]);
    }
    if (rc == 0 && j->fail && !j->validate)
        rc = sim_commit_push(&j->details, &j->ndetails, "Commit failed");
    if (rc == 0 && !j->fail)
        rc = ok_details(j, sim_commit_bytes(result));
    if (rc == 0 && !j->fail && c->warning != NULL)
        rc = sim_commit_push(&j->warnings, &j->nwarnings, c->warning);
    free_lines(problems, nproblems);
    return rc;
}

/* Enqueue a job for @p result (taken over) and answer "... job enqueued with jobid N". */
static void enqueue(struct sim_commits *c, const struct sim_state *st, const char *who,
                    const char *description, const struct sim_commit_scope *sc, int validate,
                    struct _xmlDoc *result, struct sim_reply *out)
{
    struct sim_cjob *grown = realloc(c->jobs, (c->n + 1) * sizeof(*c->jobs));
    if (grown == NULL) {
        xmlFreeDoc(result);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    c->jobs = grown;
    struct sim_cjob *j = &c->jobs[c->n];
    memset(j, 0, sizeof(*j));
    j->validate = validate;
    j->after = sim_op_jobs_newest(st, c->now_ms / 1000);
    j->id = j->after + (long long)c->n + 1;
    snprintf(j->user, sizeof(j->user), "%s", who != NULL ? who : "");
    j->enq_ms = c->now_ms;
    j->fin_ms = c->now_ms + c->o.job_ms;
    int rc = description != NULL && (j->description = strdup(description)) == NULL ? -1 : 0;
    for (size_t i = 0; rc == 0 && sc != NULL && sc->partial && i < sc->nadmins; i++)
        rc = sim_commit_push(&j->admins, &j->nadmins, sc->admins[i]);
    if (rc == 0)
        rc = outcome(c, j, result);
    if (rc != 0) {
        free_job(j);
        xmlFreeDoc(result);
        sim_reply_set(out, 500, "out of memory");
        return;
    }
    if (validate || j->fail)
        xmlFreeDoc(result);
    else
        j->result = result;
    c->n++;
    char *buf;
    size_t len;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fprintf(f,
            "<response status=\"success\" code=\"19\"><result><msg><line>%s job enqueued with "
            "jobid %lld</line></msg><job>%lld</job></result></response>",
            validate ? "Validate" : "Commit", j->id, j->id);
    sim_reply_close(out, f, &buf);
}

static void free_scope(struct sim_commit_scope *sc)
{
    free_lines(sc->vsys, sc->nvsys);
    free_lines(sc->admins, sc->nadmins);
}

/* The <member> texts of @p list into *@p v. 0 or -1. */
static int members(xmlNodePtr list, char ***v, size_t *n)
{
    int rc = 0;
    for (xmlNodePtr m = sim_commit_kid(list, "member"); m != NULL && rc == 0; m = m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *t = xmlNodeGetContent(m);
        rc = t == NULL ? -1 : sim_commit_push(v, n, (const char *)t);
        xmlFree(t);
    }
    return rc;
}

/* Read <partial> (pan-python 0.26.0 panxapi.py; PAN-OS XML API guide, "Commit"). The name of
 * an element PAN-OS would not take goes to @p bad. */
static int read_partial(xmlNodePtr p, struct sim_commit_scope *sc, const char **bad)
{
    sc->partial = 1;
    for (xmlNodePtr e = p->children; e != NULL; e = e->next) {
        if (e->type != XML_ELEMENT_NODE)
            continue;
        const char *n = (const char *)e->name;
        if (strcmp(n, "device-and-network") == 0)
            sc->no_dn = 1;
        else if (strcmp(n, "policy-and-objects") == 0)
            sc->no_po = 1;
        else if (strcmp(n, "shared-object") == 0)
            sc->no_shared = 1;
        else if (strcmp(n, "no-vsys") == 0)
            sc->no_vsys = 1;
        else if (strcmp(n, "vsys") == 0    ? members(e, &sc->vsys, &sc->nvsys) != 0
                 : strcmp(n, "admin") == 0 ? members(e, &sc->admins, &sc->nadmins) != 0
                                           : (*bad = n, 1))
            return -1;
    }
    return 0;
}

/* Code 17 for commit XML the CLI grammar refuses (" commit -> X is unexpected"). */
static void unexpected(struct sim_reply *out, const char *what)
{
    char line[200];
    snprintf(line, sizeof(line), " %.150s is unexpected", what);
    refuse(out, 17, line);
}

void sim_commit_handle(struct sim_commits *c, struct sim_config *cfg, const struct sim_state *st,
                       const char *who, const struct sim_request *req, struct sim_reply *out)
{
    const char *cmd = sim_request_param(req, "cmd");
    xmlDocPtr d = sim_cmd_doc(cmd);
    xmlNodePtr root = d != NULL ? xmlDocGetRootElement(d) : NULL;
    struct sim_commit_scope sc = {0};
    const char *bad = NULL;
    xmlChar *desc = NULL;
    char what[200];
    if (root == NULL || xmlStrcmp(root->name, BAD_CAST "commit") != 0) {
        unexpected(out, root != NULL ? (const char *)root->name : "commit");
        goto done;
    }
    for (xmlNodePtr e = root->children; e != NULL && bad == NULL; e = e->next)
        if (e->type == XML_ELEMENT_NODE && xmlStrcmp(e->name, BAD_CAST "force") != 0 &&
            xmlStrcmp(e->name, BAD_CAST "description") != 0 &&
            xmlStrcmp(e->name, BAD_CAST "partial") != 0)
            bad = (const char *)e->name;
    if (bad == NULL && sim_commit_kid(root, "partial") != NULL &&
        read_partial(sim_commit_kid(root, "partial"), &sc, &bad) != 0 && bad == NULL) {
        sim_reply_set(out, 500, "out of memory");
        goto done;
    }
    if (bad != NULL) {
        snprintf(what, sizeof(what), "commit -> %s%.100s", sc.partial ? "partial -> " : "", bad);
        unexpected(out, what);
        goto done;
    }
    if (refused(c, cfg, who, 1, out))
        goto done;
    xmlDocPtr running = sim_config_doc(cfg, 1);
    xmlDocPtr result = sim_commit_result(running, sim_config_doc(cfg, 0), &sc, c->ch, c->nch);
    size_t bytes;
    if (result == NULL) {
        sim_reply_set(out, 500, "out of memory");
    } else if (sim_commit_kid(root, "force") == NULL && sim_commit_same(result, running, &bytes)) {
        xmlFreeDoc(result);
        sim_reply_set(out, 200,
                      "<response status=\"success\" code=\"19\"><msg>There are no "
                      "changes to commit.</msg></response>");
    } else {
        desc = xmlNodeGetContent(sim_commit_kid(root, "description")); /* NULL: none */
        enqueue(c, st, who, (const char *)desc, &sc, 0, result, out);
    }
done:
    xmlFree(desc);
    free_scope(&sc);
    xmlFreeDoc(d);
}

int sim_commit_validate_op(struct sim_commits *c, struct sim_config *cfg,
                           const struct sim_state *st, const char *who, const char *cmd,
                           struct sim_reply *out)
{
    if (c == NULL || cfg == NULL || cmd == NULL || strstr(cmd, "validate") == NULL)
        return 0;
    xmlDocPtr d = sim_cmd_doc(cmd);
    xmlNodePtr root = d != NULL ? xmlDocGetRootElement(d) : NULL;
    int handled = root != NULL && xmlStrcmp(root->name, BAD_CAST "validate") == 0 &&
                  sim_commit_kid(root, "full") != NULL;
    if (handled && !refused(c, cfg, who, 0, out)) {
        xmlDocPtr copy = xmlCopyDoc(sim_config_doc(cfg, 0), 1);
        if (copy == NULL)
            sim_reply_set(out, 500, "out of memory");
        else
            enqueue(c, st, who, NULL, NULL, 1, copy, out);
    }
    xmlFreeDoc(d);
    return handled;
}

static void put_lines(FILE *f, const char *el, char **v, size_t n)
{
    if (n == 0) {
        fprintf(f, "<%s/>", el);
        return;
    }
    fprintf(f, "<%s>", el);
    for (size_t i = 0; i < n; i++) {
        fputs("<line>", f);
        sim_xml_escape(f, v[i], 0);
        fputs("</line>", f);
    }
    fprintf(f, "</%s>", el);
}

/*
 * A commit or validate job as show jobs writes it, fields in the order of the netbox fixture
 * (PAN-OS 11.x). Once finished, 10.1 and 10.2 write the finish time in <progress> where 11.1
 * writes 100 (pan-os-upgrade-assurance 2.1.1 fixture, PAN-OS 10.x; pango's comment "The progress
 * is not an uint when the job completes"); tfin is a full date-time on all three.
 */
void sim_commit_put_job(FILE *f, const struct sim_commits *c, const struct sim_cjob *j,
                        const struct sim_state *st)
{
    int done = c->now_ms >= j->fin_ms;
    struct tm tm;
    fputs("<job><tenq>", f);
    sim_op_put_jobtime(f, j->enq_ms / 1000);
    sim_op_utc(j->enq_ms / 1000, &tm);
    fprintf(f, "</tenq><tdeq>%02d:%02d:%02d</tdeq><id>%lld</id><user>", tm.tm_hour, tm.tm_min,
            tm.tm_sec, j->id);
    sim_xml_escape(f, j->user, 0);
    fprintf(f,
            "</user><type>%s</type><status>%s</status><queued>NO</queued>"
            "<stoppable>%s</stoppable><result>%s</result><tfin>",
            j->validate ? "Validate" : "Commit", done ? "FIN" : "ACT", done ? "no" : "yes",
            !done     ? "PEND"
            : j->fail ? "FAIL"
                      : "OK");
    if (done)
        sim_op_put_jobtime(f, j->fin_ms / 1000);
    else
        fputs("Still Active", f);
    fputs("</tfin>", f);
    if (j->description != NULL) {
        fputs("<description>", f);
        sim_xml_escape(f, j->description, 0);
        fputs("</description>", f);
    } else {
        fputs("<description/>", f);
    }
    fputs("<positionInQ>0</positionInQ><progress>", f);
    if (done && sim_op_release(st) < 1101)
        sim_op_put_jobtime(f, j->fin_ms / 1000);
    else if (done)
        fputs("100", f);
    else
        fprintf(f, "%lld", (c->now_ms - j->enq_ms) * 99 / (j->fin_ms - j->enq_ms));
    fputs("</progress>", f);
    if (done) {
        put_lines(f, "details", j->details, j->ndetails);
        put_lines(f, "warnings", j->warnings, j->nwarnings);
    } else {
        fputs("<details/><warnings/>", f);
    }
    fputs("</job>", f);
}
