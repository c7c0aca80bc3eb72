/* SPDX-License-Identifier: MIT */
/* device_priv.h -- pansim internal: the device's state (accounts, sessions, keys policy) shared by
 * device.c (keygen, key checks, dispatch) and device_admin.c (the /pansim/admin test hook). */
#ifndef PANSIM_DEVICE_PRIV_H
#define PANSIM_DEVICE_PRIV_H

#include <pthread.h>
#include "sim.h"
#include "simstate.h"
#include "simcommit.h"
#include "simuserid.h"
#include "simreport.h"

struct sim_user {
    char *name;
    char *password;         /* secret */
    int otp;                /* "name:password:otp": the password works for one keygen */
    int otp_spent;          /* that keygen happened (set-password makes a fresh one) */
    long long last_gentime; /* GENTIME of the user's newest keygen (--keygen-revokes), 0 none */
};

/* A web/API session made by keygen: the PHPSESSID cookie and the admin it belongs to. */
struct sim_session {
    char id[33];
    char *user;
};

struct sim_device {
    pthread_mutex_t lock;
    struct sim_state st;
    char *hostname;
    char *serial;
    char master_key[17];
    long key_lifetime_min;
    struct sim_user *users;
    size_t nusers;
    struct sim_config *config;
    struct sim_saved *saved; /* imported configurations (simimport.c) */
    struct sim_logstore *logs;
    struct sim_logjobs *logjobs;
    struct sim_commits *commits; /* commit and validate jobs (simcommit.c) */
    struct sim_userid *userid;   /* type=user-id state (simuserid.c) */
    struct sim_reports *reports; /* type=report jobs (simreport.c) */
    long long clock_skew_ms;     /* added to the clock by /pansim/admin action=advance-clock */
    long long (*clock_ms)(void); /* NULL: the real clock */
    int keygen_revokes;
    int expire_all_set;
    long long expire_all_s;       /* keys with GENTIME <= this are refused once set */
    struct sim_session *sessions; /* at most one per user (keygen ends the older one) */
    size_t nsessions;
};

/* The device's clock in ms: the test's injected one, else the real one. */
long long sim_dev_now(const struct sim_device *d);
/* The account @p name, or NULL. */
struct sim_user *sim_dev_find_user(const struct sim_device *d, const char *name);
/* End the sessions of @p user (NULL: everyone's). */
void sim_dev_end_sessions(struct sim_device *d, const char *user);
/* POST /pansim/admin (device_admin.c), with the device locked. */
void sim_device_control(struct sim_device *d, const struct sim_request *req, struct sim_reply *out);

#endif
