/* SPDX-License-Identifier: MIT */
/* simop_jobs.c -- op answers about the device's job queue: show jobs all and show jobs id N. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simop.h"

/* The one job a freshly booted device has: the boot-time auto-commit (id 1, type AutoCom). */
#define BOOT_JOB_ID 1

static void put_boot_job(FILE *f, const struct sim_state *st, long long now)
{
    long long tenq = st->boot_time + 45;
    long long tfin = tenq + 20 + (long long)(sim_world_mix(st->seed, 900) % 20);
    int done = now >= tfin;
    fputs("<job><tenq>", f);
    sim_op_put_jobtime(f, tenq);
    fputs("</tenq><tdeq>", f);
    sim_op_put_jobtime(f, tenq);
    fprintf(f, "</tdeq><id>%d</id><user/><type>AutoCom</type>", BOOT_JOB_ID);
    fprintf(f, "<status>%s</status><queued>NO</queued><stoppable>no</stoppable>",
            done ? "FIN" : "ACT");
    fprintf(f, "<result>%s</result><tfin>", done ? "OK" : "PEND");
    if (done)
        sim_op_put_jobtime(f, tfin);
    else
        fputs("Still Active", f);
    fputs("</tfin><description/><positionInQ>0</positionInQ>", f);
    long long pct = now <= tenq ? 0 : done ? 100 : (now - tenq) * 100 / (tfin - tenq);
    fprintf(f, "<progress>%lld</progress>", pct);
    if (done)
        fputs("<details><line>Configuration committed successfully</line></details>", f);
    else
        fputs("<details/>", f);
    fputs("<warnings/></job>", f);
}

/* §4.14 show jobs all: newest first; before the auto-commit is enqueued, an empty <result/>. */
static enum sim_opstatus op_jobs_all(struct sim_op *op)
{
    if (op->now >= op->st->boot_time + 45)
        put_boot_job(op->f, op->st, op->now);
    return SIM_OP_OK;
}

/* §4.14/§2.5/§3.2 show jobs id N: the job, or code 7 "job N not found". */
static enum sim_opstatus op_jobs_id(struct sim_op *op)
{
    const char *arg = op->arg;
    char *end;
    const char *digits = arg[0] == '-' ? arg + 1 : arg;
    if (digits[0] < '0' || digits[0] > '9')
        return sim_op_err_invalid(op, arg, 1);
    long long id = strtoll(arg, &end, 10);
    if (*end != '\0')
        return sim_op_err_invalid(op, arg, 1);
    if (id == BOOT_JOB_ID && op->now >= op->st->boot_time + 45) {
        put_boot_job(op->f, op->st, op->now);
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
