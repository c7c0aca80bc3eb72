/* SPDX-License-Identifier: MIT */
/* output_dag.c -- the table of show object dynamic-address-group: a row per member of each
 * dynamic address group (vsys, group, filter, member, type), for text and -o csv. */
#include <string.h>
#include "output.h"
#include "output_priv.h"

/* The text of child @p name of @p n into @p b ("" when absent). */
static panos_code child_text(panos_buf *b, const panos_node *n, const char *name)
{
    const panos_node *c = panos_node_child(n, name);
    *b = (panos_buf)PANOS_BUF_INIT;
    return c != NULL ? panos_node_text(b, c) : PANOS_OK;
}

/*
 * The rows of one <dyn-addr-grp><entry>: <vsys> (absent for a shared group: "shared"),
 * <group-name>, <filter>, and one row per <member-list><entry name= type=>, or one row with
 * an empty member when the group has none.
 */
static int group_rows(struct cli_rows *w, const panos_node *e)
{
    panos_buf vsys, group, filter;
    panos_code code = child_text(&vsys, e, "vsys");
    if (code == PANOS_OK)
        code = child_text(&group, e, "group-name");
    else
        group = (panos_buf)PANOS_BUF_INIT;
    if (code == PANOS_OK)
        code = child_text(&filter, e, "filter");
    else
        filter = (panos_buf)PANOS_BUF_INIT;
    const panos_node *list = panos_node_child(e, "member-list");
    const panos_node *m = panos_node_child(list, "entry");
    int rc = code;
    do {
        const char *name = m ? panos_node_attr(m, "name") : NULL;
        const char *type = m ? panos_node_attr(m, "type") : NULL;
        panos_log_field f[5] = {
            {"vsys", vsys.ptr && vsys.ptr[0] ? vsys.ptr : "shared"},
            {"group-name", group.ptr ? group.ptr : ""},
            {"filter", filter.ptr ? filter.ptr : ""},
            {"member", name ? name : ""},
            {"type", type ? type : ""},
        };
        const cli_row row = {NULL, f, 5};
        if (rc == 0)
            rc = cli_rows_add(w, &row);
        m = m ? panos_node_next_named(m, "entry") : NULL;
    } while (m != NULL && rc == 0);
    panos_buf_dispose(&vsys);
    panos_buf_dispose(&group);
    panos_buf_dispose(&filter);
    return rc;
}

int cli_out_dag(FILE *out, enum cli_rows_format fmt, const panos_node *result)
{
    static const char *const cols[] = {"vsys", "group-name", "filter", "member", "type"};
    static const char *const heads[] = {"VSYS", "GROUP", "FILTER", "MEMBER", "TYPE"};
    const panos_node *list = panos_node_child(result, "dyn-addr-grp");
    if (list == NULL && panos_node_has_children(result))
        return 1;
    const struct cli_rows_opts opts = {
        .fmt = fmt, .cols = cols, .ncols = 5, .headers = fmt == CLI_ROWS_TABLE ? heads : NULL};
    struct cli_rows *w = NULL;
    int rc = cli_rows_new(&w, out, &opts);
    for (const panos_node *e = panos_node_child(list, "entry"); e != NULL && rc == 0;
         e = panos_node_next_named(e, "entry"))
        rc = group_rows(w, e);
    if (rc == 0)
        rc = cli_rows_end(w);
    cli_rows_free(w);
    return rc;
}
