/* SPDX-License-Identifier: MIT */
/* runcase.c -- run one end-to-end case file: start pansim, run the command, diff the results. */

/*
 * Usage: runcase --panctl PATH --pansim PATH [--srcdir DIR] [--torture N [--manifest FILE]]
 *        CASEFILE
 *
 * The case format, the substitutions and the checks are described in tests/cases/README.md.
 * Exit status: 0 pass, 1 fail, 77 skipped (the case is listed in tests/cases/DISABLED).
 *
 * --torture N (a -DPANOS_TORTURE=ON build, scripts/torture.sh): the command runs with
 * PANOS_TORTURE=N, so the Nth allocation of each of its processes fails; 0 fails none and only
 * counts. A run whose processes made fewer than N allocations is a normal run. One that hit the
 * failure must end cleanly: the case's own exit status and output, or exit 3 (out of memory)
 * with one error line; no crash or sanitizer report, no file the complete run (--manifest, written
 * by the run with N = 0) does not leave, no secret freed unwiped. It prints "torture N: calls M".
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <dirent.h>
#include <time.h>
#include <unistd.h>

#include <panos/panos.h>

#include "casefile.h"
#include "torture.h"

#define EXIT_PASS 0
#define EXIT_FAIL 1
#define EXIT_SKIP 77

#define PANSIM_START_MS 10000
#define COMMAND_TIMEOUT_MS 60000
#define PANSIM_STOP_MS 10000
#define MAX_SECRETS 16
#define MAX_STRIP 32

/* ---------------------------------------------------------------------------------------------
 * Small helpers: a growable string, files, time.
 */


static void die_nomem(void)
{
    fputs("runcase: out of memory\n", stderr);
    exit(EXIT_FAIL);
}

static void sb_add(struct cbuf *b, const char *s, size_t n)
{
    if (cbuf_add(b, s, n) != 0)
        die_nomem();
}

static void sb_adds(struct cbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* The string so far (never NULL); ownership passes to the caller. */
static char *sb_take(struct cbuf *b)
{
    if (!b->p)
        sb_add(b, "", 0);
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    if (!p)
        die_nomem();
    return p;
}

static char *path_join(const char *dir, const char *name)
{
    struct cbuf b = {0};
    sb_adds(&b, dir);
    sb_adds(&b, "/");
    sb_adds(&b, name);
    return sb_take(&b);
}

/* Whole file, NUL-terminated; NULL if it cannot be read. */
static char *read_file(const char *path, size_t *len_out)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    struct cbuf b = {0};
    char buf[8192];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        sb_add(&b, buf, (size_t)n);
    }
    close(fd);
    if (len_out)
        *len_out = b.len;
    return sb_take(&b);
}

/* Write @p data to @p path with exactly @p mode (umask does not apply). Returns 0 or -1. */
static int write_file(const char *path, const char *data, size_t len, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    int rc = fchmod(fd, mode);
    size_t off = 0;
    while (rc == 0 && off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            rc = -1;
        else
            off += (size_t)n;
    }
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

/* 1 if the whitespace-separated word @p word is among @p args ("0644 nonewline"). */
static int has_word(const char *args, const char *word)
{
    size_t n = strlen(word);
    const char *p = args;
    while ((p = strstr(p, word)) != NULL) {
        int start = p == args || p[-1] == ' ' || p[-1] == '\t';
        int end = p[n] == '\0' || p[n] == ' ' || p[n] == '\t';
        if (start && end)
            return 1;
        p += n;
    }
    return 0;
}

/* ---------------------------------------------------------------------------------------------
 * The state of one run.
 */

struct run {
    const char *case_path; /* absolute */
    const char *case_name; /* "0001-keygen-special-password" */
    const char *panctl;
    const char *pansim;
    const char *srcdir;
    const struct case_file *cf;
    char *tmp;
    char *key;     /* minted key (secret) */
    char *keyfile; /* %TMP%/key */
    char *port;    /* decimal, NULL until pansim listens */
    char *fp;      /* SHA-256 fingerprint from %TMP%/fp, NULL if none */
    /* from %% info */
    char *user;
    char *password;
    char *master_key;
    long key_lifetime;
    long key_age;
    int prints_key;
    char *secrets[MAX_SECRETS]; /* strings that must never reach stderr or the request log */
    const char *secret_names[MAX_SECRETS];
    size_t nsecrets;
    regex_t strip[MAX_STRIP];
    size_t nstrip;
    pid_t sim_pid;
    int failed;
    long torture;         /* --torture N; -1 without */
    long torture_exit;    /* %% info torture-exit: a status besides 3 a failed run may end with,
                           * naming "(3) NOMEM" on stdout or stderr */
    int torture_password; /* %% info torture-secret: password (else the key is looked for) */
    const char *manifest; /* --manifest FILE */
};

static void fail(struct run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("runcase: %s: FAIL: ", r->case_name);
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    fflush(stdout);
    r->failed = 1;
}

static void add_secret(struct run *r, const char *what, const char *s)
{
    if (!s || !*s || r->nsecrets == MAX_SECRETS)
        return;
    r->secrets[r->nsecrets] = xstrdup(s);
    r->secret_names[r->nsecrets] = what;
    r->nsecrets++;
}

/* Copy of @p text with %s replaced by @p with. */
static char *replace_all(const char *text, const char *what, const char *with)
{
    struct cbuf b = {0};
    size_t n = strlen(what);
    const char *p = text, *q;
    sb_add(&b, "", 0);
    while (n && (q = strstr(p, what)) != NULL) {
        sb_add(&b, p, (size_t)(q - p));
        sb_adds(&b, with);
        p = q + n;
    }
    sb_adds(&b, p);
    return sb_take(&b);
}

/* What the runner prints must not show the key or the passwords either: a copy, redacted. */
static char *redact(const struct run *r, const char *text)
{
    char *t = xstrdup(text);
    size_t i;
    for (i = 0; i <= r->nsecrets; i++) {
        const char *secret = i < r->nsecrets ? r->secrets[i] : r->key;
        if (!secret || !*secret)
            continue;
        char *u = replace_all(t, secret, i < r->nsecrets ? "[SECRET]" : "[KEY]");
        free(t);
        t = u;
    }
    return t;
}

/*
 * Replace the variables %HOST% %PORT% %KEY% %KEYFILE% %TMP% %PANCTL% %PANSIM% %SRCDIR% %FP% in
 * @p in. A variable whose value is not known yet (PORT, FP before pansim runs) is left as is,
 * and so is any other %WORD%, so percent-encoded text ("%20") passes through.
 */
static char *subst(const struct run *r, const char *in)
{
    const struct {
        const char *name;
        const char *value;
    } vars[] = {
        {"HOST", "127.0.0.1"}, {"PORT", r->port},     {"KEYFILE", r->keyfile},
        {"KEY", r->key},       {"TMP", r->tmp},       {"PANCTL", r->panctl},
        {"PANSIM", r->pansim}, {"SRCDIR", r->srcdir}, {"FP", r->fp},
    };
    struct cbuf b = {0};
    const char *p = in;
    sb_add(&b, "", 0);
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            sb_adds(&b, p);
            break;
        }
        sb_add(&b, p, (size_t)(pct - p));
        size_t i, matched = 0;
        for (i = 0; i < sizeof vars / sizeof vars[0]; i++) {
            size_t n = strlen(vars[i].name);
            if (vars[i].value && strncmp(pct + 1, vars[i].name, n) == 0 && pct[1 + n] == '%') {
                sb_adds(&b, vars[i].value);
                matched = n + 2;
                break;
            }
        }
        if (matched) {
            p = pct + matched;
        } else {
            sb_add(&b, "%", 1);
            p = pct + 1;
        }
    }
    return sb_take(&b);
}

/* A section's body as text: substituted, with the newline the parser dropped put back. */
static char *section_text(const struct run *r, const struct case_section *s)
{
    char *t = subst(r, s->body);
    if (*t && !has_word(s->args, "nonewline")) {
        struct cbuf b = {0};
        sb_adds(&b, t);
        sb_adds(&b, "\n");
        free(t);
        t = sb_take(&b);
    }
    return t;
}

/* ---------------------------------------------------------------------------------------------
 * %% info, DISABLED, %% strip.
 */

/* Lines "name: value" or "name=value"; see README.md for the names understood. */
static void parse_info(struct run *r)
{
    r->user = xstrdup("admin");
    r->password = xstrdup("admin");
    r->master_key = xstrdup(PANOS_APIKEY_DEFAULT_MASTER_KEY);
    const struct case_section *s = case_file_find(r->cf, "info");
    if (!s)
        return;
    char *copy = xstrdup(s->body);
    char *line = copy;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t sep = strcspn(line, ":=");
        if (line[sep]) {
            char *name = line;
            char *value = line + sep + 1;
            line[sep] = '\0';
            name = trim(name);
            /* Only leading blanks are dropped from a value: passwords may end in spaces. */
            while (*value == ' ' || *value == '\t')
                value++;
            size_t vn = strlen(value);
            if (vn && value[vn - 1] == '\r')
                value[--vn] = '\0';
            if (strcmp(name, "user") == 0) {
                free(r->user);
                r->user = xstrdup(value);
            } else if (strcmp(name, "password") == 0) {
                free(r->password);
                r->password = xstrdup(value);
                add_secret(r, "the info password", value);
            } else if (strcmp(name, "secret") == 0) {
                add_secret(r, "an info secret", value);
            } else if (strcmp(name, "master-key") == 0) {
                free(r->master_key);
                r->master_key = xstrdup(trim(value));
            } else if (strcmp(name, "key-lifetime") == 0) {
                r->key_lifetime = strtol(value, NULL, 10);
            } else if (strcmp(name, "torture-secret") == 0) {
                r->torture_password = strcmp(trim(value), "password") == 0;
            } else if (strcmp(name, "torture-exit") == 0) {
                r->torture_exit = strtol(value, NULL, 10);
            } else if (strcmp(name, "key-age") == 0) {
                r->key_age = strtol(value, NULL, 10);
            } else if (strcmp(name, "keywords") == 0) {
                r->prints_key = strstr(value, "prints-key") != NULL;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    free(copy);
}

/* 1 when the case is listed in DISABLED (next to the case file): "NNNN reason" lines. */
static int is_disabled(const char *case_path, const char *case_name)
{
    char *dir = xstrdup(case_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *path = path_join(slash ? dir : ".", "DISABLED");
    char *text = read_file(path, NULL);
    int found = 0;
    if (text) {
        char *line = text;
        while (line && !found) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = '\0';
            char *t = trim(line);
            size_t n = strcspn(t, " \t");
            if (*t && *t != '#' && n) {
                /* "0007" matches "0007-slug"; "0007-slug" matches exactly. */
                if (strncmp(case_name, t, n) == 0 &&
                    (case_name[n] == '\0' || case_name[n] == '-')) {
                    printf("runcase: %s: skipped (DISABLED: %s)\n", case_name, trim(t + n));
                    found = 1;
                }
            }
            line = nl ? nl + 1 : NULL;
        }
        free(text);
    }
    free(path);
    free(dir);
    return found;
}

static int load_strip(struct run *r)
{
    const struct case_section *s = case_file_find(r->cf, "strip");
    if (!s)
        return 0;
    char *copy = xstrdup(s->body);
    char *line = copy;
    int rc = 0;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line) {
            if (r->nstrip == MAX_STRIP) {
                fail(r, "too many %%%% strip lines (max %d)", MAX_STRIP);
                rc = -1;
                break;
            }
            int e = regcomp(&r->strip[r->nstrip], line, REG_EXTENDED);
            if (e != 0) {
                char msg[200];
                regerror(e, &r->strip[r->nstrip], msg, sizeof msg);
                fail(r, "bad strip regex '%s': %s", line, msg);
                rc = -1;
                break;
            }
            r->nstrip++;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(copy);
    return rc;
}

/*
 * Apply the strip regexes to each line of @p text: every match is removed; a line that
 * stripping leaves empty (and was not empty before) is dropped with its newline.
 */
static char *apply_strip(const struct run *r, const char *text)
{
    struct cbuf out = {0};
    sb_add(&out, "", 0);
    const char *p = text;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char *line = malloc(n + 1);
        if (!line)
            die_nomem();
        memcpy(line, p, n);
        line[n] = '\0';
        size_t k;
        for (k = 0; k < r->nstrip; k++) {
            struct cbuf b = {0};
            sb_add(&b, "", 0);
            const char *q = line;
            regmatch_t m;
            int flags = 0;
            while (*q && regexec(&r->strip[k], q, 1, &m, flags) == 0) {
                sb_add(&b, q, (size_t)m.rm_so);
                if (m.rm_eo == m.rm_so) { /* empty match: keep one char and go on */
                    sb_add(&b, q + m.rm_so, 1);
                    q += m.rm_so + 1;
                } else {
                    q += m.rm_eo;
                }
                flags = REG_NOTBOL;
            }
            sb_adds(&b, q);
            free(line);
            line = sb_take(&b);
        }
        if (!(n > 0 && line[0] == '\0')) {
            sb_adds(&out, line);
            if (nl)
                sb_adds(&out, "\n");
        }
        free(line);
        p = nl ? nl + 1 : p + n;
    }
    return sb_take(&out);
}

/* ---------------------------------------------------------------------------------------------
 * Processes.
 */

/* Split @p s into words at blanks; '...' and "..." group words. NULL-terminated, malloc'd. */
static char **split_words(const char *s, size_t *n_out)
{
    size_t cap = 8, n = 0;
    char **v = malloc(cap * sizeof *v);
    if (!v)
        die_nomem();
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (!*p)
            break;
        struct cbuf w = {0};
        sb_add(&w, "", 0);
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
            if (*p == '\'' || *p == '"') {
                char q = *p++;
                const char *end = strchr(p, q);
                size_t len = end ? (size_t)(end - p) : strlen(p);
                sb_add(&w, p, len);
                p += len + (end ? 1 : 0);
            } else {
                sb_add(&w, p++, 1);
            }
        }
        if (n + 2 > cap) {
            cap *= 2;
            char **nv = realloc(v, cap * sizeof *v);
            if (!nv)
                die_nomem();
            v = nv;
        }
        v[n++] = sb_take(&w);
    }
    v[n] = NULL;
    if (n_out)
        *n_out = n;
    return v;
}

static void free_words(char **v)
{
    size_t i;
    for (i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* Wait for @p pid up to @p ms. Returns 1 and sets *status when it exited, 0 on timeout. */
static int wait_for(pid_t pid, long ms, int *status)
{
    long long deadline = mono_ms() + ms;
    for (;;) {
        pid_t w = waitpid(pid, status, WNOHANG);
        if (w == pid)
            return 1;
        if (w < 0 && errno != EINTR)
            return 1;
        if (mono_ms() > deadline)
            return 0;
        sleep_ms(20);
    }
}

static void describe_status(char *buf, size_t len, int status)
{
    if (WIFEXITED(status))
        snprintf(buf, len, "exit %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(buf, len, "status 0x%x", (unsigned int)status);
}

static void print_text(const struct run *r, const char *title, const char *text)
{
    size_t len = strlen(text);
    if (!len)
        return;
    char *shown = redact(r, text);
    printf("---- %s ----\n%s%s", title, shown, text[len - 1] == '\n' ? "" : "\n");
    printf("---- end of %s ----\n", title);
    free(shown);
    fflush(stdout);
}

static void print_file(const struct run *r, const char *title, const char *path)
{
    char *text = read_file(path, NULL);
    if (text)
        print_text(r, title, text);
    free(text);
}

/* Start pansim and wait for its port file. Returns 0 or -1 (failure reported). */
static int start_pansim(struct run *r)
{
    char *portfile = path_join(r->tmp, "port");
    char *logfile = path_join(r->tmp, "requests.log");
    char *errfile = path_join(r->tmp, "pansim.stderr");
    const struct case_section *extra = case_file_find(r->cf, "pansim");
    char *extra_text = extra ? subst(r, extra->body) : xstrdup("");
    size_t nextra = 0;
    char **extra_words = split_words(extra_text, &nextra);
    int scripted = case_file_find(r->cf, "reply") != NULL;
    size_t i;
    int rc = -1;

    /* Passwords in a --users file are secrets too. */
    for (i = 0; i + 1 < nextra; i++) {
        if (strcmp(extra_words[i], "--users") == 0) {
            char *users = read_file(extra_words[i + 1], NULL);
            char *line = users;
            while (line) {
                char *nl = strchr(line, '\n');
                if (nl)
                    *nl = '\0';
                char *colon = strchr(line, ':');
                if (line[0] != '#' && colon)
                    add_secret(r, "a users-file password", colon + 1);
                line = nl ? nl + 1 : NULL;
            }
            free(users);
        }
    }

    const char *argv[64];
    size_t argc = 0;
    argv[argc++] = r->pansim;
    if (scripted) {
        argv[argc++] = "--case";
        argv[argc++] = r->case_path;
    }
    argv[argc++] = "--port";
    argv[argc++] = "0";
    argv[argc++] = "--portfile";
    argv[argc++] = portfile;
    argv[argc++] = "--log";
    argv[argc++] = logfile;
    for (i = 0; i < nextra && argc < 60; i++)
        argv[argc++] = extra_words[i];
    argv[argc++] = "--quit-after";
    argv[argc++] = "120";
    argv[argc] = NULL;

    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        fail(r, "fork: %s", strerror(errno));
        goto done;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int err = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || err < 0)
            _exit(127);
        dup2(in, 0);
        dup2(err, 1);
        dup2(err, 2);
        if (chdir(r->tmp) != 0)
            _exit(127);
        unsetenv("PANOS_TORTURE");
        unsetenv("PANOS_TORTURE_COUNT");
        unsetenv("PANOS_TORTURE_SECRET");
        execv(r->pansim, (char *const *)argv);
        dprintf(2, "runcase: cannot run %s: %s\n", r->pansim, strerror(errno));
        _exit(127);
    }
    r->sim_pid = pid;

    long long deadline = mono_ms() + PANSIM_START_MS;
    for (;;) {
        char *text = read_file(portfile, NULL);
        if (text && strchr(text, '\n')) {
            char *end = NULL;
            long port = strtol(text, &end, 10);
            if (port > 0 && port < 65536 && *end == '\n') {
                char buf[16];
                snprintf(buf, sizeof buf, "%ld", port);
                r->port = xstrdup(buf);
                free(text);
                break;
            }
        }
        free(text);
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            char how[64];
            describe_status(how, sizeof how, status);
            r->sim_pid = 0;
            fail(r, "pansim (%s) ended before listening (%s)", scripted ? "scripted" : "stateful",
                 how);
            goto done;
        }
        if (mono_ms() > deadline) {
            fail(r, "pansim wrote no port file within %d s", PANSIM_START_MS / 1000);
            goto done;
        }
        sleep_ms(20);
    }

    char *fpfile = path_join(r->tmp, "fp");
    char *fp = read_file(fpfile, NULL);
    if (fp) {
        r->fp = xstrdup(trim(fp));
        free(fp);
    }
    free(fpfile);
    rc = 0;
done:
    free_words(extra_words);
    free(extra_text);
    free(portfile);
    free(logfile);
    free(errfile);
    return rc;
}

/* SIGTERM pansim; it must exit 0. */
static void stop_pansim(struct run *r)
{
    if (r->sim_pid <= 0)
        return;
    int status = 0;
    kill(r->sim_pid, SIGTERM);
    if (!wait_for(r->sim_pid, PANSIM_STOP_MS, &status)) {
        kill(r->sim_pid, SIGKILL);
        waitpid(r->sim_pid, &status, 0);
        fail(r, "pansim did not exit within %d s of SIGTERM", PANSIM_STOP_MS / 1000);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char how[64];
        describe_status(how, sizeof how, status);
        fail(r, "pansim did not exit cleanly after SIGTERM (%s)", how);
    }
    r->sim_pid = 0;
}

/* In the command's process: the allocation to fail, where to count, the key to look for. */
static void torture_env(const struct run *r)
{
    char n[32];
    snprintf(n, sizeof n, "%ld", r->torture);
    char *count = path_join(r->tmp, ".torture-count");
    setenv("PANOS_TORTURE", n, 1);
    setenv("PANOS_TORTURE_COUNT", count, 1);
    const char *secret = r->torture_password ? r->password : r->key;
    if (secret)
        setenv("PANOS_TORTURE_SECRET", secret, 1);
    free(count);
}

/* Run the %% command with /bin/sh. Returns its wait status, or -1 (failure reported). */
static int run_command(struct run *r, const char *command, const char *stdin_path)
{
    char *out = path_join(r->tmp, "stdout");
    char *err = path_join(r->tmp, "stderr");
    char *panrc = path_join(r->tmp, "panrc");
    int status = -1;

    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        fail(r, "fork: %s", strerror(errno));
        goto done;
    }
    if (pid == 0) {
        setpgid(0, 0);
        int in = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY);
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || o < 0 || e < 0)
            _exit(127);
        dup2(in, 0);
        dup2(o, 1);
        dup2(e, 2);
        if (chdir(r->tmp) != 0)
            _exit(127);
        setenv("PANRC", panrc, 1);
        setenv("HOME", r->tmp, 1);
        unsetenv("PANCTL_API_KEY");
        unsetenv("PANCTL_HOST");
        if (r->torture >= 0)
            torture_env(r);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    if (!wait_for(pid, COMMAND_TIMEOUT_MS, &status)) {
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail(r, "the command did not finish within %d s (killed)", COMMAND_TIMEOUT_MS / 1000);
        status = -1;
    }
    /* Let anything the command left in its process group go. */
    kill(-pid, SIGKILL);
done:
    free(out);
    free(err);
    free(panrc);
    return status;
}

/* ---------------------------------------------------------------------------------------------
 * Comparisons.
 */

static void show_diff(struct run *r, const char *what, const char *expected, const char *actual)
{
    char *ef = path_join(r->tmp, "diff.expected");
    char *af = path_join(r->tmp, "diff.actual");
    char elabel[64], alabel[64];
    snprintf(elabel, sizeof elabel, "expected %s", what);
    snprintf(alabel, sizeof alabel, "actual %s", what);
    char *e_shown = redact(r, expected);
    char *a_shown = redact(r, actual);
    if (write_file(ef, e_shown, strlen(e_shown), 0600) == 0 &&
        write_file(af, a_shown, strlen(a_shown), 0600) == 0) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            dup2(1, 2);
            execlp("diff", "diff", "-u", "--label", elabel, "--label", alabel, ef, af,
                   (char *)NULL);
            _exit(127);
        }
        if (pid > 0)
            waitpid(pid, NULL, 0);
    }
    unlink(ef);
    unlink(af);
    free(e_shown);
    free(a_shown);
    free(ef);
    free(af);
}

/* Compare a %% expect-* section (exact, after strip) with @p actual. */
static void check_exact(struct run *r, const char *section, const char *what, const char *actual)
{
    const struct case_section *s = case_file_find(r->cf, section);
    if (!s)
        return;
    char *exp_raw = section_text(r, s);
    char *exp = apply_strip(r, exp_raw);
    char *act = apply_strip(r, actual);
    if (strcmp(exp, act) != 0) {
        fail(r, "%s differs", what);
        show_diff(r, what, exp, act);
    }
    free(exp_raw);
    free(exp);
    free(act);
}

/* Each non-empty line of the %% expect-*-contains section must occur in @p actual. */
static void check_contains(struct run *r, const char *section, const char *what,
                           const char *actual)
{
    const struct case_section *s = case_file_find(r->cf, section);
    if (!s)
        return;
    char *exp = subst(r, s->body);
    char *line = exp;
    int missing = 0;
    while (line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line && !strstr(actual, line)) {
            fail(r, "%s lacks: %s", what, line);
            missing = 1;
        }
        line = nl ? nl + 1 : NULL;
    }
    if (missing) {
        char title[64];
        snprintf(title, sizeof title, "actual %s", what);
        print_text(r, title, *actual ? actual : "(empty)\n");
    }
    free(exp);
}

/* No secret in @p text; @p allow_key lets the minted key through (stdout of prints-key cases). */
static void check_secrets(struct run *r, const char *stream, const char *text, int allow_key)
{
    if (!allow_key && r->key && strstr(text, r->key))
        fail(r, "the API key appears in %s", stream);
    size_t i;
    for (i = 0; i < r->nsecrets; i++) {
        if (strstr(text, r->secrets[i]))
            fail(r, "%s appears in %s", r->secret_names[i], stream);
    }
}

/* ---------------------------------------------------------------------------------------------
 * --torture N.
 */

/* The text of the sections named @p a and @p b, substituted: the stderr lines a case expects. */
static char *expected_stderr(const struct run *r, const char *a, const char *b)
{
    const struct case_section *sa = case_file_find(r->cf, a), *sb = case_file_find(r->cf, b);
    char *ta = sa ? subst(r, sa->body) : xstrdup("");
    char *tb = sb ? subst(r, sb->body) : xstrdup("");
    struct cbuf buf = {0};
    sb_adds(&buf, ta);
    sb_adds(&buf, "\n");
    sb_adds(&buf, tb);
    free(ta);
    free(tb);
    return sb_take(&buf);
}

/*
 * The files the command made or changed under the case directory since @p before, "path\tsize"
 * lines with the case's %% strip applied (a name that holds the time is the same in every run).
 */
static char *created_files(const struct run *r, const char *before)
{
    char *after = rt_tree_list(r->tmp);
    char *created = rt_new_files(before, after);
    char *stripped = apply_strip(r, created);
    free(after);
    free(created);
    return stripped;
}

/* A run that hit the failed allocation: how it ended, what it said, what it left. */
static void torture_failed_run(struct run *r, int status, const char *out, const char *errtext,
                               long expect_exit, const char *before)
{
    if (!WIFEXITED(status)) {
        char how[64];
        describe_status(how, sizeof how, status);
        fail(r, "torture %ld: the command was %s", r->torture, how);
    } else if (WEXITSTATUS(status) == r->torture_exit && WEXITSTATUS(status) != expect_exit) {
        /* The command's own report of a failure (backup's summary): it must name it. */
        if (!strstr(out, "(3) NOMEM") && !strstr(errtext, "(3) NOMEM"))
            fail(r, "torture %ld: exit %d without '(3) NOMEM' on stdout or stderr", r->torture,
                 WEXITSTATUS(status));
    } else if (WEXITSTATUS(status) != expect_exit) {
        char *expected = expected_stderr(r, "expect-stderr", "expect-stderr-contains");
        const char *why = rt_check_stderr(errtext, expected);
        free(expected);
        if (WEXITSTATUS(status) != PANOS_E_NOMEM)
            fail(r, "torture %ld: exit status %d; out of memory is %d", r->torture,
                 WEXITSTATUS(status), (int)PANOS_E_NOMEM);
        if (why)
            fail(r, "torture %ld: %s", r->torture, why);
    }
    char *manifest = r->manifest ? read_file(r->manifest, NULL) : NULL;
    char *created = created_files(r, before);
    char *left = rt_leftovers(created, manifest ? manifest : "");
    if (*left)
        fail(r, "torture %ld: files the complete run does not leave:\n%s", r->torture, left);
    free(left);
    free(created);
    free(manifest);
    if (r->failed)
        print_text(r, "stderr", errtext);
}

/*
 * The verdict of a --torture run. Returns 1 when the command failed for want of memory as it
 * should (exit 3, one line), so the case's expected output and requests do not apply; 0 when
 * they do (no allocation failed, or the command got over it).
 */
static int torture_checks(struct run *r, int status, const char *out, const char *errtext,
                          long expect_exit, const char *before)
{
    char *countfile = path_join(r->tmp, ".torture-count");
    struct rt_count c;
    int counted = rt_read_count(countfile, &c) == 0;
    free(countfile);
    int hit = r->torture > 0 && counted && c.calls >= (unsigned long)r->torture;
    printf("runcase: %s: torture %ld: calls %lu%s\n", r->case_name, r->torture, c.calls,
           hit ? ", failed one" : "");
    if (!counted)
        fail(r, "torture %ld: no process of the command reported its allocations", r->torture);
    if (c.secrets)
        fail(r, "torture %ld: %lu freed block(s) still held the %s", r->torture, c.secrets,
             r->torture_password ? "password" : "API key");
    const char *report = rt_stderr_report(errtext);
    if (report)
        fail(r, "torture %ld: %s", r->torture, report);
    if (r->torture == 0 && r->manifest) {
        char *created = created_files(r, before);
        if (write_file(r->manifest, created, strlen(created), 0600) != 0)
            fail(r, "cannot write %s: %s", r->manifest, strerror(errno));
        free(created);
    }
    if (!hit)
        return 0;
    torture_failed_run(r, status, out, errtext, expect_exit, before);
    return !WIFEXITED(status) || WEXITSTATUS(status) != expect_exit;
}

/* ---------------------------------------------------------------------------------------------
 * Setup and teardown of the private directory.
 */

static int make_key(struct run *r)
{
    panos_buf buf = PANOS_BUF_INIT;
    long long ms = now_ms() - r->key_age * 1000LL;
    panos_code c = panos_apikey_mint(&buf, r->user, r->password, r->master_key, ms,
                                     r->key_lifetime, 0);
    if (c != PANOS_OK) {
        fail(r, "panos_apikey_mint: %s", panos_strerror(c));
        return -1;
    }
    r->key = xstrdup(buf.ptr);
    panos_buf_dispose_secret(&buf);
    r->keyfile = path_join(r->tmp, "key");
    struct cbuf b = {0};
    sb_adds(&b, r->key);
    sb_adds(&b, "\n");
    int rc = write_file(r->keyfile, b.p, b.len, 0600);
    panos_wipe(b.p, b.len);
    free(b.p);
    if (rc != 0) {
        fail(r, "cannot write %s: %s", r->keyfile, strerror(errno));
        return -1;
    }
    return 0;
}

/* Write every %% file section (again after pansim starts, so %PORT% and %FP% are known). */
static int write_files(struct run *r)
{
    size_t i;
    for (i = 0; i < r->cf->count; i++) {
        const struct case_section *s = &r->cf->sections[i];
        if (strcmp(s->name, "file") != 0)
            continue;
        char **words = split_words(s->args, NULL);
        const char *name = words[0];
        mode_t mode = 0600;
        size_t k;
        for (k = 1; words[0] && words[k]; k++) {
            if (strncmp(words[k], "mode=", 5) == 0)
                mode = (mode_t)strtol(words[k] + 5, NULL, 8);
        }
        int rc = 0;
        if (!name || strchr(name, '/') || strcmp(name, "..") == 0 || strcmp(name, ".") == 0) {
            fail(r, "%%%% file needs a plain file name (got '%s')", s->args);
            rc = -1;
        } else {
            char *path = path_join(r->tmp, name);
            char *text = section_text(r, s);
            if (write_file(path, text, strlen(text), mode) != 0) {
                fail(r, "cannot write %s: %s", path, strerror(errno));
                rc = -1;
            }
            free(text);
            free(path);
        }
        free_words(words);
        if (rc != 0)
            return -1;
    }
    return 0;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *p = path_join(dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
        free(p);
    }
    closedir(d);
    rmdir(dir);
}

static char *read_or_empty(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    char *text = read_file(path, NULL);
    free(path);
    return text ? text : xstrdup("");
}

static void usage(void)
{
    fputs("usage: runcase --panctl PATH --pansim PATH [--srcdir DIR] [--torture N [--manifest "
          "FILE]] CASEFILE\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    struct run r;
    memset(&r, 0, sizeof r);
    r.torture = -1;
    r.torture_exit = -1;
    const char *case_arg = NULL;
    const char *srcdir = NULL;
    int i;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--panctl") == 0 && i + 1 < argc)
            r.panctl = argv[++i];
        else if (strcmp(argv[i], "--pansim") == 0 && i + 1 < argc)
            r.pansim = argv[++i];
        else if (strcmp(argv[i], "--srcdir") == 0 && i + 1 < argc)
            srcdir = argv[++i];
        else if (strcmp(argv[i], "--torture") == 0 && i + 1 < argc)
            r.torture = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--manifest") == 0 && i + 1 < argc)
            r.manifest = argv[++i];
        else if (argv[i][0] == '-' || case_arg)
            usage();
        else
            case_arg = argv[i];
    }
    if (!r.panctl || !r.pansim || !case_arg)
        usage();
    /* The command and pansim run in the case's directory: make the paths absolute. */
    char panctl_real[PATH_MAX], pansim_real[PATH_MAX];
    if (realpath(r.panctl, panctl_real))
        r.panctl = panctl_real;
    if (realpath(r.pansim, pansim_real))
        r.pansim = pansim_real;
    signal(SIGPIPE, SIG_IGN);

    char case_real[PATH_MAX];
    if (!realpath(case_arg, case_real)) {
        fprintf(stderr, "runcase: %s: %s\n", case_arg, strerror(errno));
        return EXIT_FAIL;
    }
    r.case_path = case_real;
    const char *base = strrchr(case_real, '/');
    char *name = xstrdup(base ? base + 1 : case_real);
    char *dot = strstr(name, ".case");
    if (dot)
        *dot = '\0';
    r.case_name = name;

    char src_real[PATH_MAX];
    if (srcdir) {
        r.srcdir = srcdir;
    } else {
        /* tests/cases/X.case -> the tree's top directory */
        char *guess = xstrdup(case_real);
        char *s = strrchr(guess, '/');
        size_t up;
        for (up = 0; up < 3 && s; up++) {
            *s = '\0';
            s = strrchr(guess, '/');
        }
        r.srcdir = realpath(guess[0] ? guess : "/", src_real) ? src_real : ".";
        free(guess);
    }

    if (is_disabled(case_real, r.case_name)) {
        free(name);
        return EXIT_SKIP;
    }

    struct case_file cf;
    char err[512];
    if (case_file_load(&cf, case_real, err, sizeof err) != 0) {
        printf("runcase: %s: FAIL: cannot load the case: %s\n", r.case_name, err);
        free(name);
        return EXIT_FAIL;
    }
    r.cf = &cf;

    const struct case_section *command = case_file_find(&cf, "command");
    if (!command) {
        printf("runcase: %s: FAIL: no %%%% command section\n", r.case_name);
        case_file_free(&cf);
        free(name);
        return EXIT_FAIL;
    }

    const char *tmpdir = getenv("TMPDIR");
    char *tmpl = path_join(tmpdir && *tmpdir ? tmpdir : "/tmp", "runcase-XXXXXX");
    if (!mkdtemp(tmpl)) {
        printf("runcase: %s: FAIL: mkdtemp: %s\n", r.case_name, strerror(errno));
        return EXIT_FAIL;
    }
    r.tmp = tmpl;

    char *stdin_path = NULL;
    char *cmd = NULL, *out = NULL, *errtext = NULL, *log = NULL, *before = NULL;
    int relaxed = 0;
    parse_info(&r);
    if (load_strip(&r) != 0 || make_key(&r) != 0 || write_files(&r) != 0)
        goto finish;
    if (start_pansim(&r) != 0)
        goto finish;
    if (write_files(&r) != 0)
        goto finish;

    const struct case_section *in = case_file_find(&cf, "stdin");
    if (in) {
        stdin_path = path_join(r.tmp, ".stdin");
        char *text = section_text(&r, in);
        int wrc = write_file(stdin_path, text, strlen(text), 0600);
        free(text);
        if (wrc != 0) {
            fail(&r, "cannot write %s", stdin_path);
            goto finish;
        }
    }

    cmd = subst(&r, command->body);
    if (r.torture >= 0)
        before = rt_tree_list(r.tmp);
    int status = run_command(&r, cmd, stdin_path);
    if (status == -1)
        goto finish;

    out = read_or_empty(r.tmp, "stdout");
    errtext = read_or_empty(r.tmp, "stderr");

    long expect_exit = 0;
    const struct case_section *ee = case_file_find(&cf, "expect-exit");
    if (ee) {
        char *t = subst(&r, *trim(ee->body) ? ee->body : ee->args);
        expect_exit = strtol(trim(t), NULL, 10);
        free(t);
    }
    if (r.torture >= 0)
        relaxed = torture_checks(&r, status, out, errtext, expect_exit, before);
    if (relaxed) {
        /* checked by torture_checks() */
    } else if (!WIFEXITED(status)) {
        char how[64];
        describe_status(how, sizeof how, status);
        fail(&r, "the command was %s (expected exit %ld)", how, expect_exit);
    } else if (WEXITSTATUS(status) != expect_exit) {
        fail(&r, "exit status %d, expected %ld", WEXITSTATUS(status), expect_exit);
        print_text(&r, "command", command->body);
        print_text(&r, "stderr", errtext);
    }

    if (!relaxed) {
        check_exact(&r, "expect-stdout", "stdout", out);
        check_exact(&r, "expect-stderr", "stderr", errtext);
        check_contains(&r, "expect-stdout-contains", "stdout", out);
        check_contains(&r, "expect-stderr-contains", "stderr", errtext);
    }
    check_secrets(&r, "stdout", out, r.prints_key);
    /* A prints-key case's own key (say from keygen) must stay out of stderr and the log. */
    if (r.prints_key) {
        char *first = xstrdup(out);
        char *nl = strchr(first, '\n');
        if (nl)
            *nl = '\0';
        if (strlen(trim(first)) >= 20)
            add_secret(&r, "the key printed on stdout", trim(first));
        free(first);
    }

    check_secrets(&r, "stderr", errtext, 0);

finish:
    stop_pansim(&r);
    if (r.port) {
        /* The log is complete once pansim has exited. */
        log = read_or_empty(r.tmp, "requests.log");
        if (!relaxed)
            check_exact(&r, "expect-request", "request log", log);
        check_secrets(&r, "the request log", log, 0);
    }
    if (r.failed) {
        char *pe = path_join(r.tmp, "pansim.stderr");
        print_file(&r, "pansim stderr", pe);
        free(pe);
    }

    int result = r.failed ? EXIT_FAIL : EXIT_PASS;
    if (!r.failed)
        printf("runcase: %s: ok\n", r.case_name);
    if (getenv("RUNCASE_KEEP") && *getenv("RUNCASE_KEEP"))
        printf("runcase: kept %s\n", r.tmp);
    else
        remove_tree(r.tmp);

    free(cmd);
    free(out);
    free(errtext);
    free(log);
    free(stdin_path);
    free(before);
    if (r.key) {
        panos_wipe(r.key, strlen(r.key));
        free(r.key);
    }
    free(r.keyfile);
    free(r.port);
    free(r.fp);
    free(r.user);
    if (r.password)
        panos_free_secret(r.password);
    free(r.master_key);
    size_t k;
    for (k = 0; k < r.nsecrets; k++)
        panos_free_secret(r.secrets[k]);
    for (k = 0; k < r.nstrip; k++)
        regfree(&r.strip[k]);
    free(r.tmp);
    free(name);
    case_file_free(&cf);
    return result;
}
