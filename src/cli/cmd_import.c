/* SPDX-License-Identifier: MIT */
/* cmd_import.c -- panctl import: a configuration, certificate or key pair uploaded (multipart). */
#include <stdio.h>
#include <string.h>
#include "cli.h"

enum { OPT_NAME = 256, OPT_FORMAT, OPT_PASSFILE };

static const struct cli_opt opts[] = {
    {{"name", required_argument, NULL, OPT_NAME},
     "NAME",
     "the saved configuration's file name (default: FILE's), or the certificate's name"},
    {{"format", required_argument, NULL, OPT_FORMAT},
     "FMT",
     "certificate file format: pem (default) or pkcs12"},
    {{"passphrase-file", required_argument, NULL, OPT_PASSFILE},
     "F",
     "read the key's passphrase from F (mode 0600; - for stdin)"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] = "configuration|certificate|keypair FILE [--name NAME] "
                            "[--format pem|pkcs12] [--passphrase-file F]";

static void help(void)
{
    cli_help("import", usage,
             "Upload FILE (type=import, a multipart/form-data POST; the file is streamed, the "
             "passphrase\nis sent in the body, never in a URL or argv).\n"
             "  configuration: saved on the device as NAME (must end in .xml); load it into the "
             "candidate\n                 with 'panctl config load NAME'.\n"
             "  certificate:   a certificate (PEM, or the certificate of a PKCS12) as NAME in\n"
             "                 /config/shared/certificate of the candidate.\n"
             "  keypair:       a certificate and its private key (PEM, or PKCS12 with its "
             "passphrase).\n"
             "  panctl import keypair fw.p12 --name web --format pkcs12 --passphrase-file "
             "pass.txt",
             opts);
}

int cli_read_passphrase(panos_buf *out, const char *path)
{
    char err[512] = "";
    panos_code code = panos_secret_read_file(out, path, err, sizeof(err));
    return code == PANOS_OK ? 0 : cli_local_error(code, err[0] ? err : panos_strerror(code));
}

/* What the options say, checked against the category before anything is sent. */
struct import_args {
    const char *category, *file, *name, *format, *passfile, *out_path;
};

static int check(const struct import_args *a)
{
    int cfg = strcmp(a->category, "configuration") == 0;
    if (!cfg && strcmp(a->category, "certificate") != 0 && strcmp(a->category, "keypair") != 0)
        return cli_usage_error("import",
                               "cannot import '%s' (configuration, certificate or "
                               "keypair)",
                               a->category);
    if (a->file[0] == '\0')
        return cli_usage_error("import", "%s", "empty FILE");
    if (cfg && (a->format != NULL || a->passfile != NULL))
        return cli_usage_error("import", "%s",
                               "a configuration takes no --format or "
                               "--passphrase-file");
    if (!cfg && (a->name == NULL || a->name[0] == '\0'))
        return cli_usage_error("import", "%s", "a certificate needs --name NAME");
    if (a->format != NULL && strcmp(a->format, "pem") != 0 && strcmp(a->format, "pkcs12") != 0)
        return cli_usage_error("import", "--format %s: expected pem or pkcs12", a->format);
    if (a->format != NULL && strcmp(a->format, "pkcs12") == 0 && a->passfile == NULL)
        return cli_usage_error("import", "%s", "a pkcs12 file needs --passphrase-file F");
    return 0;
}

static int run(struct cli_ctx *ctx, const struct import_args *a)
{
    panos_buf pass = PANOS_BUF_INIT;
    panos_param p[3];
    size_t n = 0;
    int rc;
    int cfg = strcmp(a->category, "configuration") == 0;
    if (a->passfile != NULL && (rc = cli_read_passphrase(&pass, a->passfile)) != 0)
        return rc;
    if (!cfg) {
        p[n++] = (panos_param){"certificate-name", a->name};
        p[n++] = (panos_param){"format", a->format != NULL ? a->format : "pem"};
        if (pass.ptr != NULL)
            p[n++] = (panos_param){"passphrase", pass.ptr};
    }
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    panos_response *r = NULL;
    panos_code code =
        panos_import_file(&r, ctx->client, a->category, p, n, a->file, cfg ? a->name : NULL);
    rc = code == PANOS_OK ? cli_print_answer(ctx, r, a->out_path) : cli_fail_client(ctx, code);
    panos_response_free(r);
done:
    panos_buf_dispose_secret(&pass);
    return rc;
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    struct import_args a = {0};
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_NAME:
            a.name = optarg;
            break;
        case OPT_FORMAT:
            a.format = optarg;
            break;
        case OPT_PASSFILE:
            a.passfile = optarg;
            break;
        case 'O':
            a.out_path = optarg;
            break;
        case 'h':
            help();
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "import", c, optarg)) != 0)
                return rc;
        }
    }
    if (argc - optind < 2)
        return cli_usage_error("import", "%s",
                               argc - optind == 0 ? "what to import is missing (configuration, "
                                                    "certificate or keypair)"
                                                  : "FILE is missing");
    if (argc - optind > 2)
        return cli_usage_error("import", "unexpected argument '%s'", argv[optind + 2]);
    a.category = argv[optind];
    a.file = argv[optind + 1];
    if ((rc = check(&a)) != 0)
        return rc;
    if ((rc = cli_csv_refused(ctx, "import",
                              "answers with a message, not rows; use -o text, "
                              "json or xml")) != 0)
        return rc;
    return run(ctx, &a);
}
