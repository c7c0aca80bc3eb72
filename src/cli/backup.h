/* SPDX-License-Identifier: MIT */
/* backup.h -- panctl backup's parts: the inventory and its filters, file names and retention. */
#ifndef PANCTL_BACKUP_H
#define PANCTL_BACKUP_H

#include <stddef.h>
#include <time.h>
#include "cli.h"

#define BK_MAX_DEVICES 4096
#define BK_MAX_LABELS 16
#define BK_DEFAULT_TEMPLATE "%n-%t"
#define BK_STATE_SUFFIX "-device-state.tgz"

/* One file a device's run made (or kept, when unchanged). */
struct bk_file {
    unsigned long long bytes;
    unsigned char sha256[32];
    int unchanged; /* equal to the newest kept file, which @p path names */
    char path[4096];
};

struct bk_dev {
    char *name, *host, *key_file, *tag, *pin, *ca;
    char *target; /* target=SERIAL: a firewall reached through the Panorama at host */
    char *labels[BK_MAX_LABELS]; /* "key:value" */
    size_t nlabels;
    int http;
    int selected;       /* by --device and --select (all when neither is given) */
    int taken;          /* a worker has it */
    size_t host_first;  /* the first device reached at the same host (--per-host) */
    struct cli_ctx ctx; /* the device's own connection (its client lives in ctx.client) */
    int connect_rc;     /* cli_connect's status; the device is skipped when not 0 */
    char base[256];     /* the expanded --name-template, without suffix */
    char hostpart[256]; /* %h: the host it was reached at, safe for a file name */
    /* the result */
    int rc; /* exit class, 0 when saved or unchanged */
    struct bk_file cfg, state;
    double seconds;
    char err[512];
};

/* What a device's files are named: the template, the device and the suffix of the series. */
struct bk_series {
    const char *tmpl;
    const struct bk_dev *dev;
    const char *suffix; /* ".xml" or BK_STATE_SUFFIX */
};

/* backup_inv.c */
/* 1 for the characters of names and labels: [A-Za-z0-9._-]. */
int bk_word_char(char c);
int bk_name_ok(const char *s);
void bk_dev_free(struct bk_dev *d);
/* Read the inventory @p path into @p devs (@p n grows). 0, or the exit status (error printed). */
int bk_inventory_read(struct bk_dev *devs, size_t *n, const char *path);
/* The same from @p f, named @p path in errors. */
int bk_inventory_parse(struct bk_dev *devs, size_t *n, FILE *f, const char *path);
/* Mark the devices named by @p names (none: all) that carry every label of @p sels ("k:v", or
 * "k" for any value). 0, or a usage error's status: an unknown name, or nothing selected. */
int bk_select(struct bk_dev *devs, size_t n, const char *const *names, size_t nnames,
              const char *const *sels, size_t nsels);
/* 1 when @p s is a label ("key:value") or, with @p key_only, a bare key too. */
int bk_label_ok(const char *s, int key_only);

/* backup_files.c */
/* 0 when @p tmpl is a usable --name-template, else the usage error's status (printed). */
int bk_template_check(const char *tmpl);
/* The expanded template into d->base (d->hostpart set first). 0, or -1 when the result is not
 * a safe file name (too long, "..", a leading dot). */
int bk_base_name(struct bk_dev *d, const char *tmpl, time_t when);
/* The newest file of the series in @p ddir other than @p except, as a path into @p out. */
int bk_newest(char *out, size_t len, const char *ddir, const struct bk_series *s,
              const char *except);
/* Remove the series' files in @p ddir beyond the newest @p keep (0: no limit) or older than
 * @p keep_days days before @p now (0: no limit); the newest file is always kept. */
void bk_retain(const char *ddir, const struct bk_series *s, long keep, long keep_days, time_t now);

#endif
