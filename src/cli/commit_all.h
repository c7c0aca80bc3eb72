/* SPDX-License-Identifier: MIT */
/* commit_all.h -- panctl commit --all: Panorama's commit-all, followed per firewall. */
#ifndef PANCTL_COMMIT_ALL_H
#define PANCTL_COMMIT_ALL_H

#include <stddef.h>
#include "cli.h"

struct cli_commit_all {
    const char *const *groups; /* --device-group names */
    size_t ngroups;
    const char *const *templates; /* --template names */
    size_t ntemplates;
    long interval_ms; /* between polls of show jobs id N */
};

/*
 * Push the templates (one commit-all), then the device groups (another), following each job
 * until it is FIN and no firewall is PEND; print one result per firewall (-o json: one object
 * per push). Returns 0, 12 (JOB_FAILED) when a push or any firewall failed, or the exit status
 * of another failure (printed).
 */
int cli_commit_all(struct cli_ctx *ctx, const struct cli_commit_all *a);

#endif
