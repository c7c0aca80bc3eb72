/* SPDX-License-Identifier: MIT */
/* engine.h -- the collection engine: one thread, one panos_multi, every target's probes. */
#ifndef EXP_ENGINE_H
#define EXP_ENGINE_H

#include <stddef.h>
#include "config.h"

struct exp_engine;
struct exp_probe;

/* Called from the engine thread once the probe's answer is ready. */
typedef void (*exp_probe_ready_fn)(void *arg);

/* Start the engine thread with @p cfg (taken). 0, or -1 with @p err. */
int exp_engine_start(struct exp_engine **out, struct exp_config *cfg, char *err, size_t errlen);

/* Stop the thread and answer every probe; new probes are refused (503) from now on. */
void exp_engine_stop(struct exp_engine *e);

/* Free the engine, once no HTTP thread can call it any more (after exp_http_stop). */
void exp_engine_free(struct exp_engine *e);

/* Use @p cfg (taken) for the probes that start from now on (SIGHUP). */
void exp_engine_reload(struct exp_engine *e, struct exp_config *cfg);

enum exp_probe_status {
    EXP_PROBE_STARTED,
    EXP_PROBE_UNKNOWN_TARGET,
    EXP_PROBE_UNKNOWN_MODULE,
    EXP_PROBE_NOMEM
};

/* Whether a probe of @p target with @p module can start (EXP_PROBE_STARTED) or why not. */
enum exp_probe_status exp_probe_check(struct exp_engine *e, const char *target, const char *module);

/* Queue a probe of @p target with @p module answering within @p budget_s. @p ready is called
 * from the engine thread when exp_probe_text() can be read. Safe from any thread. */
enum exp_probe_status exp_probe_start(struct exp_engine *e, const char *target, const char *module,
                                      double budget_s, exp_probe_ready_fn ready, void *arg,
                                      struct exp_probe **out);

/* The exposition of a ready probe (borrowed until exp_probe_release); NULL when it could not be
 * made whole (out of memory: samples are missing), to be answered with an error, not a partial
 * or empty page. */
const char *exp_probe_text(const struct exp_probe *p, size_t *len);

/* A reference to @p p is dropped (the engine's; any thread). */
void exp_probe_release(struct exp_probe *p);

/* The caller is done with @p p: its ready callback will not be called again (any thread). */
void exp_probe_cancel(struct exp_probe *p);

/* The exporter's own metrics (text exposition) into a malloc'd string. */
char *exp_engine_self_metrics(struct exp_engine *e, size_t *len);

#endif
