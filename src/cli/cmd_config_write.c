/* SPDX-License-Identifier: MIT */
/*
 * cmd_config_write.c -- panctl config set|edit|override|delete|rename|clone|move|multi: change
 * the candidate configuration (type=config writes; a commit makes them run). An element is
 * checked as XML here before anything is sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { OPT_FILE = 256, OPT_COMMENT };

static const struct cli_opt opts[] = {
    {{"file", required_argument, NULL, OPT_FILE}, "FILE",
     "read the element (or the multi-config batch) from FILE ('-': stdin)"},
    {{"comment", required_argument, NULL, OPT_COMMENT}, "TEXT",
     "lock: the comment other admins see in 'panctl config locks'"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] =
    "set|edit|override XPATH [ELEMENT|-] | delete XPATH | rename XPATH NEWNAME |\n"
    "       clone XPATH FROM NEWNAME | move XPATH top|bottom|before DST|after DST | multi FILE |\n"
    "       lock [--comment TEXT] | unlock | locks";

/* The actions and how many arguments follow the action word (min, max; the element counts). */
static const struct {
    const char *name;
    int min, max;
} actions[] = {
    {"set", 1, 2},    {"edit", 1, 2},  {"override", 1, 2}, {"delete", 1, 1},
    {"rename", 2, 2}, {"clone", 3, 3}, {"move", 2, 3},     {"multi", 0, 1},
    {"lock", 0, 0},   {"unlock", 0, 0}, {"locks", 0, 0},
};

int cli_config_is_write(const char *action)
{
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(action, actions[i].name) == 0)
            return 1;
    return 0;
}

/* The whole of @p path ("-": stdin) in a malloc'd string, or NULL (cannot open or read). */
static char *read_all(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char chunk[4096];
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (len + n + 1 > cap) {
            size_t ncap = (cap ? cap * 2 : 8192) + n;
            char *nb = realloc(buf, ncap);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        memcpy(buf + len, chunk, n);
        len += n;
    }
    int bad = ferror(f);
    if (f != stdin)
        fclose(f);
    if (bad || (buf == NULL && len > 0)) {
        free(buf);
        return NULL;
    }
    if (buf == NULL)
        buf = calloc(1, 1);
    else
        buf[len] = '\0';
    /* One final newline (an editor's) is not part of the element. */
    while (buf != NULL && len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return buf;
}

/* Exit 2 unless @p element is one or more well-formed XML elements (checked under a wrapper). */
static int check_xml(const char *element)
{
    size_t n = strlen(element);
    char err[256] = "";
    char *w = malloc(n + 8);
    if (w == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    snprintf(w, n + 8, "<w>%s</w>", element);
    panos_doc *d = NULL;
    panos_code code = panos_doc_parse(&d, w, n + 7, err, sizeof(err));
    int empty = code == PANOS_OK && panos_node_first(panos_doc_root(d)) == NULL;
    panos_doc_free(d);
    free(w);
    if (code == PANOS_E_NOMEM)
        return cli_local_error(code, "out of memory");
    if (code != PANOS_OK)
        return cli_usage_error("config", "the element is not well-formed XML: %s",
                               err[0] ? err : "parse error");
    if (empty)
        return cli_usage_error("config", "%s", "the element holds no XML element");
    return 0;
}

/*
 * A write's answer has no <result>, only a status, a code and a message ("command succeeded"):
 * -o text prints the message, -o json {"status", "code", "msg"}; xml and --out as for any answer.
 */
int cli_print_answer(const struct cli_ctx *ctx, const panos_response *r, const char *out_path)
{
    const char *msg = panos_response_message(r);
    if (out_path != NULL || panos_response_result(r) != NULL ||
        (ctx->format != CLI_FORMAT_TEXT && ctx->format != CLI_FORMAT_JSON))
        return cli_print(ctx, r, NULL, out_path);
    if (ctx->format == CLI_FORMAT_TEXT) {
        printf("%s\n", msg != NULL ? msg : "");
        return 0;
    }
    json_t *o = json_pack("{s:s?, s:i, s:s?}", "status", panos_response_status(r), "code",
                          panos_response_code(r), "msg", msg);
    char *text = o != NULL ? json_dumps(o, JSON_INDENT(ctx->pretty ? 2 : 0)) : NULL;
    json_decref(o);
    if (text == NULL)
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    printf("%s\n", text);
    free(text);
    return 0;
}

int cmd_config_write(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    const char *out_path = NULL, *file = NULL, *comment = NULL;
    char *element = NULL;
    panos_response *r = NULL;
    int c, rc = 0;

    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_FILE: file = optarg; break;
        case OPT_COMMENT: comment = optarg; break;
        case 'O': out_path = optarg; break;
        case 'h':
            cli_help("config", usage,
                     "Change the candidate configuration (a commit makes it run). ELEMENT is "
                     "XML, from the argument,\n--file FILE or stdin ('-'); it is checked "
                     "locally and nothing is sent when it is not\nwell-formed (exit 2). "
                     "multi sends a <multi-configure-request> batch: all steps or none.\n"
                     "lock and unlock take and release the config lock; locks lists the config "
                     "and commit locks.\n"
                     "  panctl config set \"/config/devices/entry[@name='localhost.localdomain']"
                     "/vsys/entry[@name='vsys1']/address/entry[@name='web']\" "
                     "'<ip-netmask>192.0.2.10/32</ip-netmask>'",
                     opts);
            return 0;
        default:
            if ((rc = cli_global_option(ctx, "config", c, optarg)) != 0)
                return rc;
        }
    }
    if (optind >= argc)
        return cli_usage_error("config", "%s", "expected an action");
    const char *action = argv[optind++];
    int nargs = argc - optind, min = 0, max = 0;
    for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
        if (strcmp(action, actions[i].name) == 0)
            min = actions[i].min, max = actions[i].max;
    int takes_element = strcmp(action, "set") == 0 || strcmp(action, "edit") == 0 ||
                        strcmp(action, "override") == 0 || strcmp(action, "multi") == 0;
    if (file != NULL && !takes_element)
        return cli_usage_error("config", "--file is for set, edit, override and multi, not %s",
                               action);
    if (file != NULL)
        max--;
    if (nargs < min || nargs > max)
        return cli_usage_error("config", "%s: wrong number of arguments (usage: panctl config "
                                         "%s)",
                               action, usage);
    int is_lock = strncmp(action, "lock", 4) == 0 || strcmp(action, "unlock") == 0;
    if (comment != NULL && strcmp(action, "lock") != 0)
        return cli_usage_error("config", "--comment is for lock, not %s", action);
    if (is_lock) {
        if (strcmp(action, "locks") != 0 &&
            (rc = cli_csv_refused(ctx, "config", "answers with a message, not rows; use -o "
                                                 "xml, json or text")) != 0)
            return rc;
        if ((rc = cli_connect(ctx, 1)) != 0)
            return rc;
        return cli_config_lock(ctx, action, comment);
    }
    char **a = argv + optind;
    if (nargs > 0 && a[0][0] == '\0')
        return cli_usage_error("config", "%s", "empty XPATH");
    if (strcmp(action, "move") == 0) {
        int rel = strcmp(a[1], "before") == 0 || strcmp(a[1], "after") == 0;
        if (!rel && strcmp(a[1], "top") != 0 && strcmp(a[1], "bottom") != 0)
            return cli_usage_error("config", "move: where '%s': expected top, bottom, before "
                                             "DST or after DST",
                                   a[1]);
        if (rel != (nargs == 3))
            return cli_usage_error("config", "move %s: %s", a[1],
                                   rel ? "needs the name of the other entry (DST)"
                                       : "takes no DST");
    }
    if (takes_element) {
        int is_multi = action[0] == 'm' && action[1] == 'u';
        const char *src = file != NULL ? file : is_multi ? (nargs > 0 ? a[0] : NULL)
                                                          : (nargs > 1 ? a[1] : NULL);
        if (src == NULL)
            return cli_usage_error("config", "%s: no element (give it as an argument, "
                                             "--file FILE or '-' for stdin)",
                                   action);
        int from_file = file != NULL || is_multi || strcmp(src, "-") == 0;
        element = from_file ? read_all(src) : strdup(src);
        if (element == NULL && !from_file)
            return cli_local_error(PANOS_E_NOMEM, "out of memory");
        if (element == NULL) {
            char msg[600];
            snprintf(msg, sizeof(msg), "cannot read the element from %s",
                     strcmp(src, "-") == 0 ? "stdin" : src);
            return cli_local_error(PANOS_E_IO, msg);
        }
        if ((rc = check_xml(element)) != 0)
            goto done;
    }
    if ((rc = cli_csv_refused(ctx, "config", "answers with a status, not rows; use -o xml, "
                                             "json or text")) != 0)
        goto done;
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    panos_code code;
    switch (action[0] == 'm' ? (action[1] == 'o' ? 'v' : 'm') : action[0]) {
    case 's': code = panos_config_set(&r, ctx->client, a[0], element); break;
    case 'e': code = panos_config_edit(&r, ctx->client, a[0], element); break;
    case 'o': code = panos_config_override(&r, ctx->client, a[0], element); break;
    case 'd': code = panos_config_delete(&r, ctx->client, a[0]); break;
    case 'r': code = panos_config_rename(&r, ctx->client, a[0], a[1]); break;
    case 'c': code = panos_config_clone(&r, ctx->client, a[0], a[1], a[2]); break;
    case 'v': code = panos_config_move(&r, ctx->client, a[0], a[1], nargs == 3 ? a[2] : NULL);
        break;
    default: code = panos_config_multi(&r, ctx->client, element); break;
    }
    rc = code == PANOS_OK ? cli_print_answer(ctx, r, out_path) : cli_fail_client(ctx, code);
done:
    panos_response_free(r);
    free(element);
    return rc;
}
