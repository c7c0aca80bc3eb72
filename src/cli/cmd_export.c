/* SPDX-License-Identifier: MIT */
/* cmd_export.c -- panctl export configuration|certificate|device-state: streamed to a file,
 * atomically. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

enum { OPT_NAME = 256, OPT_FORMAT, OPT_INCLUDE_KEY, OPT_PASSFILE };

static const struct cli_opt opts[] = {
    {{"out", required_argument, NULL, 'O'},
     "FILE",
     "write to FILE (atomically, mode 0600; - for stdout) instead of the default name"},
    {{"name", required_argument, NULL, OPT_NAME}, "NAME", "certificate: the certificate's name"},
    {{"format", required_argument, NULL, OPT_FORMAT},
     "FMT",
     "certificate: pem or pkcs12 (pkcs12 always holds the key)"},
    {{"include-key", no_argument, NULL, OPT_INCLUDE_KEY},
     NULL,
     "certificate: add the private key, encrypted with the passphrase"},
    {{"passphrase-file", required_argument, NULL, OPT_PASSFILE},
     "F",
     "certificate: the passphrase that protects the key, from F (mode 0600; - for stdin)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] = "configuration | certificate --name NAME --format pem|pkcs12 "
                            "[--include-key --passphrase-file F] | device-state  [--out FILE]";

static void help(void)
{
    cli_help("export", usage,
             "Download from the device (type=export), streamed to a file without holding it, "
             "written\natomically (mode 0600; a failed or truncated download leaves no file); "
             "the file name is printed.\n"
             "  configuration: the running configuration, HOST-YYYYMMDDTHHMMSSZ.xml by "
             "default.\n"
             "  certificate:   the certificate NAME as PEM (with --include-key, its key too) "
             "or PKCS12,\n                 NAME.pem or NAME.p12 (lower case) by default, as "
             "PAN-OS names it.\n"
             "  device-state:  the device-state bundle (a gzip'd tar), "
             "HOST-device-state-YYYYMMDDTHHMMSSZ.tgz.\n"
             "  panctl export certificate --name web --format pkcs12 --passphrase-file p.txt",
             opts);
}

size_t cli_export_name(char *buf, size_t len, const char *name, time_t when)
{
    struct tm tm;
    char stamp[32] = "";
    if (gmtime_r(&when, &tm) != NULL)
        strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
    size_t n = 0;
    for (const char *p = name; *p != '\0' && n + 1 < len && n < 128; p++) {
        char ch = *p;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '-' || ch == '_';
        buf[n++] = ok ? ch : '_';
    }
    if (n == 0 || buf[0] == '.')
        buf[0] = '_', n = n == 0 ? 1 : n;
    int w = snprintf(buf + n, len > n ? len - n : 0, "-%s.xml", stamp);
    return w < 0 ? n : n + (size_t)w;
}

/* The host part of what cli_connect() used: no scheme, path, port or IPv6 brackets. */
void cli_export_host(char *buf, size_t len, const char *host)
{
    const char *p = strstr(host, "://");
    p = p != NULL ? p + 3 : host;
    if (*p == '[')
        p++;
    size_t n = strcspn(p, "]/");
    if (strchr(p, '[') == NULL && memchr(p, ':', n) != NULL && strchr(p, ':') == strrchr(p, ':'))
        n = (size_t)(strchr(p, ':') - p); /* HOST:PORT, not a bare IPv6 address */
    snprintf(buf, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

/* What the options say; checked before anything is sent. */
struct export_args {
    const char *what, *out, *name, *format, *passfile;
    int include_key;
};

static int check(const struct export_args *a)
{
    int cert = strcmp(a->what, "certificate") == 0;
    if (!cert && strcmp(a->what, "configuration") != 0 && strcmp(a->what, "device-state") != 0)
        return cli_usage_error("export",
                               "cannot export '%s' (configuration, certificate or "
                               "device-state)",
                               a->what);
    if (!cert && (a->name || a->format || a->passfile || a->include_key))
        return cli_usage_error("export",
                               "%s takes no --name, --format, --include-key or "
                               "--passphrase-file",
                               a->what);
    if (a->out != NULL && *a->out == '\0')
        return cli_usage_error("export", "--out needs a file name");
    if (!cert)
        return 0;
    if (a->name == NULL || a->name[0] == '\0')
        return cli_usage_error("export", "%s", "a certificate needs --name NAME");
    if (a->format == NULL)
        return cli_usage_error("export", "%s", "a certificate needs --format pem|pkcs12");
    int p12 = strcmp(a->format, "pkcs12") == 0;
    if (!p12 && strcmp(a->format, "pem") != 0)
        return cli_usage_error("export", "--format %s: expected pem or pkcs12", a->format);
    if ((p12 || a->include_key) && a->passfile == NULL)
        return cli_usage_error("export", "%s", "the private key needs --passphrase-file F");
    if (!p12 && !a->include_key && a->passfile != NULL)
        return cli_usage_error("export", "%s",
                               "--passphrase-file is for --include-key or "
                               "pkcs12");
    return 0;
}

/* The default file: the dated HOST name, or the certificate's lower-cased name. */
static void default_name(char *buf, size_t len, const struct cli_ctx *ctx,
                         const struct export_args *a)
{
    char host[200];
    if (strcmp(a->what, "certificate") == 0) {
        size_t n = cli_export_name(buf, len, a->name, 0);
        n = n < len ? n : len - 1;
        char *dash = strrchr(buf, '-'); /* the stamp cli_export_name adds */
        if (dash != NULL)
            *dash = '\0';
        for (char *p = buf; *p; p++)
            *p = (char)tolower((unsigned char)*p);
        strncat(buf, strcmp(a->format, "pkcs12") == 0 ? ".p12" : ".pem", len - strlen(buf) - 1);
        return;
    }
    cli_export_host(host, sizeof(host), ctx->conn_host ? ctx->conn_host : "panos");
    if (strcmp(a->what, "device-state") == 0)
        strncat(host, "-device-state", sizeof(host) - strlen(host) - 1);
    size_t n = cli_export_name(buf, len, host, time(NULL));
    if (strcmp(a->what, "device-state") == 0 && n < len && n > 4)
        memcpy(buf + n - 4, ".tgz", 4);
}

static int run(struct cli_ctx *ctx, const struct export_args *a)
{
    panos_buf pass = PANOS_BUF_INIT;
    panos_param p[4];
    size_t n = 0;
    int rc;
    if (a->passfile != NULL && (rc = cli_read_passphrase(&pass, a->passfile)) != 0)
        return rc;
    if (strcmp(a->what, "certificate") == 0) {
        p[n++] = (panos_param){"certificate-name", a->name};
        p[n++] = (panos_param){"format", a->format};
        p[n++] = (panos_param){"include-key", a->include_key || pass.ptr ? "yes" : "no"};
        if (pass.ptr != NULL)
            p[n++] = (panos_param){"passphrase", pass.ptr};
    }
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    panos_export_result res;
    panos_code code;
    if (a->out != NULL && strcmp(a->out, "-") == 0) {
        fflush(stdout);
        code = panos_export_to_fd(&res, ctx->client, a->what, p, n, STDOUT_FILENO);
        rc = code != PANOS_OK ? cli_fail_client(ctx, code) : 0;
        goto done;
    }
    char name[300];
    const char *out = a->out;
    if (out == NULL) {
        default_name(name, sizeof(name), ctx, a);
        out = name;
    }
    code = panos_export_to_file(&res, ctx->client, a->what, p, n, out);
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
        goto done;
    }
    printf("%s\n", out);
done:
    panos_buf_dispose_secret(&pass);
    return rc;
}

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    struct export_args a = {0};
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'O':
            a.out = optarg;
            break;
        case OPT_NAME:
            a.name = optarg;
            break;
        case OPT_FORMAT:
            a.format = optarg;
            break;
        case OPT_INCLUDE_KEY:
            a.include_key = 1;
            break;
        case OPT_PASSFILE:
            a.passfile = optarg;
            break;
        case 'h':
            help();
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "export", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind >= argc)
        return cli_usage_error("export", "what to export is missing (configuration, "
                                         "certificate or device-state)");
    if (optind + 1 < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind + 1]);
    a.what = argv[optind];
    if ((rc = check(&a)) != 0)
        return rc;
    return run(ctx, &a);
}
