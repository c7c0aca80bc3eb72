/* SPDX-License-Identifier: MIT */
/* msg.c -- panctl's diagnostics on stderr: errors, warnings, usage errors, a client's failure. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"

static unsigned long errors_said;

/* One line on stderr: "panctl: " @p prefix message. */
static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    fprintf(stderr, "panctl: %s", prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    errors_said++;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_local_error(panos_code code, const char *msg)
{
    /* NOT_FOUND names a missing object on the firewall; a missing local file (key, password)
     * is a local file error, exit 18 in panctl(1). */
    if (code == PANOS_E_NOT_FOUND)
        code = PANOS_E_IO;
    cli_error("(%d) %s: %s", (int)code, panos_code_name(code),
              msg && msg[0] ? msg : panos_strerror(code));
    return (int)code;
}

void cli_client_error_text(char *buf, size_t len, const panos_client *c, panos_code code)
{
    const panos_error *e = c ? panos_client_last_error(c) : NULL;
    char http[32] = "", api[32] = "";
    if (e && e->http_status > 0)
        snprintf(http, sizeof(http), "[http %ld] ", e->http_status);
    if (e && e->api_code >= 0)
        snprintf(api, sizeof(api), "[api %d] ", e->api_code);
    const char *msg = e && e->message && e->message[0] ? e->message : panos_strerror(code);
    snprintf(buf, len, "(%d) %s: %s%s%s", (int)code, panos_code_name(code), http, api, msg);
}

int cli_fail_client(const struct cli_ctx *ctx, panos_code code)
{
    char text[1024];
    cli_client_error_text(text, sizeof(text), ctx->client, code);
    cli_error("%s", text);
    /* What to do about a refused key (yaklin.ca blog; PAN-OS XML API guide, "Get Your API Key";
     * PaloAltoNetworks/Splunk-Apps #151). */
    if (ctx->key_source != CLI_KEY_NONE && !ctx->auth_basic) {
        if (code == PANOS_E_KEY_EXPIRED)
            cli_error("hint: the key's lifetime ran out; make a new one with 'panctl keygen', or "
                      "give --user (and --password-file) to renew it automatically");
        else if (code == PANOS_E_AUTH)
            cli_error("hint: the key was refused: the admin's password changed, 'Expire all API "
                      "keys' was used, the master key changed, or the key is for another "
                      "device; make a new one with 'panctl keygen', or give --user to renew it");
    }
    return (int)code;
}

unsigned long cli_errors_said(void)
{
    return errors_said;
}

int cli_say_nomem(const char *cmd, int rc, unsigned long before)
{
    /* check's 3 is UNKNOWN, key audit's NOT A KEY: their verdict is on stdout. */
    int own3 = cmd != NULL && (strcmp(cmd, "check") == 0 || strcmp(cmd, "key") == 0);
    if (rc == PANOS_E_NOMEM && errors_said == before && !own3)
        cli_local_error(PANOS_E_NOMEM, NULL);
    return rc;
}

int cli_usage_try(const char *cmd)
{
    errors_said++;
    fprintf(stderr, "Try 'panctl%s%s --help'.\n", cmd ? " " : "", cmd ? cmd : "");
    return PANOS_E_INVALID_ARG;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
    return cli_usage_try(cmd);
}
