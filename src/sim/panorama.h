/* SPDX-License-Identifier: MIT */
/* panorama.h -- pansim --panorama N: a Panorama that manages N simulated firewalls in-process. */
#ifndef PANSIM_PANORAMA_H
#define PANSIM_PANORAMA_H

#include <stddef.h>
#include "fleet.h"
#include "sim.h"

struct sim_panorama;

/* One managed firewall: its identity as `show devices all` gives it, and its faults. */
struct sim_pano_fw {
    struct sim_device *dev; /* NULL while disconnected is all that is asked of it */
    char serial[40], hostname[80], ip[20];
    const char *model, *sw_version, *ha;
    char peer[40]; /* the HA peer's serial, "" when none */
    int connected;
    long delay_ms; /* --fault I:slow=MS: every forwarded answer that late */
    int fail;      /* --fault I:fail: forwarded requests answer HTTP 500, its pushes fail */
};

/*
 * Build a Panorama (its own sim_device: model Panorama, serial 000702100001 unless --serial is
 * given) and @p n firewalls: hostnames NAME-1..N, serials from 007051000123456 counting up, the
 * --devices model/release/HA mix, and every fifth one (index 4, 9, ...) disconnected, as are
 * those @p faults marks down. Returns 0, or -1 with a one-line reason in @p err.
 */
int sim_panorama_new(struct sim_panorama **out, const struct sim_device_options *base, size_t n,
                     const struct sim_fault *faults, char *err, size_t errlen);
void sim_panorama_free(struct sim_panorama *p);

/* Answer one request: target=SERIAL goes to that firewall (after Panorama checked the key),
 * show devices and commit-all are Panorama's, the rest is Panorama's own device. */
void sim_panorama_handle(struct sim_panorama *p, const struct sim_request *req,
                         struct sim_reply *out);

/* panorama_commit.c: commit-all jobs. */
struct sim_pano_jobs;
int sim_pano_jobs_new(struct sim_pano_jobs **out, long job_ms);
void sim_pano_jobs_free(struct sim_pano_jobs *j);
/* type=commit action=all: enqueue a CommitAll job over the connected firewalls of @p fw. */
void sim_pano_commit_all(struct sim_pano_jobs *j, const struct sim_pano_fw *fw, size_t n,
                         const char *who, const char *cmd, struct sim_reply *out);
/* show jobs id N for a CommitAll job: 1 when it answered, 0 when N is not one of them. */
int sim_pano_job_show(struct sim_pano_jobs *j, const char *cmd, struct sim_reply *out);
/* The outcome of the newest finished commit-all that reached @p serial: "commit succeeded",
 * "commit failed", or "" when none did. */
const char *sim_pano_last_commit(const struct sim_pano_jobs *j, const char *serial);

#endif
