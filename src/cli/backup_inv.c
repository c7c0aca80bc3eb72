/* SPDX-License-Identifier: MIT */
/* backup_inv.c -- panctl backup's inventory: one device a line, its labels, --device/--select. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backup.h"

int bk_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

/* 1 when the @p len bytes of @p s are 1 to 64 characters of [A-Za-z0-9._-]. */
static int word_ok(const char *s, size_t len)
{
    if (len == 0 || len > 64)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!bk_word_char(s[i]))
            return 0;
    return 1;
}

int bk_name_ok(const char *s)
{
    return s != NULL && *s != '.' && word_ok(s, strlen(s));
}

int bk_label_ok(const char *s, int key_only)
{
    const char *colon = strchr(s, ':');
    if (colon == NULL)
        return key_only && word_ok(s, strlen(s));
    return word_ok(s, (size_t)(colon - s)) && word_ok(colon + 1, strlen(colon + 1));
}

void bk_dev_free(struct bk_dev *d)
{
    free(d->name);
    free(d->host);
    free(d->key_file);
    free(d->tag);
    free(d->pin);
    free(d->ca);
    free(d->target);
    for (size_t i = 0; i < d->nlabels; i++)
        free(d->labels[i]);
    panos_client_free(d->ctx.client);
    cli_rc_free(&d->ctx);
}

static int add_label(struct bk_dev *d, const char *v, const char *file, unsigned long lineno)
{
    if (!bk_label_ok(v, 0))
        return cli_usage_error("backup",
                               "%s:%lu: label=%s: a label is KEY:VALUE, each 1 to 64 "
                               "of [A-Za-z0-9._-]",
                               file, lineno, v);
    for (size_t i = 0; i < d->nlabels; i++)
        if (strcmp(d->labels[i], v) == 0)
            return cli_usage_error("backup", "%s:%lu: label=%s given twice", file, lineno, v);
    if (d->nlabels == BK_MAX_LABELS)
        return cli_usage_error("backup", "%s:%lu: more than %d labels", file, lineno,
                               BK_MAX_LABELS);
    if ((d->labels[d->nlabels] = strdup(v)) == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    d->nlabels++;
    return 0;
}

/* The slot a "field=value" word fills, or NULL when it is not one of them. */
static char **field_slot(struct bk_dev *d, const char *w)
{
    if (strncmp(w, "key-file=", 9) == 0)
        return &d->key_file;
    if (strncmp(w, "tag=", 4) == 0)
        return &d->tag;
    if (strncmp(w, "pin=", 4) == 0)
        return &d->pin;
    if (strncmp(w, "ca=", 3) == 0)
        return &d->ca;
    if (strncmp(w, "target=", 7) == 0)
        return &d->target;
    return NULL;
}

/* The fields after NAME HOST: key-file=, tag=, pin=, ca=, target=, label= (repeatable), http. */
static int parse_fields(struct bk_dev *d, char **save, const char *file, unsigned long lineno)
{
    for (char *w; (w = strtok_r(NULL, " \t", save)) != NULL;) {
        char **slot = field_slot(d, w);
        const char *v = strchr(w, '=') ? strchr(w, '=') + 1 : NULL;
        int rc = 0;
        if (strcmp(w, "http") == 0)
            d->http = 1;
        else if (strncmp(w, "label=", 6) == 0)
            rc = add_label(d, v, file, lineno);
        else if (slot == NULL)
            rc = cli_usage_error("backup",
                                 "%s:%lu: unknown field '%s' (key-file=, tag=, pin=, "
                                 "ca=, target=, label=, http)",
                                 file, lineno, w);
        else if (*v == '\0' || *slot != NULL)
            rc = cli_usage_error("backup", "%s:%lu: empty or repeated '%s'", file, lineno, w);
        else if ((*slot = strdup(v)) == NULL)
            rc = cli_local_error(PANOS_E_NOMEM, NULL);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* One inventory line into @p d. Returns 0, or an exit status (a usage error was printed). */
static int parse_line(struct bk_dev *d, char *line, const char *file, unsigned long lineno)
{
    char *save = NULL;
    char *name = strtok_r(line, " \t", &save);
    char *host = strtok_r(NULL, " \t", &save);
    if (!bk_name_ok(name))
        return cli_usage_error("backup",
                               "%s:%lu: '%s' is not a device name ([A-Za-z0-9._-], "
                               "not starting with a dot)",
                               file, lineno, name);
    if (host == NULL)
        return cli_usage_error("backup", "%s:%lu: device %s has no host", file, lineno, name);
    d->name = strdup(name);
    d->host = strdup(host);
    if (d->name == NULL || d->host == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    return parse_fields(d, &save, file, lineno);
}

int bk_inventory_read(struct bk_dev *devs, size_t *n, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        char msg[600];
        snprintf(msg, sizeof(msg), "cannot read the inventory %s: %s", path, strerror(errno));
        return cli_local_error(PANOS_E_IO, msg);
    }
    int rc = bk_inventory_parse(devs, n, f, path);
    fclose(f);
    return rc;
}

int bk_inventory_parse(struct bk_dev *devs, size_t *n, FILE *f, const char *path)
{
    char line[4096];
    unsigned long lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof(line), f) != NULL) {
        lineno++;
        if (strchr(line, '\n') == NULL && !feof(f)) {
            rc = cli_usage_error("backup", "%s:%lu: line longer than %zu characters", path, lineno,
                                 sizeof(line) - 1);
            break;
        }
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line + strspn(line, " \t");
        if (*p == '\0' || *p == '#')
            continue;
        if (*n == BK_MAX_DEVICES) {
            rc = cli_usage_error("backup", "%s: more than %d devices", path, BK_MAX_DEVICES);
            break;
        }
        rc = parse_line(&devs[(*n)++], p, path, lineno);
    }
    return rc;
}

/* 1 when @p d carries the label @p sel ("k:v"), or any label of key @p sel ("k"). */
static int has_label(const struct bk_dev *d, const char *sel)
{
    int exact = strchr(sel, ':') != NULL;
    size_t len = strlen(sel);
    for (size_t i = 0; i < d->nlabels; i++) {
        const char *l = d->labels[i];
        if (exact ? strcmp(l, sel) == 0 : strncmp(l, sel, len) == 0 && l[len] == ':')
            return 1;
    }
    return 0;
}

int bk_select(struct bk_dev *devs, size_t n, const char *const *names, size_t nnames,
              const char *const *sels, size_t nsels)
{
    for (size_t j = 0; j < nnames; j++) {
        size_t i = 0;
        while (i < n && strcmp(devs[i].name, names[j]) != 0)
            i++;
        if (i == n)
            return cli_usage_error("backup", "--device %s: no such device", names[j]);
    }
    size_t chosen = 0;
    for (size_t i = 0; i < n; i++) {
        int ok = nnames == 0;
        for (size_t j = 0; !ok && j < nnames; j++)
            ok = strcmp(devs[i].name, names[j]) == 0;
        for (size_t j = 0; ok && j < nsels; j++)
            ok = has_label(&devs[i], sels[j]);
        devs[i].selected = ok;
        chosen += (size_t)ok;
    }
    if (chosen == 0)
        return cli_usage_error("backup", "%s", "no device matches --device and --select");
    return 0;
}
