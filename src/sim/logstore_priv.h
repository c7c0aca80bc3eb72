/* SPDX-License-Identifier: MIT */
/* logstore_priv.h -- pansim internal: the log store's state and the helpers its generators share
 * (logstore.c: traffic, threat, system, config; logstore_types.c: url, userid, globalprotect,
 * decryption). */
#ifndef PANSIM_LOGSTORE_PRIV_H
#define PANSIM_LOGSTORE_PRIV_H

#include <stdint.h>
#include "logstore.h"
#include "simworld.h"

struct sim_logstore {
    struct sim_logstore_options o;
    struct sim_world_lan lan; /* the LAN hosts every entry's src is drawn from */
    char serial[32];
    char device_name[64];
};

struct rng {
    uint64_t state;
};

struct flow {
    const char *src, *dst, *rule, *user, *app;
    unsigned long long sessionid;
    unsigned sport, dport;
    int nat; /* 0: a denied flow, no NAT (addresses 0.0.0.0, ports 0) */
};

/* splitmix64: a good, tiny, deterministic mixer. */
uint64_t sim_log_mix(uint64_t x);
/* A number in [0, n) from @p r. */
unsigned sim_log_pick(struct rng *r, unsigned n);
/* Append the field @p name with a printf-formatted value (dropped past SIM_LOG_MAX_FIELDS). */
void sim_log_add(struct sim_logentry *e, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The header fields every entry starts with (receive_time, serial, type, subtype, ...). */
void sim_log_common_head(const struct sim_logstore *s, struct sim_logentry *e, const char *type,
                         const char *subtype);
/* An internet address for draw @p ext: 198.51.100.20-219 or 203.0.113.10-249 (outside_b),
 * or one in blocked-net (198.51.100.225-254) for a flow the policy denies. */
void sim_log_internet_dst(char *buf, size_t len, unsigned ext, int outside_b, int blocked);
/* The rule of vsys1's policy that the LAN flow hits (simworld.c evaluates it). */
const struct sim_world_rule *sim_log_rule_of(const char *src, const char *dst, const char *app,
                                             int proto, unsigned dport);
/* The flow fields of a traffic-like entry (addresses, zones, interfaces, rule, ports). */
void sim_log_flow_head(struct sim_logentry *e, const struct flow *fl);
/* The device-group hierarchy fields of 10.x entries. */
void sim_log_dg_hier(struct sim_logentry *e);

/* logstore_types.c: the url, userid, globalprotect and decryption entries. */
void sim_log_gen_url(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e);
void sim_log_gen_userid(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e);
void sim_log_gen_globalprotect(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e);
void sim_log_gen_decryption(const struct sim_logstore *s, struct rng *r, struct sim_logentry *e);

#endif
