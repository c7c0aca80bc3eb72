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

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try 'panctl%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return PANOS_E_INVALID_ARG;
}

void cli_opts_build(const struct cli_opt *opts, struct option *longs, char *shorts,
                    size_t shorts_len)
{
    size_t n = 0, s = 0;
    for (; opts[n].opt.name; n++) {
        longs[n] = opts[n].opt;
        if (opts[n].opt.val > 0 && opts[n].opt.val < 256 && s + 3 < shorts_len) {
            shorts[s++] = (char)opts[n].opt.val;
            if (opts[n].opt.has_arg == required_argument)
                shorts[s++] = ':';
        }
    }
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

int cli_print(const struct cli_ctx *ctx, const panos_response *r, const char *cmd_xml)
{
    int rc = cli_output_response(stdout, r, ctx->format, cmd_xml, ctx->pretty);
    if (rc != 0)
        return cli_local_error((panos_code)rc, rc == PANOS_E_IO ? "cannot write the output"
                                                            : "cannot format the answer");
    return 0;
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

/* Load the .panrc when it is needed. Returns 0, or the exit status (error printed). */
static int load_rc(struct cli_ctx *ctx, int required)
{
    if (ctx->rc_loaded)
        return 0;
    ctx->rc_loaded = 1;
    char path[4096];
    cli_panrc_path(path, sizeof(path));
    char err[512] = "";
    free(ctx->rc_path);
    ctx->rc_path = strdup(path);
    panos_code code = panos_rc_load(&ctx->rc, path, ctx->tag, err, sizeof(err));
    if (code == PANOS_E_NOT_FOUND && !required)
        return 0;
    if (code == PANOS_E_NOT_FOUND) {
        char msg[4200];
        snprintf(msg, sizeof(msg), "-t %s: no file %s", ctx->tag, path);
        return cli_local_error(PANOS_E_IO, msg);
    }
    if (code != PANOS_OK)
        return cli_local_error(code, err[0] ? err : panos_strerror(code));
    return 0;
}

static const char *rc_get(const struct cli_ctx *ctx, const char *var)
{
    return ctx->rc ? panos_rc_get(ctx->rc, var) : NULL;
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
        if (end == portp || (*end && *end != '/') || v < 1 || v > 65535)
            return -1;
        *port = (unsigned int)v;
    }
    return 0;
}

static const char *admin_user(const struct cli_ctx *ctx)
{
    return ctx->user ? ctx->user : rc_get(ctx, "api_username");
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
    const char *p = rc_get(ctx, "api_password");
    if (p != NULL) {
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
    } else if (ctx->key_source == CLI_KEY_RC && ctx->rc_path) {
        code = panos_rc_set(ctx->rc_path, "api_key", ctx->tag, key, err, sizeof(err));
        where = ctx->rc_path;
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

int cli_connect(struct cli_ctx *ctx, int need_key)
{
    int rc;
    if (ctx->client)
        return 0;
    if (ctx->tag && (rc = load_rc(ctx, 1)) != 0)
        return rc;
    const char *host_arg = ctx->host_arg ? ctx->host_arg : getenv("PANCTL_HOST");
    if ((host_arg == NULL || host_arg[0] == '\0') && (rc = load_rc(ctx, 0)) != 0)
        return rc;
    int host_from_rc = 0;
    if (host_arg == NULL || host_arg[0] == '\0') {
        host_arg = rc_get(ctx, "hostname");
        host_from_rc = host_arg != NULL;
    }
    if (host_arg == NULL || host_arg[0] == '\0') {
        cli_error("no firewall given: use --host HOST, PANCTL_HOST, or -t TAG with ~/.panrc");
        return PANOS_E_INVALID_ARG;
    }
    char host[256];
    unsigned int url_port = 0;
    int use_http = ctx->use_http;
    if (cli_parse_host(host_arg, host, sizeof(host), &url_port, &use_http) != 0)
        return cli_usage_error(NULL, "cannot read the host '%s' (HOST, [IPv6]:PORT or URL)",
                               host_arg);
    unsigned int port = ctx->port ? ctx->port : url_port;
    const char *rc_port = rc_get(ctx, "port");
    if (port == 0 && rc_port) {
        char *end = NULL;
        long v = strtol(rc_port, &end, 10);
        if (end == rc_port || *end || v < 1 || v > 65535)
            return cli_local_error(PANOS_E_INVALID_ARG, ".panrc: port is not a number 1-65535");
        port = (unsigned int)v;
    }

    panos_client_options o;
    panos_client_options_init(&o);
    o.host = host;
    o.port = port;
    o.use_http = use_http;
    o.ca_file = ctx->ca_file;
    o.pin_sha256 = ctx->pin;
    o.insecure = ctx->insecure;
    o.timeout_ms = ctx->timeout_ms;
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
    if (code != PANOS_OK)
        return cli_local_error(code, panos_strerror(code));
    if (ctx->insecure && !use_http)
        cli_warn("--insecure: the certificate is not verified; anyone on the path can pose as "
                 "the firewall and take the key");
    if (use_http && !is_loopback(host))
        cli_warn("plain HTTP to %s: the key and the data cross the network unencrypted", host);
    const char *target = ctx->target ? ctx->target : rc_get(ctx, "serial");
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
        if ((rc = load_rc(ctx, 0)) != 0)
            return rc;
        /* The .panrc key belongs to the .panrc's firewall: never send it to another one
         * (it may reveal the admin's password, panos-apikey-crypto.md §4). */
        const char *rc_host = rc_get(ctx, "hostname");
        const char *k = ctx->tag || host_from_rc || (rc_host && strcmp(rc_host, host_arg) == 0)
                            ? rc_get(ctx, "api_key")
                            : NULL;
        if (k == NULL || k[0] == '\0') {
            cli_error("no API key: use --key-file FILE, PANCTL_API_KEY, or -t TAG; make one "
                      "with 'panctl keygen'");
            return PANOS_E_INVALID_ARG;
        }
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
