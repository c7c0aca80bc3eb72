/* SPDX-License-Identifier: MIT */
/* cmd_key.c -- panctl key audit: what an API key holds, offline (Nothing4You/panos-crypto-tools
 * src/lib.rs; PAN KB kA14u000000TpOZCA0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"

enum { OPT_MASTER = 256, OPT_REVEAL, OPT_PANORAMA };

static const struct cli_opt opts[] = {
    {{"key-file", required_argument, NULL, 'K'},
     "FILE",
     "the key to audit, from the first line of FILE ('-' reads stdin)"},
    {{"tag", required_argument, NULL, 't'},
     "TAG",
     "the api_key of TAG in ./.panrc or ~/.panrc ($PANRC)"},
    {{"master-key-file", required_argument, NULL, OPT_MASTER},
     "FILE",
     "also try this master key (16 characters, first line of FILE)"},
    {{"reveal", no_argument, NULL, OPT_REVEAL},
     NULL,
     "print the admin's password when the key opens (default: hidden)"},
    {{"panorama", no_argument, NULL, OPT_PANORAMA},
     NULL,
     "the key is a Panorama's (implied by --target): say what expiring keys there does"},
    {{"output", required_argument, NULL, 'o'},
     "FORMAT",
     "text (default), json, or csv (one record: a header line and a row)"},
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

static const char usage[] =
    "audit [--key-file FILE | -t TAG | -] [--master-key-file FILE] [--reveal] [--panorama]\n"
    "       [-o json|text|csv]";

/* What a Panorama key means for its managed firewalls (PAN-OS Administrator's Guide, "Generate
 * an API Key Certificate" (11.1+): "Expire all API Keys" affects only the local device; PAN-OS
 * XML API guide, "Query a Firewall from Panorama (API)"). */
static const char panorama_note[] =
    "on a Panorama, Expire All API Keys revokes the keys made on that Panorama only: the "
    "firewalls' own keys stay valid (expire them on each firewall); target= requests made "
    "with this key are checked by Panorama, so expiring it there stops them";

static void help(void)
{
    cli_help("key", usage,
             "Audit an API key offline (no request is made): its format, whether the PAN-OS\n"
             "default master key (or --master-key-file) opens it, and then the admin user, when "
             "it was\nmade and when it expires. The key comes from --key-file, -t TAG or '-' "
             "(stdin), else\nthe global -K/-t, else PANCTL_API_KEY, else the .panrc. The key is "
             "shown redacted.\nExit status: 2 CRITICAL (opens with the default master key: the "
             "admin's password is\nrecoverable), 1 WARNING (never expires, pre-9.0 layout, or "
             "expired), 3 NOT A KEY (not\nbase64 of a well-formed -AQ== envelope), 0 otherwise; "
             "usage errors are also 2 (the\nverdict on stdout tells them apart).\n"
             "  panctl key audit --key-file ~/.fw1.key\n"
             "  panctl -t fw1 key audit -o json | jq -r .verdict",
             opts);
}

static int copy_secret(panos_buf *out, const char *s)
{
    size_t n = strlen(s);
    out->ptr = malloc(n + 1);
    if (out->ptr == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    memcpy(out->ptr, s, n + 1);
    out->size = n;
    return 0;
}

static int read_secret(panos_buf *out, const char *path)
{
    char err[512] = "";
    panos_code code = panos_secret_read_file(out, path, err, sizeof(err));
    return code == PANOS_OK ? 0 : cli_local_error(code, err);
}

/* The api_key of -t @p tag (NULL: untagged lines) from the .panrc files panctl reads (./.panrc,
 * ~/.panrc, or $PANRC). Returns 0 (out->ptr NULL when there is none and @p tag is NULL) or the
 * exit status. */
static int read_rc_key(struct cli_ctx *ctx, panos_buf *out, const char *tag)
{
    ctx->tag = tag; /* key audit's own -t, or the global one: the files are read for it */
    int rc = cli_rc_load(ctx, 1);
    if (rc != 0)
        return rc;
    const char *path = NULL;
    const char *k = cli_rc_first(ctx, "api_key", &path);
    if (k && k[0])
        return copy_secret(out, k);
    if (tag)
        return cli_usage_error("key", "-t %s: no api_key%%%s line in %s", tag, tag, path);
    return 0;
}

/* At most the first 6 and the last 4 characters (PAN KB kA14u000000TpOZCA0 (key embeds the
 * password); pan-python doc/panrc.rst (chmod 600)). */
static void redact(char *out, size_t len, const char *key)
{
    size_t n = strlen(key);
    if (n >= 16)
        snprintf(out, len, "%.6s\xe2\x80\xa6%s", key, key + n - 4);
    else if (n >= 8)
        snprintf(out, len, "%.2s\xe2\x80\xa6", key);
    else
        snprintf(out, len, "\xe2\x80\xa6");
}

static void fmt_time(char *out, size_t len, long long secs, int iso)
{
    time_t t = (time_t)secs;
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL ||
        strftime(out, len, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
        snprintf(out, len, "%lld", secs);
}

/* Text output: control characters of a decrypted field as '?'. */
static void put_clean(const char *s)
{
    for (; *s; s++)
        putchar((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* A copy of @p s cleaned as put_clean() prints it (caller frees), or NULL when out of memory. */
static char *clean_dup(const char *s)
{
    char *d = strdup(s);
    for (char *p = d; p && *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return d;
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        int n = *s < 0x80 ? 0 : (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2
                : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        s++;
        for (; n > 0; n--, s++)
            if ((*s & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* The password as a JSON string written by hand, so no unwiped copy is left in jansson. */
static void put_json_secret(const char *s)
{
    int utf8 = valid_utf8((const unsigned char *)s);
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f || (c >= 0x80 && !utf8))
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* The verdicts as json and csv name them. */
static const char *const verdict_names[] = {"ok", "warning", "critical", "not-a-key"};

/* The exit status of each verdict: 0-2 as a monitoring plugin's OK, WARNING, CRITICAL, and 3
 * (a plugin's UNKNOWN) for a string that is no PAN-OS key at all. */
enum verdict { V_OK = 0, V_WARNING = 1, V_CRITICAL = 2, V_NOT_A_KEY = 3 };

struct audit {
    char redacted[32];
    size_t key_len;
    const char *format;     /* v9, pre9, envelope, unrecognised */
    const char *master;     /* default, given, NULL */
    int mk_given;
    int never, expired;
    char gen_iso[32], exp_iso[32], gen_txt[40], exp_txt[40];
    enum verdict verdict;
    char message[512];
    int panorama; /* --panorama or --target: add panorama_note */
};

static void judge(struct audit *a, const panos_apikey_info *in)
{
    const char *user = in->user ? in->user : "";
    if (in->format != PANOS_APIKEY_ENVELOPE) {
        /* Every PAN-OS key that has been seen is base64 of the -AQ== envelope
         * (Nothing4You/panos-crypto-tools src/lib.rs (key envelope); PAN KB kA14u0000004LqvCAE); a
         * key made under an API key certificate (11.1+) has no public format (PAN-OS XML API guide,
         * "Generate an API Key Certificate", 11.1+), so nothing else can be called a key. */
        a->verdict = V_NOT_A_KEY;
        snprintf(a->message, sizeof(a->message),
                 "NOT A KEY: not base64 of a well-formed PAN-OS -AQ== key envelope; check that "
                 "the whole key was copied");
        return;
    }
    if (!in->opened) {
        a->verdict = V_OK;
        snprintf(a->message, sizeof(a->message),
                 "OK: cannot be read with the default master key%s: another master key is in "
                 "use, or possibly certificate-encrypted (PAN-OS 11.1+)",
                 a->mk_given ? " nor the given one" : "");
        return;
    }
    char life[96] = "";
    if (a->never)
        snprintf(life, sizeof(life), "; it never expires: also set an API key lifetime");
    if (strcmp(a->master, "default") == 0) {
        a->verdict = V_CRITICAL;
        snprintf(a->message, sizeof(a->message),
                 "CRITICAL: the key opens with the default master key, so the password of admin "
                 "'%.64s' is recoverable by anyone who has the key (and every secret in the "
                 "configuration is exposed); change the master key (this invalidates all API "
                 "keys) and make new keys%s",
                 user, life);
        return;
    }
    if (in->layout == PANOS_APIKEY_LAYOUT_PRE90) {
        a->verdict = V_WARNING;
        snprintf(a->message, sizeof(a->message),
                 "WARNING: pre-9.0 layout (user:password, never expires, the same for every "
                 "keygen); set an API key lifetime and make a new key, then rotate");
    } else if (a->never) {
        a->verdict = V_WARNING;
        snprintf(a->message, sizeof(a->message),
                 "WARNING: the key never expires (API key lifetime 0, the default); set an API "
                 "key lifetime (30-90 days is common) and rotate the key");
    } else if (a->expired) {
        a->verdict = V_WARNING;
        snprintf(a->message, sizeof(a->message),
                 "WARNING: the key expired on %s; make a new one with 'panctl keygen'",
                 a->exp_txt);
    } else {
        a->verdict = V_OK;
        snprintf(a->message, sizeof(a->message),
                 "OK: opens only with the given master key and expires on %s; keep both private",
                 a->exp_txt);
    }
}

static void print_text(const struct audit *a, const panos_apikey_info *in, int reveal)
{
    printf("%-11s  %s (%zu characters)\n", "key", a->redacted, a->key_len);
    const char *fmt = "not a PAN-OS API key (not base64 of a -AQ== key envelope)";
    if (strcmp(a->format, "v9") == 0)
        fmt = "PAN-OS 9.0+ (user:password, generation time, expiry)";
    else if (strcmp(a->format, "pre9") == 0)
        fmt = "pre-9.0 (user:password, no expiry)";
    else if (strcmp(a->format, "envelope") == 0)
        fmt = "PAN-OS -AQ== key envelope (layout unknown: not opened)";
    printf("%-11s  %s\n", "format", fmt);
    if (in->format == PANOS_APIKEY_ENVELOPE) {
        if (a->master == NULL)
            printf("%-11s  %s\n", "master key",
                   a->mk_given ? "neither the default nor the given one opens it"
                               : "the default one does not open it");
        else if (strcmp(a->master, "default") == 0)
            printf("%-11s  %s\n", "master key", "the DEFAULT one opens it");
        else
            printf("%-11s  %s\n", "master key", "the given one opens it (not the default)");
    }
    if (in->opened) {
        printf("%-11s  ", "user");
        put_clean(in->user ? in->user : "");
        putchar('\n');
        printf("%-11s  ", "password");
        if (reveal)
            put_clean(in->password ? in->password : "");
        else
            fputs("hidden (--reveal shows it)", stdout);
        putchar('\n');
        if (in->layout == PANOS_APIKEY_LAYOUT_V90)
            printf("%-11s  %s\n", "generated", a->gen_txt);
        if (a->never)
            printf("%-11s  %s\n", "expires", "never (API key lifetime 0)");
        else
            printf("%-11s  %s%s\n", "expires", a->exp_txt, a->expired ? " (expired)" : "");
    }
    printf("%-11s  ", "verdict");
    put_clean(a->message); /* it quotes the user name the key holds */
    putchar('\n');
    if (a->panorama)
        printf("%-11s  %s\n", "panorama", panorama_note);
}

static int print_json(const struct audit *a, const panos_apikey_info *in, int reveal, int pretty)
{
    json_t *o = json_object();
    if (o == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    json_object_set_new(o, "key", json_string(a->redacted));
    json_object_set_new(o, "format", json_string(a->format));
    json_object_set_new(o, "opened", json_boolean(in->opened));
    json_object_set_new(o, "master_key", a->master ? json_string(a->master) : json_null());
    json_object_set_new(o, "user", in->opened && in->user ? cli_json_string(in->user) : json_null());
    json_object_set_new(o, "generated", a->gen_iso[0] ? json_string(a->gen_iso) : json_null());
    json_object_set_new(o, "expires", a->exp_iso[0] ? json_string(a->exp_iso) : json_null());
    json_object_set_new(o, "never_expires", json_boolean(a->never));
    json_object_set_new(o, "expired", json_boolean(a->expired));
    json_object_set_new(o, "verdict", json_string(verdict_names[a->verdict]));
    json_object_set_new(o, "message", cli_json_string(a->message)); /* may cut UTF-8 */
    if (a->panorama)
        json_object_set_new(o, "panorama", json_string(panorama_note));
    char *s = json_dumps(o, JSON_PRESERVE_ORDER | (pretty ? JSON_INDENT(2) : JSON_COMPACT));
    json_decref(o);
    if (s == NULL)
        return cli_local_error(PANOS_E_NOMEM, NULL);
    if (reveal && in->opened) {
        /* Open the object again and add the password last. */
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == '}' || s[n - 1] == '\n' || s[n - 1] == ' '))
            n--;
        fwrite(s, 1, n, stdout);
        fputs(pretty ? ",\n  \"password\": " : ",\"password\":", stdout);
        put_json_secret(in->password ? in->password : "");
        fputs(pretty ? "\n}\n" : "}\n", stdout);
    } else {
        puts(s);
    }
    free(s);
    return 0;
}

/* One CSV record of the JSON fields (the decrypted ones cleaned as in text), the password last
 * with --reveal. */
static int print_csv(const struct audit *a, const panos_apikey_info *in, int reveal)
{
    static const char *const names[] = {"key",     "format",        "opened",  "master_key",
                                         "user",    "generated",     "expires", "never_expires",
                                         "expired", "verdict",       "message", "password"};
    char *user = clean_dup(in->opened && in->user ? in->user : "");
    char *message = clean_dup(a->message);
    char *password = reveal && in->opened ? clean_dup(in->password ? in->password : "") : NULL;
    int rc;
    if (user == NULL || message == NULL || (reveal && in->opened && password == NULL)) {
        rc = cli_local_error(PANOS_E_NOMEM, NULL);
    } else {
        const char *values[] = {a->redacted,      a->format,
                                in->opened ? "true" : "false",
                                a->master ? a->master : "",
                                user,             a->gen_iso,
                                a->exp_iso,       a->never ? "true" : "false",
                                a->expired ? "true" : "false",
                                verdict_names[a->verdict],
                                message,          password};
        rc = cli_print_record(names, values, password ? 12 : 11);
    }
    free(user);
    free(message);
    panos_free_secret(password);
    return rc;
}

static int audit(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *key_file = NULL, *tag = NULL, *mk_file = NULL;
    int c, reveal = 0, fmt_set = 0, sources = 0, rc = 0, panorama = 0;
    enum cli_format fmt = CLI_FORMAT_TEXT;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'K': key_file = optarg; sources++; break;
        case 't': tag = optarg; sources++; break;
        case OPT_MASTER: mk_file = optarg; break;
        case OPT_REVEAL: reveal = 1; break;
        case OPT_PANORAMA:
            panorama = 1;
            break;
        case 'o':
            if (cli_format_parse(optarg, &fmt) != 0 || fmt == CLI_FORMAT_XML)
                return cli_usage_error("key", "--output %s: expected json, text or csv",
                                       optarg);
            fmt_set = 1;
            break;
        case 'h': help(); return 0;
        default:
            if ((rc = cli_global_option(ctx, "key", c, optarg)) != 0)
                return rc;
        }
    }
    for (; optind < argc; optind++) {
        if (strcmp(argv[optind], "-") != 0)
            return cli_usage_error("key",
                                   "unexpected argument '%s' (give the key with --key-file "
                                   "FILE or '-' for stdin: a key on the command line is "
                                   "visible to other users)",
                                   argv[optind]);
        key_file = "-";
        sources++;
    }
    if (sources > 1)
        return cli_usage_error("key", "%s", "give one key: --key-file FILE, -t TAG or '-'");
    if (!fmt_set && ctx->format_set && ctx->format != CLI_FORMAT_XML)
        fmt = ctx->format; /* the global -o; xml has no meaning here: text */

    panos_buf key = PANOS_BUF_INIT, mk = PANOS_BUF_INIT;
    panos_apikey_info info = {0};
    if (key_file)
        rc = read_secret(&key, key_file);
    else if (tag)
        rc = read_rc_key(ctx, &key, tag);
    else if (ctx->key_file)
        rc = read_secret(&key, ctx->key_file);
    else if (ctx->key_arg)
        rc = copy_secret(&key, ctx->key_arg);
    else if (ctx->tag)
        rc = read_rc_key(ctx, &key, ctx->tag);
    else if (getenv("PANCTL_API_KEY") && getenv("PANCTL_API_KEY")[0])
        rc = copy_secret(&key, getenv("PANCTL_API_KEY"));
    else
        rc = read_rc_key(ctx, &key, NULL);
    if (rc != 0)
        goto done;
    if (key.ptr == NULL) {
        rc = cli_usage_error("key", "%s",
                             "no key to audit: use --key-file FILE, -t TAG, '-' (stdin) or "
                             "PANCTL_API_KEY");
        goto done;
    }
    /* Trailing blanks (a CR from a Windows editor) are not part of a key. */
    while (key.size > 0 && strchr(" \t\r\n", key.ptr[key.size - 1])) {
        key.ptr[--key.size] = '\0';
    }
    if (key.size == 0) {
        rc = cli_usage_error("key", "%s", "the key is empty");
        goto done;
    }
    if (mk_file) {
        if ((rc = read_secret(&mk, mk_file)) != 0)
            goto done;
        if (strlen(mk.ptr) != 16) {
            rc = cli_usage_error("key",
                                 "--master-key-file %s: a master key is 16 characters on the "
                                 "first line, this one has %zu",
                                 mk_file, strlen(mk.ptr));
            goto done;
        }
    }

    struct audit a;
    memset(&a, 0, sizeof(a));
    a.mk_given = mk.ptr != NULL;
    a.panorama = panorama || ctx->target != NULL;
    a.key_len = key.size;
    redact(a.redacted, sizeof(a.redacted), key.ptr);
    panos_code code = panos_apikey_decode(&info, key.ptr, NULL);
    if (code == PANOS_OK && info.opened) {
        a.master = "default";
    } else if (code == PANOS_OK && info.format == PANOS_APIKEY_ENVELOPE && mk.ptr &&
               strcmp(mk.ptr, PANOS_APIKEY_DEFAULT_MASTER_KEY) != 0) {
        panos_apikey_info_clear(&info);
        code = panos_apikey_decode(&info, key.ptr, mk.ptr);
        if (code == PANOS_OK && info.opened)
            a.master = "given";
    }
    if (code != PANOS_OK) {
        rc = cli_local_error(code, NULL);
        goto done;
    }
    if (info.format != PANOS_APIKEY_ENVELOPE)
        a.format = "unrecognised";
    else if (!info.opened)
        a.format = "envelope";
    else if (info.layout == PANOS_APIKEY_LAYOUT_V90)
        a.format = "v9";
    else
        a.format = "pre9";
    if (info.opened) {
        a.never = info.layout != PANOS_APIKEY_LAYOUT_V90 || info.expiry_ms < 0;
        if (info.layout == PANOS_APIKEY_LAYOUT_V90) {
            fmt_time(a.gen_iso, sizeof(a.gen_iso), info.gentime, 1);
            fmt_time(a.gen_txt, sizeof(a.gen_txt), info.gentime, 0);
        }
        if (!a.never) {
            long long secs = info.expiry_ms / 1000;
            fmt_time(a.exp_iso, sizeof(a.exp_iso), secs, 1);
            fmt_time(a.exp_txt, sizeof(a.exp_txt), secs, 0);
            a.expired = info.expiry_ms <= (long long)time(NULL) * 1000;
        }
    }
    judge(&a, &info);
    if (fmt == CLI_FORMAT_JSON)
        rc = print_json(&a, &info, reveal, ctx->pretty);
    else if (fmt == CLI_FORMAT_CSV)
        rc = print_csv(&a, &info, reveal);
    else
        print_text(&a, &info, reveal);
    if (rc == 0 && (fflush(stdout) != 0 || ferror(stdout)))
        rc = cli_local_error(PANOS_E_IO, "cannot write the output");
    if (rc == 0)
        rc = (int)a.verdict;
done:
    panos_apikey_info_clear(&info);
    panos_buf_dispose_secret(&key);
    panos_buf_dispose_secret(&mk);
    return rc;
}

int cmd_key(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc;

    /* Global options may also come between "key" and the action. */
    cli_opts_build(NULL, longs, shorts + 1, sizeof(shorts) - 1);
    shorts[0] = '+'; /* stop at the action */
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            help();
            return 0;
        }
        if ((rc = cli_global_option(ctx, "key", c, optarg)) != 0)
            return rc;
    }
    if (optind >= argc)
        return cli_usage_error("key", "%s", "expected an action: audit");
    if (strcmp(argv[optind], "audit") != 0)
        return cli_usage_error("key", "unknown action '%s' (expected: audit)", argv[optind]);
    int action = optind;
    optind = 0;
    argv[action] = (char *)"panctl key audit"; /* how getopt_long's messages name it */
    return audit(ctx, argc - action, argv + action);
}
