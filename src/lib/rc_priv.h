/* SPDX-License-Identifier: MIT */
/* rc_priv.h -- rc.c's helpers for the rest of the library: the private-file check. */
#ifndef PANOS_RC_PRIV_H
#define PANOS_RC_PRIV_H

#include <stddef.h>
#include <panos/error.h>

/*
 * PANOS_OK when the open file @p fd (named @p path in the message) is private to its owner;
 * PANOS_E_IO when group or others have any access (read, write or execute), with one line in
 * @p errbuf that names the access and ends with the chmod command that fixes it.
 */
panos_code panos__file_check_private(int fd, const char *path, char *errbuf, size_t errlen);

/* Write all @p len bytes to @p fd (EINTR retried). 0, or -1 with errno. */
int panos__write_all(int fd, const void *data, size_t len);

/* Fills the new file @p fd; returns PANOS_OK or the code to fail with (saying why itself). */
typedef panos_code (*panos__file_writer)(void *payload, int fd);

/*
 * Make @p path atomically with mode @p mode: a temp file ".<name>.XXXXXX" in the same directory,
 * filled by @p fill, synced and renamed over @p path. When @p fill fails the temp file is
 * removed and its code returned with @p errbuf untouched; a local failure is PANOS_E_IO (or
 * NOMEM) with one line in @p errbuf.
 */
panos_code panos__file_write_with(const char *path, unsigned int mode, panos__file_writer fill,
                                  void *payload, char *errbuf, size_t errlen);

/*
 * Take the exclusive lock of the .panrc @p path: flock() on "<path>.lock" (made 0600 when
 * missing, then kept), waiting while another thread or process holds it. @p fd_out gets the
 * descriptor to hand to panos__rc_unlock(). PANOS_OK, or PANOS_E_IO / NOMEM with one line.
 */
panos_code panos__rc_lock(int *fd_out, const char *path, char *errbuf, size_t errlen);

/* Release a lock taken by panos__rc_lock(); -1 is ignored. */
void panos__rc_unlock(int fd);

#endif
