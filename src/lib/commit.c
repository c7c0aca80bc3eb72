/* SPDX-License-Identifier: MIT */
/* commit.c -- build and send commits (type=commit) and validations, and read their answers. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <panos/commit.h>
#include <panos/cmdxml.h>
#include <panos/node.h>
#include "client_priv.h"
#include "contract.h"
#include "sbuf.h"

void panos_commit_options_init(panos_commit_options *o)
{
    PANOS_ASSERT(o != NULL);
    const panos_commit_options init = PANOS_COMMIT_OPTIONS_INIT;
    *o = init;
}

static void put_escaped(panos__sb *sb, const char *s)
{
    panos_buf b = PANOS_BUF_INIT;
    if (panos_xml_escape(&b, s) != PANOS_OK) {
        sb->failed = 1;
        return;
    }
    panos__sb_puts(sb, b.ptr != NULL ? b.ptr : "");
    panos_buf_dispose(&b);
}

/* <EL><member>..</member>...</EL>; 0, or -1 for a NULL or empty name. */
static int put_members(panos__sb *sb, const char *el, const char *const *v, size_t n)
{
    if (n == 0)
        return 0;
    panos__sb_printf(sb, "<%s>", el);
    for (size_t i = 0; i < n; i++) {
        if (v == NULL || v[i] == NULL || v[i][0] == '\0')
            return -1;
        panos__sb_puts(sb, "<member>");
        put_escaped(sb, v[i]);
        panos__sb_puts(sb, "</member>");
    }
    panos__sb_printf(sb, "</%s>", el);
    return 0;
}

static int is_partial(const panos_commit_options *o)
{
    return o->exclude_device_and_network || o->exclude_policy_and_objects ||
           o->exclude_shared_object || o->nvsys > 0 || o->no_vsys || o->nadmins > 0;
}

/* The <partial> element (pan-python 0.26.0 panxapi.py --partial; PAN-OS XML API guide,
 * "Commit" (PAN-OS 10.1): admin-scoped commits from PAN-OS 8.0). */
static int put_partial(panos__sb *sb, const panos_commit_options *o)
{
    panos__sb_puts(sb, "<partial>");
    if (o->exclude_device_and_network)
        panos__sb_puts(sb, "<device-and-network>excluded</device-and-network>");
    if (o->exclude_policy_and_objects)
        panos__sb_puts(sb, "<policy-and-objects>excluded</policy-and-objects>");
    if (o->exclude_shared_object)
        panos__sb_puts(sb, "<shared-object>excluded</shared-object>");
    if (put_members(sb, "vsys", o->vsys, o->nvsys) != 0)
        return -1;
    if (o->no_vsys)
        panos__sb_puts(sb, "<no-vsys></no-vsys>");
    if (put_members(sb, "admin", o->admins, o->nadmins) != 0)
        return -1;
    panos__sb_puts(sb, "</partial>");
    return 0;
}

panos_code panos_commit_cmd(panos_buf *out, int *partial_out, const panos_commit_options *o)
{
    PANOS_ASSERT(out != NULL && o != NULL);
    out->ptr = NULL;
    out->size = 0;
    if (partial_out != NULL)
        *partial_out = 0;
    if (o->version < 1 || o->version > PANOS_COMMIT_OPTIONS_VERSION || (o->nvsys > 0 && o->no_vsys))
        return PANOS_E_INVALID_ARG;
    panos__sb sb = PANOS__SB_INIT;
    panos__sb_puts(&sb, "<commit>");
    if (o->force)
        panos__sb_puts(&sb, "<force></force>");
    if (o->description != NULL) {
        panos__sb_puts(&sb, "<description>");
        put_escaped(&sb, o->description);
        panos__sb_puts(&sb, "</description>");
    }
    if (is_partial(o) && put_partial(&sb, o) != 0) {
        panos__sb_dispose(&sb, 0);
        return PANOS_E_INVALID_ARG;
    }
    panos__sb_puts(&sb, "</commit>");
    panos_code rc = panos__sb_finish(&sb, out);
    if (rc == PANOS_OK && partial_out != NULL)
        *partial_out = is_partial(o);
    return rc;
}

/* A job id: digits only, at least one, within a signed 32-bit int (PAN-OS keeps it so). */
static int parse_id(const char *s, long long *out)
{
    if (s == NULL || *s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 1 || v > 2147483647LL)
        return -1;
    *out = v;
    return 0;
}

/* The job of an enqueue answer, or 0 for "no changes"; PANOS_E_PARSE when it is neither. */
static panos_code enqueued(long long *job_out, panos_client *c, const panos_response *r)
{
    const panos_node *job = panos_node_child(panos_response_result(r), "job");
    panos_buf text = PANOS_BUF_INIT;
    panos_code rc = PANOS_OK;
    if (job != NULL) {
        rc = panos_node_text(&text, job);
        if (rc == PANOS_OK && parse_id(text.ptr, job_out) != 0)
            rc = PANOS_E_PARSE;
    } else {
        /* "There are no changes to commit." (code 19, no job; a consul-terraform-sync test) and,
         * for a custom admin role, code 13 "The result of this commit would be the same as the
         * previous..." (the same test); pan-python 0.26.0 --sync returns at once on both. */
        const char *msg = panos_response_message(r);
        if (msg == NULL || (strstr(msg, "no changes") == NULL && strstr(msg, "same") == NULL))
            rc = PANOS_E_PARSE;
    }
    panos_buf_dispose(&text);
    if (rc == PANOS_E_PARSE)
        panos__client_set_error(c, PANOS_E_PARSE, 0, -1, NULL, "the commit answer has no job id");
    return rc;
}

static panos_code send(long long *job_out, panos_client *c, const panos_param *params, size_t n)
{
    panos_response *r = NULL;
    *job_out = 0;
    panos_code rc = panos_request(&r, c, params, n);
    if (rc == PANOS_OK)
        rc = enqueued(job_out, c, r);
    panos_response_free(r);
    return rc;
}

panos_code panos_commit_start(long long *job_out, panos_client *c, const panos_commit_options *o)
{
    PANOS_ASSERT(job_out != NULL && c != NULL && o != NULL);
    panos_buf cmd = PANOS_BUF_INIT;
    int partial = 0;
    *job_out = 0;
    panos_code rc = panos_commit_cmd(&cmd, &partial, o);
    if (rc != PANOS_OK) {
        panos__client_set_error(c, rc, 0, -1, NULL, "%s",
                                rc == PANOS_E_INVALID_ARG
                                    ? "a vsys or admin name is empty, vsys with no-vsys, or "
                                      "an unknown options version"
                                    : "out of memory");
        return rc;
    }
    const panos_param params[] = {{"type", "commit"}, {"action", "partial"}, {"cmd", cmd.ptr}};
    const panos_param full[] = {{"type", "commit"}, {"cmd", cmd.ptr}};
    rc = partial ? send(job_out, c, params, 3) : send(job_out, c, full, 2);
    panos_buf_dispose(&cmd);
    return rc;
}

panos_code panos_validate_start(long long *job_out, panos_client *c)
{
    PANOS_ASSERT(job_out != NULL && c != NULL);
    const panos_param params[] = {{"type", "op"}, {"cmd", "<validate><full></full></validate>"}};
    panos_code rc = send(job_out, c, params, 2);
    if (rc == PANOS_OK && *job_out == 0) {
        panos__client_set_error(c, PANOS_E_PARSE, 0, -1, NULL, "the validate answer has no job id");
        rc = PANOS_E_PARSE;
    }
    return rc;
}
