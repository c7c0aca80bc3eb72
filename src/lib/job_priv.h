/* SPDX-License-Identifier: MIT */
/* job_priv.h -- libpanos internal: the pieces of the job follower (job.c) that the report
 * follower (report.c) shares. */
#ifndef PANOS_JOB_PRIV_H
#define PANOS_JOB_PRIV_H

#include <panos/commit.h>

/* Sleep @p ms in slices on the client's clock, never past its deadline; stop early when
 * *@p cancel (optional) becomes non-zero. */
void panos__job_nap(panos_client *c, long ms, volatile int *cancel);

/* PANOS_OK for a job whose result is OK; else PANOS_E_JOB_FAILED with the details, joined
 * with "; ", as the client's last error. */
panos_code panos__job_finished(panos_client *c, const panos_job *job);

#endif
