/* SPDX-License-Identifier: MIT */
/* cmd_tls.c -- panctl tls: show the certificate a firewall presents, to pin it with --pin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/tls.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

int cmd_tls(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[4];
    char shorts[8];
    int c;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            cli_help("tls", "[fingerprint] [HOST[:PORT]]",
                     "Connect to the firewall (--host, --port), complete a TLS handshake "
                     "WITHOUT verifying it, and\nprint the certificate's SHA-256 fingerprint, "
                     "subject, issuer and validity. Compare the\nfingerprint with the one the "
                     "firewall shows (Device > Certificates) before using --pin.\n"
                     "  panctl -H 192.0.2.1 tls",
                     opts);
            return 0;
        }
        return cli_usage_error("tls", "%s", "bad option");
    }
    if (optind < argc && strcmp(argv[optind], "fingerprint") == 0)
        optind++;
    const char *host = ctx->host_arg ? ctx->host_arg : getenv("PANCTL_HOST");
    if (optind < argc)
        host = argv[optind++];
    if (optind < argc)
        return cli_usage_error("tls", "unexpected argument '%s'", argv[optind]);
    if (host == NULL || host[0] == '\0') {
        cli_error("no firewall given: panctl tls fingerprint HOST[:PORT], or --host HOST");
        return PANOS_E_INVALID_ARG;
    }
    /* HOST, HOST:PORT, [IPv6] or [IPv6]:PORT; a URL's scheme and path are ignored. */
    char h[256];
    unsigned int port = ctx->port;
    const char *p = strstr(host, "://") ? strstr(host, "://") + 3 : host;
    size_t len = strcspn(p, "/");
    const char *colon = NULL;
    if (p[0] == '[') {
        const char *close = memchr(p, ']', len);
        if (close == NULL)
            return cli_usage_error("tls", "cannot read the host '%s'", host);
        if (close + 1 < p + len && close[1] == ':')
            colon = close + 1;
        snprintf(h, sizeof(h), "%.*s", (int)(close - p - 1), p + 1);
    } else {
        colon = memchr(p, ':', len);
        if (colon && memchr(colon + 1, ':', len - (size_t)(colon + 1 - p)))
            colon = NULL; /* a bare IPv6 address */
        snprintf(h, sizeof(h), "%.*s", (int)(colon ? (size_t)(colon - p) : len), p);
    }
    if (colon && !ctx->port) {
        char *end = NULL;
        long v = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || (*end && *end != '/') || v < 1 || v > 65535)
            return cli_usage_error("tls", "bad port in '%s'", host);
        port = (unsigned int)v;
    }
    panos_tls_cert_info info;
    char err[512] = "";
    panos_code code = panos_tls_peer_certificate(&info, h, port ? port : 443,
                                                 ctx->timeout_ms, err, sizeof(err));
    if (code != PANOS_OK) {
        cli_error("(%d) %s: %s", (int)code, panos_code_name(code), err);
        return (int)code;
    }
    if (ctx->format == CLI_FORMAT_JSON) {
        json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "sha256", info.sha256, "subject",
                              info.subject, "issuer", info.issuer, "not_before", info.not_before,
                              "not_after", info.not_after, "self_signed", info.self_signed);
        if (o == NULL)
            return PANOS_E_NOMEM;
        json_dumpf(o, stdout, JSON_PRESERVE_ORDER);
        putchar('\n');
        json_decref(o);
    } else {
        printf("sha256      %s\nsubject     %s\nissuer      %s\nnot before  %s\nnot after   %s\n"
               "self-signed %s\n",
               info.sha256, info.subject, info.issuer, info.not_before, info.not_after,
               info.self_signed ? "yes" : "no");
        if (ctx->pretty)
            fprintf(stderr, "panctl: this certificate was NOT verified; check the fingerprint "
                            "on the firewall, then use --pin %s\n",
                    info.sha256);
    }
    return 0;
}
