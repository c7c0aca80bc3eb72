/* SPDX-License-Identifier: MIT */
/* rc.h -- ~/.panrc (pan-python format) and private credential files. */
#ifndef PANOS_RC_H
#define PANOS_RC_H

#include <stddef.h>
#include "common.h"
#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct panos_rc panos_rc;

/**
 * Load a .panrc file: lines "varname[%tag]=value", '#' comments, blank lines. With @p tag only
 * "var%tag=" lines are read, without it only untagged ones (as pan-python does). Values are
 * trimmed. A file that group or others can read or write is refused (it may hold keys, and
 * whoever writes it chooses the host they go to) with a message that gives the chmod command.
 * @param[out] out the parsed file, freed with panos_rc_free().
 * @return PANOS_OK, PANOS_E_NOT_FOUND (no such file), PANOS_E_IO (unreadable or insecure
 *         permissions), PANOS_E_INVALID_ARG (tag not [A-Za-z0-9_-]+), PANOS_E_NOMEM;
 *         on failure @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_rc_load(panos_rc **out, const char *path, const char *tag,
                                      char *errbuf, size_t errlen);

/**
 * Set "var%tag=value" (or "var=value" when @p tag is NULL) in the .panrc at @p path: the first
 * such line is replaced where it stands (later duplicates are dropped), or the line is
 * appended; every other line is kept byte for byte. The file is written atomically, mode 0600,
 * and created if missing. Used to store a renewed key where it came from. The same as
 * panos_rc_update() with one variable.
 * @return PANOS_OK, PANOS_E_INVALID_ARG (bad tag or var, newline in value), PANOS_E_IO,
 *         PANOS_E_NOMEM; @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_rc_set(const char *path, const char *var, const char *tag,
                                     const char *value, char *errbuf, size_t errlen);

/** One variable for panos_rc_update(): "name" (e.g. "api_key") and its value. */
typedef struct panos_rc_var {
    const char *name;
    const char *value;
} panos_rc_var;

/**
 * Update the .panrc at @p path in one atomic write (temp file, fsync, rename; mode 0600; created
 * if missing), so that a tag's lines never mix old and new values: for each of the @p nset
 * variables of @p set, "name%tag=value" (or "name=value" when @p tag is NULL) replaces the
 * first such line where it stands (later duplicates are dropped) or is appended; every
 * "name%tag=" line of each of the @p nunset names of @p unset is removed (e.g. a port that no
 * longer applies). Every other line is kept byte for byte. Nothing is written unless every
 * name, the tag and every value are valid. Thread-safe: the read-modify-write holds an
 * exclusive flock(2) on "<path>.lock" (made beside the file, mode 0600, and left there), so
 * updaters in other threads or processes (e.g. keys renewed at once for several tags) wait for
 * each other and none loses another's change.
 * @return PANOS_OK, PANOS_E_INVALID_ARG (bad tag or name, a name both set and unset, a newline
 *         in a value), PANOS_E_IO (also when the lock file cannot be made), PANOS_E_NOMEM;
 *         @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_rc_update(const char *path, const char *tag,
                                        const panos_rc_var *set, size_t nset,
                                        const char *const *unset, size_t nunset, char *errbuf,
                                        size_t errlen);

/** Value of @p var (e.g. "hostname", "api_key", "port", "serial"), or NULL. Borrowed. */
PANOS_EXTERN const char *panos_rc_get(const panos_rc *rc, const char *var);

/** How many "var[%tag]=value" lines panos_rc_load() kept: 0 means the tag (or, without one,
 *  any untagged variable) is not in the file. Accepts NULL (0). */
PANOS_EXTERN size_t panos_rc_count(const panos_rc *rc);

/** Free a loaded file, wiping the values. Accepts NULL. */
PANOS_EXTERN void panos_rc_free(panos_rc *rc);

/**
 * Read a secret (key or password) from the first line of @p path ("-" reads stdin), without
 * the trailing newline. A file that group or others can read or write is refused, as ssh does.
 * @param[out] out the secret; dispose with panos_buf_dispose_secret().
 * @return PANOS_OK, PANOS_E_NOT_FOUND, PANOS_E_IO (unreadable, insecure permissions, empty),
 *         PANOS_E_NOMEM; @p errbuf gets one line.
 */
PANOS_EXTERN panos_code panos_secret_read_file(panos_buf *out, const char *path, char *errbuf,
                                               size_t errlen);

/**
 * Write @p data to @p path atomically (temp file in the same directory, fsync, rename) with
 * mode @p mode (e.g. 0600).
 * @return PANOS_OK or PANOS_E_IO with @p errbuf set.
 */
PANOS_EXTERN panos_code panos_file_write_atomic(const char *path, const void *data, size_t len,
                                                unsigned int mode, char *errbuf, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
