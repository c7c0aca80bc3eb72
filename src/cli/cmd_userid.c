/* SPDX-License-Identifier: MIT */
/* cmd_userid.c -- panctl userid: logins, logouts, IP and user tags through type=user-id, from
 * arguments, CSV or JSON lines in bounded batches; a uid-message file; the User-ID listings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "userid.h"

enum {
    OPT_FROM = 256,
    OPT_INPUT,
    OPT_ENTRY_TIMEOUT,
    OPT_BATCH_ENTRIES,
    OPT_BATCH_BYTES,
    OPT_PARALLEL,
    OPT_DRY_RUN
};

static const struct cli_opt opts[] = {
    {{"from", required_argument, NULL, OPT_FROM},
     "FILE",
     "entries from FILE ('-': stdin), CSV ip,user,tags,timeout (tags split by ';') or JSON lines"},
    {{"input", required_argument, NULL, OPT_INPUT},
     "FORMAT",
     "csv or jsonl (default: jsonl for a .jsonl/.ndjson/.json FILE, else csv)"},
    {{"entry-timeout", required_argument, NULL, OPT_ENTRY_TIMEOUT},
     "N",
     "login: minutes; register, register-user: seconds per tag (0: none); rows override it"},
    {{"batch-entries", required_argument, NULL, OPT_BATCH_ENTRIES},
     "N",
     "at most N entries per message (1-10000, default 1000)"},
    {{"batch-bytes", required_argument, NULL, OPT_BATCH_BYTES},
     "SIZE",
     "at most SIZE bytes per message (1K-4M, default 256K)"},
    {{"parallel", required_argument, NULL, OPT_PARALLEL},
     "N",
     "messages in flight at once, each on its own connection (1-5, default 2)"},
    {{"dry-run", no_argument, NULL, OPT_DRY_RUN},
     NULL,
     "print the uid-messages, one a line, and send nothing"},
    CLI_OPT_OUT,
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] =
    "login|logout USER IP | register|unregister IP TAG... | register-user|unregister-user USER "
    "TAG... | ACTION --from FILE | send FILE | list [users|tags|user-tags|dag [NAME]]";

static const char desc[] =
    "Feed User-ID through the XML API (type=user-id): map users to addresses, tag addresses "
    "for\ndynamic address groups, tag users; or list what the firewall holds. Entries are "
    "batched into\nuid-messages of at most --batch-entries entries and --batch-bytes bytes, "
    "sent --parallel at\nonce; a message the firewall refused or never answered is sent once "
    "more, then named. The report "
    "has a line per message\nand a summary; the exit status is that of the first message that "
    "failed.\n"
    "  panctl userid login 'example\\alice' 192.0.2.10 --entry-timeout 60\n"
    "  panctl userid register 192.0.2.10 quarantine --entry-timeout 3600\n"
    "  panctl userid register --from hosts.csv --vsys vsys2\n"
    "  panctl userid list tags -o json\n"
    "  panctl userid list dag dag-quarantine -o csv";

struct uid_args {
    const char *from, *input, *out_path;
    long timeout; /* -1: not given */
    long long batch_entries, parallel;
    size_t batch_bytes;
    int dry_run;
};

static int parse_action(const char *s, panos_uid_action *out)
{
    for (int a = PANOS_UID_LOGIN; a <= PANOS_UID_UNREGISTER_USER; a++) {
        if (strcmp(s, panos_uid_action_name((panos_uid_action)a)) == 0) {
            *out = (panos_uid_action)a;
            return 0;
        }
    }
    return -1;
}

static int parse_opts(struct cli_ctx *ctx, struct uid_args *a, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    long long v;
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case OPT_FROM:
            a->from = optarg;
            break;
        case OPT_INPUT:
            a->input = optarg;
            break;
        case 'O':
            a->out_path = optarg;
            break;
        case OPT_DRY_RUN:
            a->dry_run = 1;
            break;
        case OPT_ENTRY_TIMEOUT:
            if ((rc = cli_parse_count("userid", "--entry-timeout", optarg, 0, 2592000, &v)) != 0)
                return rc;
            a->timeout = (long)v;
            break;
        case OPT_BATCH_ENTRIES:
            if ((rc = cli_parse_count("userid", "--batch-entries", optarg, 1, UID_BATCH_ENTRIES_MAX,
                                      &a->batch_entries)) != 0)
                return rc;
            break;
        case OPT_PARALLEL:
            if ((rc = cli_parse_count("userid", "--parallel", optarg, 1, UID_PARALLEL_MAX,
                                      &a->parallel)) != 0)
                return rc;
            break;
        case OPT_BATCH_BYTES:
            if (cli_parse_size(optarg, &a->batch_bytes) != 0 ||
                a->batch_bytes < UID_BATCH_BYTES_MIN || a->batch_bytes > UID_BATCH_BYTES_MAX)
                return cli_usage_error("userid",
                                       "--batch-bytes %s: expected a size from 1K to "
                                       "4M",
                                       optarg);
            break;
        case 'h':
            cli_help("userid", usage, desc, opts);
            return -1;
        default:
            if ((rc = cli_global_option(ctx, "userid", c, optarg)) != 0)
                return rc;
        }
    }
    return 0;
}

/* list users|tags|user-tags: the op command and its answer in the -o format. */
static int list(struct cli_ctx *ctx, const struct uid_args *a, int argc, char **argv)
{
    static const char *const what[][2] = {
        {"users", "<show><user><ip-user-mapping><all/></ip-user-mapping></user></show>"},
        {"tags", "<show><object><registered-ip><all/></registered-ip></object></show>"},
        {"user-tags", "<show><object><registered-user><all/></registered-user></object></show>"},
    };
    const char *name = optind + 1 < argc ? argv[optind + 1] : "users";
    size_t i = 0;
    int rc;
    int dag = strcmp(name, "dag") == 0;
    while (i < 3 && strcmp(name, what[i][0]) != 0)
        i++;
    if ((i == 3 && !dag) || optind + 2 + dag < argc)
        return cli_usage_error("userid",
                               "list takes users, tags, user-tags or dag [NAME], not '%s'",
                               i == 3 && !dag ? name : argv[optind + 2 + dag]);
    if (a->from || a->dry_run)
        return cli_usage_error("userid", "%s", "list takes no --from or --dry-run");
    if (dag)
        return uid_list_dag(ctx, optind + 2 < argc ? argv[optind + 2] : NULL, a->out_path);
    if ((rc = cli_csv_refused(ctx, "userid list",
                              "the listings have no table; use -o xml, json "
                              "or text")) != 0)
        return rc;
    if ((rc = cli_connect(ctx, 1)) != 0)
        return rc;
    return cli_op_print(ctx, what[i][1], a->out_path);
}

/* The entry of the arguments after the action (USER IP, IP TAG..., USER TAG...). */
static int from_args(struct uid_batches *b, long timeout, int n, char **w)
{
    panos_uid_action act = b->action;
    int login = act == PANOS_UID_LOGIN || act == PANOS_UID_LOGOUT;
    int by_user = act == PANOS_UID_REGISTER_USER || act == PANOS_UID_UNREGISTER_USER;
    if ((login && n != 2) || (!login && n < 2))
        return cli_usage_error("userid", "%s takes %s (or --from FILE)", panos_uid_action_name(act),
                               login     ? "USER IP"
                               : by_user ? "USER TAG..."
                                         : "IP TAG...");
    panos_uid_entry e = {.timeout = timeout > 0 ? timeout : 0};
    if (login) {
        e.user = w[0];
        e.ip = w[1];
    } else {
        *(by_user ? &e.user : &e.ip) = w[0];
        e.tags = (const char *const *)(w + 1);
        e.ntags = (size_t)(n - 1);
    }
    int rc = uid_batches_add(b, &e, "argument", 1);
    return rc != 0 ? rc : uid_batches_finish(b);
}

static int is_jsonl(const char *path, const char *input)
{
    const char *dot = strrchr(path, '.');
    if (input != NULL)
        return strcmp(input, "jsonl") == 0;
    return dot &&
           (strcmp(dot, ".jsonl") == 0 || strcmp(dot, ".ndjson") == 0 || strcmp(dot, ".json") == 0);
}

/* send FILE: one uid-message as written, at most --batch-bytes. */
static int from_message_file(struct uid_batches *b, const char *path)
{
    panos_buf body = PANOS_BUF_INIT;
    int rc = uid_read_message(&body, path, b->max_bytes);
    if (rc != 0)
        return rc;
    if ((b->v = calloc(1, sizeof(*b->v))) == NULL) {
        panos_buf_dispose(&body);
        return cli_local_error(PANOS_E_NOMEM, "out of memory");
    }
    b->cap = b->n = 1;
    b->v[0].msg = body;
    for (const char *p = body.ptr; (p = strstr(p, "<entry")) != NULL; p++)
        b->v[0].entries++;
    b->v[0].first = b->v[0].last = 1;
    b->total = b->v[0].entries;
    return 0;
}

static int dry_run(const struct uid_batches *b)
{
    for (size_t i = 0; i < b->n; i++)
        printf("%s\n", b->v[i].msg.ptr);
    return 0;
}

int cmd_userid(struct cli_ctx *ctx, int argc, char **argv)
{
    struct uid_args a = {.timeout = -1,
                         .batch_entries = UID_BATCH_ENTRIES_DEFAULT,
                         .parallel = 2,
                         .batch_bytes = UID_BATCH_BYTES_DEFAULT};
    struct uid_batches b;
    panos_uid_action act = PANOS_UID_LOGIN;
    int rc = parse_opts(ctx, &a, argc, argv), send = 0;
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (optind >= argc)
        return cli_usage_error("userid", "no action given (%s)", usage);
    if (strcmp(argv[optind], "list") == 0)
        return list(ctx, &a, argc, argv);
    send = strcmp(argv[optind], "send") == 0;
    if (!send && parse_action(argv[optind], &act) != 0)
        return cli_usage_error("userid", "unknown action '%s'", argv[optind]);
    if (a.input && strcmp(a.input, "csv") != 0 && strcmp(a.input, "jsonl") != 0)
        return cli_usage_error("userid", "--input %s: expected csv or jsonl", a.input);
    if (a.out_path)
        return cli_usage_error("userid", "%s", "--out is for userid list");
    if (ctx->format_set && ctx->format != CLI_FORMAT_TEXT)
        return cli_usage_error("userid", "%s",
                               "-o is for userid list; the others print a "
                               "text report");
    if (send && (a.from || optind + 2 != argc))
        return cli_usage_error("userid", "%s", "send takes one FILE (a whole uid-message)");
    if (!send && a.from && optind + 1 != argc)
        return cli_usage_error("userid", "--from FILE or arguments, not both ('%s')",
                               argv[optind + 1]);
    uid_batches_init(&b, act, (size_t)a.batch_entries, a.batch_bytes);
    if (send)
        rc = from_message_file(&b, argv[optind + 1]);
    else if (a.from)
        rc = uid_read_file(&b, a.from, is_jsonl(a.from, a.input), a.timeout);
    else
        rc = from_args(&b, a.timeout, argc - optind - 1, argv + optind + 1);
    if (rc == 0 && b.n == 0)
        rc = cli_usage_error("userid", "%s: no entries", a.from ? a.from : "arguments");
    if (send)
        b.label = "send";
    if (rc == 0 && a.dry_run)
        rc = dry_run(&b);
    else if (rc == 0 && (rc = cli_connect(ctx, 1)) == 0)
        rc = uid_send_all(ctx, &b, ctx->vsys, (int)a.parallel);
    uid_batches_free(&b);
    return rc;
}
