/* SPDX-License-Identifier: MIT */
/* cmd_backup.c -- panctl backup: the running configs of an inventory of firewalls, in parallel. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

enum { OPT_INVENTORY = 'i', OPT_TAG = 0x2001, OPT_DIR, OPT_JOBS, OPT_KEEP };

static const struct cli_opt opts[] = {
    {{"inventory", required_argument, NULL, OPT_INVENTORY}, "FILE",
     "devices, one a line: NAME HOST[:PORT] [key-file=F] [tag=T] [pin=FP] [ca=F] [http]"},
    {{"tag", required_argument, NULL, OPT_TAG}, "TAG",
     "back up the .panrc entry TAG too, named TAG (repeatable)"},
    {{"dir", required_argument, NULL, OPT_DIR}, "DIR", "where DIR/NAME/ folders go (default .)"},
    {{"jobs", required_argument, NULL, OPT_JOBS}, "N", "devices at once (default 8, 1 to 64)"},
    {{"keep", required_argument, NULL, OPT_KEEP}, "N",
     "keep the newest N files of each device (default 0: all)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

#define MAX_DEVICES 4096

struct dev {
    char *name, *host, *key_file, *tag, *pin, *ca;
    unsigned int port;
    int http;
    struct cli_ctx ctx;    /* the device's own connection (its client lives in ctx.client) */
    int connect_rc;        /* cli_connect's status; the device is skipped when not 0 */
    /* the result */
    int rc;                /* exit class, 0 when saved or unchanged */
    int unchanged;
    unsigned long long bytes;
    double seconds;
    char path[4096];
    char err[512];
};

struct run {
    struct dev *devs;
    size_t n, next, done;
    const char *dir;
    time_t when;           /* one time for the whole run: the files' UTC stamp */
    long keep;
    int progress;
    pthread_mutex_t lock;
};

static int name_ok(const char *s)
{
    if (s == NULL || *s == '\0' || *s == '.' || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '-' || *s == '_'))
            return 0;
    return 1;
}

static void dev_free(struct dev *d)
{
    free(d->name);
    free(d->host);
    free(d->key_file);
    free(d->tag);
    free(d->pin);
    free(d->ca);
    panos_client_free(d->ctx.client);
    cli_rc_free(&d->ctx);
}

/* One inventory line into @p d. Returns 0, or an exit status (a usage error was printed). */
static int parse_line(struct dev *d, char *line, const char *file, unsigned long lineno)
{
    char *save = NULL;
    char *name = strtok_r(line, " \t", &save);
    char *host = strtok_r(NULL, " \t", &save);
    if (!name_ok(name))
        return cli_usage_error("backup", "%s:%lu: '%s' is not a device name ([A-Za-z0-9._-], "
                               "not starting with a dot)", file, lineno, name);
    if (host == NULL)
        return cli_usage_error("backup", "%s:%lu: device %s has no host", file, lineno, name);
    d->name = strdup(name);
    d->host = strdup(host);
    for (char *w; (w = strtok_r(NULL, " \t", &save)) != NULL;) {
        char **slot = NULL;
        const char *v = strchr(w, '=') ? strchr(w, '=') + 1 : NULL;
        if (strncmp(w, "key-file=", 9) == 0)
            slot = &d->key_file;
        else if (strncmp(w, "tag=", 4) == 0)
            slot = &d->tag;
        else if (strncmp(w, "pin=", 4) == 0)
            slot = &d->pin;
        else if (strncmp(w, "ca=", 3) == 0)
            slot = &d->ca;
        else if (strcmp(w, "http") == 0)
            d->http = 1;
        else
            return cli_usage_error("backup", "%s:%lu: unknown field '%s' (key-file=, tag=, pin=, "
                                   "ca=, http)", file, lineno, w);
        if (slot != NULL && (*v == '\0' || *slot != NULL))
            return cli_usage_error("backup", "%s:%lu: empty or repeated '%s'", file, lineno, w);
        if (slot != NULL)
            *slot = strdup(v);
    }
    return 0;
}

static int read_inventory(struct dev *devs, size_t *n, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        char msg[600];
        snprintf(msg, sizeof(msg), "cannot read the inventory %s: %s", path, strerror(errno));
        return cli_local_error(PANOS_E_IO, msg);
    }
    char line[4096];
    unsigned long lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p == '\0' || *p == '#')
            continue;
        if (*n == MAX_DEVICES) {
            rc = cli_usage_error("backup", "%s: more than %d devices", path, MAX_DEVICES);
            break;
        }
        rc = parse_line(&devs[(*n)++], p, path, lineno);
    }
    fclose(f);
    return rc;
}

/* Names "NAME-*.xml" in @p dir, sorted (the UTC stamps sort by time). */
static size_t list_backups(char ***out, const char *dir, const char *name)
{
    *out = NULL;
    DIR *dp = opendir(dir);
    if (dp == NULL)
        return 0;
    size_t n = 0, cap = 0, nl = strlen(name);
    char **v = NULL;
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        size_t l = strlen(e->d_name);
        if (l < nl + 5 || strncmp(e->d_name, name, nl) != 0 || e->d_name[nl] != '-' ||
            strcmp(e->d_name + l - 4, ".xml") != 0)
            continue;
        if (n == cap) {
            char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
            if (nv == NULL)
                break;
            v = nv;
        }
        if ((v[n] = strdup(e->d_name)) != NULL)
            n++;
    }
    closedir(dp);
    for (size_t i = 1; i < n; i++) /* insertion sort: a device has few files */
        for (size_t j = i; j > 0 && strcmp(v[j - 1], v[j]) > 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    *out = v;
    return n;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Download one device; drop the new file when it equals the newest kept one; retention. */
static void backup_one(struct run *r, struct dev *d)
{
    char ddir[3072], fname[300], newest[4096] = "";
    snprintf(ddir, sizeof(ddir), "%.2900s/%.64s", r->dir, d->name);
    cli_export_name(fname, sizeof(fname), d->name, r->when);
    snprintf(d->path, sizeof(d->path), "%s/%s", ddir, fname);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char **v = NULL;
    size_t nv = list_backups(&v, ddir, d->name);
    for (size_t i = nv; i-- > 0;)
        if (strcmp(v[i], fname) != 0) {
            snprintf(newest, sizeof(newest), "%s/%.255s", ddir, v[i]);
            break;
        }
    free_list(v, nv);
    panos_export_result res;
    panos_code code = panos_export_to_file(&res, d->ctx.client, "configuration", NULL, 0, d->path);
    if (code != PANOS_OK) {
        const panos_error *e = panos_client_last_error(d->ctx.client);
        d->rc = (int)code;
        snprintf(d->err, sizeof(d->err), "(%d) %s: %s", (int)code, panos_code_name(code),
                 e && e->message ? e->message : "");
        d->path[0] = '\0';
    } else {
        d->bytes = res.bytes;
        unsigned char old[32];
        if (newest[0] != '\0' && panos_file_sha256(old, newest, NULL, 0) == PANOS_OK &&
            memcmp(old, res.sha256, 32) == 0) {
            unlink(d->path);
            d->unchanged = 1;
            snprintf(d->path, sizeof(d->path), "%s", newest);
        }
        if (r->keep > 0 && (nv = list_backups(&v, ddir, d->name)) > (size_t)r->keep) {
            for (size_t i = 0; i + (size_t)r->keep < nv; i++) {
                char p[4096];
                snprintf(p, sizeof(p), "%s/%.255s", ddir, v[i]);
                unlink(p);
            }
        }
        if (r->keep > 0)
            free_list(v, nv);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    d->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static void *worker(void *arg)
{
    struct run *r = arg;
    for (;;) {
        pthread_mutex_lock(&r->lock);
        size_t i = r->next;
        while (i < r->n && r->devs[i].connect_rc != 0)
            i++;
        r->next = i + 1;
        pthread_mutex_unlock(&r->lock);
        if (i >= r->n)
            return NULL;
        struct dev *d = &r->devs[i];
        backup_one(r, d);
        pthread_mutex_lock(&r->lock);
        r->done++;
        if (r->progress)
            fprintf(stderr, "panctl: backup [%zu/%zu] %s: %s\n", r->done, r->n, d->name,
                    d->rc ? "failed" : d->unchanged ? "unchanged" : "saved");
        pthread_mutex_unlock(&r->lock);
    }
}

static const char *result_of(const struct dev *d)
{
    return d->rc ? "failed" : d->unchanged ? "unchanged" : "saved";
}

static int print_summary(const struct cli_ctx *ctx, const struct dev *devs, size_t n)
{
    if (ctx->format == CLI_FORMAT_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct dev *d = &devs[i];
            json_t *o = json_pack("{s:s, s:s, s:I, s:I}", "device", d->name, "result",
                                  result_of(d), "bytes", (json_int_t)d->bytes, "ms",
                                  (json_int_t)(d->seconds * 1000));
            if (o != NULL && d->rc == 0)
                json_object_set_new(o, "path", json_string(d->path));
            else if (o != NULL)
                json_object_set_new(o, "error", json_string(d->err));
            json_array_append_new(a, o);
        }
        char *s = json_dumps(a, JSON_INDENT(2));
        json_decref(a);
        if (s == NULL)
            return PANOS_E_NOMEM;
        printf("%s\n", s);
        free(s);
        return 0;
    }
    printf("%-20s %-9s %12s %8s  %s\n", "DEVICE", "RESULT", "BYTES", "SECONDS", "PATH/ERROR");
    for (size_t i = 0; i < n; i++) {
        const struct dev *d = &devs[i];
        printf("%-20s %-9s %12llu %8.2f  %s\n", d->name, result_of(d), d->bytes, d->seconds,
               d->rc ? d->err : d->path);
    }
    return 0;
}

/* A device's connection settings from the command's own context. */
static int dev_connect(struct cli_ctx *base, struct dev *d)
{
    d->ctx = *base;
    memset(&d->ctx.rc, 0, sizeof(d->ctx.rc));
    d->ctx.client = NULL;
    d->ctx.key_arg = NULL;
    d->ctx.host_arg = d->host;
    d->ctx.port = 0;
    d->ctx.tag = d->tag;
    d->ctx.key_file = d->key_file ? d->key_file : base->key_file;
    d->ctx.key_source = CLI_KEY_NONE;
    d->ctx.pin = d->pin ? d->pin : base->pin;
    d->ctx.ca_file = d->ca ? d->ca : base->ca_file;
    d->ctx.use_http = d->http || base->use_http;
    d->ctx.rc_key_path = NULL;
    d->connect_rc = cli_connect(&d->ctx, 1); /* it prints its own errors */
    if (d->connect_rc != 0) {
        d->rc = d->connect_rc;
        snprintf(d->err, sizeof(d->err), "(%d) %s: cannot connect (see the message above)",
                 d->rc, panos_code_name((panos_code)d->rc));
    }
    return d->connect_rc;
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *inventory = NULL, *dir = ".";
    const char *tags[64];
    size_t ntags = 0;
    long long jobs = 8, keep = 0;
    int c, rc = 0;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_INVENTORY: inventory = optarg; break;
        case OPT_TAG:
            if (ntags == sizeof(tags) / sizeof(tags[0]))
                return cli_usage_error("backup", "more than 64 --tag");
            tags[ntags++] = optarg;
            break;
        case OPT_DIR: dir = optarg; break;
        case OPT_JOBS:
            if ((rc = cli_parse_count("backup", "--jobs", optarg, 1, 64, &jobs)) != 0)
                return rc;
            break;
        case OPT_KEEP:
            if ((rc = cli_parse_count("backup", "--keep", optarg, 0, 100000, &keep)) != 0)
                return rc;
            break;
        case 'h':
            cli_help("backup", "--inventory FILE | --tag TAG ... [--dir DIR] [--jobs N] [--keep N]",
                     "Export the running configuration of every device of an inventory to "
                     "DIR/NAME/NAME-YYYYMMDDTHHMMSSZ.xml (mode 0600, atomic), N devices at once. "
                     "A download equal to the newest file kept (SHA-256) is not kept twice. "
                     "A summary follows (-o json for JSON). Exit 0 when every device was saved "
                     "or unchanged, 1 when any failed: a failed device leaves no file.\n"
                     "  panctl backup --inventory fleet.txt --dir /srv/backups --keep 30",
                     opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "backup", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind < argc)
        return cli_usage_error("backup", "unexpected argument '%s'", argv[optind]);
    if (inventory == NULL && ntags == 0)
        return cli_usage_error("backup", "%s", "no devices: give --inventory FILE or --tag TAG");
    if (ctx->format != CLI_FORMAT_JSON && ctx->format != CLI_FORMAT_TEXT) {
        if (ctx->format_set)
            return cli_usage_error("backup", "%s", "-o: the summary is a table (text) or json");
        ctx->format = CLI_FORMAT_TEXT;
    }
    struct dev *devs = calloc(MAX_DEVICES, sizeof(*devs));
    if (devs == NULL)
        return PANOS_E_NOMEM;
    size_t n = 0;
    if (inventory != NULL)
        rc = read_inventory(devs, &n, inventory);
    for (size_t i = 0; rc == 0 && i < ntags; i++) {
        if (!name_ok(tags[i])) {
            rc = cli_usage_error("backup", "--tag %s: not a device name", tags[i]);
            break;
        }
        if (n == MAX_DEVICES) {
            rc = cli_usage_error("backup", "more than %d devices", MAX_DEVICES);
            break;
        }
        devs[n].name = strdup(tags[i]);
        devs[n++].tag = strdup(tags[i]);
    }
    for (size_t i = 0; rc == 0 && i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(devs[i].name, devs[j].name) == 0) {
                rc = cli_usage_error("backup", "device %s is listed twice", devs[i].name);
                break;
            }
    if (rc == 0 && n == 0)
        rc = cli_usage_error("backup", "%s: no devices", inventory);
    if (rc != 0)
        goto done;
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        char msg[600];
        snprintf(msg, sizeof(msg), "cannot make %s: %s", dir, strerror(errno));
        rc = cli_local_error(PANOS_E_IO, msg);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        char ddir[3072];
        snprintf(ddir, sizeof(ddir), "%.2900s/%.64s", dir, devs[i].name);
        if (mkdir(ddir, 0700) != 0 && errno != EEXIST) {
            devs[i].rc = devs[i].connect_rc = PANOS_E_IO;
            snprintf(devs[i].err, sizeof(devs[i].err), "(18) IO: cannot make %.300s: %s", ddir,
                     strerror(errno));
            continue;
        }
        dev_connect(ctx, &devs[i]);
    }

    struct run r = {0};
    r.devs = devs;
    r.n = n;
    r.dir = dir;
    r.keep = (long)keep;
    r.progress = isatty(STDERR_FILENO);
    pthread_mutex_init(&r.lock, NULL);
    r.when = time(NULL);
    size_t nthreads = (size_t)jobs < n ? (size_t)jobs : n;
    pthread_t th[64];
    size_t started = 0;
    for (; started < nthreads; started++)
        if (pthread_create(&th[started], NULL, worker, &r) != 0)
            break;
    if (started == 0)
        worker(&r);
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_mutex_destroy(&r.lock);
    rc = print_summary(ctx, devs, n);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (devs[i].rc != 0)
            rc = PANOS_E_FAILED;
done:
    for (size_t i = 0; i < MAX_DEVICES && i < n + 1; i++)
        dev_free(&devs[i]);
    free(devs);
    return rc;
}
