/* SPDX-License-Identifier: MIT */
/* simcommit.h -- pansim's commits and validations: type=commit, op validate, their jobs. */
#ifndef PANSIM_SIMCOMMIT_H
#define PANSIM_SIMCOMMIT_H

#include <stdio.h>
#include "sim.h"
#include "simstate.h"

/* How commits behave (pansim options --commit-ms, --commit-fail, --commit-warning,
 * --commit-busy-code). */
struct sim_commit_options {
    long job_ms;         /* how long a commit or validate job runs; 0 = 400 */
    const char *fail;    /* every job ends FAIL with this details line; NULL: validate for real */
    const char *warning; /* a warnings line on every job that ends OK; NULL: none */
    int busy_code;       /* code of "Another commit/validate is in progress"; 0 = 14 */
};

/* One commit or validate job. The lines are malloc'd; the new running tree is set at enqueue
 * and swapped in when the job finishes OK. */
struct sim_cjob {
    long long id;
    long long after; /* how many of the device's own jobs (simop_jobs.c) precede it */
    int validate;    /* a Validate job: running is never touched */
    int fail;        /* ends FAIL */
    int applied;     /* finished and, for a commit that ended OK, applied */
    char user[64];
    char *description;        /* NULL: none */
    long long enq_ms, fin_ms; /* epoch ms */
    char **details, **warnings;
    size_t ndetails, nwarnings;
    struct _xmlDoc *result; /* the running tree it commits (NULL for validate or FAIL) */
    char **admins;          /* an admin-scoped commit: whose change records it clears */
    size_t nadmins;
};

struct sim_commits;

int sim_commits_new(struct sim_commits **out, const struct sim_commit_options *opts);
void sim_commits_free(struct sim_commits *c);

/* Replace the --commit-fail text (NULL or "": commits validate for real again). 0 or -1. */
int sim_commits_set_fail(struct sim_commits *c, const char *msg);

/* Note that @p who wrote the candidate at @p xpath (for admin-scoped partial commits). */
void sim_commits_note_write(struct sim_commits *c, const char *who,
                            const struct sim_config_args *a);

/* Finish the jobs whose time has come at @p now_ms: a commit that ends OK becomes running. */
void sim_commits_tick(struct sim_commits *c, struct sim_config *cfg, long long now_ms);

/* type=commit from @p who with cmd= and action= of @p req (simcommit.c). */
void sim_commit_handle(struct sim_commits *c, struct sim_config *cfg, const struct sim_state *st,
                       const char *who, const struct sim_request *req, struct sim_reply *out);

/* When @p cmd is op `<validate><full/></validate>`, answer it (a Validate job) and return 1. */
int sim_commit_validate_op(struct sim_commits *c, struct sim_config *cfg,
                           const struct sim_state *st, const char *who, const char *cmd,
                           struct sim_reply *out);

/* The jobs, oldest first, for show jobs (simop_jobs.c); NULL @p c: none. */
size_t sim_commits_count(const struct sim_commits *c);
const struct sim_cjob *sim_commits_at(const struct sim_commits *c, size_t i);

/* Write job @p j as show jobs does, as it stands now (the time of the last tick). */
void sim_commit_put_job(FILE *f, const struct sim_commits *c, const struct sim_cjob *j,
                        const struct sim_state *st);

/* ---- simcommit_apply.c: what a commit makes of the candidate ---- */

/* The partial scope of a commit: parts excluded, vsys kept, admins whose changes go. */
struct sim_commit_scope {
    int partial;
    int no_dn, no_po, no_shared; /* device-and-network, policy-and-objects, shared-object */
    int no_vsys;
    char **vsys, **admins;
    size_t nvsys, nadmins;
};

/* One write noted for admin-scoped commits. */
struct sim_change {
    char *admin, *xpath;
};

/*
 * The running tree a commit of @p scope would make from @p running and @p candidate (a new
 * document), using the change records @p ch for an admin scope. NULL when out of memory.
 */
struct _xmlDoc *sim_commit_result(struct _xmlDoc *running, struct _xmlDoc *candidate,
                                  const struct sim_commit_scope *scope, const struct sim_change *ch,
                                  size_t nch);

/* The size of @p doc serialised (0 when out of memory). */
size_t sim_commit_bytes(struct _xmlDoc *doc);

/* Whether two trees serialise to the same bytes; *@p bytes_out gets the size of @p a. */
int sim_commit_same(struct _xmlDoc *a, struct _xmlDoc *b, size_t *bytes_out);

/*
 * Validate @p doc as a commit would: a security rule's source or destination that names no
 * address, address group or literal address. Appends details lines to *@p lines (malloc'd)
 * and returns how many problems (0: valid), or -1 when out of memory.
 */
int sim_commit_validate(struct _xmlDoc *doc, char ***lines, size_t *nlines);

/* The first element child of @p n named @p name, or NULL (@p n may be NULL). */
struct _xmlNode *sim_commit_kid(struct _xmlNode *n, const char *name);

/* Append a copy of @p s to the array *@p v of *@p n strings. 0 or -1. */
int sim_commit_push(char ***v, size_t *n, const char *s);

#endif
