/* SPDX-License-Identifier: MIT */
/* cmd_export.c -- panctl export configuration: the running config streamed to a file, atomically. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    {{"out", required_argument, NULL, 'O'}, "FILE",
     "write to FILE (atomically, mode 0600; - for stdout) instead of a dated file"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

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

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
    const char *out = NULL;
    int rc = cli_simple_opts(ctx, "export", opts, argc, argv, "configuration [--out FILE]",
                             "Download the running configuration (type=export"
                             "&category=configuration) as PAN-OS sends it, streamed to a file "
                             "without holding it: FILE, or HOST-YYYYMMDDTHHMMSSZ.xml in the "
                             "current directory; the file name is printed. The file is written "
                             "atomically, mode 0600; a failed or truncated download leaves no "
                             "file.",
                             &out);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("export", "what to export is missing (configuration)");
    if (strcmp(argv[optind], "configuration") != 0)
        return cli_usage_error("export", "cannot export '%s' (only configuration)", argv[optind]);
    if (optind + 1 < argc)
        return cli_usage_error("export", "unexpected argument '%s'", argv[optind + 1]);
    if (out != NULL && *out == '\0')
        return cli_usage_error("export", "--out needs a file name");
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    panos_export_result res;
    panos_code code;
    if (out != NULL && strcmp(out, "-") == 0) {
        fflush(stdout);
        code = panos_export_to_fd(&res, ctx->client, "configuration", NULL, 0, STDOUT_FILENO);
        return code != PANOS_OK ? cli_fail_client(ctx, code) : 0;
    }
    char name[300];
    if (out == NULL) {
        char host[200];
        cli_export_host(host, sizeof(host), ctx->conn_host ? ctx->conn_host : "panos");
        cli_export_name(name, sizeof(name), host, time(NULL));
        out = name;
    }
    code = panos_export_to_file(&res, ctx->client, "configuration", NULL, 0, out);
    if (code != PANOS_OK)
        return cli_fail_client(ctx, code);
    printf("%s\n", out);
    return 0;
}
