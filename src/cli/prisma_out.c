/* SPDX-License-Identifier: MIT */
/* prisma_out.c -- panctl prisma assets|vulns rows as JSON lines or CSV, to stdout or --out. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"
#include "prisma.h"

static const char *const asset_cols[] = {
    "id",         "name",        "cloud",      "account",    "region", "resource_type",
    "interfaces", "private_ips", "public_ips", "public_dns", "os",     "internet_exposed",
    "risk_grade",
};
static const char *const vuln_cols[] = {
    "asset_id", "hostname",        "cve",        "cvss",     "severity",
    "package",  "package_version", "fix_status", "fix_date", "first_seen",
};
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

int prisma_out_open(struct prisma_out *o, const char *path, int csv, int vulns)
{
    memset(o, 0, sizeof(*o));
    o->csv = csv;
    o->f = stdout;
    if (path) {
        size_t n = strlen(path) + 16;
        o->path = strdup(path);
        o->tmp = malloc(n);
        if (!o->path || !o->tmp)
            return cli_local_error(PANOS_E_NOMEM, NULL);
        snprintf(o->tmp, n, "%s.XXXXXX", path);
        int fd = mkstemp(o->tmp);
        if (fd < 0 || (o->f = fdopen(fd, "w")) == NULL) {
            char msg[300];
            snprintf(msg, sizeof(msg), "cannot write next to %s: %s", path, strerror(errno));
            if (fd >= 0)
                close(fd), unlink(o->tmp);
            free(o->tmp), o->tmp = NULL;
            return cli_local_error(PANOS_E_IO, msg);
        }
        fchmod(fd, 0600);
    }
    if (csv) {
        struct cli_rows_opts ro = {0};
        ro.fmt = CLI_ROWS_CSV;
        ro.cols = vulns ? vuln_cols : asset_cols;
        ro.ncols = vulns ? NCOLS(vuln_cols) : NCOLS(asset_cols);
        if (cli_rows_new(&o->w, o->f, &ro) != 0)
            return cli_local_error(PANOS_E_NOMEM, NULL);
    }
    return 0;
}

const char *prisma_ips_text(char *buf, size_t cap, const char *const *ips, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? ";" : "", ips[i]);
    return buf;
}

const char *prisma_nics_text(char *buf, size_t cap, const panos_prisma_asset *a)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < a->nnics && len < cap; i++) {
        const panos_prisma_nic *n = &a->nics[i];
        len += (size_t)snprintf(buf + len, cap - len, "%s%s=%s%s%s", i ? ";" : "",
                                n->id ? n->id : "", n->private_ip ? n->private_ip : "",
                                n->public_ip ? "/" : "", n->public_ip ? n->public_ip : "");
    }
    return buf;
}

const char *prisma_date_text(char *buf, size_t cap, long long t)
{
    struct tm tm;
    time_t tt = (time_t)t;
    buf[0] = '\0';
    if (t > 0 && gmtime_r(&tt, &tm))
        strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

static int csv_row(struct prisma_out *o, const char *const *cols, const char **vals, size_t n)
{
    panos_log_field f[16];
    for (size_t i = 0; i < n; i++)
        f[i] = (panos_log_field){cols[i], vals[i] ? vals[i] : ""};
    panos_log_entry e = {NULL, f, n};
    return cli_rows_add(o->w, &e);
}

static int json_row(struct prisma_out *o, json_t *j)
{
    int rc = j && json_dumpf(j, o->f, JSON_COMPACT | JSON_REAL_PRECISION(6)) == 0 &&
                     fputc('\n', o->f) != EOF
                 ? 0
                 : (j ? PANOS_E_IO : PANOS_E_NOMEM);
    json_decref(j);
    return rc;
}

static json_t *jstr(const char *s)
{
    return s ? cli_json_string(s) : json_null();
}

static json_t *ip_array(const char *const *ips, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < n; i++)
        json_array_append_new(a, cli_json_string(ips[i]));
    return a;
}

static json_t *nics_json(const panos_prisma_asset *a)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < a->nnics; i++)
        json_array_append_new(arr, json_pack("{s:o,s:o,s:o}", "id", jstr(a->nics[i].id),
                                             "private_ip", jstr(a->nics[i].private_ip), "public_ip",
                                             jstr(a->nics[i].public_ip)));
    return arr;
}

void prisma_asset_fields(const char *v[PRISMA_ASSET_FIELDS], struct prisma_texts *t,
                         const panos_prisma_asset *a)
{
    v[0] = a->id;
    v[1] = a->name;
    v[2] = a->cloud;
    v[3] = a->account;
    v[4] = a->region;
    v[5] = a->resource_type;
    v[6] = prisma_nics_text(t->nics, sizeof(t->nics), a);
    v[7] = prisma_ips_text(t->priv, sizeof(t->priv), a->private_ips, a->nprivate);
    v[8] = prisma_ips_text(t->pub, sizeof(t->pub), a->public_ips, a->npublic);
    v[9] = a->public_dns;
    v[10] = a->os;
    v[11] = a->internet_exposed ? "true" : "false";
    v[12] = a->risk_grade;
}

int prisma_out_asset(struct prisma_out *o, const panos_prisma_asset *a)
{
    o->rows++;
    if (!o->csv)
        return json_row(o, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o}", "id",
                                     jstr(a->id), "name", jstr(a->name), "cloud", jstr(a->cloud),
                                     "account", jstr(a->account), "region", jstr(a->region),
                                     "resource_type", jstr(a->resource_type), "interfaces",
                                     nics_json(a), "private_ips",
                                     ip_array(a->private_ips, a->nprivate), "public_ips",
                                     ip_array(a->public_ips, a->npublic), "public_dns",
                                     jstr(a->public_dns), "os", jstr(a->os), "internet_exposed",
                                     a->internet_exposed, "risk_grade", jstr(a->risk_grade)));
    struct prisma_texts t;
    const char *v[PRISMA_ASSET_FIELDS];
    prisma_asset_fields(v, &t, a);
    return csv_row(o, asset_cols, v, NCOLS(asset_cols));
}

int prisma_out_vuln(struct prisma_out *o, const panos_prisma_vuln *v)
{
    char fix[32], cvss[32] = "";
    o->rows++;
    prisma_date_text(fix, sizeof(fix), v->fix_date);
    if (!o->csv)
        return json_row(
            o, json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "asset_id", jstr(v->asset_id),
                         "hostname", jstr(v->hostname), "cve", jstr(v->cve), "cvss",
                         v->cvss >= 0 ? json_real(v->cvss) : json_null(), "severity",
                         jstr(v->severity), "package", jstr(v->package), "package_version",
                         jstr(v->package_version), "fix_status", jstr(v->fix_status), "fix_date",
                         jstr(fix[0] ? fix : NULL), "first_seen", jstr(v->first_seen)));
    if (v->cvss >= 0)
        snprintf(cvss, sizeof(cvss), "%.1f", v->cvss);
    const char *vals[] = {v->asset_id, v->hostname,        v->cve,        cvss, v->severity,
                          v->package,  v->package_version, v->fix_status, fix,  v->first_seen};
    return csv_row(o, vuln_cols, vals, NCOLS(vuln_cols));
}

int prisma_out_close(struct prisma_out *o, int ok)
{
    int rc = 0;
    if (o->w && cli_rows_end(o->w) != 0)
        ok = 0, rc = PANOS_E_IO;
    cli_rows_free(o->w);
    if (fflush(o->f) != 0 || ferror(o->f))
        ok = 0, rc = PANOS_E_IO;
    if (o->tmp) {
        if (ok && fsync(fileno(o->f)) != 0)
            ok = 0, rc = PANOS_E_IO;
        if (fclose(o->f) != 0)
            ok = 0, rc = PANOS_E_IO;
        if (ok && rename(o->tmp, o->path) != 0)
            ok = 0, rc = PANOS_E_IO;
        if (!ok)
            unlink(o->tmp);
    }
    if (rc != 0) {
        char msg[300];
        snprintf(msg, sizeof(msg), "cannot write %s: %s", o->path ? o->path : "stdout",
                 strerror(errno));
        rc = cli_local_error(PANOS_E_IO, msg);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof(*o));
    return rc;
}
