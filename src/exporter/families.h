/* SPDX-License-Identifier: MIT */
/* families.h -- the table of metric families (name, type, HELP). */
#ifndef EXP_FAMILIES_H
#define EXP_FAMILIES_H

#include <stddef.h>

struct exp_family {
    const char *name;
    const char *type;
    const char *help;
};

/* The index of family @p name, -1 when it is not in the table. */
int exp_family_index(const char *name);
const struct exp_family *exp_family_at(int i);
size_t exp_family_count(void);

#endif
