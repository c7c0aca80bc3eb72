/* SPDX-License-Identifier: MIT */
/* panrc.c -- the .panrc files panctl reads (./.panrc, ~/.panrc or $PANRC): loading, binding to
 * the firewall in use, lookups. */
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

void cli_panrc_path(char *out, size_t len)
{
    const char *env = getenv("PANRC");
    const char *home = getenv("HOME");
    if (env && env[0])
        snprintf(out, len, "%s", env);
    else
        snprintf(out, len, "%s/.panrc", home ? home : ".");
}

void cli_rc_names(const struct cli_ctx *ctx, char *out, size_t len)
{
    snprintf(out, len, "%s%s%s", ctx->rc.n > 0 ? ctx->rc.f[0].path : ".panrc",
             ctx->rc.n > 1 ? " or " : "", ctx->rc.n > 1 ? ctx->rc.f[1].path : "");
}

/*
 * Load the .panrc files once, as pan-python's lib/pan/rc.py (0.26.0) looks them up: ./.panrc,
 * then ~/.panrc, merged per variable with the first file winning; $PANRC names one file to
 * use instead of both. A file that is missing is skipped; any other failure (permissions) is
 * kept and reported when @p report is set, that is when the .panrc is what the command relies
 * on (-t, no --host, no other key), so that `-H HOST -K FILE` still works beside a broken one.
 * With -t, a tag that none of the files has is an error that names them. Returns 0, or the
 * exit status (error printed).
 */
int cli_rc_load(struct cli_ctx *ctx, int report)
{
    if (!ctx->rc.loaded) {
        ctx->rc.loaded = 1;
        ctx->rc.code = PANOS_OK;
        char home[4096];
        cli_panrc_path(home, sizeof(home));
        const char *paths[2] = {"./.panrc", home};
        size_t first = getenv("PANRC") && getenv("PANRC")[0] ? 1 : 0;
        struct stat st0, st1;
        /* ./.panrc is ~/.panrc when run from $HOME: read it once. */
        if (first == 0 && stat(paths[0], &st0) == 0 && stat(paths[1], &st1) == 0 &&
            st0.st_dev == st1.st_dev && st0.st_ino == st1.st_ino)
            first = 1;
        for (size_t i = first; i < 2; i++) {
            struct cli_rcfile *f = &ctx->rc.f[ctx->rc.n];
            char err[512] = "";
            panos_code code = panos_rc_load(&f->rc, paths[i], ctx->tag, err, sizeof(err));
            if (code == PANOS_OK) {
                f->path = strdup(paths[i]);
                if (f->path == NULL) {
                    panos_rc_free(f->rc);
                    f->rc = NULL;
                    code = PANOS_E_NOMEM;
                } else {
                    ctx->rc.n++;
                }
            }
            if (code != PANOS_OK && code != PANOS_E_NOT_FOUND && ctx->rc.code == PANOS_OK) {
                ctx->rc.code = code;
                snprintf(ctx->rc.err, sizeof(ctx->rc.err), "%s",
                         err[0] ? err : panos_strerror(code));
            }
        }
        if (ctx->rc.code == PANOS_OK && ctx->tag) {
            size_t n = 0;
            for (size_t i = 0; i < ctx->rc.n; i++)
                n += panos_rc_count(ctx->rc.f[i].rc);
            if (ctx->rc.n == 0) {
                ctx->rc.code = PANOS_E_IO;
                snprintf(ctx->rc.err, sizeof(ctx->rc.err), "-t %s: no file %s%s%s", ctx->tag,
                         first ? "" : paths[0], first ? "" : " or ", home);
            } else if (n == 0) {
                ctx->rc.code = PANOS_E_INVALID_ARG;
                char names[4200]; /* ./.panrc and a path of up to 4 KiB */
                cli_rc_names(ctx, names, sizeof(names));
                snprintf(ctx->rc.err, sizeof(ctx->rc.err), "-t %s: no such tag in %s (no "
                         "line NAME%%%s=VALUE)", ctx->tag, names, ctx->tag);
            }
        }
    }
    if (!report || ctx->rc.code == PANOS_OK)
        return 0;
    if (ctx->rc.code == PANOS_E_INVALID_ARG) {
        cli_error("%s", ctx->rc.err); /* a usage error: the tag is mistyped */
        return PANOS_E_INVALID_ARG;
    }
    return cli_local_error(ctx->rc.code, ctx->rc.err);
}

void cli_rc_free(struct cli_ctx *ctx)
{
    for (size_t i = 0; i < ctx->rc.n; i++) {
        panos_rc_free(ctx->rc.f[i].rc);
        free(ctx->rc.f[i].path);
    }
    ctx->rc.n = 0;
}

/*
 * A .panrc file's settings (key, password, user, port, trust, serial) belong to its own
 * hostname: they are used only for that host, whether it came from the file or --host names
 * it, or, with -t, when the tag has no hostname (a key for any host given with -H). So a key
 * is never sent to another firewall, even when ./.panrc names the host and ~/.panrc holds the
 * key (a PAN-OS key opens the admin's password when the device uses the default master key).
 */
void cli_rc_bind(struct cli_ctx *ctx, const char *host_arg)
{
    for (size_t i = 0; i < ctx->rc.n; i++) {
        const char *h = panos_rc_get(ctx->rc.f[i].rc, "hostname");
        ctx->rc.f[i].bound = h ? cli_same_host(h, host_arg) : ctx->tag != NULL;
    }
}

/* @p var from the first file that has it, bound to the firewall in use or (@p bound_only 0)
 * any; *@p file_out: which. NULL when none has it. */
static const char *rc_find(const struct cli_ctx *ctx, const char *var, int bound_only,
                           size_t *file_out)
{
    for (size_t i = 0; i < ctx->rc.n; i++) {
        const char *v = ctx->rc.f[i].bound || !bound_only ? panos_rc_get(ctx->rc.f[i].rc, var)
                                                          : NULL;
        if (v != NULL) {
            *file_out = i;
            return v;
        }
    }
    return NULL;
}

const char *cli_rc_get_from(const struct cli_ctx *ctx, const char *var, const char **path_out)
{
    size_t i = 0;
    const char *v = rc_find(ctx, var, 1, &i);
    if (path_out)
        *path_out = v ? ctx->rc.f[i].path : NULL;
    return v;
}

const char *cli_rc_get(const struct cli_ctx *ctx, const char *var)
{
    return cli_rc_get_from(ctx, var, NULL);
}

panos_code cli_rc_password(const struct cli_ctx *ctx, const char *user, panos_buf *out)
{
    /* The entry's api_password belongs to its api_username, not to another user, as
     * pan-python's keygen takes them (doc/panrc.rst, 0.26.0). */
    const char *p = cli_rc_get(ctx, "api_password");
    const char *rc_user = cli_rc_get(ctx, "api_username");
    if (p == NULL || rc_user == NULL || strcmp(rc_user, user) != 0)
        return PANOS_E_NOT_FOUND;
    out->ptr = strdup(p);
    out->size = out->ptr ? strlen(p) : 0;
    return out->ptr ? PANOS_OK : PANOS_E_NOMEM;
}

const char *cli_rc_first(const struct cli_ctx *ctx, const char *var, const char **path_out)
{
    size_t i = 0;
    const char *v = rc_find(ctx, var, 0, &i);
    if (path_out)
        *path_out = v ? ctx->rc.f[i].path : ctx->rc.n ? ctx->rc.f[0].path : ".panrc";
    return v;
}
