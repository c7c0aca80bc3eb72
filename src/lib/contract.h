/* SPDX-License-Identifier: MIT */
/* contract.h -- internal: PANOS_ASSERT, how libpanos meets a programming error (a NULL handle). */
#ifndef PANOS_CONTRACT_H
#define PANOS_CONTRACT_H

#include <stddef.h>

/*
 * The NULL policy of the public API (docs/man/libpanos.3, NULL ARGUMENTS): a pointer the
 * caller must supply (a handle, an out-parameter, a required string) that is NULL is a bug in
 * the caller, not a condition to report, so PANOS_ASSERT stops the program at the call rather
 * than let it crash somewhere later or return a code nobody checks [G2 GIT_ASSERT, RE
 * serverAssert]. It stays on in release builds: the test is one comparison. Arguments the
 * headers document as optional (free functions, errbuf, the nodes of the walker) take NULL.
 *
 * This is the one place where the library writes to stderr: one line naming the broken
 * condition, the file and the line, then abort().
 */
#define PANOS_ASSERT(cond)                                                                     \
    do {                                                                                       \
        if (!(cond))                                                                           \
            panos__assert_fail(#cond, __FILE__, __LINE__, __func__);                           \
    } while (0)

_Noreturn void panos__assert_fail(const char *cond, const char *file, int line, const char *fn);

/*
 * The error policy of calls without a handle (libpanos(3), ERRORS): their optional
 * (errbuf, errlen) is emptied on entry, so after a failure it holds the reason or "" (when the
 * code says all, as PANOS_E_NOMEM), never what the caller's buffer held before.
 */
static inline void panos__errbuf_clear(char *errbuf, size_t errlen)
{
    if (errbuf != NULL && errlen > 0)
        errbuf[0] = '\0';
}

#endif
