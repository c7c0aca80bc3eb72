/* SPDX-License-Identifier: MIT */
/* cmd_keygen.c -- panctl keygen: make an API key from a user and password (form POST, never argv). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_STDIN = 256, OPT_PWFILE, OPT_SAVE, OPT_SAVE_TAG };

static const struct cli_opt opts[] = {
    {{"user", required_argument, NULL, 'u'}, "USER", "admin user name (or api_username in .panrc)"},
    {{"password-stdin", no_argument, NULL, OPT_STDIN}, NULL,
     "read the password from the first line of stdin"},
    {{"password-file", required_argument, NULL, OPT_PWFILE}, "FILE",
     "read the password from FILE (mode 0600)"},
    {{"save", required_argument, NULL, OPT_SAVE}, "FILE",
     "write the key to FILE (atomically, mode 0600) instead of stdout"},
    {{"save-tag", required_argument, NULL, OPT_SAVE_TAG}, "TAG",
     "store api_key%TAG (and hostname%TAG, port%TAG) in ~/.panrc ($PANRC), atomically, 0600"},
    {{"help", no_argument, NULL, 'h'}, NULL, "this help"},
    {{NULL, 0, NULL, 0}, NULL, NULL},
};

/*
 * Store the key as api_key%TAG in the .panrc with the host and port it was made on, in one
 * atomic write: the tag never holds a new key beside an old host, and a port%TAG that no longer
 * applies (the key was made on the default port) is removed.
 */
static int save_to_panrc(const struct cli_ctx *ctx, const char *tag, const char *key)
{
    char path[4096], err[512] = "", port[16], url[600];
    cli_panrc_path(path, sizeof(path));
    const char *host = ctx->conn_host;
    if (ctx->use_http && strstr(host, "://") == NULL) {
        snprintf(url, sizeof(url), "http://%s", host); /* so that -t TAG keeps plain HTTP */
        host = url;
    }
    panos_rc_var set[3] = {{"api_key", key}, {"hostname", host}, {"port", port}};
    const char *unset[] = {"port"};
    size_t nset = 2;
    if (ctx->conn_port) {
        snprintf(port, sizeof(port), "%u", ctx->conn_port);
        nset = 3;
    }
    panos_code code = panos_rc_update(path, tag, set, nset, unset, nset == 3 ? 0 : 1, err,
                                      sizeof(err));
    if (code != PANOS_OK)
        return cli_local_error(code, err);
    fprintf(stderr, "panctl: key saved as api_key%%%s in %s\n", tag, path);
    return 0;
}

/* {"key": "..."} and a newline on stdout, escaped by hand so that no copy of the key is left
 * in memory that is not wiped (a PAN-OS key is base64 anyway). */
static void print_key_json(const char *key)
{
    fputs("{\"key\": \"", stdout);
    for (const char *p = key; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if ((unsigned char)*p < 0x20)
            printf("\\u%04x", (unsigned)*p);
        else
            putchar(*p);
    }
    fputs("\"}\n", stdout);
}

int cmd_keygen(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *user = NULL, *pwfile = NULL, *save = NULL, *save_tag = NULL;
    int from_stdin = 0, c, rc = 0;
    panos_buf pw = PANOS_BUF_INIT, key = PANOS_BUF_INIT;
    panos_code code;
    char err[512] = "";

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'u': user = optarg; break;
        case OPT_STDIN: from_stdin = 1; break;
        case OPT_PWFILE: pwfile = optarg; break;
        case OPT_SAVE: save = optarg; break;
        case OPT_SAVE_TAG: save_tag = optarg; break;
        case 'h':
            cli_help("keygen", "[-u USER] [--password-stdin | --password-file FILE] [--save FILE]",
                     "Generate an API key (type=keygen, a form POST: the password is never in "
                     "a URL or argv).\nThe key is printed on stdout (with -o json as "
                     "{\"key\": ...}), or written to --save FILE (0600).\nWithout --password-* "
                     "the password is asked on the terminal.\n"
                     "  panctl -H 192.0.2.1 --pin FP keygen -u admin --save ~/.fw1.key",
                     opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "keygen", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind < argc)
        return cli_usage_error("keygen", "unexpected argument '%s' (the password is never an "
                                         "argument: use --password-stdin or the prompt)",
                               argv[optind]);
    if (save && save_tag)
        return cli_usage_error("keygen", "%s", "--save or --save-tag, not both");
    if (from_stdin && pwfile)
        return cli_usage_error("keygen", "%s", "--password-stdin or --password-file, not both");
    if ((rc = cli_csv_refused(ctx, "keygen", "prints a key, not rows; use -o json or the "
                                             "default")) != 0)
        return rc;
    if (!from_stdin && pwfile == NULL)
        pwfile = ctx->password_file; /* the global --password-file: the same option */
    if ((rc = cli_connect(ctx, 0)) != 0)
        return rc;
    if (user == NULL)
        user = cli_rc_get(ctx, "api_username");
    if (user == NULL || user[0] == '\0')
        return cli_usage_error("keygen", "%s", "no user: use -u USER");

    if (from_stdin || pwfile) {
        code = panos_secret_read_file(&pw, from_stdin ? "-" : pwfile, err, sizeof(err));
        if (code != PANOS_OK) {
            rc = cli_local_error(code, err[0] ? err : "cannot read the password");
            goto done;
        }
    } else if ((code = cli_rc_password(ctx, user, &pw)) != PANOS_E_NOT_FOUND) {
        if (code != PANOS_OK) { /* out of memory */
            rc = code;
            goto done;
        }
    } else if (cli_prompt_password(&pw, user, ctx->conn_host) != 0) {
        rc = cli_usage_error("keygen", "%s", "no terminal to ask the password on: use "
                                             "--password-stdin or --password-file");
        goto done;
    }
    code = panos_keygen(ctx->client, user, pw.ptr);
    if (code != PANOS_OK) {
        rc = cli_fail_client(ctx, code);
        goto done;
    }
    if (panos_client_get_key(ctx->client, &key) != PANOS_OK) {
        rc = PANOS_E_NOMEM;
        goto done;
    }
    if (save_tag) {
        rc = save_to_panrc(ctx, save_tag, key.ptr);
    } else if (save) {
        code = cli_key_write(save, key.ptr, key.size, err, sizeof(err));
        if (code == PANOS_E_NOMEM)
            rc = PANOS_E_NOMEM;
        else if (code != PANOS_OK)
            rc = cli_local_error(code, err);
    } else {
        if (ctx->format_set && ctx->format == CLI_FORMAT_JSON) {
            /* Only when asked with -o json: the plain key stays the default, for redirection. */
            cli_warn("%s", "-o json prints the API key, a secret, on stdout: keep the output "
                           "private");
            print_key_json(key.ptr);
        } else {
            printf("%s\n", key.ptr);
        }
        if (fflush(stdout) != 0 || ferror(stdout))
            rc = cli_local_error(PANOS_E_IO, "cannot write the output");
    }
done:
    panos_buf_dispose_secret(&pw);
    panos_buf_dispose_secret(&key);
    return rc;
}
