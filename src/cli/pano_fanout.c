/* SPDX-License-Identifier: MIT */
/* pano_fanout.c -- one request to every connected firewall of a Panorama (target=SERIAL), a few
 * at a time over one multi handle, one result per firewall as it arrives and a summary. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "pano.h"

struct fan;

struct fan_dev {
    struct fan *fan;
    char *const *v; /* its show devices fields */
    panos_code code;
};

/* A list of serials for the summary: as many as fit, then how many more. */
struct names {
    char text[400];
    size_t more;
};

struct fan {
    const struct cli_ctx *ctx;
    const char *cmd_xml;
    size_t ok, failed;
    struct names failed_list, down_list;
    int write_failed;
};

static void names_add(struct names *l, const char *name, const char *why)
{
    size_t used = strlen(l->text);
    int n = snprintf(l->text + used, sizeof(l->text) - used, "%s%s%s%s%s", used ? ", " : "", name,
                     why ? " (" : "", why ? why : "", why ? ")" : "");
    if (l->more > 0 || n < 0 || (size_t)n >= sizeof(l->text) - used - 20) {
        l->text[used] = '\0';
        l->more++;
    }
}

static void names_end(struct names *l)
{
    size_t used = strlen(l->text);
    if (l->more > 0)
        snprintf(l->text + used, sizeof(l->text) - used, " and %zu more", l->more);
}

int cli_fanout_parallel(const char *cmd, const char *arg, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end != '\0' || arg[0] < '0' || arg[0] > '9' || v < 1 ||
        v > CLI_FANOUT_MAX)
        return cli_usage_error(cmd, "--parallel %s: expected 1 to %d requests in flight", arg,
                               CLI_FANOUT_MAX);
    if (v > CLI_FANOUT_DEFAULT)
        cli_warn("--parallel %ld: every request goes through the one Panorama, which may answer "
                 "HTTP 502 or \"Session timed out\" when busy; %d is the default",
                 v, CLI_FANOUT_DEFAULT);
    *out = v;
    return 0;
}

static void print_json(struct fan_dev *d, const panos_multi_result *res)
{
    json_t *o = json_object();
    json_object_set_new(o, "serial", cli_json_string(d->v[PANO_SERIAL]));
    json_object_set_new(o, "hostname", cli_json_string(d->v[PANO_HOSTNAME]));
    if (res->code == PANOS_OK) {
        json_object_set_new(o, "status", json_string("ok"));
        json_t *r = cli_xml_to_json(panos_response_result(res->response));
        json_object_set_new(o, "result", r ? r : json_null());
    } else {
        json_object_set_new(o, "status", json_string("error"));
        json_object_set_new(o, "code", json_integer(res->code));
        json_object_set_new(o, "error", json_string(panos_code_name(res->code)));
        json_object_set_new(o, "message",
                            cli_json_string(res->error && res->error->message
                                                ? res->error->message
                                                : panos_strerror(res->code)));
    }
    if (json_dumpf(o, stdout, JSON_COMPACT) != 0 || fputc('\n', stdout) == EOF)
        d->fan->write_failed = 1;
    json_decref(o);
}

/* xml: the answer inside <device serial= hostname=>, or <device ... status="error"> with the
 * message; text: a "== SERIAL HOSTNAME ==" heading, then the answer as panctl op prints it. */
static void print_other(struct fan_dev *d, const panos_multi_result *res)
{
    const struct cli_ctx *ctx = d->fan->ctx;
    const char *msg =
        res->error && res->error->message ? res->error->message : panos_strerror(res->code);
    int xml = ctx->format == CLI_FORMAT_XML;
    if (xml) {
        fputs("<device serial=\"", stdout);
        cli_xml_attr(stdout, d->v[PANO_SERIAL]);
        fputs("\" hostname=\"", stdout);
        cli_xml_attr(stdout, d->v[PANO_HOSTNAME]);
        printf("\" status=\"%s\"", res->code == PANOS_OK ? "ok" : "error");
    } else
        printf("== %s %s ==", d->v[PANO_SERIAL], d->v[PANO_HOSTNAME]);
    if (res->code != PANOS_OK) {
        printf(xml ? " code=\"%d\" error=\"%s\"/>\n" : " error (%d) %s: ", res->code,
               panos_code_name(res->code));
        if (!xml)
            printf("%s\n", msg);
        return;
    }
    fputs(xml ? ">\n" : "\n", stdout);
    if (cli_output_response(stdout, res->response, ctx->format, d->fan->cmd_xml, 0) != 0)
        d->fan->write_failed = 1;
    if (xml)
        fputs("</device>\n", stdout);
}

static void on_done(void *payload, const panos_multi_result *res)
{
    struct fan_dev *d = payload;
    struct fan *f = d->fan;
    d->code = res->code;
    if (f->ctx->format == CLI_FORMAT_JSON)
        print_json(d, res);
    else
        print_other(d, res);
    fflush(stdout);
    if (res->code == PANOS_OK) {
        f->ok++;
        return;
    }
    names_add(&f->failed_list, d->v[PANO_SERIAL], panos_code_name(res->code));
    f->failed++;
}

/* Submit one request per connected firewall of @p devs and drive them to the end. */
static int run(struct fan *f, panos_client *c, const struct cli_pano_devs *devs, struct fan_dev *fd,
               const panos_param *params, size_t nparams, long parallel)
{
    panos_multi_options mo = PANOS_MULTI_OPTIONS_INIT;
    mo.max_per_host = parallel;
    mo.max_total = parallel;
    panos_multi *m = NULL;
    panos_code code = panos_multi_new(&m, &mo);
    panos_param p[16];
    memcpy(p, params, nparams * sizeof(*p));
    for (size_t i = 0; code == PANOS_OK && i < devs->n; i++) {
        fd[i] = (struct fan_dev){f, devs->v[i], PANOS_OK};
        if (strcmp(devs->v[i][PANO_CONNECTED], "yes") != 0) {
            names_add(&f->down_list, devs->v[i][PANO_SERIAL], NULL);
            continue;
        }
        p[nparams] = (panos_param){"target", devs->v[i][PANO_SERIAL]};
        code = panos_multi_submit(m, c, p, nparams + 1, 0, on_done, &fd[i]);
    }
    while (code == PANOS_OK && panos_multi_pending(m) > 0)
        code = panos_multi_perform(m, 1000);
    panos_multi_free(m);
    return code == PANOS_OK ? 0 : cli_local_error(code, "the fan-out failed");
}

int cli_fanout(struct cli_ctx *ctx, const char *what, const panos_param *params, size_t nparams,
               const char *cmd_xml, long parallel)
{
    struct cli_pano_devs devs;
    int rc = cli_pano_devices(ctx, 0, &devs);
    if (rc != 0)
        return rc;
    struct fan f = {.ctx = ctx, .cmd_xml = cmd_xml};
    struct fan_dev *fd = calloc(devs.n ? devs.n : 1, sizeof(*fd));
    if (fd == NULL || nparams > 15) {
        cli_pano_devs_free(&devs);
        free(fd);
        return cli_local_error(PANOS_E_NOMEM, NULL);
    }
    if (ctx->format == CLI_FORMAT_XML)
        fputs("<devices>\n", stdout);
    rc = run(&f, ctx->client, &devs, fd, params, nparams, parallel);
    if (ctx->format == CLI_FORMAT_XML)
        fputs("</devices>\n", stdout);
    size_t down = devs.n - f.ok - f.failed;
    names_end(&f.failed_list);
    names_end(&f.down_list);
    cli_error("%s --all-devices: %zu of %zu connected firewalls answered, %zu failed%s%s; %zu "
              "not connected%s%s",
              what, f.ok, f.ok + f.failed, f.failed, f.failed ? ": " : "", f.failed_list.text, down,
              down ? ": " : "", f.down_list.text);
    if (fflush(stdout) != 0 || f.write_failed)
        rc = rc ? rc : cli_local_error(PANOS_E_IO, "cannot write the results");
    cli_pano_devs_free(&devs);
    free(fd);
    return rc != 0 ? rc : f.failed ? PANOS_E_FAILED : 0;
}
