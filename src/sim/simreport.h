/* SPDX-License-Identifier: MIT */
/* simreport.h -- pansim's type=report: dynamic, predefined and custom reports computed from the
 * generated log store, synchronous or through report jobs. */
#ifndef PANSIM_SIMREPORT_H
#define PANSIM_SIMREPORT_H

#include "sim.h"

struct sim_reports;
struct sim_logstore;
struct sim_config;

/* --report-job-ms and --report-fail (pansim(1)). */
struct sim_report_options {
    long job_ms;      /* how long a report job stays ACT; 0: 300 */
    const char *fail; /* a report of this name ends FAIL; NULL: none */
};

int sim_reports_new(struct sim_reports **out, const struct sim_report_options *opts);
void sim_reports_free(struct sim_reports *r);

/*
 * Answer one type=report request at @p now_ms: reporttype= and reportname= (with period=, topn=
 * and async=yes) run a report, synchronously or as a job; action=get&job-id=N polls a job. The
 * entries come from @p logs; custom reports are the definitions in @p cfg's running tree. Not
 * thread-safe (the device serialises calls).
 */
void sim_report_handle(struct sim_reports *r, const struct sim_logstore *logs,
                       const struct sim_config *cfg, const struct sim_request *req,
                       long long now_ms, struct sim_reply *out);

#endif
