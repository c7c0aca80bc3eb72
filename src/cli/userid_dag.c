/* SPDX-License-Identifier: MIT */
/* userid_dag.c -- panctl userid list dag [NAME]: the dynamic address groups, their filters and
 * members (show object dynamic-address-group), as a table, CSV, JSON or XML. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "userid.h"

/* PAN-OS object names are at most 63 characters (PAN-OS XML API guide, "Configuration (API)"). */
#define DAG_NAME_MAX 63

/* Whether the answer has a group named @p name: PAN-OS may answer an unknown name with an
 * empty <result/>, and a client should not trust the entries to be only that one. */
static int has_group(const panos_response *r, const char *name)
{
    const panos_node *list = panos_node_child(panos_response_result(r), "dyn-addr-grp");
    for (const panos_node *e = panos_node_child(list, "entry"); e != NULL;
         e = panos_node_next_named(e, "entry")) {
        panos_buf t = PANOS_BUF_INIT;
        int hit = panos_node_text(&t, panos_node_child(e, "group-name")) == PANOS_OK && t.ptr &&
                  strcmp(t.ptr, name) == 0;
        panos_buf_dispose(&t);
        if (hit)
            return 1;
    }
    return 0;
}

/* The op command for all groups, or for @p name (escaped) into @p cmd. */
static int dag_cmd(char *cmd, size_t len, const char *name)
{
    panos_buf esc = PANOS_BUF_INIT;
    if (name == NULL) {
        snprintf(cmd, len, "%s",
                 "<show><object><dynamic-address-group><all/></dynamic-address-group>"
                 "</object></show>");
        return 0;
    }
    if (panos_xml_escape(&esc, name) != PANOS_OK)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    snprintf(cmd, len,
             "<show><object><dynamic-address-group><name>%s</name></dynamic-address-group>"
             "</object></show>",
             esc.ptr);
    panos_buf_dispose(&esc);
    return 0;
}

int uid_list_dag(struct cli_ctx *ctx, const char *name, const char *out_path)
{
    char cmd[640];
    panos_response *r = NULL;
    int rc;
    if (name != NULL && (name[0] == '\0' || strlen(name) > DAG_NAME_MAX))
        return cli_usage_error("userid",
                               "list dag NAME: expected a group name of 1 to %d "
                               "characters",
                               DAG_NAME_MAX);
    if ((rc = dag_cmd(cmd, sizeof(cmd), name)) != 0 || (rc = cli_connect(ctx, 1)) != 0)
        return rc;
    panos_code code = panos_op_run(&r, ctx->client, cmd);
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
    } else if (name != NULL && !has_group(r, name)) {
        cli_error("(%d) %s: no dynamic address group '%s'", (int)PANOS_E_NOT_FOUND,
                  panos_code_name(PANOS_E_NOT_FOUND), name);
        rc = PANOS_E_NOT_FOUND;
    } else {
        rc = cli_print(ctx, r, cmd, out_path);
    }
    panos_response_free(r);
    return rc;
}
