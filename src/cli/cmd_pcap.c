/* SPDX-License-Identifier: MIT */
/* cmd_pcap.c -- panctl pcap list|get: the firewall's packet captures (type=export of threat,
 * filter, application and dlp pcaps), downloaded atomically to 0600 files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "pcap.h"

enum {
    OPT_PCAP_ID = 256,
    OPT_SEARCH_TIME,
    OPT_UTC_OFFSET,
    OPT_SERIAL,
    OPT_DEVICE,
    OPT_SESSION,
    OPT_ALL,
    OPT_QUERY,
    OPT_COUNT,
    OPT_DLP_FILE
};

static const struct cli_opt opts[] = {
    {{"out", required_argument, NULL, 'O'},
     "FILE",
     "get: write to FILE (atomically, mode 0600) instead of the default name"},
    {{"pcap-id", required_argument, NULL, OPT_PCAP_ID}, "N", "threat: the threat log's pcap_id"},
    {{"search-time", required_argument, NULL, OPT_SEARCH_TIME},
     "T",
     "threat: 'YYYY/MM/DD HH:MM:SS' in the firewall's time (default: decoded from the id)"},
    {{"utc-offset", required_argument, NULL, OPT_UTC_OFFSET},
     "+HH:MM",
     "threat: the firewall's zone, for the search-time decoded from the id (default +00:00)"},
    {{"serial", required_argument, NULL, OPT_SERIAL},
     "S",
     "threat: the firewall's serial (serialno=), needed through Panorama"},
    {{"device-name", required_argument, NULL, OPT_DEVICE},
     "NAME",
     "threat: the log's device_name (device_name=)"},
    {{"session-id", required_argument, NULL, OPT_SESSION},
     "ID",
     "threat: the log's sessionid (sessionid=)"},
    {{"all", no_argument, NULL, OPT_ALL},
     NULL,
     "threat: every capture the threat logs of --query name, each to PCAPID.pcap, 2 at once"},
    {{"query", required_argument, NULL, OPT_QUERY},
     "FILTER",
     "list threat, get threat --all: a PAN-OS log filter, and-ed with (pcap_id neq 0)"},
    {{"count", required_argument, NULL, 'n'},
     "N",
     "list threat, get threat --all: newest N threat logs with a capture (default 100)"},
    {{"dlp-password-file", required_argument, NULL, OPT_DLP_FILE},
     "F",
     "dlp: the data-filtering password, from F (mode 0600; - for stdin)"},
    CLI_OPT_HELP,
    CLI_OPT_END,
};

static const char usage[] =
    "list filter|application [DIR]|threat|dlp | get threat --pcap-id N [--search-time T] "
    "| get threat --all [--query FILTER] | get filter NAME | get application DIR/NAME "
    "| get dlp NAME  [--out FILE]";

static void help(void)
{
    cli_help("pcap", usage,
             "List and download the firewall's packet captures (type=export). Downloads are "
             "streamed to\na file written atomically (mode 0600); its name is printed.\n"
             "  list filter|application|dlp: the capture files (application: the day "
             "directories, or\n    the files of DIR); list threat: the threat logs that have a "
             "capture (pcap_id, time,\n    source, destination, port, threat).\n"
             "  get threat --pcap-id N: the capture of a threat log, PCAPID.pcap; the search-time "
             "is\n    decoded from the id (bits 25-56: UTC seconds) unless given.\n"
             "  get threat --all: the capture of every threat log --query names, two at a time; "
             "a failure\n    is named and does not stop the others.\n"
             "  -o json: a listing as one JSON array.\n"
             "  get filter NAME, get application DIR/NAME, get dlp NAME: one capture file.\n"
             "  panctl pcap get threat --all --query \"(addr.src in 192.0.2.84)\"",
             opts);
}

/* The type=export category of a user's word; "filter" is sent as filter-pcap, the spelling
 * pan-python, pan-os-ansible and XSOAR use (the 9.1 and 11.0 API guides write filters-pcap). */
static const char *category_of(const char *what)
{
    static const char *const map[][2] = {{"threat", "threat-pcap"},
                                         {"filter", "filter-pcap"},
                                         {"application", "application-pcap"},
                                         {"dlp", "dlp-pcap"}};
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(what, map[i][0]) == 0)
            return map[i][1];
    return NULL;
}

/* "+HH:MM", "-HH:MM" or "HH:MM" into seconds east of UTC. 0 or the usage exit status. */
static int parse_offset(const char *s, long *out)
{
    int sign = 1, h, m, used = 0;
    const char *p = s;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (sscanf(p, "%2d:%2d%n", &h, &m, &used) != 2 || p[used] != '\0' || h > 14 || m > 59 ||
        h < 0 || m < 0)
        return cli_usage_error("pcap", "--utc-offset %s: expected +HH:MM or -HH:MM", s);
    *out = sign * (h * 3600L + m * 60L);
    return 0;
}

static int check(const struct cli_pcap_args *a, int get)
{
    int threat = strcmp(a->what, "threat") == 0;
    if (category_of(a->what) == NULL)
        return cli_usage_error("pcap",
                               "no captures of type '%s' (threat, filter, application "
                               "or dlp)",
                               a->what);
    if (!threat && (a->pcap_id || a->search_time || a->serial || a->device || a->session ||
                    a->all || a->query || a->utc_set || a->count_set))
        return cli_usage_error("pcap", "%s captures take no threat options", a->what);
    if (a->dlp_file != NULL && strcmp(a->what, "dlp") != 0)
        return cli_usage_error("pcap", "%s", "--dlp-password-file is for dlp captures");
    if (strcmp(a->what, "dlp") == 0 && a->dlp_file == NULL)
        return cli_usage_error("pcap", "%s", "dlp captures need --dlp-password-file F");
    if (a->out != NULL && *a->out == '\0')
        return cli_usage_error("pcap", "--out needs a file name");
    if (!get) {
        if (a->out || a->pcap_id || a->search_time || a->all || a->utc_set || a->serial ||
            a->device || a->session)
            return cli_usage_error("pcap", "%s", "list takes no --out or download options");
        if (a->name != NULL && strcmp(a->what, "application") != 0)
            return cli_usage_error("pcap", "unexpected argument '%s'", a->name);
        return 0;
    }
    if (threat && a->name != NULL)
        return cli_usage_error("pcap",
                               "unexpected argument '%s' (threat captures are named "
                               "by --pcap-id)",
                               a->name);
    if (threat && a->all == (a->pcap_id != NULL))
        return cli_usage_error("pcap", "%s", "get threat needs --pcap-id N or --all");
    if (threat && a->all && (a->search_time || a->out || a->serial || a->device || a->session))
        return cli_usage_error("pcap", "%s",
                               "--all takes the times, names and files from the "
                               "logs: no --search-time, --out or --serial");
    if (a->query != NULL && !a->all)
        return cli_usage_error("pcap", "%s", "--query goes with --all (or list threat)");
    if (!threat && a->name == NULL)
        return cli_usage_error("pcap", "get %s needs the NAME of a capture (see pcap list %s)",
                               a->what, a->what);
    return 0;
}

/* The file a download goes to: --out, or NAME's last part made safe ([A-Za-z0-9._-]). */
void cli_pcap_file_name(char *buf, size_t len, const char *prefix, const char *name)
{
    const char *base = strrchr(name, '/');
    base = base != NULL ? base + 1 : name;
    size_t n = (size_t)snprintf(buf, len, "%s", prefix);
    for (const char *p = base; *p != '\0' && n + 1 < len; p++) {
        char ch = *p;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                 ch == '.' || ch == '-' || ch == '_';
        buf[n++] = ok ? ch : '_';
    }
    buf[n < len ? n : len - 1] = '\0';
    if (buf[0] == '\0')
        snprintf(buf, len, "_");
    else if (buf[0] == '.')
        buf[0] = '_';
    size_t have = strlen(buf);
    if ((have < 5 || strcmp(buf + have - 5, ".pcap") != 0) && have + 6 <= len)
        memcpy(buf + have, ".pcap", 6);
}

int cli_pcap_download(struct cli_ctx *ctx, const char *category, const panos_param *p, size_t n,
                      const char *path)
{
    panos_export_result res;
    panos_code code = panos_export_to_file(&res, ctx->client, category, p, n, path);
    if (code != PANOS_OK)
        return cli_fail_client(ctx, code);
    printf("%s\n", path);
    fflush(stdout);
    return 0;
}

/* get threat --pcap-id N: the search-time decoded from the id unless given. */
static int get_threat(struct cli_ctx *ctx, const struct cli_pcap_args *a)
{
    char st[32], err[160], name[64], file[64];
    if (panos_pcap_search_time(st, sizeof(st), NULL, a->pcap_id, a->utc_offset, err, sizeof(err)) !=
        PANOS_OK)
        return cli_usage_error("pcap", "--pcap-id: %s", err);
    panos_param p[6];
    size_t n = 0;
    p[n++] = (panos_param){"pcap-id", a->pcap_id};
    if (a->device != NULL)
        p[n++] = (panos_param){"device_name", a->device};
    if (a->session != NULL)
        p[n++] = (panos_param){"sessionid", a->session};
    p[n++] = (panos_param){"search-time", a->search_time ? a->search_time : st};
    if (a->serial != NULL)
        p[n++] = (panos_param){"serialno", a->serial};
    int rc = cli_connect(ctx, 1);
    if (rc != 0)
        return rc;
    snprintf(name, sizeof(name), "%s.pcap", a->pcap_id);
    cli_pcap_file_name(file, sizeof(file), "", name);
    return cli_pcap_download(ctx, "threat-pcap", p, n, a->out ? a->out : file);
}

/* get filter|application|dlp NAME, or their listings: from=NAME, plus dlp-password. */
static int by_name(struct cli_ctx *ctx, const struct cli_pcap_args *a, int get)
{
    panos_buf pass = PANOS_BUF_INIT;
    panos_param p[2];
    size_t n = 0;
    int rc = 0;
    const char *cat = category_of(a->what);
    if (a->name != NULL)
        p[n++] = (panos_param){"from", a->name};
    if (a->dlp_file != NULL && (rc = cli_read_passphrase(&pass, a->dlp_file)) != 0)
        return rc;
    if (pass.ptr != NULL)
        p[n++] = (panos_param){"dlp-password", pass.ptr};
    if ((rc = cli_connect(ctx, 1)) != 0)
        goto done;
    if (get) {
        char file[256];
        cli_pcap_file_name(file, sizeof(file), strcmp(a->what, "filter") == 0 ? "filter-" : "",
                           a->name);
        rc = cli_pcap_download(ctx, cat, p, n, a->out ? a->out : file);
    } else {
        rc = cli_pcap_list(ctx, cat, p, n);
    }
done:
    panos_buf_dispose_secret(&pass);
    return rc;
}

static int run(struct cli_ctx *ctx, const struct cli_pcap_args *a, int get)
{
    if (strcmp(a->what, "threat") != 0)
        return by_name(ctx, a, get);
    if (!get || a->all)
        return cli_pcap_threat_logs(ctx, a, get);
    return get_threat(ctx, a);
}

static int parse_opt(struct cli_ctx *ctx, struct cli_pcap_args *a, int c, char *arg)
{
    switch (c) {
    case 'O':
        a->out = arg;
        return 0;
    case OPT_PCAP_ID:
        a->pcap_id = arg;
        return 0;
    case OPT_SEARCH_TIME:
        a->search_time = arg;
        return 0;
    case OPT_UTC_OFFSET:
        a->utc_set = 1;
        return parse_offset(arg, &a->utc_offset);
    case OPT_SERIAL:
        a->serial = arg;
        return 0;
    case OPT_DEVICE:
        a->device = arg;
        return 0;
    case OPT_SESSION:
        a->session = arg;
        return 0;
    case OPT_ALL:
        a->all = 1;
        return 0;
    case OPT_QUERY:
        a->query = arg;
        return 0;
    case 'n':
        a->count_set = 1;
        return cli_parse_count("pcap", "--count", arg, 1, 100000, &a->count);
    case OPT_DLP_FILE:
        a->dlp_file = arg;
        return 0;
    default:
        return cli_global_option(ctx, "pcap", c, arg);
    }
}

int cmd_pcap(struct cli_ctx *ctx, int argc, char **argv)
{
    struct option longs[CLI_MAX_LONGS];
    char shorts[CLI_MAX_SHORTS];
    struct cli_pcap_args a = {.count = 100};
    int c, rc;
    cli_opts_build(opts, longs, shorts, sizeof(shorts));
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        if (c == 'h') {
            help();
            return 0;
        }
        if ((rc = parse_opt(ctx, &a, c, optarg)) != 0)
            return rc;
    }
    if (optind >= argc || (strcmp(argv[optind], "list") != 0 && strcmp(argv[optind], "get") != 0))
        return cli_usage_error("pcap", "%s", "expected list or get");
    int get = strcmp(argv[optind], "get") == 0;
    if (optind + 1 >= argc)
        return cli_usage_error("pcap", "%s", "which captures: threat, filter, application or dlp");
    a.what = argv[optind + 1];
    a.name = optind + 2 < argc ? argv[optind + 2] : NULL;
    if (optind + 3 < argc)
        return cli_usage_error("pcap", "unexpected argument '%s'", argv[optind + 3]);
    if ((rc = check(&a, get)) != 0)
        return rc;
    if (!get && (rc = cli_pcap_json(ctx, &c)) != 0)
        return rc;
    return run(ctx, &a, get);
}
