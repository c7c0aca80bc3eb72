/* SPDX-License-Identifier: MIT */
/*
 * cmd_commit.c -- panctl commit: commit the candidate configuration (full or partial) or
 * validate it, follow the job to its end (progress on a terminal) and report OK with the
 * details and warnings, or FAILED with the details (exit 12, JOB_FAILED).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "commit_all.h"

enum {
    OPT_DESCRIPTION = 1000,
    OPT_FORCE,
    OPT_VALIDATE,
    OPT_EXCLUDE,
    OPT_VSYS_PART,
    OPT_NO_VSYS,
    OPT_ADMIN,
    OPT_NO_WAIT,
    OPT_POLL,
    OPT_NO_PROGRESS,
    OPT_WAIT_RUNNING,
    OPT_ALL,
    OPT_DEVICE_GROUP,
    OPT_TEMPLATE,
};

static const struct cli_opt opts[] = {
    {{"description", required_argument, NULL, OPT_DESCRIPTION},
     "TEXT",
     "the commit's description (shown in show jobs)"},
    {{"force", no_argument, NULL, OPT_FORCE}, NULL, "commit even when nothing changed"},
    {{"validate", no_argument, NULL, OPT_VALIDATE},
     NULL,
     "validate the candidate only (a Validate job; running is not changed)"},
    {{"exclude", required_argument, NULL, OPT_EXCLUDE},
     "PART",
     "partial commit without PART: device-and-network, policy-and-objects or shared-object "
     "(repeatable)"},
    {{"vsys", required_argument, NULL, OPT_VSYS_PART},
     "NAME",
     "partial commit of virtual system NAME only (repeatable)"},
    {{"no-vsys", no_argument, NULL, OPT_NO_VSYS},
     NULL,
     "partial commit without any virtual system's changes"},
    {{"admin", required_argument, NULL, OPT_ADMIN},
     "NAME",
     "partial commit of the changes admin NAME made (repeatable)"},
    {{"no-wait", no_argument, NULL, OPT_NO_WAIT}, NULL, "print the job id and exit at once"},
    {{"poll-interval", required_argument, NULL, OPT_POLL},
     "SECONDS",
     "time between job polls (default 2; PAN-OS advises not less)"},
    {{"no-progress", no_argument, NULL, OPT_NO_PROGRESS}, NULL, "no progress line on stderr"},
    {{"wait-running", no_argument, NULL, OPT_WAIT_RUNNING},
     NULL,
     "when another commit or validate is running, wait for it, then commit"},
    {{"all", no_argument, NULL, OPT_ALL},
     NULL,
     "Panorama: commit-all, push to the firewalls of --device-group and --template"},
    {{"device-group", required_argument, NULL, OPT_DEVICE_GROUP},
     "NAME",
     "with --all: push device group NAME (repeatable)"},
    {{"template", required_argument, NULL, OPT_TEMPLATE},
     "NAME",
     "with --all: push template NAME (repeatable; templates are pushed first)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

#define MAX_NAMES 64

struct commit_args {
    panos_commit_options co;
    const char *vsys[MAX_NAMES], *admins[MAX_NAMES];
    const char *groups[MAX_NAMES], *templates[MAX_NAMES];
    size_t ngroups, ntemplates;
    int validate, no_wait, progress, wait_running, all;
    long interval_ms;
};

static int on_progress_shown;

static void on_progress(void *payload, const panos_job *j)
{
    (void)payload;
    if (j->finished) {
        fputs("\r\033[K", stderr);
        on_progress_shown = 0;
        return;
    }
    int pct = j->progress < 0 ? 0 : j->progress;
    char bar[21];
    for (int i = 0; i < 20; i++)
        bar[i] = i < pct / 5 ? '#' : '.';
    bar[20] = '\0';
    fprintf(stderr, "\r%s job %lld: [%s] %3d%% %s\033[K", j->type[0] ? j->type : "job", j->id, bar,
            pct, j->status);
    on_progress_shown = 1;
}

static json_t *lines_json(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

/* -o json: one object; job null when nothing was enqueued. */
static int print_json(long long id, const panos_job *j, const char *status, const char *result,
                      const char *message)
{
    json_t *o = json_object();
    if (o == NULL)
        return PANOS_E_NOMEM;
    json_object_set_new(o, "job", id > 0 ? json_integer(id) : json_null());
    json_object_set_new(o, "type", j != NULL ? json_string(j->type) : json_null());
    json_object_set_new(o, "status", status != NULL ? json_string(status) : json_null());
    json_object_set_new(o, "result", result != NULL ? json_string(result) : json_null());
    if (message != NULL)
        json_object_set_new(o, "message", json_string(message));
    if (j != NULL) {
        json_object_set_new(o, "progress", json_integer(j->progress));
        json_object_set_new(o, "user", json_string(j->user));
        json_object_set_new(o, "description", json_string(j->description));
        json_object_set_new(o, "tfin", json_string(j->tfin));
    }
    json_object_set_new(o, "details", lines_json(j ? j->details : NULL, j ? j->ndetails : 0));
    json_object_set_new(o, "warnings", lines_json(j ? j->warnings : NULL, j ? j->nwarnings : 0));
    int rc = json_dumpf(o, stdout, 0) != 0 || fputc('\n', stdout) == EOF ? PANOS_E_IO : 0;
    json_decref(o);
    return rc;
}

/* The text report: "commit OK (job N)" or "commit FAILED (job N)", details, warnings. */
static void print_text(const struct commit_args *a, const panos_job *j)
{
    const char *what = a->validate ? "validate" : "commit";
    int ok = strcmp(j->result, "OK") == 0;
    printf("%s %s (job %lld)\n", what, ok ? "OK" : "FAILED", j->id);
    for (size_t i = 0; i < j->ndetails; i++)
        printf("  %s\n", j->details[i]);
    for (size_t i = 0; i < j->nwarnings; i++)
        printf("  warning: %s\n", j->warnings[i]);
}

/* A commit lock refusal does not say who holds it: ask (show commit-locks) and say it. */
static void name_lock_holder(struct cli_ctx *ctx)
{
    const panos_error *e = panos_client_last_error(ctx->client);
    if (e->message == NULL || strstr(e->message, "commit locks") == NULL)
        return;
    panos_response *r = NULL;
    if (panos_op_run(&r, ctx->client, "<show><commit-locks/></show>") == PANOS_OK) {
        const panos_node *l = panos_node_child(panos_response_result(r), "commit-locks");
        for (const panos_node *n = panos_node_child(l, "entry"); n != NULL;
             n = panos_node_next_named(n, "entry"))
            if (panos_node_attr(n, "name") != NULL)
                cli_error("the commit lock is held by %s", panos_node_attr(n, "name"));
    }
    panos_response_free(r);
}

static void wait_options(panos_job_wait_options *wo, const struct commit_args *a)
{
    panos_job_wait_options_init(wo);
    wo->interval_ms = a->interval_ms;
    if (a->progress)
        wo->progress = on_progress;
}

/* The newest job `show jobs all` lists that is not FIN (0: none). */
static long long running_job(struct cli_ctx *ctx)
{
    panos_response *r = NULL;
    long long id = 0;
    if (panos_op_run(&r, ctx->client, "<show><jobs><all/></jobs></show>") == PANOS_OK) {
        const panos_node *res = panos_response_result(r);
        for (const panos_node *j = panos_node_child(res, "job"); j != NULL && id == 0;
             j = panos_node_next_named(j, "job")) {
            panos_buf st = PANOS_BUF_INIT, num = PANOS_BUF_INIT;
            if (panos_node_text(&st, panos_node_child(j, "status")) == PANOS_OK && st.ptr != NULL &&
                strcmp(st.ptr, "FIN") != 0 &&
                panos_node_text(&num, panos_node_child(j, "id")) == PANOS_OK && num.ptr != NULL)
                id = strtoll(num.ptr, NULL, 10);
            panos_buf_dispose(&st);
            panos_buf_dispose(&num);
        }
    }
    panos_response_free(r);
    return id;
}

static panos_code send_once(struct cli_ctx *ctx, const struct commit_args *a, long long *id)
{
    return a->validate ? panos_validate_start(id, ctx->client)
                       : panos_commit_start(id, ctx->client, &a->co);
}

/* --wait-running: after "Another commit/validate is in progress", wait for the running job
 * (the newest one not FIN in show jobs all), then send once more. */
static panos_code after_running(struct cli_ctx *ctx, const struct commit_args *a, long long *id)
{
    const char *msg = panos_client_last_error(ctx->client)->message;
    long long busy = msg != NULL && strstr(msg, "in progress") != NULL ? running_job(ctx) : 0;
    if (busy <= 0)
        return PANOS_E_API;
    cli_warn("job %lld is running: waiting for it to finish", busy);
    panos_job_wait_options wo;
    wait_options(&wo, a);
    panos_job *j = NULL;
    panos_code code = panos_job_wait(&j, ctx->client, busy, &wo);
    panos_job_free(j);
    if (on_progress_shown)
        fputs("\r\033[K", stderr);
    on_progress_shown = 0;
    if (code != PANOS_OK && code != PANOS_E_JOB_FAILED)
        return code;
    return send_once(ctx, a, id);
}

static int start(struct cli_ctx *ctx, const struct commit_args *a, long long *id)
{
    panos_code code = send_once(ctx, a, id);
    if (code == PANOS_E_API && a->wait_running)
        code = after_running(ctx, a, id);
    if (code == PANOS_OK)
        return 0;
    int rc = cli_fail_client(ctx, code);
    if (code == PANOS_E_API)
        name_lock_holder(ctx);
    return rc;
}

/* 1 when @p code says the job's polls failed (the connection, the firewall's answers, the
 * deadline), so that the job, already started, may well be running still. */
static int lost_track(panos_code code)
{
    return code == PANOS_E_TIMEOUT || code == PANOS_E_TRANSPORT || code == PANOS_E_HTTP ||
           code == PANOS_E_PARSE || code == PANOS_E_TOO_LARGE || code == PANOS_E_RATE_LIMITED ||
           code == PANOS_E_UNAVAILABLE;
}

static int run(struct cli_ctx *ctx, const struct commit_args *a)
{
    long long id = 0;
    int rc = start(ctx, a, &id);
    int json = ctx->format == CLI_FORMAT_JSON;
    if (rc != 0)
        return rc;
    if (id == 0) {
        const char *msg = "There are no changes to commit.";
        return json ? print_json(0, NULL, NULL, NULL, msg) : (puts(msg) == EOF ? PANOS_E_IO : 0);
    }
    if (a->no_wait)
        return json ? print_json(id, NULL, "enqueued", NULL, NULL) : (printf("%lld\n", id), 0);
    panos_job_wait_options wo;
    wait_options(&wo, a);
    panos_job *j = NULL;
    panos_code code = panos_job_wait(&j, ctx->client, id, &wo);
    if (on_progress_shown)
        fputs("\r\033[K", stderr);
    if (code == PANOS_OK || code == PANOS_E_JOB_FAILED) {
        if (json)
            rc = print_json(id, j, j->status, j->result, NULL);
        else
            print_text(a, j);
        fflush(stdout);
    }
    if (code != PANOS_OK)
        rc = cli_fail_client(ctx, code);
    if (lost_track(code))
        cli_warn("the %s was sent: job %lld may still be running on the firewall (panctl op "
                 "'show jobs id %lld')",
                 a->validate ? "validation" : "commit", id, id);
    panos_job_free(j);
    return rc;
}

/* Parse one option of the table; returns 0, or an exit status. */
static int take(struct cli_ctx *ctx, struct commit_args *a, int c, char *arg)
{
    switch (c) {
    case OPT_DESCRIPTION:
        a->co.description = arg;
        return 0;
    case OPT_FORCE:
        a->co.force = 1;
        return 0;
    case OPT_VALIDATE:
        a->validate = 1;
        return 0;
    case OPT_NO_VSYS:
        a->co.no_vsys = 1;
        return 0;
    case OPT_NO_WAIT:
        a->no_wait = 1;
        return 0;
    case OPT_NO_PROGRESS:
        a->progress = 0;
        return 0;
    case OPT_WAIT_RUNNING:
        a->wait_running = 1;
        return 0;
    case OPT_ALL:
        a->all = 1;
        return 0;
    case OPT_EXCLUDE:
        if (strcmp(arg, "device-and-network") == 0)
            a->co.exclude_device_and_network = 1;
        else if (strcmp(arg, "policy-and-objects") == 0)
            a->co.exclude_policy_and_objects = 1;
        else if (strcmp(arg, "shared-object") == 0)
            a->co.exclude_shared_object = 1;
        else
            return cli_usage_error("commit",
                                   "--exclude %s: expected device-and-network, "
                                   "policy-and-objects or shared-object",
                                   arg);
        return 0;
    case OPT_VSYS_PART:
    case OPT_ADMIN:
    case OPT_DEVICE_GROUP:
    case OPT_TEMPLATE: {
        size_t *n = c == OPT_ADMIN          ? &a->co.nadmins
                    : c == OPT_VSYS_PART    ? &a->co.nvsys
                    : c == OPT_DEVICE_GROUP ? &a->ngroups
                                            : &a->ntemplates;
        const char **v = c == OPT_ADMIN          ? a->admins
                         : c == OPT_VSYS_PART    ? a->vsys
                         : c == OPT_DEVICE_GROUP ? a->groups
                                                 : a->templates;
        const char *name = c == OPT_ADMIN          ? "admin"
                           : c == OPT_VSYS_PART    ? "vsys"
                           : c == OPT_DEVICE_GROUP ? "device-group"
                                                   : "template";
        if (*arg == '\0')
            return cli_usage_error("commit", "--%s needs a name", name);
        if (*n == MAX_NAMES)
            return cli_usage_error("commit", "too many --%s names (at most %d)", name, MAX_NAMES);
        v[(*n)++] = arg;
        return 0;
    }
    case OPT_POLL:
        return cli_parse_seconds("commit", "--poll-interval", arg, 1, 3600000, &a->interval_ms);
    default:
        return cli_global_option(ctx, "commit", c, arg);
    }
}

/* Options that cannot go together. 0, or the usage error's status. */
static int check(const struct commit_args *a)
{
    const panos_commit_options *o = &a->co;
    int partial = o->exclude_device_and_network || o->exclude_policy_and_objects ||
                  o->exclude_shared_object || o->nvsys || o->no_vsys || o->nadmins;
    if (a->validate && (partial || o->force || o->description != NULL))
        return cli_usage_error("commit", "--validate validates the whole candidate: no "
                                         "--force, --description or partial options");
    if (o->no_vsys && o->nvsys > 0)
        return cli_usage_error("commit", "--vsys and --no-vsys cannot go together");
    if (!a->all && a->ngroups + a->ntemplates > 0)
        return cli_usage_error("commit", "--device-group and --template go with --all");
    if (a->all && a->ngroups + a->ntemplates == 0)
        return cli_usage_error("commit", "--all needs --device-group NAME or --template NAME");
    if (a->all &&
        (partial || o->force || o->description || a->validate || a->no_wait || a->wait_running))
        return cli_usage_error("commit", "--all pushes Panorama's configuration: no partial "
                                         "options, --force, --description, --validate, "
                                         "--no-wait or --wait-running");
    return 0;
}

int cmd_commit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    struct commit_args a;
    memset(&a, 0, sizeof(a));
    panos_commit_options_init(&a.co);
    a.co.vsys = a.vsys;
    a.co.admins = a.admins;
    a.progress = 1;
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            cli_help("commit",
                     "[--description TEXT] [--force] [--exclude PART]... [--vsys NAME]..."
                     " [--no-vsys] [--admin NAME]... [--validate] [--no-wait] [--wait-running]\n"
                     "       panctl commit --all [--device-group NAME]... [--template NAME]...",
                     "Commit the candidate configuration (type=commit; partial with --exclude, "
                     "--vsys, --no-vsys\nor --admin) or validate it, then follow the job until "
                     "it ends: \"commit OK (job N)\" with\nthe details and warnings, or \"commit "
                     "FAILED (job N)\" and exit 12. Nothing to commit is\nexit 0. A commit is "
                     "never resent. --deadline bounds the wait (default 300 s).\n"
                     "On a Panorama, --all pushes device groups and templates (commit-all) and "
                     "reports each\nfirewall's result; exit 12 when any failed.\n"
                     "  panctl -H 192.0.2.1 commit --description 'change 42' --admin alice",
                     opts);
            return 0;
        }
        if ((rc = take(ctx, &a, c, optarg)) != 0)
            return rc;
    }
    if (optind < argc)
        return cli_usage_error("commit", "unexpected argument '%s'", argv[optind]);
    if ((rc = check(&a)) != 0)
        return rc;
    a.progress = a.progress && !a.no_wait && isatty(STDERR_FILENO);
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    if (a.all) {
        const struct cli_commit_all ca = {a.groups, a.ngroups, a.templates, a.ntemplates,
                                          a.interval_ms > 0 ? a.interval_ms : 2000};
        return cli_commit_all(ctx, &ca);
    }
    return run(ctx, &a);
}
