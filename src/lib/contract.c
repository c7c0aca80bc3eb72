/* SPDX-License-Identifier: MIT */
/* contract.c -- the end of a broken API contract: one line on stderr, then abort(). */
#include <stdio.h>
#include <stdlib.h>
#include "contract.h"

_Noreturn void panos__assert_fail(const char *cond, const char *file, int line, const char *fn)
{
    /* The only output of the library (contract.h): the program is about to stop anyway. */
    fprintf(stderr, "libpanos: %s: API misuse: %s is false (%s:%d)\n", fn, cond, file, line);
    fflush(stderr);
    abort();
}
