/* SPDX-License-Identifier: MIT */
/* simop_config.c -- op answers about the configuration: show config ..., check pending-changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>
#include "simop.h"

/* The whole tree as one line, the way the config reads answer (simconfig.c). */
static int dump_config(FILE *f, xmlDoc *doc)
{
    xmlBuffer *b = xmlBufferCreate();
    xmlNode *root = xmlDocGetRootElement(doc);
    int rc = b == NULL || root == NULL || xmlNodeDump(b, doc, root, 0, 0) < 0 ? -1 : 0;
    if (rc == 0)
        fwrite(xmlBufferContent(b), 1, (size_t)xmlBufferLength(b), f);
    if (b != NULL)
        xmlBufferFree(b);
    return rc;
}

/*
 * show config running | candidate: <result><config version=... urldb=... detail-version=...>,
 * the same document a config read without xpath returns (PAN-OS XML API guide, "Configuration
 * (API)" (PAN-OS 10.1); pan-python 0.26.0 tests; pango; the op form's reply is in the cdot65/saute
 * sample of a 10.2 device). The candidate equals the running configuration until a change is made.
 */
static enum sim_opstatus show_config(struct sim_op *op, int running)
{
    if (op->st->config == NULL)
        return sim_op_not_simulated(op); /* no tree (a unit test) */
    if (dump_config(op->f, sim_config_doc(op->st->config, running)) != 0)
        return sim_op_fail(op);
    return SIM_OP_OK;
}

static enum sim_opstatus op_config_running(struct sim_op *op)
{
    return show_config(op, 1);
}

static enum sim_opstatus op_config_candidate(struct sim_op *op)
{
    return show_config(op, 0);
}

/*
 * show config pushed-template: what Panorama pushed. pansim is a stand-alone firewall that no
 * Panorama manages, so nothing was pushed and the answer is an empty result (the reply of a
 * managed firewall is not captured in any source at hand).
 */
static enum sim_opstatus op_config_pushed_template(struct sim_op *op)
{
    (void)op;
    return SIM_OP_OK;
}

/* check pending-changes (a Palo Alto Networks SDK fixture, file not recorded): "yes" when the
 * candidate differs from the running config. */
static enum sim_opstatus op_pending_changes(struct sim_op *op)
{
    if (op->st->config == NULL)
        return sim_op_not_simulated(op); /* no tree (a unit test) */
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    FILE *fa = open_memstream(&a, &alen), *fb = open_memstream(&b, &blen);
    int ok = fa != NULL && fb != NULL && dump_config(fa, sim_config_doc(op->st->config, 1)) == 0 &&
             dump_config(fb, sim_config_doc(op->st->config, 0)) == 0;
    if (fa != NULL)
        ok = fclose(fa) == 0 && ok;
    if (fb != NULL)
        ok = fclose(fb) == 0 && ok;
    int same = ok && alen == blen && memcmp(a, b, alen) == 0;
    free(a);
    free(b);
    if (!ok)
        return sim_op_fail(op);
    fputs(same ? "no" : "yes", op->f);
    return SIM_OP_OK;
}

const struct sim_opcmd sim_op_config_cmds[] = {
    {"show config running", SIM_OPARG_NONE, op_config_running},
    {"show config candidate", SIM_OPARG_NONE, op_config_candidate},
    {"show config pushed-template", SIM_OPARG_NONE, op_config_pushed_template},
    {"check pending-changes", SIM_OPARG_NONE, op_pending_changes},
    {NULL, SIM_OPARG_NONE, NULL},
};
