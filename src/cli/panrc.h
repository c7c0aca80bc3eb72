/* SPDX-License-Identifier: MIT */
/* panrc.h -- the .panrc files panctl reads (./.panrc, ~/.panrc or $PANRC) and lookups in them. */
#ifndef PANCTL_PANRC_H
#define PANCTL_PANRC_H

#include <stddef.h>
#include <panos/panos.h>

struct cli_ctx;

/* The .panrc files, loaded on demand, first wins per variable: ./.panrc then ~/.panrc, or
 * $PANRC alone. bound: the file's settings belong to the firewall in use (cli_rc_bind()). */
struct cli_panrc {
    struct cli_rcfile {
        char *path;
        panos_rc *rc;
        int bound;
    } f[2];
    size_t n;
    int loaded;
    panos_code code;    /* the first load failure, reported where the file is needed */
    char err[8192];
};

/* The .panrc that keygen --save-tag writes: $PANRC, else $HOME/.panrc. */
void cli_panrc_path(char *out, size_t len);

/*
 * Load the .panrc files for ctx->tag once. A missing file is skipped; another failure
 * (permissions), or with -t a tag none of the files has, is kept and reported (and its exit
 * status returned) when @p report is set: when the .panrc is what the command relies on.
 * Returns 0, or the exit status (error printed).
 */
int cli_rc_load(struct cli_ctx *ctx, int report);

/* Mark the loaded files whose hostname is @p host_arg (or, with -t, that have none) as bound:
 * their settings belong to the firewall in use. */
void cli_rc_bind(struct cli_ctx *ctx, const char *host_arg);

/*
 * A .panrc setting of the firewall in use (api_username, api_password, ...): from the first
 * bound file that has it; @p path_out (may be NULL) gets that file. NULL before cli_rc_bind()
 * or when none has it. Borrowed.
 */
const char *cli_rc_get_from(const struct cli_ctx *ctx, const char *var, const char **path_out);

/* cli_rc_get_from() without the file. */
const char *cli_rc_get(const struct cli_ctx *ctx, const char *var);

/* The api_password of the .panrc entry in use when its api_username is @p user, copied into
 * @p out (dispose of it with panos_buf_dispose_secret()). Returns PANOS_OK, PANOS_E_NOT_FOUND
 * (none for this user) or PANOS_E_NOMEM. */
panos_code cli_rc_password(const struct cli_ctx *ctx, const char *user, panos_buf *out);

/* @p var from the first loaded .panrc that has it, whatever its hostname (offline use, or the
 * hostname itself: never to send). @p path_out (may be NULL) gets that file, or the first one
 * when none has it. Borrowed. */
const char *cli_rc_first(const struct cli_ctx *ctx, const char *var, const char **path_out);

/* The loaded files' names for a message: "./.panrc or /home/u/.panrc". */
void cli_rc_names(const struct cli_ctx *ctx, char *out, size_t len);

/* Free the loaded .panrc files (wiping their values). */
void cli_rc_free(struct cli_ctx *ctx);

#endif
