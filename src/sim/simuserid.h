/* SPDX-License-Identifier: MIT */
/* simuserid.h -- pansim's User-ID state: IP-user mappings, registered IP tags and user tags
 * fed by type=user-id uid-messages, with their timeouts, and the op answers that list them. */
#ifndef PANSIM_SIMUSERID_H
#define PANSIM_SIMUSERID_H

#include <stdio.h>
#include "sim.h"

struct sim_userid;

/* The test hooks of pansim(1): --userid-reject N and --userid-reject-ip IP. */
struct sim_userid_options {
    unsigned long reject_nth[8]; /* refuse the Nth type=user-id request (from 1); 0: unused */
    const char *reject_ip;       /* refuse every message that names this IP; NULL: none */
};

/* A new empty state (0) or -1 when out of memory. @p opts may be NULL. */
int sim_userid_new(struct sim_userid **out, const struct sim_userid_options *opts);
void sim_userid_free(struct sim_userid *u);

/* Drop what has timed out by @p now_ms (the device's clock) and remember @p now_ms as the time
 * the listings count down from. Called before every request, under the device's lock. */
void sim_userid_tick(struct sim_userid *u, long long now_ms);

/*
 * Answer one type=user-id request whose cmd= is @p cmd (a uid-message) for @p vsys (NULL:
 * vsys1). Applies the payload's login, logout, register, unregister, register-user and
 * unregister-user entries; not thread-safe (the device serialises calls).
 */
void sim_userid_handle(struct sim_userid *u, const char *cmd, const char *vsys,
                       struct sim_reply *out);

/* Whether the world's mapping of @p ip is replaced (a login over it) or gone (a logout). */
int sim_userid_hides(const struct sim_userid *u, const char *ip);

/* The op listings, the <result> bodies written to @p f (simop_users.c calls them). */
unsigned sim_userid_put_mappings(const struct sim_userid *u, FILE *f);
void sim_userid_put_registered_ip(const struct sim_userid *u, FILE *f);
void sim_userid_put_registered_user(const struct sim_userid *u, FILE *f);
/* The IPs registered with @p tag in @p vsys, as <member> elements; their number. */
unsigned sim_userid_put_tagged(const struct sim_userid *u, const char *vsys, const char *tag,
                               FILE *f);

/* Whether @p ip is registered with @p tag in @p vsys. */
int sim_userid_ip_tagged(const struct sim_userid *u, const char *vsys, const char *ip,
                         const char *tag);
/* Whether the address @p ip registered in @p vsys belongs (the dynamic group's filter). */
typedef int sim_userid_match(void *payload, const char *vsys, const char *ip);
/* The addresses registered in @p vsys (NULL: in any vsys) that @p match accepts, each once, in
 * numeric order, as <entry name="IP" type="registered-ip"/>; their number. */
unsigned sim_userid_put_members(const struct sim_userid *u, const char *vsys,
                                sim_userid_match *match, void *payload, FILE *f);

#endif
