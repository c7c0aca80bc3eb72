/* SPDX-License-Identifier: MIT */
/* fuzz_util.h -- what several fuzz entry points do with their input: as a C string, or as a
 * private temporary file. */
#ifndef PANOS_FUZZ_UTIL_H
#define PANOS_FUZZ_UTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The input as a NUL-terminated copy of exactly size + 1 bytes (so overreads are caught), or
 * NULL when out of memory. free() it. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s != NULL) {
        memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

/* The input written to a new 0600 file (mkstemp) named from @p path ("/tmp/x.XXXXXX",
 * rewritten in place). 0, or -1 with nothing left behind. unlink() it when done. */
static inline int fuzz_tempfile(char *path, const uint8_t *data, size_t size)
{
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    int ok = write(fd, data, size) == (ssize_t)size;
    close(fd);
    if (!ok)
        unlink(path);
    return ok ? 0 : -1;
}

#endif
