/* SPDX-License-Identifier: MIT */
/* simstate.h -- the simulated firewall's identity and the op/config answers built from it. */
#ifndef PANSIM_SIMSTATE_H
#define PANSIM_SIMSTATE_H

#include "sim.h"

struct sim_commits;
struct sim_userid;

/* One simulated device. Every op answer is derived from these fields and the seed, so answers
 * agree with each other (the hostname in show system info is the one in the config). */
struct sim_state {
    const char *hostname;   /* "pansim-fw1" */
    const char *serial;     /* "007051000123456" */
    const char *model;      /* "PA-VM" */
    const char *sw_version; /* "10.2.11" (10.1.x, 10.2.x, 11.1.x: --version) */
    const char *ha;         /* NULL: HA disabled; "active" or "passive": this peer's state */
    unsigned long seed;     /* generated sessions and ARP entries */
    long long boot_time;    /* epoch seconds when pansim started (uptime, clock) */
    /* The configuration tree (show config, check pending-changes, test security-policy-match);
     * NULL when there is none (those commands then answer HTTP 501). */
    const struct sim_config *config;
    /* Commit and validate jobs (simcommit.h), listed by show jobs; NULL: none. */
    const struct sim_commits *commits;
    /* User-ID mappings and tags fed by type=user-id (simuserid.h); NULL: none. */
    const struct sim_userid *userid;
};

/*
 * Answer an authenticated type=op request whose cmd= is @p cmd (XML, as received). Fills @p out
 * (sim_reply_set: HTTP status and body) exactly as PAN-OS answers: a known command gets
 * status="success" and its <result>; malformed XML, an unknown command or a missing argument
 * gets the real error body and code. Thread-safe (reads @p st only).
 */
void sim_op_handle(const struct sim_state *st, const char *cmd, struct sim_reply *out);

/* The configuration tree (candidate and running; equal until a change is made). */
struct sim_config;

/* Build the initial tree from @p st (hostname, serial). Returns 0 or -1 (out of memory). */
int sim_config_new(struct sim_config **out, const struct sim_state *st);
void sim_config_free(struct sim_config *cfg);

/*
 * Answer type=config with @p action ("get": candidate, "show": running) and @p xpath (may be
 * NULL) as PAN-OS does: found nodes, a missing node, a malformed xpath, a missing xpath
 * parameter, an unknown action. Not thread-safe: the device serialises calls.
 */
void sim_config_handle(struct sim_config *cfg, const char *action, const char *xpath,
                       struct sim_reply *out);

/* The parameters of one type=config write (NULL when absent). */
struct sim_config_args {
    const char *action, *xpath, *element, *newname, *from, *where, *dst;
};

/* Whether @p action is a write (set, edit, delete, rename, clone, move, override, multi-config). */
int sim_config_is_write(const char *action);

/*
 * Answer one type=config write on the candidate tree as PAN-OS does (simconfig_write.c). Not
 * thread-safe: the device serialises calls.
 */
void sim_config_write(struct sim_config *cfg, const struct sim_config_args *args,
                      struct sim_reply *out);

struct _xmlDoc;
struct _xmlXPathContext;

/*
 * An XPath context on @p doc that starts at the document node (relative paths work) and keeps
 * libxml2's XPath errors quiet (PAN-OS answers code 6 instead). NULL when out of memory.
 */
struct _xmlXPathContext *sim_config_xpath_ctx(struct _xmlDoc *doc);

/* A config or commit lock: its holder ("" when free), comment and when it was taken. */
struct sim_lock {
    char holder[64];
    char comment[256];
    long long created; /* epoch seconds */
};
struct sim_locks {
    struct sim_lock config, commit;
};

/* The locks of @p cfg (simconfig_lock.c answers them). */
struct sim_locks *sim_config_locks(struct sim_config *cfg);

/*
 * When @p cmd (type=op XML) is a lock command (request config-lock|commit-lock add|remove, show
 * config-locks|commit-locks), answer it for the admin @p who at @p now (epoch seconds) and
 * return 1; else 0 and nothing is touched.
 */
int sim_config_lock_op(struct sim_config *cfg, const char *who, const char *cmd, long long now,
                       struct sim_reply *out);

/* 1, with the refusal in @p out, when another admin than @p who holds the config lock. */
int sim_config_write_locked(struct sim_config *cfg, const char *who, struct sim_reply *out);

/* The candidate document's slot, for the writes (a failed multi-config puts a copy back). */
struct _xmlDoc **sim_config_candidate(struct sim_config *cfg);

/* The running document's slot, for a commit that ends OK (simcommit.c). */
struct _xmlDoc **sim_config_running(struct sim_config *cfg);

/* The running (@p running) or candidate tree, borrowed: it lives as long as @p cfg. */
struct _xmlDoc *sim_config_doc(const struct sim_config *cfg, int running);

#endif
