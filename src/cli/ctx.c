/* SPDX-License-Identifier: MIT */
/* ctx.c -- panctl's shared plumbing: messages, option tables, connecting with the right key and trust. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"

/* One line on stderr: "panctl: " @p prefix message. */
static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    fprintf(stderr, "panctl: %s", prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_local_error(panos_code code, const char *msg)
{
    /* NOT_FOUND names a missing object on the firewall; a missing local file (key, password)
     * is a local file error, exit 18 in panctl(1). */
    if (code == PANOS_E_NOT_FOUND)
        code = PANOS_E_IO;
    cli_error("(%d) %s: %s", (int)code, panos_code_name(code),
              msg && msg[0] ? msg : panos_strerror(code));
    return (int)code;
}

void cli_panrc_path(char *out, size_t len)
{
    const char *env = getenv("PANRC");
    const char *home = getenv("HOME");
    if (env && env[0])
        snprintf(out, len, "%s", env);
    else
        snprintf(out, len, "%s/.panrc", home ? home : ".");
}

int cli_fail_client(const struct cli_ctx *ctx, panos_code code)
{
    const panos_error *e = ctx->client ? panos_client_last_error(ctx->client) : NULL;
    char http[32] = "", api[32] = "";
    if (e && e->http_status > 0)
        snprintf(http, sizeof(http), "[http %ld] ", e->http_status);
    if (e && e->api_code >= 0)
        snprintf(api, sizeof(api), "[api %d] ", e->api_code);
    const char *msg = e && e->message && e->message[0] ? e->message : panos_strerror(code);
    cli_error("(%d) %s: %s%s%s", (int)code, panos_code_name(code), http, api, msg);
    /* What to do about a refused key (panos-apikey-crypto.md §3.3-§3.5). */
    if (ctx->key_source != CLI_KEY_NONE && !ctx->auth_basic) {
        if (code == PANOS_E_KEY_EXPIRED)
            cli_error("hint: the key's lifetime ran out; make a new one with 'panctl keygen', or "
                      "give --user (and --password-file) to renew it automatically");
        else if (code == PANOS_E_AUTH)
            cli_error("hint: the key was refused: the admin's password changed, 'Expire all API "
                      "keys' was used, the master key changed, or the key is for another "
                      "device; make a new one with 'panctl keygen', or give --user to renew it");
    }
    return (int)code;
}

int cli_usage_try(const char *cmd)
{
    fprintf(stderr, "Try 'panctl%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return PANOS_E_INVALID_ARG;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    return cli_usage_try(cmd);
}

/* Digits only, at least one: what cli_parse_count() and cli_parse_seconds() accept. */
static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int cli_parse_count(const char *cmd, const char *opt, const char *s, long long min,
                    long long max, long long *out)
{
    /* strtoll alone would take " 5", "+5", "-0" and, past LLONG_MAX, clamp with ERANGE. */
    if (s != NULL && all_digits(s, strlen(s))) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(s, &end, 10);
        if (errno == 0 && *end == '\0' && v >= min && v <= max) {
            *out = v;
            return 0;
        }
    }
    return cli_usage_error(cmd, "%s %s: expected a whole number from %lld to %lld", opt,
                           s ? s : "", min, max);
}

int cli_parse_seconds(const char *cmd, const char *opt, const char *s, long min_ms, long max_ms,
                      long *out_ms)
{
    /* By hand, not strtod: strtod reads "nan", "inf", hex and exponents, and a NaN passes
     * every range comparison. */
    const char *dot = s ? strchr(s, '.') : NULL;
    size_t ilen = s ? (dot ? (size_t)(dot - s) : strlen(s)) : 0;
    size_t flen = dot ? strlen(dot + 1) : 0;
    int ok = s != NULL && (ilen > 0 || flen > 0) && (ilen == 0 || all_digits(s, ilen)) &&
             (dot == NULL || all_digits(dot + 1, flen)) && ilen <= 9;
    if (ok) {
        long ms = 0;
        for (size_t i = 0; i < ilen; i++)
            ms = ms * 10 + (s[i] - '0');
        ms *= 1000;
        long scale = 100;
        int finer = 0;
        for (size_t i = 0; i < flen; i++) {
            if (scale > 0)
                ms += (dot[1 + i] - '0') * scale;
            else if (dot[1 + i] != '0')
                finer = 1;
            scale /= 10;
        }
        /* Below a millisecond is refused even where 0 is allowed: 0 ms means "no timeout". */
        if (!(finer && ms == 0) && ms >= min_ms && ms <= max_ms) {
            *out_ms = ms;
            return 0;
        }
    }
    return cli_usage_error(cmd, "%s %s: expected seconds from %ld.%03ld to %ld",
                           opt, s ? s : "", min_ms / 1000, min_ms % 1000, max_ms / 1000);
}

/* Append @p opts to the tables; with @p skip_own, leave out --help and --version and any option
 * already in them (the command's own wins a clash). */
static void opts_add(const struct cli_opt *opts, int skip_own, struct option *longs, size_t *n,
                     char *shorts, size_t *s, size_t shorts_len)
{
    for (; opts->opt.name; opts++) {
        int val = opts->opt.val;
        int clash = 0;
        if (skip_own && (strcmp(opts->opt.name, "help") == 0 ||
                         strcmp(opts->opt.name, "version") == 0))
            continue;
        for (size_t i = 0; skip_own && i < *n; i++)
            clash |= strcmp(longs[i].name, opts->opt.name) == 0;
        if (!clash && *n + 1 < CLI_MAX_LONGS)
            longs[(*n)++] = opts->opt;
        if (val > 0 && val < 256 && memchr(shorts, val, *s) == NULL && *s + 3 < shorts_len) {
            shorts[(*s)++] = (char)val;
            if (opts->opt.has_arg == required_argument)
                shorts[(*s)++] = ':';
        }
    }
}

void cli_opts_build(const struct cli_opt *opts, struct option *longs, char *shorts,
                    size_t shorts_len)
{
    size_t n = 0, s = 0;
    if (opts != NULL)
        opts_add(opts, 0, longs, &n, shorts, &s, shorts_len);
    opts_add(cli_global_opts, opts != NULL, longs, &n, shorts, &s, shorts_len);
    memset(&longs[n], 0, sizeof(longs[n]));
    shorts[s] = '\0';
}

void cli_help(const char *cmd, const char *usage, const char *desc, const struct cli_opt *opts)
{
    printf("usage: panctl [GLOBAL OPTIONS] %s %s\n%s\n", cmd, usage, desc);
    if (opts && opts[0].opt.name) {
        puts("\nOptions:");
        for (const struct cli_opt *o = opts; o->opt.name; o++) {
            char left[64];
            if (o->opt.val > 0 && o->opt.val < 256)
                snprintf(left, sizeof(left), "-%c, --%s%s%s", o->opt.val, o->opt.name,
                         o->arg ? " " : "", o->arg ? o->arg : "");
            else
                snprintf(left, sizeof(left), "    --%s%s%s", o->opt.name, o->arg ? " " : "",
                         o->arg ? o->arg : "");
            printf("  %-26s %s\n", left, o->help);
        }
    }
    puts("\nGlobal options (--host, --key-file, --pin, -o, ...): panctl --help.");
}

int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml,
              const char *out_path)
{
    char err[512] = "";
    int rc;
    if (out_path != NULL) /* a file is not a terminal: xml unless -o says otherwise */
        rc = cli_output_file(out_path, r, ctx->format_set ? ctx->format : CLI_FORMAT_XML,
                             cmd_xml, err, sizeof(err));
    else
        rc = cli_output_response(stdout, r, ctx->format, cmd_xml, ctx->pretty);
    if (rc == 0)
        return 0;
    if (err[0] == '\0')
        snprintf(err, sizeof(err), "%s",
                 rc == PANOS_E_IO      ? "cannot write the output"
                 : rc == PANOS_E_PARSE ? "the answer is not XML, so it has no JSON form: use "
                                         "-o xml or -o text (and --out FILE for a file)"
                                       : "cannot format the answer");
    return cli_local_error((panos_code)rc, err);
}

static void trace_line(void *payload, const char *line)
{
    (void)payload;
    fprintf(stderr, "panctl: %s\n", line);
}

/*
 * Whether plain HTTP to @p host stays on this machine, decided by address: a numeric IPv4 in
 * 127.0.0.0/8, ::1 (brackets allowed), or the name localhost. Any other name counts as remote
 * (127.evil.example is a name, not an address), so --http to it warns.
 */
static int is_loopback(const char *host)
{
    char buf[64];
    size_t len = strlen(host);
    if (len >= 2 && host[0] == '[' && host[len - 1] == ']' && len - 2 < sizeof(buf)) {
        memcpy(buf, host + 1, len - 2);
        buf[len - 2] = '\0';
        host = buf;
    }
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return strcasecmp(host, "localhost") == 0;
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
static int load_rc(struct cli_ctx *ctx, int report)
{
    if (!ctx->rc_loaded) {
        ctx->rc_loaded = 1;
        ctx->rc_code = PANOS_OK;
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
            struct cli_rcfile *f = &ctx->rcf[ctx->nrcf];
            char err[512] = "";
            panos_code code = panos_rc_load(&f->rc, paths[i], ctx->tag, err, sizeof(err));
            if (code == PANOS_OK) {
                f->path = strdup(paths[i]);
                if (f->path == NULL) {
                    panos_rc_free(f->rc);
                    f->rc = NULL;
                    code = PANOS_E_NOMEM;
                } else {
                    ctx->nrcf++;
                }
            }
            if (code != PANOS_OK && code != PANOS_E_NOT_FOUND && ctx->rc_code == PANOS_OK) {
                ctx->rc_code = code;
                snprintf(ctx->rc_err, sizeof(ctx->rc_err), "%s",
                         err[0] ? err : panos_strerror(code));
            }
        }
        if (ctx->rc_code == PANOS_OK && ctx->tag) {
            size_t n = 0;
            for (size_t i = 0; i < ctx->nrcf; i++)
                n += panos_rc_count(ctx->rcf[i].rc);
            if (ctx->nrcf == 0) {
                ctx->rc_code = PANOS_E_IO;
                snprintf(ctx->rc_err, sizeof(ctx->rc_err), "-t %s: no file %s%s%s", ctx->tag,
                         first ? "" : paths[0], first ? "" : " or ", home);
            } else if (n == 0) {
                ctx->rc_code = PANOS_E_INVALID_ARG;
                snprintf(ctx->rc_err, sizeof(ctx->rc_err), "-t %s: no such tag in %s%s%s (no "
                         "line NAME%%%s=VALUE)", ctx->tag, ctx->rcf[0].path,
                         ctx->nrcf > 1 ? " or " : "", ctx->nrcf > 1 ? ctx->rcf[1].path : "",
                         ctx->tag);
            }
        }
    }
    if (!report || ctx->rc_code == PANOS_OK)
        return 0;
    if (ctx->rc_code == PANOS_E_INVALID_ARG) {
        cli_error("%s", ctx->rc_err); /* a usage error: the tag is mistyped */
        return PANOS_E_INVALID_ARG;
    }
    return cli_local_error(ctx->rc_code, ctx->rc_err);
}

void cli_rc_free(struct cli_ctx *ctx)
{
    for (size_t i = 0; i < ctx->nrcf; i++) {
        panos_rc_free(ctx->rcf[i].rc);
        free(ctx->rcf[i].path);
    }
    ctx->nrcf = 0;
}

/* @p var from the first file that has it (bound or not, @p file_out: which), or NULL. */
static const char *rc_get_any(const struct cli_ctx *ctx, const char *var, size_t *file_out)
{
    for (size_t i = 0; i < ctx->nrcf; i++) {
        const char *v = panos_rc_get(ctx->rcf[i].rc, var);
        if (v != NULL) {
            if (file_out)
                *file_out = i;
            return v;
        }
    }
    return NULL;
}

/* @p var from the first file bound to the firewall in use (@p file_out: which), or NULL. */
static const char *rc_get_bound(const struct cli_ctx *ctx, const char *var, size_t *file_out)
{
    for (size_t i = 0; i < ctx->nrcf; i++) {
        const char *v = ctx->rcf[i].bound ? panos_rc_get(ctx->rcf[i].rc, var) : NULL;
        if (v != NULL) {
            if (file_out)
                *file_out = i;
            return v;
        }
    }
    return NULL;
}

const char *cli_rc_get(const struct cli_ctx *ctx, const char *var)
{
    return rc_get_bound(ctx, var, NULL);
}

int cli_rc_load(struct cli_ctx *ctx)
{
    return load_rc(ctx, 1);
}

const char *cli_rc_first(const struct cli_ctx *ctx, const char *var, const char **path_out)
{
    size_t i = 0;
    const char *v = rc_get_any(ctx, var, &i);
    if (path_out)
        *path_out = v ? ctx->rcf[i].path : ctx->nrcf ? ctx->rcf[0].path : ".panrc";
    return v;
}

int cli_parse_host(const char *arg, char *host, size_t hostlen, unsigned int *port,
                      int *use_http)
{
    const char *p = arg;
    if (strncmp(p, "https://", 8) == 0) {
        p += 8;
        *use_http = 0;
    } else if (strncmp(p, "http://", 7) == 0) {
        p += 7;
        *use_http = 1;
    }
    size_t len = strcspn(p, "/");
    const char *portp = NULL;
    if (p[0] == '[') {
        const char *close = memchr(p, ']', len);
        if (close == NULL)
            return -1;
        if ((size_t)(close - p) + 1 < len) {
            if (close[1] != ':')
                return -1;
            portp = close + 2;
        }
        len = (size_t)(close - p) + 1;
    } else {
        const char *colon = memchr(p, ':', len);
        if (colon && memchr(colon + 1, ':', len - (size_t)(colon + 1 - p)) == NULL) {
            portp = colon + 1;
            len = (size_t)(colon - p);
        }
    }
    if (len == 0 || len >= hostlen)
        return -1;
    memcpy(host, p, len);
    host[len] = '\0';
    if (portp) {
        char *end = NULL;
        long v = strtol(portp, &end, 10);
        if (!all_digits(portp, strcspn(portp, "/")) || (*end && *end != '/') || v < 1 ||
            v > 65535)
            return -1;
        *port = (unsigned int)v;
    }
    return 0;
}

static const char *admin_user(const struct cli_ctx *ctx)
{
    return ctx->user ? ctx->user : cli_rc_get(ctx, "api_username");
}

/* The admin's password: --password-file, api_password in .panrc, or the terminal. */
static panos_code get_password(struct cli_ctx *ctx, panos_buf *out, const char *user)
{
    char err[512] = "";
    if (ctx->password_file) {
        panos_code code = panos_secret_read_file(out, ctx->password_file, err, sizeof(err));
        if (code != PANOS_OK)
            cli_local_error(code, err[0] ? err : "cannot read the password file");
        return code;
    }
    /* The entry's api_password belongs to its api_username, not to another --user. */
    const char *p = cli_rc_get(ctx, "api_password");
    const char *rc_user = cli_rc_get(ctx, "api_username");
    if (p != NULL && rc_user != NULL && strcmp(rc_user, user) == 0) {
        out->ptr = strdup(p);
        out->size = out->ptr ? strlen(p) : 0;
        return out->ptr ? PANOS_OK : PANOS_E_NOMEM;
    }
    if (!ctx->no_prompt && cli_prompt_password(out, user, ctx->host_arg ? ctx->host_arg : "firewall") == 0)
        return PANOS_OK;
    return PANOS_E_AUTH;
}

static panos_code rekey_credentials(void *payload, panos_buf *user, panos_buf *password)
{
    struct cli_ctx *ctx = payload;
    const char *u = admin_user(ctx);
    if (u == NULL)
        return PANOS_E_AUTH;
    user->ptr = strdup(u);
    user->size = user->ptr ? strlen(u) : 0;
    if (user->ptr == NULL)
        return PANOS_E_NOMEM;
    return get_password(ctx, password, u);
}

/* Store a renewed key where the old one came from. */
static void rekey_store(void *payload, const char *key)
{
    struct cli_ctx *ctx = payload;
    char err[512] = "";
    panos_code code = PANOS_OK;
    const char *where = NULL;
    if (ctx->key_source == CLI_KEY_FILE && strcmp(ctx->key_file, "-") != 0) {
        size_t n = strlen(key);
        char *line = malloc(n + 2);
        if (line == NULL)
            return;
        memcpy(line, key, n);
        line[n] = '\n';
        code = panos_file_write_atomic(ctx->key_file, line, n + 1, 0600, err, sizeof(err));
        panos_wipe(line, n + 1);
        free(line);
        where = ctx->key_file;
    } else if (ctx->key_source == CLI_KEY_RC && ctx->rc_key_path) {
        code = panos_rc_set(ctx->rc_key_path, "api_key", ctx->tag, key, err, sizeof(err));
        where = ctx->rc_key_path;
    }
    if (where == NULL)
        cli_warn("the key was renewed for this run only: it came from %s; save a new one with "
                 "'panctl keygen --save FILE'",
                 ctx->key_source == CLI_KEY_ENV   ? "PANCTL_API_KEY"
                 : ctx->key_source == CLI_KEY_ARG ? "--key"
                                                  : "standard input");
    else if (code != PANOS_OK)
        cli_warn("the key was renewed but could not be saved: %s", err);
    else
        fprintf(stderr, "panctl: the key was refused; a new one was made and saved in %s\n",
                where);
}

/* Whether @p a and @p b name the same host (case aside; a port or scheme in either is not
 * compared: the port has its own rules). */
static int same_host(const char *a, const char *b)
{
    char ha[256], hb[256];
    unsigned int pa = 0, pb = 0;
    int ua = 0, ub = 0;
    return cli_parse_host(a, ha, sizeof(ha), &pa, &ua) == 0 &&
           cli_parse_host(b, hb, sizeof(hb), &pb, &ub) == 0 && strcasecmp(ha, hb) == 0;
}

int cli_connect(struct cli_ctx *ctx, int need_key)
{
    int rc;
    if (ctx->client)
        return 0;
    /* Before anything is read or sent: these two options say opposite things about trust. */
    if (ctx->pin && ctx->insecure)
        return cli_usage_error(NULL, "%s", "--pin and --insecure contradict each other: give one");
    if (ctx->tag && (rc = load_rc(ctx, 1)) != 0)
        return rc;
    const char *host_arg = ctx->host_arg ? ctx->host_arg : getenv("PANCTL_HOST");
    int host_given = host_arg != NULL && host_arg[0] != '\0';
    if ((rc = load_rc(ctx, !host_given)) != 0)
        return rc;
    if (!host_given)
        host_arg = rc_get_any(ctx, "hostname", NULL);
    if (host_arg == NULL || host_arg[0] == '\0') {
        if (ctx->tag)
            cli_error("no firewall given: -t %s has no hostname%%%s line in %s%s%s; use --host "
                      "HOST",
                      ctx->tag, ctx->tag, ctx->rcf[0].path, ctx->nrcf > 1 ? " or " : "",
                      ctx->nrcf > 1 ? ctx->rcf[1].path : "");
        else
            cli_error("no firewall given: use --host HOST, PANCTL_HOST, or -t TAG with ~/.panrc");
        return PANOS_E_INVALID_ARG;
    }
    char host[256];
    unsigned int url_port = 0;
    int use_http = ctx->use_http;
    if (cli_parse_host(host_arg, host, sizeof(host), &url_port, &use_http) != 0)
        return cli_usage_error(NULL, "cannot read the host '%s' (HOST, [IPv6]:PORT or URL)",
                               host_arg);
    /*
     * A .panrc file's settings (key, password, user, port, trust, serial) belong to its own
     * hostname: they are used only for that host, whether it came from the file or --host
     * names it, or, with -t, when the tag has no hostname (a key for any host given with -H).
     * So a key is never sent to another firewall, even when ./.panrc names the host and
     * ~/.panrc holds the key (a PAN-OS key opens the admin's password when the device uses
     * the default master key).
     */
    for (size_t i = 0; i < ctx->nrcf; i++) {
        const char *h = panos_rc_get(ctx->rcf[i].rc, "hostname");
        ctx->rcf[i].bound = h ? same_host(h, host_arg) : ctx->tag != NULL;
    }
    unsigned int port = ctx->port ? ctx->port : url_port;
    size_t port_file = 0;
    const char *rc_port = rc_get_bound(ctx, "port", &port_file);
    if (port == 0 && rc_port) {
        char *end = NULL;
        long v = strtol(rc_port, &end, 10);
        if (!all_digits(rc_port, strlen(rc_port)) || *end || v < 1 || v > 65535) {
            cli_error("%s: port%s%s=%s: expected a whole number from 1 to 65535",
                      ctx->rcf[port_file].path, ctx->tag ? "%" : "", ctx->tag ? ctx->tag : "",
                      rc_port);
            return PANOS_E_INVALID_ARG;
        }
        port = (unsigned int)v;
    }
    /* The trust of the .panrc entry (pin, ca_file) unless the command line gives any. */
    const char *pin = ctx->pin, *ca_file = ctx->ca_file;
    size_t pin_file = 0;
    if (!ctx->pin && !ctx->ca_file && !ctx->insecure) {
        pin = rc_get_bound(ctx, "pin", &pin_file);
        ca_file = rc_get_bound(ctx, "ca_file", NULL);
    }

    ctx->conn_host = host_arg;
    ctx->conn_port = port;
    ctx->use_http = use_http;

    panos_client_options o;
    panos_client_options_init(&o);
    o.host = host;
    o.port = port;
    o.use_http = use_http;
    o.ca_file = ca_file;
    o.pin_sha256 = pin;
    o.insecure = ctx->insecure;
    o.timeout_ms = ctx->timeout_ms;
    if (ctx->max_bytes)
        o.max_response_bytes = ctx->max_bytes;
    /* One budget for the whole command; logs may export for hours, so only when asked. */
    o.deadline_ms = ctx->deadline_set ? ctx->deadline_ms : (ctx->long_running ? 0 : 300000);
    if (ctx->timeout_ms < o.connect_timeout_ms)
        o.connect_timeout_ms = ctx->timeout_ms;
    if (ctx->verbose)
        o.log = trace_line;
    panos_code code = panos_client_new(&ctx->client, &o);
    if (code == PANOS_E_INVALID_ARG && ctx->pin && ctx->insecure)
        return cli_usage_error(NULL, "%s", "--pin and --insecure contradict each other: give one");
    if (code == PANOS_E_INVALID_ARG && ctx->pin)
        return cli_usage_error(NULL, "--pin: expected a SHA-256 fingerprint (64 hex digits, "
                                     "':' allowed)");
    if (code == PANOS_E_INVALID_ARG && pin) {
        cli_error("%s: pin%s%s: expected a SHA-256 fingerprint (64 hex digits, ':' allowed)",
                  ctx->rcf[pin_file].path, ctx->tag ? "%" : "", ctx->tag ? ctx->tag : "");
        return PANOS_E_INVALID_ARG;
    }
    if (code != PANOS_OK)
        return cli_local_error(code, panos_strerror(code));
    if (ctx->insecure && !use_http)
        cli_warn("--insecure: the certificate is not verified; anyone on the path can pose as "
                 "the firewall and take the key");
    if (use_http && !is_loopback(host))
        cli_warn("plain HTTP to %s: the key and the data cross the network unencrypted", host);
    const char *target = ctx->target ? ctx->target : cli_rc_get(ctx, "serial");
    if (target)
        panos_client_set_target(ctx->client, target);
    if (ctx->vsys)
        panos_client_set_vsys(ctx->client, ctx->vsys);
    if (ctx->session) {
        char jar[4096];
        const char *path = ctx->cookie_jar;
        if (path == NULL) {
            const char *home = getenv("HOME");
            const char *cache = getenv("XDG_CACHE_HOME");
            char dir[3500];
            if (cache && cache[0])
                snprintf(dir, sizeof(dir), "%s/panctl", cache);
            else
                snprintf(dir, sizeof(dir), "%s/.cache/panctl", home ? home : ".");
            char parent[3500];
            snprintf(parent, sizeof(parent), "%.*s", (int)(strrchr(dir, '/') - dir), dir);
            mkdir(parent, 0700);
            if (mkdir(dir, 0700) != 0 && errno != EEXIST)
                return cli_local_error(PANOS_E_IO, "cannot create the cookie jar directory");
            snprintf(jar, sizeof(jar), "%s/%s-%u.cookies", dir, host,
                     port ? port : (use_http ? 80 : 443));
            path = jar;
        }
        code = panos_client_set_session(ctx->client, path);
        if (code != PANOS_OK)
            return cli_fail_client(ctx, code);
    }
    if (ctx->auth_basic) {
        const char *u = admin_user(ctx);
        panos_buf pw = PANOS_BUF_INIT;
        if (u == NULL)
            return cli_usage_error(NULL, "%s", "--auth basic needs --user USER (or api_username "
                                               "in .panrc)");
        if (get_password(ctx, &pw, u) != PANOS_OK) {
            cli_error("--auth basic: no password (give --password-file)");
            return PANOS_E_INVALID_ARG;
        }
        cli_warn("--auth basic: the password travels with every request; prefer an API key");
        code = panos_client_set_basic_auth(ctx->client, u, pw.ptr);
        panos_buf_dispose_secret(&pw);
        return code == PANOS_OK ? 0 : cli_local_error(code, panos_strerror(code));
    }
    if (!need_key)
        return 0;

    panos_buf key = PANOS_BUF_INIT;
    if (ctx->key_file) {
        char err[512] = "";
        code = panos_secret_read_file(&key, ctx->key_file, err, sizeof(err));
        if (code != PANOS_OK)
            return cli_local_error(code, err[0] ? err : panos_strerror(code));
        code = panos_client_set_key(ctx->client, key.ptr);
        panos_buf_dispose_secret(&key);
        ctx->key_source = CLI_KEY_FILE;
    } else if (ctx->key_arg) {
        cli_warn("a key on the command line is visible to other users (ps); use --key-file or "
                 "PANCTL_API_KEY");
        code = panos_client_set_key(ctx->client, ctx->key_arg);
        ctx->key_source = CLI_KEY_ARG;
    } else if (getenv("PANCTL_API_KEY") && getenv("PANCTL_API_KEY")[0]) {
        code = panos_client_set_key(ctx->client, getenv("PANCTL_API_KEY"));
        ctx->key_source = CLI_KEY_ENV;
    } else {
        if ((rc = load_rc(ctx, 1)) != 0)
            return rc;
        /* Only from a file bound to this host (see above). */
        size_t key_file = 0;
        const char *k = rc_get_bound(ctx, "api_key", &key_file);
        if (k == NULL || k[0] == '\0') {
            cli_error("no API key: use --key-file FILE, PANCTL_API_KEY, or -t TAG; make one "
                      "with 'panctl keygen'");
            return PANOS_E_INVALID_ARG;
        }
        ctx->rc_key_path = ctx->rcf[key_file].path;
        code = panos_client_set_key(ctx->client, k);
        ctx->key_source = CLI_KEY_RC;
    }
    if (code == PANOS_E_INVALID_ARG) {
        /* A CR or LF would split the X-PAN-KEY header: refused before anything is sent. */
        static const char *const from[] = {"", "the key file", "--key", "PANCTL_API_KEY",
                                           "the .panrc"};
        cli_error("(%d) %s: the API key from %s contains a control character (CR, LF, ...); "
                  "nothing was sent",
                  (int)code, panos_code_name(code), from[ctx->key_source]);
        return (int)code;
    }
    if (code == PANOS_OK && admin_user(ctx) != NULL)
        panos_client_set_rekey(ctx->client, rekey_credentials, rekey_store, ctx);
    return code == PANOS_OK ? 0 : cli_local_error(code, panos_strerror(code));
}
