/* SPDX-License-Identifier: MIT */
/* simuserid_priv.h -- pansim internal: the User-ID store shared by simuserid.c (the hash and
 * the listings) and simuserid_msg.c (the uid-message handler). */
#ifndef PANSIM_SIMUSERID_PRIV_H
#define PANSIM_SIMUSERID_PRIV_H

#include "simop.h"
#include "simuserid.h"

/* A mapping (a: IP, b: user), a world mapping logged out (a: IP), an IP tag (a: IP, b: tag),
 * a user tag (a: user, b: tag). */
enum uid_kind { UID_MAP, UID_HIDE, UID_IPTAG, UID_USERTAG };

struct uid_ent {
    enum uid_kind kind;
    char vsys[32];
    char *a, *b;
    long long expires_ms; /* device clock; 0: never */
    struct uid_ent *next;
};

struct sim_userid {
    struct uid_ent **buckets;
    size_t nbuckets; /* a power of 2 */
    size_t n;
    long long now_ms;       /* of the request being answered (sim_userid_tick) */
    unsigned long requests; /* type=user-id requests so far (--userid-reject N) */
    struct sim_userid_options opts;
};

/* The entry of @p kind with that key (a mapping's key is its IP: @p b is ignored), or NULL. */
struct uid_ent *sim_uid_find(const struct sim_userid *u, enum uid_kind kind, const char *vsys,
                             const char *a, const char *b);
/* Add or replace (value and deadline) an entry: 0, or -1 when out of memory. */
int sim_uid_put(struct sim_userid *u, enum uid_kind kind, const char *vsys, const char *a,
                const char *b, long long expires_ms);
/* Remove an entry: 1 when it was there, else 0. */
int sim_uid_del(struct sim_userid *u, enum uid_kind kind, const char *vsys, const char *a,
                const char *b);

#endif
