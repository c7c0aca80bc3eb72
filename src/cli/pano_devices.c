/* SPDX-License-Identifier: MIT */
/* pano_devices.c -- the firewalls a Panorama manages (show devices all|connected), and the
 * inventory file panctl backup reads, written from them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pano.h"

const char *const cli_pano_cols[PANO__NFIELDS] = {
    "serial", "hostname", "ip-address", "model",       "sw-version",
    "ha",     "ha-peer",  "connected",  "device-cert", "last-commit",
};

/* The trimmed text of @p parent's child at @p path ("a/b"), malloc'd; "" when absent. */
static char *text_at(const panos_node *parent, const char *path)
{
    char name[64];
    const panos_node *n = parent;
    for (const char *p = path; n != NULL && *p != '\0';) {
        size_t len = strcspn(p, "/");
        snprintf(name, sizeof(name), "%.*s", (int)len, p);
        n = panos_node_child(n, name);
        p += len + (p[len] == '/');
    }
    panos_buf b = PANOS_BUF_INIT;
    char *s = strdup(n != NULL && panos_node_text(&b, n) == PANOS_OK && b.ptr ? b.ptr : "");
    panos_buf_dispose(&b);
    return s;
}

/* Show devices's element of each field (pan-os-upgrade's show devices fixture, Panorama 10.1;
 * last-commit-all-state-sp as show devicegroups names it). */
static const char *const paths[PANO__NFIELDS] = {
    "serial",
    "hostname",
    "ip-address",
    "model",
    "sw-version",
    "ha/state",
    "ha/peer/serial",
    "connected",
    "device-cert-present",
    "last-commit-all-state-sp",
};

static int add_entry(struct cli_pano_devs *d, const panos_node *e)
{
    char *(*grown)[PANO__NFIELDS] = realloc(d->v, (d->n + 1) * sizeof(*d->v));
    if (grown == NULL)
        return -1;
    d->v = grown;
    int ok = 1;
    for (int i = 0; i < PANO__NFIELDS; i++)
        ok &= (d->v[d->n][i] = text_at(e, paths[i])) != NULL;
    if (ok && d->v[d->n][PANO_SERIAL][0] == '\0' && panos_node_attr(e, "name")) {
        free(d->v[d->n][PANO_SERIAL]);
        ok = (d->v[d->n][PANO_SERIAL] = strdup(panos_node_attr(e, "name"))) != NULL;
    }
    d->n++;
    return ok ? 0 : -1;
}

int cli_pano_devices(struct cli_ctx *ctx, int connected_only, struct cli_pano_devs *out)
{
    const char *cmd = connected_only ? "<show><devices><connected/></devices></show>"
                                     : "<show><devices><all/></devices></show>";
    panos_response *r = NULL;
    memset(out, 0, sizeof(*out));
    panos_code code = panos_op_run(&r, ctx->client, cmd);
    if (code != PANOS_OK) {
        int rc = cli_fail_client(ctx, code);
        if (code == PANOS_E_API)
            cli_error("show devices failed: is %s a Panorama?", ctx->conn_host);
        panos_response_free(r);
        return rc;
    }
    const panos_node *devs = panos_node_child(panos_response_result(r), "devices");
    int rc = 0;
    for (const panos_node *e = panos_node_child(devs, "entry"); e && rc == 0;
         e = panos_node_next_named(e, "entry"))
        if (add_entry(out, e) != 0)
            rc = cli_local_error(PANOS_E_NOMEM, NULL);
    panos_response_free(r);
    return rc;
}

void cli_pano_devs_free(struct cli_pano_devs *d)
{
    for (size_t i = 0; i < d->n; i++)
        for (int j = 0; j < PANO__NFIELDS; j++)
            free(d->v[i][j]);
    free(d->v);
    d->v = NULL;
    d->n = 0;
}

/* @p s as an inventory word: [A-Za-z0-9._-] kept, anything else '_', at most 64. */
static void word(FILE *f, const char *s)
{
    for (size_t i = 0; s[i] != '\0' && i < 64; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '.' || c == '-' || c == '_';
        fputc(ok ? c : '_', f);
    }
}

static void label(FILE *f, const char *key, const char *v)
{
    if (v[0] == '\0')
        return;
    fprintf(f, " label=%s:", key);
    word(f, v);
}

/* The Panorama as panctl reached it: HOST or HOST:PORT (IPv6 in brackets), or the URL. */
static void panorama_host(FILE *f, const struct cli_ctx *ctx)
{
    const char *h = ctx->conn_host;
    if (ctx->conn_port == 0 || strstr(h, "://") != NULL || strchr(h, ']') != NULL) {
        fputs(h, f);
        return;
    }
    fprintf(f, strchr(h, ':') ? "[%s]:%u" : "%s:%u", h, ctx->conn_port);
}

static void inventory_line(FILE *f, const struct cli_ctx *ctx, char *const *v)
{
    if (strcmp(v[PANO_CONNECTED], "yes") != 0) {
        fputs("# not connected: ", f);
        word(f, v[PANO_SERIAL]);
        fputc(' ', f);
        word(f, v[PANO_HOSTNAME]);
        fputc('\n', f);
        return;
    }
    word(f, v[PANO_SERIAL]);
    fputc(' ', f);
    panorama_host(f, ctx);
    fputs(" target=", f);
    word(f, v[PANO_SERIAL]);
    if (ctx->key_file)
        fprintf(f, " key-file=%s", ctx->key_file);
    else if (ctx->tag)
        fprintf(f, " tag=%s", ctx->tag);
    if (ctx->pin)
        fprintf(f, " pin=%s", ctx->pin);
    if (ctx->ca_file)
        fprintf(f, " ca=%s", ctx->ca_file);
    if (ctx->use_http)
        fputs(" http", f);
    label(f, "hostname", v[PANO_HOSTNAME]);
    label(f, "model", v[PANO_MODEL]);
    label(f, "version", v[PANO_VERSION]);
    label(f, "ip", v[PANO_IP]);
    label(f, "ha", v[PANO_HA]);
    fputc('\n', f);
}

int cli_pano_inventory_text(const struct cli_ctx *ctx, const struct cli_pano_devs *d, char **buf,
                            size_t *len)
{
    FILE *f = open_memstream(buf, len);
    if (f == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    fputs("# panctl backup inventory, written by panctl devices --inventory-out: one managed\n"
          "# firewall a line, NAME (its serial) HOST (the Panorama) target=SERIAL ...\n",
          f);
    for (size_t i = 0; i < d->n; i++)
        inventory_line(f, ctx, d->v[i]);
    if (fclose(f) != 0) {
        free(*buf);
        *buf = NULL;
        return cli_local_error(PANOS_E_NOMEM, NULL);
    }
    return 0;
}

int cli_pano_inventory_write(const struct cli_ctx *ctx, const struct cli_pano_devs *d,
                             const char *path)
{
    char *buf = NULL, err[600] = "";
    size_t len = 0;
    int rc = cli_pano_inventory_text(ctx, d, &buf, &len);
    if (rc != 0)
        return rc;
    panos_code code = panos_file_write_atomic(path, buf, len, 0600, err, sizeof(err));
    free(buf);
    return code == PANOS_OK ? 0 : cli_local_error(code, err);
}
