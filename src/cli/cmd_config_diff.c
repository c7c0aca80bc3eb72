/* SPDX-License-Identifier: MIT */
/* cmd_config_diff.c -- panctl config diff: a structural diff of two saved configurations, or of
 * a device's running and candidate configurations (panos_config_diff()). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_ANNOTATIONS = 256, OPT_DEVICE };

static const struct cli_opt opts[] = {
    {{"device", no_argument, NULL, OPT_DEVICE}, NULL,
     "compare the device's running (old) and candidate (new) configurations"},
    {{"annotations", no_argument, NULL, OPT_ANNOTATIONS}, NULL,
     "also compare the admin, dirtyId and time attributes PAN-OS adds to changed nodes"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

/* Read configurations of up to 1 GiB unless --max-bytes says otherwise. */
#define DIFF_MAX_FILE ((size_t)1 << 30)

/* Read and parse the file @p path (a pipe too: <(panctl config show) works) into *@p out. */
static int read_config(const struct cli_ctx *ctx, const char *path, panos_doc **out)
{
    char err[512] = "", msg[1024];
    size_t cap = ctx->max_bytes ? ctx->max_bytes : DIFF_MAX_FILE, len = 0, size = 0;
    char *buf = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(msg, sizeof(msg), "cannot read %s: %s", path, strerror(errno));
        return cli_local_error(PANOS_E_IO, msg);
    }
    for (;;) {
        if (len == size) {
            size_t want = size ? size * 2 : 1 << 16;
            if (want > cap + 1)
                want = cap + 1;
            char *p = want > size ? realloc(buf, want) : NULL;
            if (p == NULL) {
                free(buf);
                fclose(f);
                if (want <= size) {
                    snprintf(msg, sizeof(msg),
                             "%s is larger than %zu bytes (raise it with --max-bytes)", path, cap);
                    return cli_local_error(PANOS_E_TOO_LARGE, msg);
                }
                return cli_local_error(PANOS_E_NOMEM, NULL);
            }
            buf = p;
            size = want;
        }
        size_t got = fread(buf + len, 1, size - len, f);
        len += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    int saved = errno;
    fclose(f);
    if (bad) {
        free(buf);
        snprintf(msg, sizeof(msg), "cannot read %s: %s", path, strerror(saved));
        return cli_local_error(PANOS_E_IO, msg);
    }
    if (len > cap) {
        free(buf);
        snprintf(msg, sizeof(msg), "%s is larger than %zu bytes (raise it with --max-bytes)", path,
                 cap);
        return cli_local_error(PANOS_E_TOO_LARGE, msg);
    }
    panos_code code = panos_doc_parse(out, buf, len, err, sizeof(err));
    free(buf);
    if (code == PANOS_OK && panos_config_diff_root(panos_doc_root(*out)) == NULL) {
        panos_doc_free(*out);
        *out = NULL;
        code = PANOS_E_PARSE;
        snprintf(err, sizeof(err), "%s", "not a configuration (<config> or "
                                         "<response><result><config>)");
    }
    if (code != PANOS_OK) {
        snprintf(msg, sizeof(msg), "%s: %s", path, err[0] ? err : panos_strerror(code));
        return cli_local_error(code, msg);
    }
    return 0;
}

/* The <config> of `show config running|candidate` (PAN-OS XML API guide, "Run Operational
 * Mode Commands (API)"; case 0171), fetched into *@p out. */
static int fetch_config(struct cli_ctx *ctx, const char *which, panos_response **out,
                        const panos_node **cfg)
{
    char cmd[64];
    snprintf(cmd, sizeof(cmd), "<show><config><%s/></config></show>", which);
    panos_code code = panos_op_run(out, ctx->client, cmd);
    if (code != PANOS_OK)
        return cli_fail_client(ctx, code);
    *cfg = panos_node_child(panos_response_result(*out), "config");
    if (*cfg == NULL) {
        char msg[128];
        snprintf(msg, sizeof(msg), "show config %s: the answer holds no <config>", which);
        return cli_local_error(PANOS_E_PARSE, msg);
    }
    return 0;
}

struct printer {
    enum cli_format fmt;
    size_t n;
    int nomem; /* a JSON object could not be made: the walk stopped */
};

/* A value on one line: control characters as \n, \t, \r, \xHH. */
static void put_text(const char *s)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '\n')
            fputs("\\n", stdout);
        else if (ch == '\t')
            fputs("\\t", stdout);
        else if (ch == '\r')
            fputs("\\r", stdout);
        else if (ch < 0x20 || ch == 0x7f)
            printf("\\x%02x", ch);
        else
            putchar(ch);
    }
}

static void put_csv(const char *s, int last)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else if (s) {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
}

static int print_change(const panos_config_change *c, void *payload)
{
    struct printer *p = payload;
    static const char marks[] = {'+', '-', '~', '>'};
    char num[32];
    p->n++;
    switch (p->fmt) {
    case CLI_FORMAT_JSON: {
        json_t *o = json_object();
        json_object_set_new(o, "change", json_string(panos_config_change_name(c->kind)));
        json_object_set_new(o, "xpath", cli_json_string(c->xpath));
        if (c->kind == PANOS_CONFIG_CHANGED || c->old_value)
            json_object_set_new(o, "old", c->old_value ? cli_json_string(c->old_value)
                                                       : json_null());
        if (c->kind == PANOS_CONFIG_CHANGED || c->new_value)
            json_object_set_new(o, "new", c->new_value ? cli_json_string(c->new_value)
                                                       : json_null());
        if (c->kind == PANOS_CONFIG_MOVED) {
            json_object_set_new(o, "from", json_integer((json_int_t)c->old_pos));
            json_object_set_new(o, "to", json_integer((json_int_t)c->new_pos));
        }
        char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(o);
        if (s == NULL) {
            p->nomem = 1;
            return 1;
        }
        printf("%s%s", p->n == 1 ? "[\n" : ",\n", s);
        free(s);
        break;
    }
    case CLI_FORMAT_CSV:
        if (p->n == 1)
            fputs("change,xpath,old,new,from,to\n", stdout);
        put_csv(panos_config_change_name(c->kind), 0);
        put_csv(c->xpath, 0);
        put_csv(c->old_value, 0);
        put_csv(c->new_value, 0);
        snprintf(num, sizeof(num), "%zu", c->old_pos);
        put_csv(c->kind == PANOS_CONFIG_MOVED ? num : NULL, 0);
        snprintf(num, sizeof(num), "%zu", c->new_pos);
        put_csv(c->kind == PANOS_CONFIG_MOVED ? num : NULL, 1);
        break;
    case CLI_FORMAT_XML:
    case CLI_FORMAT_TEXT:
        printf("%c ", marks[c->kind]);
        put_text(c->xpath);
        if (c->kind == PANOS_CONFIG_MOVED) {
            printf(": moved from %zu to %zu", c->old_pos, c->new_pos);
        } else if (c->kind == PANOS_CONFIG_CHANGED) {
            fputs(": ", stdout);
            put_text(c->old_value ? c->old_value : "(absent)");
            fputs(" -> ", stdout);
            put_text(c->new_value ? c->new_value : "(absent)");
        } else if (c->old_value || c->new_value) {
            fputs(": ", stdout);
            put_text(c->old_value ? c->old_value : c->new_value);
        }
        putchar('\n');
        break;
    }
    return 0;
}

static void help(void)
{
    cli_help("config diff",
             "[--annotations] OLD.xml NEW.xml | --device [--annotations]",
             "Compare two configurations structurally: entries by name, members as sets, other "
             "elements by tag;\nrules of a rulebase whose order changed are shown as moved. "
             "A file is an export (<config>) or\nthe answer of config show "
             "(<response><result><config>). --device compares the running and\ncandidate "
             "configurations of the firewall. Output: text (+ added, - removed, "
             "~ changed: old -> new,\n> moved from N to M), -o json (an array of changes) or "
             "-o csv.\nExit 0 when they are the same, 1 when they differ.\n"
             "  panctl config diff before.xml after.xml\n"
             "  panctl -t fw1 config diff --device -o json | jq -r '.[].xpath'",
             opts);
}

int cmd_config_diff(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    int c, rc = 0, device = 0;
    unsigned flags = 0;
    panos_doc *da = NULL, *db = NULL;
    panos_response *ra = NULL, *rb = NULL;
    const panos_node *a = NULL, *b = NULL;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_DEVICE: device = 1; break;
        case OPT_ANNOTATIONS: flags |= PANOS_CONFIG_DIFF_ANNOTATIONS; break;
        case 'h': help(); return 0;
        default:
            if ((rc = cli_global_option(ctx, "config diff", c, optarg)) != 0)
                return rc;
        }
    }
    if (device && optind < argc)
        return cli_usage_error("config diff", "--device takes no files (unexpected '%s')",
                               argv[optind]);
    if (!device && argc - optind != 2)
        return cli_usage_error("config diff", "%s",
                               "diff expects two files, OLD and NEW, or --device");
    if (ctx->format_set && ctx->format == CLI_FORMAT_XML)
        return cli_usage_error("config diff", "%s", "diff prints text, json or csv, not xml");
    struct printer p = {ctx->format_set ? ctx->format : CLI_FORMAT_TEXT, 0, 0};

    if (device) {
        if ((rc = cli_connect(ctx, 1)) != 0 ||
            (rc = fetch_config(ctx, "running", &ra, &a)) != 0 ||
            (rc = fetch_config(ctx, "candidate", &rb, &b)) != 0)
            goto done;
    } else {
        if ((rc = read_config(ctx, argv[optind], &da)) != 0 ||
            (rc = read_config(ctx, argv[optind + 1], &db)) != 0)
            goto done;
        a = panos_config_diff_root(panos_doc_root(da));
        b = panos_config_diff_root(panos_doc_root(db));
    }
    panos_code code = panos_config_diff(NULL, a, b, flags, print_change, &p);
    if (code != PANOS_OK) {
        rc = cli_local_error(p.nomem ? PANOS_E_NOMEM : code, NULL);
        goto done;
    }
    if (p.fmt == CLI_FORMAT_JSON)
        fputs(p.n ? "\n]\n" : "[]\n", stdout);
    rc = p.n ? 1 : 0;
done:
    panos_doc_free(da);
    panos_doc_free(db);
    panos_response_free(ra);
    panos_response_free(rb);
    return rc;
}
