/* SPDX-License-Identifier: MIT */
/* connect.c -- making the client: which firewall (command line, environment, .panrc), its
 * trust, the session, the key, and renewing a refused key through the library's callbacks. */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void trace_line(void *payload, const char *line)
{
    (void)payload;
    fprintf(stderr, "panctl: %s\n", line);
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
    panos_code code = cli_rc_password(ctx, user, out);
    if (code != PANOS_E_NOT_FOUND)
        return code;
    if (!ctx->no_prompt &&
        cli_prompt_password(out, user, ctx->host_arg ? ctx->host_arg : "firewall") == 0)
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

panos_code cli_key_write(const char *path, const char *key, size_t len, char *err,
                         size_t errlen)
{
    char *line = malloc(len + 2);
    if (line == NULL)
        return PANOS_E_NOMEM;
    memcpy(line, key, len);
    line[len] = '\n';
    panos_code code = panos_file_write_atomic(path, line, len + 1, 0600, err, errlen);
    panos_wipe(line, len + 1);
    free(line);
    return code;
}

/* Store a renewed key where the old one came from. */
static void rekey_store(void *payload, const char *key)
{
    struct cli_ctx *ctx = payload;
    char err[512] = "";
    panos_code code = PANOS_OK;
    const char *where = NULL;
    if (ctx->key_source == CLI_KEY_FILE && strcmp(ctx->key_file, "-") != 0) {
        code = cli_key_write(ctx->key_file, key, strlen(key), err, sizeof(err));
        if (code == PANOS_E_NOMEM)
            return;
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

/*
 * The host to use, as given (may be a URL): --host, PANCTL_HOST, else the .panrc's hostname
 * (loading the .panrc, and reporting its failures when it is what the command relies on).
 * Returns 0, or the exit status (error printed).
 */
static int find_host(struct cli_ctx *ctx, const char **out)
{
    int rc;
    if (ctx->tag && (rc = cli_rc_load(ctx, 1)) != 0)
        return rc;
    const char *host_arg = ctx->host_arg ? ctx->host_arg : getenv("PANCTL_HOST");
    int host_given = host_arg != NULL && host_arg[0] != '\0';
    if ((rc = cli_rc_load(ctx, !host_given)) != 0)
        return rc;
    if (!host_given)
        host_arg = cli_rc_first(ctx, "hostname", NULL);
    if (host_arg == NULL || host_arg[0] == '\0') {
        if (ctx->tag) {
            char names[4200];
            cli_rc_names(ctx, names, sizeof(names));
            cli_error("no firewall given: -t %s has no hostname%%%s line in %s; use --host HOST",
                      ctx->tag, ctx->tag, names);
        } else {
            cli_error("no firewall given: use --host HOST, PANCTL_HOST, or -t TAG with ~/.panrc");
        }
        return PANOS_E_INVALID_ARG;
    }
    *out = host_arg;
    return 0;
}

/* The port: --port, the URL's, the .panrc entry's, or 0 for the scheme's default. Returns 0,
 * or the exit status (error printed). */
static int choose_port(const struct cli_ctx *ctx, unsigned int url_port, unsigned int *out)
{
    const char *path = NULL;
    const char *rc_port = cli_rc_get_from(ctx, "port", &path);
    *out = ctx->port ? ctx->port : url_port;
    if (*out == 0 && rc_port) {
        char *end = NULL;
        long v = strtol(rc_port, &end, 10);
        if (!cli_digits(rc_port, strlen(rc_port)) || *end || v < 1 || v > 65535) {
            cli_error("%s: port%s%s=%s: expected a whole number from 1 to 65535", path,
                      ctx->tag ? "%" : "", ctx->tag ? ctx->tag : "", rc_port);
            return PANOS_E_INVALID_ARG;
        }
        *out = (unsigned int)v;
    }
    return 0;
}

/* Make ctx->client for @p host and @p port with the trust of the command line, else of the
 * .panrc entry (pin, ca_file); @p warn: say what is unsafe about it. Returns 0, or the exit
 * status (error printed). */
static int make_client(struct cli_ctx *ctx, const char *host, unsigned int port, int use_http,
                       int warn)
{
    const char *pin = ctx->pin, *ca_file = ctx->ca_file, *pin_path = NULL;
    if (!ctx->pin && !ctx->ca_file && !ctx->insecure) {
        pin = cli_rc_get_from(ctx, "pin", &pin_path);
        ca_file = cli_rc_get(ctx, "ca_file");
    }
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
    if (ctx->retries > 0)
        o.max_retries = ctx->retries - 1;
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
                  pin_path, ctx->tag ? "%" : "", ctx->tag ? ctx->tag : "");
        return PANOS_E_INVALID_ARG;
    }
    if (code != PANOS_OK)
        return cli_local_error(code, panos_strerror(code));
    if (warn && ctx->insecure && !use_http)
        cli_warn("--insecure: the certificate is not verified; anyone on the path can pose as "
                 "the firewall and take the key");
    if (warn && use_http && !cli_is_loopback(host))
        cli_warn("plain HTTP to %s: the key and the data cross the network unencrypted", host);
    return 0;
}

/*
 * The result of a client setter for @p what (an option, or with @p in_file a .panrc line) set
 * to @p value: 0 when it took, else the error printed and its exit status. A value the library
 * refuses is a usage error (exit 2) naming where it came from, as a bad pin is; anything else
 * (out of memory) a local failure.
 */
static int check_set(panos_code code, const char *what, int in_file, const char *value)
{
    char msg[4700];
    if (code == PANOS_OK)
        return 0;
    if (code == PANOS_E_INVALID_ARG && !in_file)
        return cli_usage_error(NULL, "%s %s: refused (%s)", what, value, panos_strerror(code));
    if (code == PANOS_E_INVALID_ARG) {
        cli_error("%s=%s: refused (%s)", what, value, panos_strerror(code));
        return PANOS_E_INVALID_ARG;
    }
    snprintf(msg, sizeof(msg), "cannot set %s %s: %s", what, value, panos_strerror(code));
    return cli_local_error(code, msg);
}

/* Panorama's target (--target, else serial in the .panrc entry) and the vsys, each result
 * checked: a target that silently failed to take would send the request to Panorama itself. */
static int set_target_vsys(struct cli_ctx *ctx)
{
    int rc;
    const char *path = NULL;
    const char *target = ctx->target ? ctx->target : cli_rc_get_from(ctx, "serial", &path);
    if (target) {
        char what[4200];
        if (ctx->target)
            snprintf(what, sizeof(what), "--target");
        else
            snprintf(what, sizeof(what), "%s: serial%s%s", path, ctx->tag ? "%" : "",
                     ctx->tag ? ctx->tag : "");
        rc = check_set(panos_client_set_target(ctx->client, target), what, !ctx->target, target);
        if (rc != 0)
            return rc;
    }
    if (ctx->vsys)
        return check_set(panos_client_set_vsys(ctx->client, ctx->vsys), "--vsys", 0, ctx->vsys);
    return 0;
}

/* --session: keep the cookies in --cookie-jar, else ~/.cache/panctl/HOST-PORT.cookies. Returns
 * 0, or the exit status (error printed). */
static int open_session(struct cli_ctx *ctx, const char *host, unsigned int port, int use_http)
{
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
    panos_code code = panos_client_set_session(ctx->client, path);
    return code == PANOS_OK ? 0 : cli_fail_client(ctx, code);
}

/* --auth basic: the admin's user and password on every request. Returns 0, or the exit
 * status (error printed). */
static int basic_auth(struct cli_ctx *ctx)
{
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
    panos_code code = panos_client_set_basic_auth(ctx->client, u, pw.ptr);
    panos_buf_dispose_secret(&pw);
    return code == PANOS_OK ? 0 : cli_local_error(code, panos_strerror(code));
}

/*
 * Give the client its key, from the first of: --key-file, --key, PANCTL_API_KEY, the .panrc
 * entry bound to this firewall; and the renewal callbacks when an admin user is known.
 * Returns 0, or the exit status (error printed).
 */
static int give_key(struct cli_ctx *ctx)
{
    panos_code code;
    int rc;
    if (ctx->key_file) {
        panos_buf key = PANOS_BUF_INIT;
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
        if ((rc = cli_rc_load(ctx, 1)) != 0)
            return rc;
        /* Only from a file bound to this host (cli_rc_bind()). */
        const char *k = cli_rc_get_from(ctx, "api_key", &ctx->rc_key_path);
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
    if (code != PANOS_OK)
        return cli_local_error(code, panos_strerror(code));
    if (admin_user(ctx) != NULL)
        panos_client_set_rekey(ctx->client, rekey_credentials, rekey_store, ctx);
    return 0;
}

int cli_connect(struct cli_ctx *ctx, int need_key)
{
    const char *host_arg = NULL;
    char host[256];
    unsigned int url_port = 0, port = 0;
    int use_http = ctx->use_http;
    int rc;
    if (ctx->client)
        return 0;
    /* Before anything is read or sent: these two options say opposite things about trust. */
    if (ctx->pin && ctx->insecure)
        return cli_usage_error(NULL, "%s", "--pin and --insecure contradict each other: give one");
    if ((rc = find_host(ctx, &host_arg)) != 0)
        return rc;
    if (cli_parse_host(host_arg, host, sizeof(host), &url_port, &use_http) != 0)
        return cli_usage_error(NULL, "cannot read the host '%s' (HOST, [IPv6]:PORT or URL)",
                               host_arg);
    cli_rc_bind(ctx, host_arg);
    if ((rc = choose_port(ctx, url_port, &port)) != 0)
        return rc;
    ctx->conn_host = host_arg;
    ctx->conn_port = port;
    ctx->use_http = use_http;
    if ((rc = make_client(ctx, host, port, use_http, 1)) != 0 || (rc = set_target_vsys(ctx)) != 0)
        return rc;
    if (ctx->session && (rc = open_session(ctx, host, port, use_http)) != 0)
        return rc;
    if (ctx->auth_basic)
        return basic_auth(ctx);
    return need_key ? give_key(ctx) : 0;
}

/* Copy ctx->client's current key to @p c. Returns 0, or the exit status (error printed). */
static int copy_key(struct cli_ctx *ctx, panos_client *c)
{
    panos_buf key = PANOS_BUF_INIT;
    panos_code code = panos_client_get_key(ctx->client, &key);
    if (code == PANOS_OK)
        code = panos_client_set_key(c, key.ptr);
    panos_buf_dispose_secret(&key);
    return code == PANOS_OK ? 0 : cli_local_error(code, panos_strerror(code));
}

int cli_connect_clone(struct cli_ctx *ctx, panos_client **out)
{
    char host[256];
    unsigned int url_port = 0;
    int use_http = ctx->use_http, rc;
    panos_client *first = ctx->client;
    *out = NULL;
    if (first == NULL || ctx->auth_basic)
        return 0;
    if (cli_parse_host(ctx->conn_host, host, sizeof(host), &url_port, &use_http) != 0)
        return cli_usage_error(NULL, "cannot read the host '%s' (HOST, [IPv6]:PORT or URL)",
                               ctx->conn_host);
    /* make_client() and set_target_vsys() fill ctx->client: let them fill the clone. */
    ctx->client = NULL;
    if ((rc = make_client(ctx, host, ctx->conn_port, ctx->use_http, 0)) == 0)
        rc = set_target_vsys(ctx);
    *out = ctx->client;
    ctx->client = first;
    if (rc == 0)
        rc = copy_key(ctx, *out);
    if (rc != 0) {
        panos_client_free(*out);
        *out = NULL;
    }
    return rc;
}
