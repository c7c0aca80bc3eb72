/* SPDX-License-Identifier: MIT */
/* cmd_pcap_logs.c -- panctl pcap: capture listings, and the threat logs that name captures
 * (list threat, get threat --all). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "pcap.h"

int cli_pcap_json(const struct cli_ctx *ctx, int *json)
{
    *json = ctx->format_set && ctx->format == CLI_FORMAT_JSON;
    if (ctx->format_set && ctx->format != CLI_FORMAT_JSON && ctx->format != CLI_FORMAT_TEXT)
        return cli_usage_error("pcap", "%s", "pcap list prints text or json (-o text|json)");
    return 0;
}

/* One JSON array on stdout (consumed). */
static void json_print(json_t *arr)
{
    json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    putchar('\n');
    json_decref(arr);
}

int cli_pcap_list(struct cli_ctx *ctx, const char *category, const panos_param *p, size_t n)
{
    int json, rc;
    if ((rc = cli_pcap_json(ctx, &json)) != 0)
        return rc;
    panos_param all[4] = {{"type", "export"}, {"category", category}};
    size_t k = 2;
    for (size_t i = 0; i < n && k < 4; i++)
        all[k++] = p[i];
    panos_response *r = NULL;
    panos_code code = panos_request(&r, ctx->client, all, k);
    if (code != PANOS_OK) {
        panos_response_free(r);
        return cli_fail_client(ctx, code);
    }
    /* <dir-listing><file>/capture-rx</file>... or <dir>yyyymmdd</dir> (pan-os-ansible
     * panos_pcap; pan-python --ls); an empty or missing listing means none. */
    const panos_node *l = panos_node_child(panos_response_result(r), "dir-listing");
    json_t *arr = json ? json_array() : NULL;
    for (const panos_node *e = panos_node_first(l); e != NULL; e = panos_node_next(e)) {
        int dir = strcmp(panos_node_name(e), "dir") == 0;
        panos_buf t = PANOS_BUF_INIT;
        if ((dir || strcmp(panos_node_name(e), "file") == 0) &&
            panos_node_text(&t, e) == PANOS_OK && t.ptr != NULL && t.ptr[0] != '\0') {
            const char *name = t.ptr[0] == '/' ? t.ptr + 1 : t.ptr;
            if (arr != NULL)
                json_array_append_new(
                    arr, json_pack("{s:s, s:s}", "name", name, "type", dir ? "dir" : "file"));
            else
                printf("%s%s\n", name, dir ? "/" : "");
        }
        panos_buf_dispose(&t);
    }
    panos_response_free(r);
    if (arr != NULL)
        json_print(arr);
    return 0;
}

/* One threat log that names a capture: what a download needs and what a listing shows. */
struct cap {
    char id[24], time[24], device[64], session[24], src[48], dst[48], dport[8], threat[128];
};

struct caps {
    struct cap *v;
    size_t n, cap;
    int nomem;
};

static void copy(char *dst, size_t len, const panos_log_entry *e, const char *name)
{
    const char *v = panos_log_entry_get(e, name);
    snprintf(dst, len, "%s", v != NULL ? v : "");
}

static int on_entry(void *payload, const panos_log_entry *e)
{
    struct caps *c = payload;
    const char *id = panos_log_entry_get(e, "pcap_id");
    if (id == NULL || strcmp(id, "0") == 0 || strlen(id) >= sizeof(c->v->id))
        return 0;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        struct cap *v = realloc(c->v, cap * sizeof(*v));
        if (v == NULL) {
            c->nomem = 1;
            return 1;
        }
        c->v = v, c->cap = cap;
    }
    struct cap *x = &c->v[c->n++];
    copy(x->id, sizeof(x->id), e, "pcap_id");
    copy(x->time, sizeof(x->time), e, "receive_time");
    copy(x->device, sizeof(x->device), e, "device_name");
    copy(x->session, sizeof(x->session), e, "sessionid");
    copy(x->src, sizeof(x->src), e, "src");
    copy(x->dst, sizeof(x->dst), e, "dst");
    copy(x->dport, sizeof(x->dport), e, "dport");
    copy(x->threat, sizeof(x->threat), e, "threatid");
    return 0;
}

/* The download of @p x's capture to PCAPID.pcap: its own time (receive_time, the
 * firewall's), device and session, as pan-os-ansible and the SOAR connector send them. */
static void job_of(struct cli_pcap_job *j, const struct cap *x)
{
    memset(j, 0, sizeof(*j));
    j->p[j->np++] = (panos_param){"pcap-id", x->id};
    if (x->device[0] != '\0')
        j->p[j->np++] = (panos_param){"device_name", x->device};
    if (x->session[0] != '\0')
        j->p[j->np++] = (panos_param){"sessionid", x->session};
    j->p[j->np++] = (panos_param){"search-time", x->time};
    snprintf(j->path, sizeof(j->path), "%s.pcap", x->id);
}

static int download_all(struct cli_ctx *ctx, const struct caps *c)
{
    struct cli_pcap_job *jobs = calloc(c->n ? c->n : 1, sizeof(*jobs));
    if (jobs == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    for (size_t i = 0; i < c->n; i++)
        job_of(&jobs[i], &c->v[i]);
    int rc = cli_pcap_fetch_all(ctx, "threat-pcap", jobs, c->n);
    free(jobs);
    return rc;
}

static void list_caps(const struct caps *c, int json)
{
    if (!json) {
        printf("PCAP_ID\tRECEIVE_TIME\tSRC\tDST\tDPORT\tTHREAT\n");
        for (size_t i = 0; i < c->n; i++) {
            const struct cap *x = &c->v[i];
            printf("%s\t%s\t%s\t%s\t%s\t%s\n", x->id, x->time, x->src, x->dst, x->dport, x->threat);
        }
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < c->n; i++) {
        const struct cap *x = &c->v[i];
        /* pcap_id as a string: 64-bit ids lose digits as JSON numbers in jq. */
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "pcap_id",
                                             x->id, "receive_time", x->time, "src", x->src, "dst",
                                             x->dst, "dport", x->dport, "threat", x->threat,
                                             "device_name", x->device, "sessionid", x->session));
    }
    json_print(arr);
}

int cli_pcap_threat_logs(struct cli_ctx *ctx, const struct cli_pcap_args *a, int get)
{
    size_t flen = 32 + (a->query != NULL ? strlen(a->query) : 0);
    char *filter = malloc(flen);
    struct caps c = {0};
    int rc = 0, json = 0;
    if (!get && (rc = cli_pcap_json(ctx, &json)) != 0) {
        free(filter);
        return rc;
    }
    if (filter == NULL) {
        cli_error("out of memory");
        return PANOS_E_NOMEM;
    }
    snprintf(filter, flen, a->query ? "(pcap_id neq 0) and (%s)" : "(pcap_id neq 0)", a->query);
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    panos_log_query q = PANOS_LOG_QUERY_INIT;
    q.log_type = "threat";
    q.filter = filter;
    q.count = (unsigned long long)a->count;
    panos_code code = panos_log_query_run(ctx->client, &q, on_entry, &c);
    if (c.nomem) {
        cli_error("out of memory");
        rc = PANOS_E_NOMEM;
        goto done;
    }
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
        goto done;
    }
    if (get)
        rc = download_all(ctx, &c);
    else
        list_caps(&c, json);
done:
    free(filter);
    free(c.v);
    return rc;
}
