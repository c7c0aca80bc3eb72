/* SPDX-License-Identifier: MIT */
/* loghandler.h -- pansim's type=log requests: async query jobs over the generated log store. */
#ifndef PANSIM_LOGHANDLER_H
#define PANSIM_LOGHANDLER_H

#include "logstore.h"
#include "sim.h"

struct sim_logjobs;

/* @p job_ms: how long a job stays ACT before it is FIN. The store is borrowed. */
int sim_logjobs_new(struct sim_logjobs **out, const struct sim_logstore *store, long job_ms);
void sim_logjobs_free(struct sim_logjobs *j);

/* Answer an authenticated type=log request: enqueue, action=get, action=finish. Thread-safe. */
void sim_logjobs_handle(struct sim_logjobs *j, const struct sim_request *req,
                        struct sim_reply *out, long long now_ms);

#endif
