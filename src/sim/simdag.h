/* SPDX-License-Identifier: MIT */
/* simdag.h -- pansim's dynamic address groups: the tag filter language (quoted tags, and, or,
 * parentheses), its check at commit, and the op answers that list the groups' members. */
#ifndef PANSIM_SIMDAG_H
#define PANSIM_SIMDAG_H

#include <stddef.h>
#include "simop.h"

/* The longest filter and tag pansim accepts (PAN-OS: a tag name is at most 127 characters). */
#define SIM_DAG_FILTER_MAX 2048
#define SIM_DAG_TAG_MAX 127

/* Whether the item being tested carries @p tag (NUL-terminated). */
typedef int sim_dag_has_tag(void *payload, const char *tag);

/*
 * Evaluate @p filter against one item's tags: 1 when it matches, 0 when it does not, -1 when the
 * filter is not well formed (then @p err, if not NULL, holds one line saying why). "and" binds
 * tighter than "or"; the keywords are case-insensitive. @p has may be NULL to only check it.
 */
int sim_dag_eval(const char *filter, sim_dag_has_tag *has, void *payload, char *err, size_t errlen);

/* show object dynamic-address-group all | name NAME (the rows are in simop_users.c). */
enum sim_opstatus sim_op_dag_all(struct sim_op *op);
enum sim_opstatus sim_op_dag_name(struct sim_op *op);

#endif
