/* SPDX-License-Identifier: MIT */
/* main.c -- panos_exporter: options, configuration, signals (TERM/INT stop, HUP reloads). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/panos.h>
#include "config.h"
#include "engine.h"
#include "http.h"
#include "log.h"

/* Exit statuses (panos_exporter(8), EXIT STATUS). */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_CONFIG = 3 };

static const char usage_text[] =
    "Usage: panos_exporter --config FILE [--listen ADDR:PORT] [--portfile FILE]\n"
    "                      [--log-level error|warn|info|debug] [--version] [--help]\n"
    "Prometheus exporter for PAN-OS firewalls (multi-target: /probe?target=NAME&module=M).\n"
    "\n"
    "  -c, --config FILE      configuration (INI; must not be readable by group or others)\n"
    "  -l, --listen ADDR:PORT where to listen (default :9654; [V6]:PORT for IPv6)\n"
    "  -p, --portfile FILE    write the bound port to FILE (useful with --listen ADDR:0)\n"
    "  -L, --log-level LEVEL  error, warn, info (default) or debug\n"
    "  -V, --version          print the version and exit\n"
    "  -h, --help             print this help and exit\n"
    "\n"
    "Signals: SIGHUP reloads the configuration; SIGTERM and SIGINT stop (exit 0).\n"
    "Exit status: 0 stopped cleanly, 1 could not start, 2 usage error, 3 configuration error.\n";

struct opts {
    const char *config, *listen, *portfile;
};

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "panos_exporter: %s%s\nTry 'panos_exporter --help'.\n", msg, arg ? arg : "");
    return EXIT_USAGE;
}

/* -1: go on; else the exit status. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
    static const struct option lo[] = {{"config", required_argument, NULL, 'c'},
                                       {"listen", required_argument, NULL, 'l'},
                                       {"portfile", required_argument, NULL, 'p'},
                                       {"log-level", required_argument, NULL, 'L'},
                                       {"version", no_argument, NULL, 'V'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    int ch;
    opterr = 0;
    while ((ch = getopt_long(argc, argv, ":c:l:p:L:Vh", lo, NULL)) != -1) {
        switch (ch) {
        case 'c':
            o->config = optarg;
            break;
        case 'l':
            o->listen = optarg;
            break;
        case 'p':
            o->portfile = optarg;
            break;
        case 'L':
            if (exp_log_set_level(optarg) != 0)
                return usage_error("--log-level must be error, warn, info or debug, not ", optarg);
            break;
        case 'V':
            printf("panos_exporter %s\n", PANOS_VERSION_STRING);
            return EXIT_OK;
        case 'h':
            fputs(usage_text, stdout);
            return EXIT_OK;
        case ':':
            return usage_error("option needs a value: ", argv[optind - 1]);
        default:
            return usage_error("unknown option: ", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return usage_error("unexpected argument: ", argv[optind]);
    if (o->config == NULL)
        return usage_error("--config FILE is required", NULL);
    return -1;
}

static int write_portfile(const char *path, unsigned port)
{
    char buf[16], err[256];
    int n = snprintf(buf, sizeof(buf), "%u\n", port);
    if (panos_file_write_atomic(path, buf, (size_t)n, 0644, err, sizeof(err)) != PANOS_OK) {
        exp_log(EXP_LOG_ERROR, "--portfile: %s", err);
        return -1;
    }
    return 0;
}

static int load(struct exp_config *cfg, const char *path)
{
    char err[512];
    if (exp_config_load(cfg, path, err, sizeof(err)) != 0) {
        exp_log(EXP_LOG_ERROR, "%s", err);
        exp_config_free(cfg);
        return -1;
    }
    return 0;
}

/* Wait for signals: HUP reloads, TERM/INT return. */
static void serve(struct exp_engine *e, const char *config, const sigset_t *set)
{
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (sig != SIGHUP) {
            exp_log(EXP_LOG_INFO, "signal %d: stopping", sig);
            return;
        }
        struct exp_config cfg;
        if (load(&cfg, config) == 0) {
            exp_engine_reload(e, &cfg);
            exp_log(EXP_LOG_INFO, "configuration reloaded from %s", config);
        } else {
            exp_log(EXP_LOG_WARN, "reload failed: keeping the previous configuration");
        }
    }
}

int main(int argc, char **argv)
{
    struct opts o = {NULL, ":9654", NULL};
    int rc = parse_opts(argc, argv, &o);
    if (rc >= 0)
        return rc;
    struct exp_config cfg;
    if (load(&cfg, o.config) != 0)
        return EXIT_CONFIG;
    /* Signals are taken by sigwait() in this thread; every other thread blocks them. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (panos_global_init() != PANOS_OK) {
        exp_config_free(&cfg);
        return EXIT_RUNTIME;
    }
    char err[256];
    struct exp_engine *e = NULL;
    struct exp_http *h = NULL;
    unsigned port = 0;
    rc = EXIT_RUNTIME;
    if (exp_engine_start(&e, &cfg, err, sizeof(err)) != 0) {
        exp_config_free(&cfg);
        exp_log(EXP_LOG_ERROR, "%s", err);
        goto done;
    }
    if (exp_http_start(&h, e, o.listen, &port, err, sizeof(err)) != 0) {
        exp_log(EXP_LOG_ERROR, "%s", err);
        goto done;
    }
    if (o.portfile && write_portfile(o.portfile, port) != 0)
        goto done;
    exp_log(EXP_LOG_INFO, "listening on port %u", port);
    serve(e, o.config, &set);
    rc = EXIT_OK;
done:
    exp_engine_stop(e); /* answers every probe still waiting, so no connection stays suspended */
    exp_http_stop(h);
    exp_engine_free(e);
    panos_global_cleanup();
    return rc;
}
