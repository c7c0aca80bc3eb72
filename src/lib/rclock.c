/* SPDX-License-Identifier: MIT */
/* rclock.c -- the lock that serialises read-modify-write updates of one .panrc file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "rc_priv.h"

/*
 * flock() locks belong to an open file description, and every call here opens the lock file
 * anew, so two threads of one process exclude each other exactly as two processes do. The lock
 * file stays: removing it would let a third updater lock a new inode while a second still holds
 * the old one.
 */
panos_code panos__rc_lock(int *fd_out, const char *path, char *errbuf, size_t errlen)
{
    *fd_out = -1;
    size_t len = strlen(path) + sizeof(".lock");
    char *lock = malloc(len);
    if (lock == NULL) {
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "%s: out of memory", path);
        return PANOS_E_NOMEM;
    }
    snprintf(lock, len, "%s.lock", path);
    int fd = open(lock, O_RDWR | O_CREAT | O_NOCTTY | O_CLOEXEC, 0600);
    int rc = fd < 0 ? -1 : 0;
    while (rc == 0 && (rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
        rc = 0;
    if (rc != 0) {
        int e = errno;
        if (errbuf != NULL && errlen > 0)
            snprintf(errbuf, errlen, "cannot lock %s: %s", lock, strerror(e));
        if (fd >= 0)
            close(fd);
        free(lock);
        return PANOS_E_IO;
    }
    free(lock);
    *fd_out = fd;
    return PANOS_OK;
}

void panos__rc_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* closing the last descriptor of the description releases the flock */
}
