/* SPDX-License-Identifier: MIT */
/* cmd_backup.c -- panctl backup: the running configs of an inventory of firewalls, in parallel. */
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "backup.h"
#include "pano.h"

enum {
    OPT_INVENTORY = 'i',
    OPT_TAG = 0x2001,
    OPT_DIR,
    OPT_JOBS,
    OPT_KEEP,
    OPT_KEEP_DAYS,
    OPT_TEMPLATE,
    OPT_DEVICE,
    OPT_SELECT,
    OPT_STATE,
    OPT_PER_HOST,
    OPT_ALL_DEVICES,
};

static const struct cli_opt opts[] = {
    {{"inventory", required_argument, NULL, OPT_INVENTORY},
     "FILE",
     "devices, one a line: NAME HOST[:PORT] [key-file=F] [tag=T] [pin=FP] [ca=F] [label=K:V] "
     "[http]"},
    {{"tag", required_argument, NULL, OPT_TAG},
     "TAG",
     "back up the .panrc entry TAG too, named TAG (repeatable)"},
    {{"device", required_argument, NULL, OPT_DEVICE},
     "NAME",
     "only the device NAME (repeatable: any of them)"},
    {{"select", required_argument, NULL, OPT_SELECT},
     "K:V",
     "only devices with the label K:V, or any K:... for a bare K (repeatable: all of them)"},
    {{"dir", required_argument, NULL, OPT_DIR}, "DIR", "where DIR/NAME/ folders go (default .)"},
    {{"name-template", required_argument, NULL, OPT_TEMPLATE},
     "T",
     "file names without .xml: %n name, %t UTC time, %h host, %d UTC date (default %n-%t)"},
    {{"device-state", no_argument, NULL, OPT_STATE},
     NULL,
     "also save the device-state bundle as NAME-...-device-state.tgz"},
    {{"jobs", required_argument, NULL, OPT_JOBS}, "N", "devices at once (default 8, 1 to 64)"},
    {{"all-devices", no_argument, NULL, OPT_ALL_DEVICES},
     NULL,
     "every connected firewall of the Panorama (-H/-t), through it (target=SERIAL), named by "
     "serial and labelled as devices --inventory-out writes them"},
    {{"per-host", required_argument, NULL, OPT_PER_HOST},
     "N",
     "devices at once through one host, e.g. the Panorama of target= lines (default 2, 1 to 5)"},
    {{"keep", required_argument, NULL, OPT_KEEP},
     "N",
     "keep the newest N files of each device (default 0: all)"},
    {{"keep-days", required_argument, NULL, OPT_KEEP_DAYS},
     "N",
     "remove files older than N days, never the newest (default 0: all)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

#define MAX_PICKS 64

struct args {
    const char *inventory, *dir, *tmpl;
    const char *tags[MAX_PICKS], *names[MAX_PICKS], *sels[MAX_PICKS];
    size_t ntags, nnames, nsels;
    long long jobs, per_host, keep, keep_days;
    int device_state, all_devices;
};

struct run {
    struct bk_dev *devs;
    size_t n, done, nsel;
    size_t *busy; /* per device: how many of the devices sharing its host are running (the
                     count lives at the first device of that host) */
    const struct args *a;
    time_t when; /* one time for the whole run: the files' UTC stamp */
    int progress;
    pthread_mutex_t lock;
    pthread_cond_t freed; /* a device finished: its host may take another */
};

/* Download @p category into d's folder as BASE@p suffix; an equal newest file makes it
 * "unchanged" (the new one is removed). PANOS_OK, or the failure (d->err set). */
static panos_code save_file(struct bk_file *f, const struct run *r, struct bk_dev *d,
                            const char *ddir, const char *category, const char *suffix)
{
    struct bk_series s = {r->a->tmpl, d, suffix};
    char fname[300], newest[4096];
    snprintf(fname, sizeof(fname), "%s%s", d->base, suffix);
    snprintf(f->path, sizeof(f->path), "%s/%s", ddir, fname);
    int have = bk_newest(newest, sizeof(newest), ddir, &s, fname);
    panos_export_result res;
    panos_code code = panos_export_to_file(&res, d->ctx.client, category, NULL, 0, f->path);
    if (code != PANOS_OK) {
        const panos_error *e = panos_client_last_error(d->ctx.client);
        snprintf(d->err, sizeof(d->err), "(%d) %s: %s%s", (int)code, panos_code_name(code),
                 *suffix == '.' ? "" : "device-state: ",
                 e && e->message && e->message[0] ? e->message : panos_strerror(code));
        f->path[0] = '\0';
        return code;
    }
    f->bytes = res.bytes;
    memcpy(f->sha256, res.sha256, sizeof(f->sha256));
    unsigned char old[32];
    if (have && panos_file_sha256(old, newest, NULL, 0) == PANOS_OK &&
        memcmp(old, res.sha256, 32) == 0) {
        unlink(f->path);
        f->unchanged = 1;
        snprintf(f->path, sizeof(f->path), "%s", newest);
    }
    return PANOS_OK;
}

/* One device: its config (and device state); a failure leaves no new file; then retention. */
static void backup_one(struct run *r, struct bk_dev *d)
{
    const struct args *a = r->a;
    char ddir[3072];
    snprintf(ddir, sizeof(ddir), "%.2900s/%.64s", a->dir, d->name);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    panos_code code = save_file(&d->cfg, r, d, ddir, "configuration", ".xml");
    if (code == PANOS_OK && a->device_state) {
        code = save_file(&d->state, r, d, ddir, "device-state", BK_STATE_SUFFIX);
        if (code != PANOS_OK && !d->cfg.unchanged)
            unlink(d->cfg.path);
    }
    d->rc = (int)code;
    if (code != PANOS_OK)
        memset(&d->cfg, 0, sizeof(d->cfg)); /* nothing of this run is kept */
    if (code == PANOS_OK) {
        struct bk_series cfg = {a->tmpl, d, ".xml"}, state = {a->tmpl, d, BK_STATE_SUFFIX};
        bk_retain(ddir, &cfg, (long)a->keep, (long)a->keep_days, r->when);
        if (a->device_state)
            bk_retain(ddir, &state, (long)a->keep, (long)a->keep_days, r->when);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    d->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static const char *result_of(const struct bk_dev *d)
{
    if (d->rc != 0)
        return "failed";
    return d->cfg.unchanged && (!d->state.path[0] || d->state.unchanged) ? "unchanged" : "saved";
}

/* The next device to run whose host has room (--per-host), marked taken; r->n when none is
 * left, r->n + 1 when the rest wait for their host. Under r->lock. */
static size_t next_device(struct run *r)
{
    size_t waiting = 0;
    for (size_t i = 0; i < r->n; i++) {
        struct bk_dev *d = &r->devs[i];
        if (!d->selected || d->connect_rc != 0 || d->taken)
            continue;
        if (r->busy[d->host_first] >= (size_t)r->a->per_host) {
            waiting = 1;
            continue;
        }
        d->taken = 1;
        r->busy[d->host_first]++;
        return i;
    }
    return waiting ? r->n + 1 : r->n;
}

static void *worker(void *arg)
{
    struct run *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t i;
        while ((i = next_device(r)) == r->n + 1)
            pthread_cond_wait(&r->freed, &r->lock);
        pthread_mutex_unlock(&r->lock);
        if (i >= r->n)
            return NULL;
        struct bk_dev *d = &r->devs[i];
        backup_one(r, d);
        pthread_mutex_lock(&r->lock);
        r->busy[d->host_first]--;
        pthread_cond_broadcast(&r->freed);
        r->done++;
        if (r->progress)
            fprintf(stderr, "panctl: backup [%zu/%zu] %s: %s\n", r->done, r->nsel, d->name,
                    result_of(d));
        pthread_mutex_unlock(&r->lock);
    }
}

static json_t *hex(const unsigned char *sha)
{
    char h[65];
    for (size_t i = 0; i < 32; i++)
        snprintf(h + 2 * i, 3, "%02x", sha[i]);
    return json_string(h);
}

static json_t *file_json(const struct bk_file *f)
{
    return json_pack("{s:s, s:I, s:o, s:s}", "result", f->unchanged ? "unchanged" : "saved",
                     "bytes", (json_int_t)f->bytes, "sha256", hex(f->sha256), "path", f->path);
}

static json_t *dev_json(const struct bk_dev *d, int device_state)
{
    const char *host = d->ctx.conn_host ? d->ctx.conn_host : d->host;
    json_t *o = json_pack("{s:s, s:s?, s:s, s:I, s:I}", "device", d->name, "host", host, "result",
                          result_of(d), "bytes", (json_int_t)d->cfg.bytes, "ms",
                          (json_int_t)(d->seconds * 1000));
    if (o == NULL)
        return NULL;
    if (d->rc != 0)
        json_object_set_new(o, "error", json_string(d->err));
    if (d->rc != 0)
        return o;
    json_object_set_new(o, "sha256", hex(d->cfg.sha256));
    json_object_set_new(o, "path", json_string(d->cfg.path));
    if (device_state)
        json_object_set_new(o, "device_state", file_json(&d->state));
    return o;
}

static int print_summary(const struct cli_ctx *ctx, const struct run *r)
{
    if (ctx->format == CLI_FORMAT_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < r->n; i++)
            if (r->devs[i].selected)
                json_array_append_new(a, dev_json(&r->devs[i], r->a->device_state));
        char *s = json_dumps(a, JSON_INDENT(2));
        json_decref(a);
        if (s == NULL)
            return PANOS_E_NOMEM;
        printf("%s\n", s);
        free(s);
        return 0;
    }
    printf("%-20s %-9s %12s %8s  %s\n", "DEVICE", "RESULT", "BYTES", "SECONDS", "PATH/ERROR");
    for (size_t i = 0; i < r->n; i++) {
        const struct bk_dev *d = &r->devs[i];
        if (!d->selected)
            continue;
        printf("%-20s %-9s %12llu %8.2f  %s%s%s\n", d->name, result_of(d),
               d->cfg.bytes + d->state.bytes, d->seconds, d->rc ? d->err : d->cfg.path,
               d->rc == 0 && d->state.path[0] ? " " : "", d->rc == 0 ? d->state.path : "");
    }
    return 0;
}

/* A device's connection settings from the command's own context, and its file base name. */
static int dev_connect(struct cli_ctx *base, struct bk_dev *d, const struct run *r)
{
    d->ctx = *base;
    memset(&d->ctx.rc, 0, sizeof(d->ctx.rc));
    d->ctx.client = NULL;
    d->ctx.key_arg = NULL;
    d->ctx.host_arg = d->host;
    d->ctx.port = 0;
    d->ctx.tag = d->tag;
    d->ctx.target = d->target ? d->target : base->target;
    d->ctx.key_file = d->key_file ? d->key_file : base->key_file;
    d->ctx.key_source = CLI_KEY_NONE;
    d->ctx.pin = d->pin ? d->pin : base->pin;
    d->ctx.ca_file = d->ca ? d->ca : base->ca_file;
    d->ctx.use_http = d->http || base->use_http;
    d->ctx.rc_key_path = NULL;
    d->ctx.conn_host = NULL;
    d->connect_rc = cli_connect(&d->ctx, 1); /* it prints its own errors */
    if (d->connect_rc != 0) {
        d->rc = d->connect_rc;
        snprintf(d->err, sizeof(d->err), "(%d) %s: cannot connect (see the message above)",
                 d->rc, panos_code_name((panos_code)d->rc));
        return d->rc;
    }
    cli_export_host(d->hostpart, sizeof(d->hostpart), d->ctx.conn_host ? d->ctx.conn_host : "");
    for (char *p = d->hostpart; *p != '\0'; p++)
        *p = bk_word_char(*p) ? *p : '_';
    if (bk_base_name(d, r->a->tmpl, r->when) != 0) {
        d->rc = d->connect_rc = PANOS_E_INVALID_ARG;
        snprintf(d->err, sizeof(d->err),
                 "(2) INVALID_ARG: --name-template %s gives no safe "
                 "file name for this device",
                 r->a->tmpl);
    }
    return d->rc;
}

static int add_pick(const char **v, size_t *n, const char *opt, const char *arg)
{
    if (*n == MAX_PICKS)
        return cli_usage_error("backup", "more than %d %s", MAX_PICKS, opt);
    v[(*n)++] = arg;
    return 0;
}

static void help(void)
{
    cli_help(
        "backup",
        "--inventory FILE | --tag TAG ... | --all-devices [--device NAME ...] [--select K:V ...] "
        "[--dir DIR] [--name-template T] [--device-state] [--jobs N] [--per-host N] [--keep N] "
        "[--keep-days N]",
        "Export the running configuration of every device of an inventory to "
        "DIR/NAME/NAME-YYYYMMDDTHHMMSSZ.xml (mode 0600, atomic, streamed), N devices at "
        "once, one request at a time per device. A download equal to the newest file kept "
        "(SHA-256) is not kept twice. A summary follows (-o json for JSON). Exit 0 when "
        "every device was saved or unchanged, 1 when any failed: a failed device leaves "
        "no file.\n"
        "  panctl backup --inventory fleet.txt --dir /srv/backups --keep 30 --keep-days 90",
        opts);
}

/* The command's own options into @p a. 0, -1 after --help, or a usage error's status. */
static int parse_args(struct args *a, struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc = 0;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while (rc == 0 && (c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_INVENTORY:
            a->inventory = optarg;
            break;
        case OPT_TAG:
            rc = add_pick(a->tags, &a->ntags, "--tag", optarg);
            break;
        case OPT_DEVICE:
            rc = add_pick(a->names, &a->nnames, "--device", optarg);
            break;
        case OPT_SELECT:
            if (!bk_label_ok(optarg, 1))
                return cli_usage_error("backup",
                                       "--select %s: give KEY:VALUE or KEY, each 1 to "
                                       "64 of [A-Za-z0-9._-]",
                                       optarg);
            rc = add_pick(a->sels, &a->nsels, "--select", optarg);
            break;
        case OPT_DIR:
            a->dir = optarg;
            break;
        case OPT_TEMPLATE:
            rc = bk_template_check(a->tmpl = optarg);
            break;
        case OPT_STATE:
            a->device_state = 1;
            break;
        case OPT_JOBS:
            rc = cli_parse_count("backup", "--jobs", optarg, 1, 64, &a->jobs);
            break;
        case OPT_ALL_DEVICES:
            a->all_devices = 1;
            break;
        case OPT_PER_HOST:
            rc = cli_parse_count("backup", "--per-host", optarg, 1, 5, &a->per_host);
            break;
        case OPT_KEEP:
            rc = cli_parse_count("backup", "--keep", optarg, 0, 100000, &a->keep);
            break;
        case OPT_KEEP_DAYS:
            rc = cli_parse_count("backup", "--keep-days", optarg, 0, 100000, &a->keep_days);
            break;
        case 'h':
            help();
            return -1;
        default:
            rc = cli_global_option(ctx, "backup", c, optarg);
        }
    }
    if (rc == 0 && optind < argc)
        rc = cli_usage_error("backup", "unexpected argument '%s'", argv[optind]);
    if (rc == 0 && a->all_devices && (a->inventory != NULL || a->ntags > 0))
        rc = cli_usage_error("backup", "%s", "--all-devices: not with --inventory or --tag");
    if (rc == 0 && a->inventory == NULL && a->ntags == 0 && !a->all_devices)
        rc = cli_usage_error("backup", "%s",
                             "no devices: give --inventory FILE, --tag TAG or --all-devices");
    if (rc == 0 && ctx->format != CLI_FORMAT_JSON && ctx->format != CLI_FORMAT_TEXT) {
        if (ctx->format_set)
            return cli_usage_error("backup", "%s", "-o: the summary is a table (text) or json");
        ctx->format = CLI_FORMAT_TEXT;
    }
    return rc;
}

/* backup --all-devices: the inventory that devices --inventory-out would write for the Panorama
 * of @p ctx (each connected firewall through it, target=SERIAL), read as if from that file. */
static int fleet_devices(struct cli_ctx *ctx, struct bk_dev *devs, size_t *n)
{
    struct cli_pano_devs d;
    char *buf = NULL;
    size_t len = 0;
    int rc = cli_connect(ctx, 1);
    if (rc != 0 || (rc = cli_pano_devices(ctx, 0, &d)) != 0)
        return rc;
    rc = cli_pano_inventory_text(ctx, &d, &buf, &len);
    cli_pano_devs_free(&d);
    if (rc != 0)
        return rc;
    FILE *f = fmemopen(buf, len, "r");
    if (f == NULL) {
        rc = cli_local_error(PANOS_E_NOMEM, NULL);
    } else {
        rc = bk_inventory_parse(devs, n, f, "show devices");
        fclose(f);
    }
    free(buf);
    return rc;
}

/* The inventory (a file, or a Panorama's with --all-devices), then the --tag devices; names
 * unique. 0 or the exit status (printed). */
static int load_devices(struct cli_ctx *ctx, struct bk_dev *devs, size_t *n, const struct args *a)
{
    int rc = a->inventory != NULL ? bk_inventory_read(devs, n, a->inventory)
             : a->all_devices     ? fleet_devices(ctx, devs, n)
                                  : 0;
    for (size_t i = 0; rc == 0 && i < a->ntags; i++) {
        if (!bk_name_ok(a->tags[i]))
            return cli_usage_error("backup", "--tag %s: not a device name", a->tags[i]);
        if (*n == BK_MAX_DEVICES)
            return cli_usage_error("backup", "more than %d devices", BK_MAX_DEVICES);
        devs[*n].name = strdup(a->tags[i]);
        devs[(*n)++].tag = strdup(a->tags[i]);
        if (devs[*n - 1].name == NULL || devs[*n - 1].tag == NULL)
            return cli_local_error(PANOS_E_NOMEM, NULL);
    }
    for (size_t i = 0; rc == 0 && i < *n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(devs[i].name, devs[j].name) == 0)
                return cli_usage_error("backup", "device %s is listed twice", devs[i].name);
    if (rc == 0 && *n == 0)
        rc = cli_usage_error("backup", "%s: no devices",
                             a->inventory ? a->inventory : "the Panorama");
    if (rc == 0)
        rc = bk_select(devs, *n, a->names, a->nnames, a->sels, a->nsels);
    return rc;
}

/* DIR and each selected device's folder (0700), and each one's connection. */
static int prepare(struct cli_ctx *ctx, struct run *r)
{
    const char *dir = r->a->dir;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        char msg[600];
        snprintf(msg, sizeof(msg), "cannot make %s: %s", dir, strerror(errno));
        return cli_local_error(PANOS_E_IO, msg);
    }
    for (size_t i = 0; i < r->n; i++) {
        struct bk_dev *d = &r->devs[i];
        char ddir[3072];
        if (!d->selected)
            continue;
        r->nsel++;
        snprintf(ddir, sizeof(ddir), "%.2900s/%.64s", dir, d->name);
        if (mkdir(ddir, 0700) != 0 && errno != EEXIST) {
            d->rc = d->connect_rc = PANOS_E_IO;
            snprintf(d->err, sizeof(d->err), "(18) IO: cannot make %.300s: %s", ddir,
                     strerror(errno));
            continue;
        }
        dev_connect(ctx, d, r);
    }
    return 0;
}

/* Each device's host_first: the first device reached at the same host (a Panorama reaches its
 * firewalls through target=, so they share its bound). */
static void group_hosts(struct run *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *h = r->devs[i].ctx.conn_host ? r->devs[i].ctx.conn_host : "";
        r->devs[i].host_first = i;
        for (size_t j = 0; j < i; j++) {
            const char *o = r->devs[j].ctx.conn_host ? r->devs[j].ctx.conn_host : "";
            if (r->devs[j].host_first == j && strcmp(h, o) == 0) {
                r->devs[i].host_first = j;
                break;
            }
        }
    }
}

/* At most --jobs threads, each taking the next device whose host has room (--per-host);
 * every device has its own client, so a device never has more than one request in flight. */
static void run_pool(struct run *r)
{
    size_t nthreads = (size_t)r->a->jobs < r->nsel ? (size_t)r->a->jobs : r->nsel;
    pthread_t th[64];
    size_t started = 0;
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->freed, NULL);
    group_hosts(r);
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, worker, r) != 0)
            break;
    if (started == 0)
        worker(r);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_cond_destroy(&r->freed);
    pthread_mutex_destroy(&r->lock);
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    struct args a = {.dir = ".", .tmpl = BK_DEFAULT_TEMPLATE, .jobs = 8, .per_host = 2};
    int rc = parse_args(&a, ctx, argc, argv);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    struct bk_dev *devs = calloc(BK_MAX_DEVICES, sizeof(*devs));
    if (devs == NULL)
        return PANOS_E_NOMEM;
    struct run r = {.devs = devs, .a = &a, .when = time(NULL)};
    if ((r.busy = calloc(BK_MAX_DEVICES, sizeof(*r.busy))) == NULL) {
        free(devs);
        return PANOS_E_NOMEM;
    }
    if ((rc = load_devices(ctx, devs, &r.n, &a)) != 0 || (rc = prepare(ctx, &r)) != 0)
        goto done;
    r.progress = isatty(STDERR_FILENO);
    run_pool(&r);
    rc = print_summary(ctx, &r);
    for (size_t i = 0; rc == 0 && i < r.n; i++)
        if (devs[i].selected && devs[i].rc != 0)
            rc = PANOS_E_FAILED;
done:
    for (size_t i = 0; i < BK_MAX_DEVICES && i < r.n + 1; i++)
        bk_dev_free(&devs[i]);
    free(devs);
    free(r.busy);
    return rc;
}
