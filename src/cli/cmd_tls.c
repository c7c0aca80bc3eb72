/* SPDX-License-Identifier: MIT */
/* cmd_tls.c -- panctl tls: show the certificate a firewall presents, to pin it with --pin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/tls.h>
#include "cli.h"

static const struct cli_opt opts[] = {
    CLI_OPT_HELP,
    CLI_OPT_END,
};

int cmd_tls(struct cli_ctx *ctx, int argc, char **argv)
{
    int rc;

    rc = cli_simple_opts(ctx, "tls", opts, argc, argv, "[fingerprint] [HOST[:PORT]]",
                         "Connect to the firewall (--host, --port), complete a TLS handshake "
                         "WITHOUT verifying it, and\nprint the certificate's SHA-256 fingerprint, "
                         "subject, issuer and validity. Compare the\nfingerprint with the one the "
                         "firewall shows (Device > Certificates) before using --pin.\n"
                         "  panctl -H 192.0.2.1 tls",
                         NULL);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
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
    unsigned int url_port = 0;
    int use_http = 0;
    if (cli_parse_host(host, h, sizeof(h), &url_port, &use_http) != 0)
        return cli_usage_error("tls", "cannot read the host '%s'", host);
    size_t hl = strlen(h);
    if (h[0] == '[' && h[hl - 1] == ']') { /* the address itself, for the resolver */
        memmove(h, h + 1, hl - 2);
        h[hl - 2] = '\0';
    }
    unsigned int port = ctx->port ? ctx->port : url_port;
    /* --deadline bounds the whole command, as everywhere: a server that accepts the connection
     * and never answers the handshake must not hold tls for --timeout (120 s by default). */
    long timeout_ms = ctx->timeout_ms;
    if (ctx->deadline_set && ctx->deadline_ms > 0 && ctx->deadline_ms < timeout_ms)
        timeout_ms = ctx->deadline_ms;
    panos_tls_cert_info info;
    char err[512] = "";
    panos_code code =
        panos_tls_peer_certificate(&info, h, port ? port : 443, timeout_ms, err, sizeof(err));
    if (code != PANOS_OK)
        return cli_local_error(code, err);
    if (ctx->format == CLI_FORMAT_CSV) {
        static const char *const names[] = {"sha256",     "subject",   "issuer",
                                            "not_before", "not_after", "self_signed"};
        const char *values[] = {info.sha256,     info.subject,   info.issuer,
                                info.not_before, info.not_after, info.self_signed ? "true" : "false"};
        return cli_print_record(names, values, 6);
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
