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
            cli_help("tls", "[fingerprint]",
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
    if (optind < argc)
        return cli_usage_error("tls", "unexpected argument '%s'", argv[optind]);
    const char *host = ctx->host_arg ? ctx->host_arg : getenv("PANCTL_HOST");
    if (host == NULL || host[0] == '\0') {
        cli_error("no firewall given: use --host HOST or PANCTL_HOST");
        return PANOS_E_INVALID_ARG;
    }
    char h[256];
    size_t len = strlen(host);
    if (host[0] == '[' && len > 2 && host[len - 1] == ']')
        snprintf(h, sizeof(h), "%.*s", (int)(len - 2), host + 1);
    else
        snprintf(h, sizeof(h), "%s", host);
    panos_tls_cert_info info;
    char err[512] = "";
    panos_code code = panos_tls_peer_certificate(&info, h, ctx->port ? ctx->port : 443,
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
