/* SPDX-License-Identifier: MIT */
/* cmd_batch.c -- panctl batch [FILE]: many commands, one per line, in one process over one
 * kept-alive client; each command's output captured and delimited (plain or JSON lines). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "batch.h"
#include "cli.h"

enum { OPT_JSONL = 0x1100, OPT_STOP };

static const struct cli_opt batch_opts[] = {
    {{"jsonl", no_argument, NULL, OPT_JSONL},
     NULL,
     "one JSON line per command: line, command, status, stdout, stderr (also -o json)"},
    {{"stop-on-error", no_argument, NULL, OPT_STOP},
     NULL,
     "stop at the first line that fails (default: run every line)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

/* The client kept from one line to the next, with what cli_connect() found for it. */
struct batch_conn {
    panos_client *client;
    struct cli_panrc rc;
    char *conn_host;
    unsigned int conn_port;
    int use_http;
    int key_source;
    const char *rc_key_path;
    char *sig; /* the options it was made with (batch_sig()) */
};

struct batch {
    const struct cli_ctx *base; /* the batch's own global options, every line's defaults */
    struct cli_ctx line;        /* the line running: one address, the rekey callbacks' payload */
    struct batch_conn conn;
    int jsonl, stop;
    FILE *out, *err; /* the command's stdout and stderr, read back after it */
    int saved_out, saved_err;
};

/* Everything that shapes the client (host, port, trust, key, target, budgets) as one string:
 * a line whose string equals the kept client's reuses it. NULL when out of memory. */
static char *batch_sig(const struct cli_ctx *c, const char *cmd)
{
    const char *s[] = {c->host_arg, c->key_file, c->key_arg, c->tag,           c->ca_file,   c->pin,
                       c->target,   c->vsys,     c->user,    c->password_file, c->cookie_jar};
    size_t len = 256;
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
        len += (s[i] ? strlen(s[i]) : 0) + 2;
    char *out = malloc(len), *o = out;
    if (out == NULL)
        return NULL;
    o += snprintf(o, len, "%u %d %d %ld %zu %ld %d %d %d %d %d %d", c->port, c->use_http,
                  c->insecure, c->timeout_ms, c->max_bytes, c->deadline_ms, c->deadline_set,
                  c->retries, c->auth_basic, c->session, c->verbose, strcmp(cmd, "logs") == 0);
    for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
        o += snprintf(o, (size_t)(out + len - o), "%c%s", s[i] ? '\x1f' : '\x1e', s[i] ? s[i] : "");
    return out;
}

static void conn_drop(struct batch_conn *k)
{
    struct cli_ctx tmp;
    memset(&tmp, 0, sizeof(tmp));
    tmp.rc = k->rc;
    cli_rc_free(&tmp);
    panos_client_free(k->client);
    free(k->conn_host);
    free(k->sig);
    memset(k, 0, sizeof(*k));
}

/* Before a line: hand it the kept client when its options (@p sig) are the same, else drop
 * the client. */
static void conn_lend(struct batch *b, const char *sig)
{
    struct batch_conn *k = &b->conn;
    if (k->client == NULL || sig == NULL || strcmp(sig, k->sig) != 0) {
        conn_drop(k);
        return;
    }
    struct cli_ctx *c = &b->line;
    c->client = k->client;
    c->rc = k->rc;
    c->conn_host = k->conn_host;
    c->conn_port = k->conn_port;
    c->use_http = k->use_http;
    c->key_source = k->key_source;
    c->rc_key_path = k->rc_key_path;
    panos_client_restart_deadline(k->client);
    k->client = NULL; /* the line holds it until conn_keep() */
    memset(&k->rc, 0, sizeof(k->rc));
}

/* After a line: keep its client (and .panrc) for the next one, made with @p sig. */
static void conn_keep(struct batch *b, char *sig)
{
    struct batch_conn *k = &b->conn;
    struct cli_ctx *c = &b->line;
    char *host = c->conn_host ? strdup(c->conn_host) : NULL;
    /* A client made without a key (api type=keygen) must not serve the next line keyless. */
    int keyed = c->key_source != CLI_KEY_NONE || c->auth_basic;
    if (c->client == NULL || !keyed || sig == NULL || (c->conn_host && host == NULL)) {
        panos_client_free(c->client);
        cli_rc_free(c);
        free(host);
        free(sig);
        c->client = NULL;
        return;
    }
    free(k->conn_host);
    free(k->sig);
    k->client = c->client;
    k->rc = c->rc;
    k->conn_host = host;
    k->conn_port = c->conn_port;
    k->use_http = c->use_http;
    k->key_source = (int)c->key_source;
    k->rc_key_path = c->rc_key_path;
    k->sig = sig;
    c->client = NULL;
    memset(&c->rc, 0, sizeof(c->rc));
}

/* Point fds 1 and 2 at the emptied capture files. Returns 0, or -1. */
static int capture_start(struct batch *b)
{
    FILE *f[2] = {b->out, b->err};
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < 2; i++) {
        int fd = fileno(f[i]);
        if (ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0 || dup2(fd, i + 1) < 0)
            return -1;
    }
    return 0;
}

/* Back to the batch's own stdout and stderr. Returns 0, or -1 when the output was lost. */
static int capture_end(struct batch *b)
{
    int rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
    clearerr(stdout);
    fflush(stderr);
    clearerr(stderr);
    if (dup2(b->saved_out, STDOUT_FILENO) < 0 || dup2(b->saved_err, STDERR_FILENO) < 0)
        rc = -1;
    return rc;
}

/* The bytes a capture file holds, NUL-terminated, in *@p out. Returns 0, PANOS_E_NOMEM or
 * PANOS_E_IO. */
static int slurp(FILE *f, char **out, size_t *len)
{
    int fd = fileno(f);
    off_t end = lseek(fd, 0, SEEK_END);
    if (end < 0)
        return PANOS_E_IO;
    char *buf = malloc((size_t)end + 1);
    size_t got = 0;
    if (buf == NULL)
        return PANOS_E_NOMEM;
    while (got < (size_t)end) {
        ssize_t n = pread(fd, buf + got, (size_t)end - got, (off_t)got);
        if (n <= 0) {
            free(buf);
            return PANOS_E_IO;
        }
        got += (size_t)n;
    }
    buf[got] = '\0';
    *out = buf;
    *len = got;
    return 0;
}

/* Whether a word of a logs line asks for --follow: the long option or an abbreviation getopt
 * takes, or -f alone or in a group of short options before one that takes an argument. */
static int is_follow(const char *a)
{
    size_t n = strlen(a);
    if (a[0] == '-' && a[1] == '-')
        return n > 3 && strncmp(a, "--follow", n) == 0;
    for (const char *p = a + 1; a[0] == '-' && *p && !strchr("nHPKto", *p); p++)
        if (*p == 'f')
            return 1;
    return 0;
}

/* The reason a line cannot run inside a batch, or NULL. @p cmd is the command's word. */
static const char *refusal(const struct cli_words *w, const char *cmd)
{
    for (int i = 0; i < w->argc; i++)
        if (strcmp(w->argv[i], "--key") == 0 || strncmp(w->argv[i], "--key=", 6) == 0)
            return "--key is refused in a batch (the file would hold the key): use --key-file, "
                   "PANCTL_API_KEY or a .panrc";
    if (strcmp(cmd, "batch") == 0)
        return "batch cannot run inside a batch";
    if (strcmp(cmd, "keygen") == 0)
        return "keygen cannot run in a batch (it handles a password and prints a key): run it "
               "on its own";
    for (int i = 1; strcmp(cmd, "logs") == 0 && i < w->argc; i++)
        if (is_follow(w->argv[i]))
            return "logs --follow never ends: it cannot run in a batch";
    return NULL;
}

/* Every line starts from the batch's own options, never prompts and owns its --key copy. */
static int line_init(struct batch *b)
{
    struct cli_ctx *c = &b->line;
    *c = *b->base;
    memset(&c->rc, 0, sizeof(c->rc));
    c->client = NULL;
    c->key_arg = NULL;
    c->no_prompt = 1;
    c->pretty = b->jsonl ? 0 : b->base->pretty;
    if (b->base->key_arg && (c->key_arg = strdup(b->base->key_arg)) == NULL)
        return PANOS_E_NOMEM;
    return 0;
}

/* The line's global options, then its command, with the kept client when it fits. Returns the
 * exit status; messages go to the captured stderr. */
static int run_words(struct batch *b, const struct cli_words *w)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;
    char **argv = calloc((size_t)w->argc + 2, sizeof(char *));
    if (argv == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    argv[0] = (char *)"panctl";
    memcpy(argv + 1, w->argv, (size_t)w->argc * sizeof(char *));
    cli_opts_build(NULL, longs, shorts + 1, sizeof(shorts) - 1);
    shorts[0] = '+';
    optind = 0;
    rc = 0;
    while (rc == 0 && (c = getopt_long(w->argc + 1, argv, shorts, longs, NULL)) != -1)
        rc = c == 'h' ? cli_usage_error(NULL, "%s", "-h in a batch line: use the help command")
                      : cli_global_option(&b->line, NULL, c, optarg);
    if (rc == 0 && optind > w->argc)
        rc = cli_usage_error(NULL, "%s", "no command on the line");
    const char *why = rc == 0 ? refusal(w, argv[optind]) : NULL;
    if (why != NULL) {
        cli_error("%s", why);
        rc = PANOS_E_INVALID_ARG;
    }
    if (rc == 0) {
        char *sig = batch_sig(&b->line, argv[optind]);
        conn_lend(b, sig);
        rc = cli_dispatch(&b->line, w->argc + 1 - optind, argv + optind);
        conn_keep(b, sig);
    }
    free(argv);
    return rc;
}

/* One line run with its output captured: the exit status, and the two outputs in *@p out
 * and *@p err (malloc'd); or minus PANOS_E_NOMEM or PANOS_E_IO when the batch could not run
 * it or read its output back. */
static int run_captured(struct batch *b, const struct cli_words *w, char **out, size_t *out_len,
                        char **err, size_t *err_len)
{
    struct sigaction old_int, old_term;
    int rc = line_init(b);
    if (rc != 0 || capture_start(b) != 0) {
        capture_end(b);
        panos_free_secret(b->line.key_arg);
        return rc != 0 ? -rc : -PANOS_E_IO;
    }
    sigaction(SIGINT, NULL, &old_int);
    sigaction(SIGTERM, NULL, &old_term);
    rc = run_words(b, w);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    panos_free_secret(b->line.key_arg);
    b->line.key_arg = NULL;
    if (capture_end(b) != 0 && rc == 0)
        rc = PANOS_E_IO;
    int lost = slurp(b->out, out, out_len);
    if (lost == 0)
        lost = slurp(b->err, err, err_len);
    return lost != 0 ? -lost : rc;
}

/* A JSON string member from @p len bytes; a NUL byte cannot be carried, so null then. */
static json_t *json_bytes(const char *s, size_t len)
{
    return memchr(s, '\0', len) ? json_null() : cli_json_string(s);
}

/* One line's result as one JSON line on stdout. Returns 0, PANOS_E_NOMEM (the object could
 * not be built, or jansson ran out of memory writing it) or PANOS_E_IO. */
static int report_json(long lineno, const char *echo, int status, const char *out, size_t out_len,
                       const char *err, size_t err_len)
{
    json_t *o = json_object();
    int lost = o == NULL;
    lost |= json_object_set_new(o, "line", json_integer(lineno)) != 0;
    lost |= json_object_set_new(o, "command", cli_json_string(echo)) != 0;
    lost |= json_object_set_new(o, "status", json_integer(status)) != 0;
    lost |= json_object_set_new(o, "stdout", json_bytes(out, out_len)) != 0;
    lost |= json_object_set_new(o, "stderr", json_bytes(err, err_len)) != 0;
    int rc = lost ? -1 : json_dumpf(o, stdout, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    if (rc != 0)
        return lost || !ferror(stdout) ? PANOS_E_NOMEM : PANOS_E_IO;
    return putchar('\n') == EOF || fflush(stdout) != 0 ? PANOS_E_IO : 0;
}

/* One line's result: "== N: COMMAND (exit S)" then its stdout on stdout and its stderr on
 * stderr; or one JSON line. Returns 0, PANOS_E_NOMEM or PANOS_E_IO. */
static int report(const struct batch *b, long lineno, const char *echo, int status, const char *out,
                  size_t out_len, const char *err, size_t err_len)
{
    if (b->jsonl)
        return report_json(lineno, echo, status, out, out_len, err, err_len);
    printf("== %ld: %s (exit %d)\n", lineno, echo, status);
    fwrite(out, 1, out_len, stdout);
    fflush(stdout);
    fwrite(err, 1, err_len, stderr);
    return ferror(stdout) ? PANOS_E_IO : 0;
}

/* The error that stops a batch at line @p lineno: -@p rc is PANOS_E_NOMEM or PANOS_E_IO, and
 * @p written says whether the line ran and only its report was lost. Returns @p rc. */
static int line_lost(long lineno, int rc, int written)
{
    char msg[96];
    if (rc == -PANOS_E_NOMEM) {
        snprintf(msg, sizeof(msg), "line %ld: out of memory", lineno);
        cli_local_error(PANOS_E_NOMEM, msg);
    } else if (written) {
        cli_error("cannot write the output");
    } else {
        cli_error("line %ld: cannot capture its output (temporary space)", lineno);
    }
    return rc;
}

/* One line of the file: split, run, reported. Returns its exit status (0 for a blank or
 * comment line), or minus PANOS_E_NOMEM or PANOS_E_IO when the batch itself cannot go on
 * (error printed). */
static int one_line(struct batch *b, const char *text, long lineno)
{
    struct cli_words w;
    char why[128], msg[256];
    char *out = NULL, *err = NULL, *echo = NULL;
    size_t out_len = 0, err_len = 0;
    int rc = cli_words_split(text, &w, why, sizeof(why)), lost = 0;
    if (rc == 0 && w.argc == 0) {
        cli_words_free(&w);
        return 0;
    }
    if (rc < 0) {
        snprintf(msg, sizeof(msg), "panctl: line %ld: %s\n", lineno, why);
        rc = PANOS_E_INVALID_ARG;
        if ((out = strdup("")) == NULL || (err = strdup(msg)) == NULL)
            rc = -PANOS_E_NOMEM;
        err_len = strlen(msg);
    } else if (rc == 0 && (echo = cli_words_echo(&w)) != NULL) {
        rc = run_captured(b, &w, &out, &out_len, &err, &err_len);
    } else {
        rc = -PANOS_E_NOMEM; /* the words or their echo */
    }
    if (rc >= 0)
        lost = report(b, lineno, echo ? echo : "", rc, out, out_len, err, err_len);
    if (rc < 0 || lost != 0)
        rc = line_lost(lineno, rc < 0 ? rc : -lost, lost != 0);
    free(out);
    free(err);
    free(echo);
    cli_words_free(&w);
    return rc;
}

/* Every line of @p in. Returns PANOS_E_NOMEM or PANOS_E_IO when the batch could not go on to
 * the end of @p in (whatever the lines before did: what they printed is not the whole answer),
 * else 0 or the first failing line's status. */
static int batch_loop(struct batch *b, FILE *in, const char *name)
{
    char *text = NULL;
    size_t cap = 0;
    long lineno = 0;
    int first = 0, stopped = 0;
    while (getline(&text, &cap, in) != -1) {
        int rc = one_line(b, text, ++lineno);
        if (rc < 0) {
            first = -rc;
            stopped = 1;
            break;
        }
        if (rc != 0 && first == 0)
            first = rc;
        if (rc != 0 && b->stop) {
            stopped = 1;
            break;
        }
    }
    /* getline() out of memory sets ENOMEM but neither the error nor the end-of-file flag. */
    if (!stopped && (ferror(in) || !feof(in))) {
        int nomem = !ferror(in) && errno == ENOMEM;
        char msg[320];
        snprintf(msg, sizeof(msg), "line %ld of %s: out of memory", lineno + 1, name);
        if (nomem)
            cli_local_error(PANOS_E_NOMEM, msg);
        else
            cli_error("cannot read %s", name);
        first = nomem ? PANOS_E_NOMEM : PANOS_E_IO;
    }
    free(text);
    return first;
}

/* FILE, or "-" for standard input (read through its own descriptor: the commands get
 * /dev/null as their stdin). NULL with the error printed. */
static FILE *open_input(const char *path)
{
    FILE *in = NULL;
    if (strcmp(path, "-") == 0) {
        int fd = dup(STDIN_FILENO);
        if (fd >= 0 && (in = fdopen(fd, "r")) == NULL)
            close(fd);
    } else {
        in = fopen(path, "r");
    }
    if (in == NULL)
        cli_error("cannot open the batch file %s: %s", path, strerror(errno));
    return in;
}

/* Set the descriptors a batch runs with; undone by batch_end(). Returns 0, or -1. */
static int batch_begin(struct batch *b, int *saved_in)
{
    int null = open("/dev/null", O_RDONLY);
    *saved_in = dup(STDIN_FILENO);
    b->saved_out = dup(STDOUT_FILENO);
    b->saved_err = dup(STDERR_FILENO);
    b->out = tmpfile();
    b->err = tmpfile();
    int ok = null >= 0 && *saved_in >= 0 && b->saved_out >= 0 && b->saved_err >= 0 && b->out &&
             b->err && dup2(null, STDIN_FILENO) >= 0;
    if (null >= 0)
        close(null);
    return ok ? 0 : -1;
}

static void batch_end(struct batch *b, int saved_in)
{
    if (saved_in >= 0) {
        dup2(saved_in, STDIN_FILENO);
        close(saved_in);
    }
    clearerr(stdin);
    if (b->saved_out >= 0)
        close(b->saved_out);
    if (b->saved_err >= 0)
        close(b->saved_err);
    if (b->out)
        fclose(b->out);
    if (b->err)
        fclose(b->err);
    conn_drop(&b->conn);
}

int cmd_batch(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    struct batch b;
    int c, rc, saved_in = -1;
    memset(&b, 0, sizeof(b));
    b.saved_out = b.saved_err = -1;
    cli_opts_build(batch_opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == OPT_JSONL) {
            b.jsonl = 1;
        } else if (c == OPT_STOP) {
            b.stop = 1;
        } else if (c == 'h') {
            cli_help("batch", "[OPTIONS] [FILE]",
                     "Run panctl commands, one per line of FILE (default: standard input), in "
                     "one process over one\nkept-alive connection; each result delimited.",
                     batch_opts);
            return 0;
        } else if ((rc = cli_global_option(ctx, "batch", c, optarg)) != 0) {
            return rc;
        }
    }
    if (optind + 1 < argc)
        return cli_usage_error("batch", "unexpected argument '%s' (one FILE at most)",
                               argv[optind + 1]);
    const char *path = optind < argc ? argv[optind] : "-";
    b.base = ctx;
    b.jsonl |= ctx->format_set && ctx->format == CLI_FORMAT_JSON;
    FILE *in = open_input(path);
    if (in == NULL)
        return PANOS_E_IO;
    if (batch_begin(&b, &saved_in) != 0) {
        cli_error("cannot set up the batch: %s", strerror(errno));
        rc = PANOS_E_IO;
    } else {
        rc = batch_loop(&b, in, strcmp(path, "-") == 0 ? "standard input" : path);
    }
    batch_end(&b, saved_in);
    fclose(in);
    return rc;
}
