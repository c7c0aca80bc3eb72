/* SPDX-License-Identifier: MIT */
/* simop_jobs.c -- op answers about the device's job queue: show jobs all and show jobs id N. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "simcommit.h"
#include "simop.h"

/*
 * The device's job list, a pure function of (seed, boot time, now): job 1 is the boot-time
 * auto-commit (type AutoCom, no user), enqueued 45 s after boot; then the WildFire dynamic
 * update runs every 15 minutes as "Auto update agent" (jobs 2, 3, ...). Types, users, details
 * and the finished WildFire job's timestamp in <progress> are those of the two-job sample of
 * pan-os-upgrade-assurance 2.1.1 tests/test_firewall_proxy.py (show jobs) (pan-os-upgrade-assurance
 * fixture, PAN-OS 10.x).
 */
#define AUTOCOM_DELAY 45
#define WILDFIRE_EVERY 900
#define JOBS_SHOWN 25 /* show jobs all lists the newest ones */

struct job {
    long long id, tenq, tfin;
    int autocom;
};

/* Job @p id as it stands at @p now; 0 when it does not exist (yet). */
static int job_at(const struct sim_state *st, long long id, long long now, struct job *j)
{
    if (id < 1)
        return 0;
    j->id = id;
    j->autocom = id == 1;
    if (j->autocom) {
        j->tenq = st->boot_time + AUTOCOM_DELAY;
        j->tfin = j->tenq + 20 + (long long)(sim_world_mix(st->seed, 900) % 20);
    } else {
        if (id > (now - st->boot_time) / WILDFIRE_EVERY + 1) /* cheap bound before the jitter */
            return 0;
        j->tenq = st->boot_time + WILDFIRE_EVERY * (id - 1) +
                  (long long)(sim_world_mix(st->seed, 2000 + (uint64_t)id) % 30);
        j->tfin = j->tenq + 3 + (long long)(sim_world_mix(st->seed, 3000 + (uint64_t)id) % 8);
    }
    return now >= j->tenq;
}

long long sim_op_jobs_newest(const struct sim_state *st, long long now)
{
    struct job j;
    long long id = now < st->boot_time ? 0 : (now - st->boot_time) / WILDFIRE_EVERY + 1;
    while (id > 0 && !job_at(st, id, now, &j))
        id--;
    return id;
}

/* Dates as the job list writes them: tenq and tfin in full, tdeq as the time of day. */
static void put_tdeq(FILE *f, long long t)
{
    struct tm tm;
    sim_op_utc(t, &tm);
    fprintf(f, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void put_job(FILE *f, const struct job *j, long long now)
{
    int done = now >= j->tfin;
    fputs("<job><tenq>", f);
    sim_op_put_jobtime(f, j->tenq);
    fputs("</tenq><tdeq>", f);
    put_tdeq(f, j->tenq);
    fprintf(f, "</tdeq><id>%lld</id>", j->id);
    fputs(j->autocom ? "<user/><type>AutoCom</type>"
                     : "<user>Auto update agent</user><type>WildFire</type>",
          f);
    fprintf(f, "<status>%s</status><queued>NO</queued><stoppable>no</stoppable>",
            done ? "FIN" : "ACT");
    fprintf(f, "<result>%s</result><tfin>", done ? "OK" : "PEND");
    if (done)
        sim_op_put_jobtime(f, j->tfin);
    else
        fputs("Still Active", f);
    fputs("</tfin><description/><positionInQ>0</positionInQ><progress>", f);
    if (done && !j->autocom)
        sim_op_put_jobtime(f, j->tfin); /* a time when done (pan-os-upgrade-assurance) */
    else
        fprintf(f, "%lld", done ? 100 : (now - j->tenq) * 100 / (j->tfin - j->tenq));
    fputs("</progress>", f);
    if (!done)
        fputs("<details/>", f);
    else if (j->autocom)
        fputs("<details><line>Configuration committed successfully</line></details>", f);
    else
        fputs("<details><line>Configuration committed successfully</line><line>Successfully "
              "committed last configuration</line></details>",
              f);
    fputs("<warnings/></job>", f);
}

/*
 * One id counter for all jobs, as on PAN-OS: the commit and validate jobs (simcommit.c) take the
 * next id when enqueued, and the device's own jobs after them move up. A commit job records how
 * many of the device's jobs came before it (after); device job k's id is then k plus the number
 * of commit jobs enqueued before it.
 */
static long long device_job_id(const struct sim_commits *c, long long k)
{
    long long id = k;
    for (size_t i = 0; i < sim_commits_count(c); i++)
        id += sim_commits_at(c, i)->after < k;
    return id;
}

/* show jobs all: newest first; before the auto-commit is enqueued, an empty <result/>. */
static enum sim_opstatus op_jobs_all(struct sim_op *op)
{
    struct job j;
    const struct sim_commits *c = op->st->commits;
    size_t ci = sim_commits_count(c);
    long long k = sim_op_jobs_newest(op->st, op->now);
    for (int shown = 0; (k > 0 || ci > 0) && shown < JOBS_SHOWN; shown++) {
        const struct sim_cjob *cj = ci > 0 ? sim_commits_at(c, ci - 1) : NULL;
        if (cj != NULL && cj->after >= k) {
            sim_commit_put_job(op->f, c, cj, op->st);
            ci--;
        } else {
            if (job_at(op->st, k, op->now, &j)) {
                j.id = device_job_id(c, k);
                put_job(op->f, &j, op->now);
            }
            k--;
        }
    }
    return SIM_OP_OK;
}

/* show jobs id N: the job, or code 7 "job N not found" (netbox-panorama-configpump-plugin
 * fixtures; pan-python 0.26.0 live tests). */
static enum sim_opstatus op_jobs_id(struct sim_op *op)
{
    const char *arg = op->arg;
    char *end;
    const char *digits = arg[0] == '-' ? arg + 1 : arg;
    if (digits[0] < '0' || digits[0] > '9')
        return sim_op_err_invalid(op, arg, 1);
    errno = 0;
    long long id = strtoll(arg, &end, 10);
    if (*end != '\0')
        return sim_op_err_invalid(op, arg, 1);
    /* PAN-OS keeps a job id in a signed 32-bit int: an id it cannot hold reads back as -1,
     * "job -1 not found" (pan-python's live test tests/test_xapi_op.py accepts that answer, or
     * the id itself, for 4294967295; PAN-OS XML API guide, "Commit"; pan-python 0.26.0 doc;
     * pan-os-upgrade-assurance 2.1.1). Beyond 64 bits too. */
    if (errno == ERANGE || id > INT32_MAX || id < INT32_MIN)
        id = -1;
    const struct sim_commits *c = op->st->commits;
    long long before = 0; /* commit jobs with a smaller id */
    for (size_t i = 0; i < sim_commits_count(c); i++) {
        const struct sim_cjob *cj = sim_commits_at(c, i);
        if (cj->id == id) {
            sim_commit_put_job(op->f, c, cj, op->st);
            return SIM_OP_OK;
        }
        before += cj->id < id;
    }
    struct job j;
    if (job_at(op->st, id - before, op->now, &j) && device_job_id(c, id - before) == id) {
        j.id = id;
        put_job(op->f, &j, op->now);
        return SIM_OP_OK;
    }
    char line[64];
    snprintf(line, sizeof(line), "job %lld not found", id);
    return sim_op_err_line(op, 7, line);
}

const struct sim_opcmd sim_op_jobs_cmds[] = {
    {"show jobs all", SIM_OPARG_NONE, op_jobs_all},
    {"show jobs id", SIM_OPARG_TEXT, op_jobs_id},
    {NULL, SIM_OPARG_NONE, NULL},
};
