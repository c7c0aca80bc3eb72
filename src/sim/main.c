/* SPDX-License-Identifier: MIT */
/* main.c -- pansim: a PAN-OS XML API simulator on loopback, stateful or scripted by a case file. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <panos/panos.h>
#include "fleet.h"
#include "inject.h"
#include "prisma_sim.h"
#include "panorama.h"
#include "script.h"
#include "server.h"
#include "sim.h"
#include "simcommit.h"
#include "simuserid.h"
#include "simreport.h"

/* --devices at most (one server and one device each). */
#define MAX_DEVICES 1024
/* Above this many devices, servers share a few loop threads instead of one thread each. */
#define SHARED_LOOP_ABOVE 16
#define LOOP_THREADS 2

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static const struct option long_opts[] = {
    {"port", required_argument, NULL, 'p'},
    {"bind", required_argument, NULL, 'b'},
    {"portfile", required_argument, NULL, 'F'},
    {"log", required_argument, NULL, 'l'},
    {"tls", no_argument, NULL, 't'},
    {"cert", required_argument, NULL, 'c'},
    {"cert-key", required_argument, NULL, 'k'},
    {"fingerprint-file", required_argument, NULL, 'f'},
    {"case", required_argument, NULL, 'C'},
    {"users", required_argument, NULL, 'u'},
    {"hostname", required_argument, NULL, 'n'},
    {"serial", required_argument, NULL, 's'},
    {"master-key-file", required_argument, NULL, 'm'},
    {"key-lifetime", required_argument, NULL, 'L'},
    {"keygen-revokes", no_argument, NULL, 'K'},
    {"seed", required_argument, NULL, 'S'},
    {"logs", required_argument, NULL, 'N'},
    {"log-rate", required_argument, NULL, 'R'},
    {"log-job-ms", required_argument, NULL, 'J'},
    {"uptime", required_argument, NULL, 'U'},
    {"version", required_argument, NULL, 'V'},
    {"model", required_argument, NULL, 'M'},
    {"ha", required_argument, NULL, 'H'},
    {"config-size", required_argument, NULL, 'Z'},
    {"devices", required_argument, NULL, 'D'},
    {"panorama", required_argument, NULL, 'P'},
    {"commit-ms", required_argument, NULL, 'j'},
    {"commit-fail", required_argument, NULL, 'e'},
    {"commit-warning", required_argument, NULL, 'w'},
    {"commit-busy-code", required_argument, NULL, 'B'},
    {"fault", required_argument, NULL, 'X'},
    {"userid-reject", required_argument, NULL, 0x2001},
    {"userid-reject-ip", required_argument, NULL, 0x2002},
    {"report-job-ms", required_argument, NULL, 0x2003},
    {"report-fail", required_argument, NULL, 0x2004},
    {"conn-log", required_argument, NULL, 0x2005},
    {"inject", required_argument, NULL, 0x2061},
    {"quit-after", required_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/*
 * The releases pansim plays, each as a release that shipped (its sw-version string): what
 * differs between them is in the op handlers (simop_*.c: environmentals' fan/fans, logdb).
 */
static const char *release_of(const char *arg)
{
    static const char *const rel[][2] = {
        {"9.1", "9.1.17"}, {"10.1", "10.1.14"}, {"10.2", "10.2.11"}, {"11.1", "11.1.6"}};
    for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++)
        if (strcmp(arg, rel[i][0]) == 0)
            return rel[i][1];
    return NULL;
}

/* The models pansim plays: a VM, a fanless desktop, a 1U and a chassis (see pansim(1)). */
static const char *model_of(const char *arg)
{
    static const char *const models[] = {"PA-VM", "PA-440", "PA-3220", "PA-5220", "PA-5450"};
    for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++)
        if (strcmp(arg, models[i]) == 0)
            return models[i];
    return NULL;
}

static void usage(FILE *f)
{
    fputs("usage: pansim [options]\n"
          "Simulate a PAN-OS firewall's XML API (/api/) on loopback, for tests and demos.\n"
          "\n"
          "  -p, --port N              listen on port N (0: any free port; default 0)\n"
          "      --bind ADDR           127.0.0.1 (default) or ::1\n"
          "      --portfile FILE       write the bound port and a newline to FILE\n"
          "      --log FILE            log each request: METHOD PATH auth=KIND name=value...\n"
          "      --conn-log FILE       log each TCP connection accepted: connection N\n"
          "      --tls                 HTTPS with a self-signed certificate made at start\n"
          "      --cert FILE --cert-key FILE   HTTPS with this PEM certificate and key\n"
          "      --fingerprint-file F  write the certificate's SHA-256 (AA:BB:...) to F\n"
          "      --case FILE           scripted mode: answer the case's %% reply sections\n"
          "      --users FILE          admin accounts, name:password[:otp] per line\n"
          "                            (default admin:admin)\n"
          "      --hostname NAME       device hostname (default pansim-fw1)\n"
          "      --serial SERIAL       device serial (default 007051000123456)\n"
          "      --master-key-file F   16-character master key (default: the factory key)\n"
          "      --key-lifetime MIN    API key lifetime in minutes (default 0: never expire)\n"
          "      --keygen-revokes      a keygen invalidates the user's earlier keys\n"
          "      --seed N              seed of the generated state (default 1)\n"
          "      --logs N              traffic logs at start (default 100000)\n"
          "      --log-rate R          new traffic logs per second (default 5)\n"
          "      --log-job-ms MS       how long a log query stays ACT (default 300)\n"
          "      --uptime S            start as if booted S seconds ago (default 0)\n"
          "      --prisma              a Prisma Cloud API instead (see pansim(1): --prisma-assets "
          "N,\n"
          "                            --prisma-vulns M, --prisma-fault STATUS@N[xCOUNT], ...)\n"
          "      --version REL         PAN-OS release played: 9.1, 10.1, 10.2 (default) or 11.1\n"
          "      --model MODEL         PA-VM (default), PA-440, PA-3220, PA-5220 or PA-5450\n"
          "      --ha STATE            HA pair member: active or passive (default: HA off)\n"
          "      --config-size BYTES   pad the configuration with generated address objects\n"
          "                            and rules to about BYTES (suffix K or M; max 200M)\n"
          "      --devices N           N devices (at most 1024), one port each (hostnames\n"
          "                            NAME-1..N, serials counting up; the portfile gets one\n"
          "                            port a line); a mix of models, releases and HA pairs\n"
          "                            unless --model, --version or --ha is given\n"
          "      --panorama N          a Panorama managing N firewalls (at most 750) on one\n"
          "                            port: show devices, target=SERIAL, commit-all\n"
          "      --fault I:KIND        device I (from 1) misbehaves: slow=MS (every answer\n"
          "                            MS late), hang (never answers), fail (HTTP 500 but\n"
          "                            to keygen) or down (its port is closed); repeatable\n"
          "      --commit-ms MS        how long a commit or validate job runs (default 400)\n"
          "      --commit-fail TEXT    every commit and validate ends FAIL with TEXT\n"
          "      --commit-warning TEXT a warnings line on every job that ends OK\n"
          "      --commit-busy-code N  the code of \"Another commit/validate is in progress\"\n"
          "                            (default 14)\n"
          "      --userid-reject N     refuse the Nth type=user-id request (repeatable, 8)\n"
          "      --userid-reject-ip IP every uid-message naming IP is refused\n"
          "      --report-job-ms MS    how long a report job runs (default 300)\n"
          "      --report-fail NAME    report jobs of report NAME end FAIL\n"
          "      --inject FILE         the %% reply sections of FILE answer the requests they\n"
          "                            select instead of the device: match=NAME=VALUE or\n"
          "                            NAME~TEXT, nth=N (the Nth selected only), after=N\n"
          "                            (all but the first N), device=I, pass=1 (the device's\n"
          "                            own answer, cut by truncate= or dripped)\n"
          "      --quit-after S        exit after S seconds (a safety net for tests)\n"
          "  -v, --verbose             trace requests on stderr\n"
          "  -h, --help                this help\n"
          "\nPOST /pansim/admin (action=expire-all, set-password, set-master-key, end-sessions,\n"
          "commit-fail, advance-clock)\n"
          "changes the device's state; see pansim(1), CONTROL ENDPOINT.\n"
          "SIGTERM or SIGINT stops it (exit 0). See pansim(1).\n",
          f);
}

/* Make a self-signed certificate for CN=hostname (EC P-256, one year). */
static int make_cert(const char *cn, char **cert_pem, char **key_pem, char fp[97])
{
    EVP_PKEY *pkey = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    BIO *cb = BIO_new(BIO_s_mem()), *kb = BIO_new(BIO_s_mem());
    int rc = -1;
    if (!pkey || !x || !cb || !kb)
        goto done;
    ASN1_INTEGER_set(X509_get_serialNumber(x), (long)time(NULL));
    X509_set_version(x, 2);
    X509_gmtime_adj(X509_getm_notBefore(x), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x), 365L * 86400);
    X509_set_pubkey(x, pkey);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
    X509_set_issuer_name(x, name);
    if (!X509_sign(x, pkey, EVP_sha256()))
        goto done;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    X509_digest(x, EVP_sha256(), md, &mdlen);
    size_t o = 0;
    for (unsigned int i = 0; i < mdlen; i++)
        o += (size_t)snprintf(fp + o, 97 - o, i ? ":%02X" : "%02X", md[i]);
    if (!PEM_write_bio_X509(cb, x) || !PEM_write_bio_PrivateKey(kb, pkey, NULL, NULL, 0, NULL,
                                                                NULL))
        goto done;
    char *p;
    long n = BIO_get_mem_data(cb, &p);
    *cert_pem = strndup(p, (size_t)n);
    n = BIO_get_mem_data(kb, &p);
    *key_pem = strndup(p, (size_t)n);
    rc = *cert_pem && *key_pem ? 0 : -1;
done:
    BIO_free(cb);
    BIO_free(kb);
    X509_free(x);
    EVP_PKEY_free(pkey);
    return rc;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while (m && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fwrite(chunk, 1, n, m);
    if (m)
        fclose(m);
    fclose(f);
    return buf;
}

/* Fingerprint of a PEM certificate given with --cert. */
static int pem_fingerprint(const char *pem, char fp[97])
{
    BIO *b = BIO_new_mem_buf(pem, -1);
    X509 *x = b ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    int rc = -1;
    if (x && X509_digest(x, EVP_sha256(), md, &mdlen)) {
        size_t o = 0;
        for (unsigned int i = 0; i < mdlen; i++)
            o += (size_t)snprintf(fp + o, 97 - o, i ? ":%02X" : "%02X", md[i]);
        rc = 0;
    }
    X509_free(x);
    BIO_free(b);
    return rc;
}

static int write_file(const char *path, const char *text)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
        return -1;
    FILE *f = fopen(tmp, "w");
    if (f == NULL)
        return -1;
    int ok = fputs(text, f) >= 0;
    ok = fclose(f) == 0 && ok;
    return ok && rename(tmp, path) == 0 ? 0 : -1;
}

static int parse_num(const char *opt, const char *s, double min, double max, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < min || v > max) {
        fprintf(stderr, "pansim: --%s %s: expected a number from %g to %g\n", opt, s, min, max);
        return -1;
    }
    *out = v;
    return 0;
}

/*
 * Device @p i (from 0) of --devices: hostname NAME-(i+1) (NAME: --hostname, default pansim-fw),
 * the serial's trailing digits counted up by i, and seed + i, so the devices differ.
 */
static void device_identity(struct sim_device_options *o, const struct sim_device_options *base,
                            int i, char *name, size_t nlen, char *serial, size_t slen)
{
    snprintf(name, nlen, "%.60s-%d", base->hostname ? base->hostname : "pansim-fw", i + 1);
    const char *s = base->serial ? base->serial : "007051000123456";
    size_t len = strlen(s), d = len;
    while (d > 0 && s[d - 1] >= '0' && s[d - 1] <= '9' && len - d < 18)
        d--;
    unsigned long long v = strtoull(s + d, NULL, 10) + (unsigned long long)i;
    snprintf(serial, slen, "%.*s%0*llu", (int)(d < 20 ? d : 20), s, (int)(len - d), v);
    o->hostname = name;
    o->serial = serial;
    o->seed = base->seed + (unsigned long)i;
}

/* BYTES with an optional K or M suffix (binary multiples), from 0 to 200M. */
static int parse_bytes(const char *s, size_t *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (!errno && end != s && (*end == 'K' || *end == 'k'))
        v *= 1024, end++;
    else if (!errno && end != s && (*end == 'M' || *end == 'm'))
        v *= 1024 * 1024, end++;
    if (errno || end == s || *end || v < 0 || v > 200.0 * 1024 * 1024) {
        fprintf(stderr, "pansim: --config-size %s: expected bytes from 0 to 200M (K, M)\n", s);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    struct sim_device_options dopt = {0};
    struct sim_commit_options copt = {0};
    struct sim_userid_options uopt = {{0}, NULL};
    size_t nreject = 0;
    struct sim_report_options ropt = {0, NULL};
    struct sim_server_options sopt = {0};
    const char *portfile = NULL, *logpath = NULL, *cert = NULL, *certkey = NULL;
    const char *fpfile = NULL, *casefile = NULL, *mkfile = NULL;
    int tls = 0, rc = 1;
    double v, quit_after = 0;
    char err[512] = "";
    char *cert_pem = NULL, *key_pem = NULL, mk[64] = "";
    char fp[97] = "";
    struct sim_device *devs[MAX_DEVICES] = {NULL};
    struct sim_server *srvs[MAX_DEVICES] = {NULL};
    char names[MAX_DEVICES][80], serials[MAX_DEVICES][40];
    static struct sim_fault faults[MAX_DEVICES];
    const char *fault_args[64];
    size_t nfault_args = 0;
    struct sim_loop *loop = NULL;
    struct sim_server *shared[MAX_DEVICES];
    size_t nshared = 0;
    double ndevices = 1, npano = 0;
    struct sim_panorama *pano = NULL;
    struct sim_script *script = NULL;
    struct sim_inject *inject = NULL;
    const char *injectpath = NULL;
    FILE *log = NULL, *conn_log = NULL;
    const char *connpath = NULL;
    int c;

    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--prisma") == 0)
            return sim_prisma_main(argc, argv); /* a Prisma Cloud API instead of a firewall */
    dopt.seed = 1;
    dopt.log_rate = 5;
    while ((c = getopt_long(argc, argv, "p:vh", long_opts, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (parse_num("port", optarg, 0, 65535, &v))
                return 2;
            sopt.port = (unsigned int)v;
            break;
        case 'b': sopt.bind = optarg; break;
        case 'F': portfile = optarg; break;
        case 'l': logpath = optarg; break;
        case 't': tls = 1; break;
        case 'c': cert = optarg; tls = 1; break;
        case 'k': certkey = optarg; break;
        case 'f': fpfile = optarg; break;
        case 'C': casefile = optarg; break;
        case 'u': dopt.users_file = optarg; break;
        case 'n': dopt.hostname = optarg; break;
        case 's': dopt.serial = optarg; break;
        case 'm': mkfile = optarg; break;
        case 'L':
            if (parse_num("key-lifetime", optarg, 0, 525600, &v))
                return 2;
            dopt.key_lifetime_min = (long)v;
            break;
        case 'K': dopt.keygen_revokes = 1; break;
        case 'S':
            if (parse_num("seed", optarg, 0, 4294967295.0, &v))
                return 2;
            dopt.seed = (unsigned long)v;
            break;
        case 'N':
            if (parse_num("logs", optarg, 1, 1e10, &v))
                return 2;
            dopt.log_count = (unsigned long long)v;
            break;
        case 'R':
            if (parse_num("log-rate", optarg, 0, 1e6, &v))
                return 2;
            dopt.log_rate = v;
            break;
        case 'J':
            if (parse_num("log-job-ms", optarg, 0, 3600000, &v))
                return 2;
            dopt.log_job_ms = (long)v;
            break;
        case 'U':
            if (parse_num("uptime", optarg, 0, 3.2e8, &v))
                return 2;
            dopt.uptime_s = (long long)v;
            break;
        case 'V':
            dopt.sw_version = release_of(optarg);
            if (dopt.sw_version == NULL) {
                fprintf(stderr, "pansim: --version must be 9.1, 10.1, 10.2 or 11.1\n");
                return 2;
            }
            break;
        case 'M':
            dopt.model = model_of(optarg);
            if (dopt.model == NULL) {
                fprintf(stderr,
                        "pansim: --model must be PA-VM, PA-440, PA-3220, PA-5220 or PA-5450\n");
                return 2;
            }
            break;
        case 'H':
            if (strcmp(optarg, "active") != 0 && strcmp(optarg, "passive") != 0) {
                fprintf(stderr, "pansim: --ha must be active or passive\n");
                return 2;
            }
            dopt.ha = optarg;
            break;
        case 'D':
            if (parse_num("devices", optarg, 1, MAX_DEVICES, &ndevices))
                return 2;
            break;
        case 'P':
            if (parse_num("panorama", optarg, 1, 750, &npano))
                return 2;
            break;
        case 'X':
            if (nfault_args == sizeof(fault_args) / sizeof(fault_args[0])) {
                fputs("pansim: at most 64 --fault options\n", stderr);
                return 2;
            }
            fault_args[nfault_args++] = optarg;
            break;
        case 'Z':
            if (parse_bytes(optarg, &dopt.config_size))
                return 2;
            break;
        case 'j':
            if (parse_num("commit-ms", optarg, 1, 3600000, &v))
                return 2;
            copt.job_ms = (long)v;
            break;
        case 'e': copt.fail = optarg; break;
        case 0x2001:
            if (nreject == sizeof(uopt.reject_nth) / sizeof(uopt.reject_nth[0])) {
                fputs("pansim: at most 8 --userid-reject options\n", stderr);
                return 2;
            }
            if (parse_num("userid-reject", optarg, 1, 1e9, &v))
                return 2;
            uopt.reject_nth[nreject++] = (unsigned long)v;
            break;
        case 0x2002: uopt.reject_ip = optarg; break;
        case 0x2003:
            if (parse_num("report-job-ms", optarg, 1, 3600000, &v))
                return 2;
            ropt.job_ms = (long)v;
            break;
        case 0x2004: ropt.fail = optarg; break;
        case 0x2005:
            connpath = optarg;
            break;
        case 0x2061:
            injectpath = optarg;
            break;
        case 'w': copt.warning = optarg; break;
        case 'B':
            if (parse_num("commit-busy-code", optarg, 1, 99, &v))
                return 2;
            copt.busy_code = (int)v;
            break;
        case 'q':
            if (parse_num("quit-after", optarg, 0, 1e7, &quit_after))
                return 2;
            break;
        case 'v': sopt.verbose = 1; break;
        case 'h': usage(stdout); return 0;
        default:
            fputs("Try 'pansim --help'.\n", stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "pansim: unexpected argument '%s'\nTry 'pansim --help'.\n", argv[optind]);
        return 2;
    }
    for (size_t k = 0; k < nfault_args; k++) {
        if (casefile ||
            sim_fleet_parse_fault(fault_args[k], faults, (size_t)(npano ? npano : ndevices), err,
                                  sizeof(err)) != 0) {
            fprintf(stderr, "pansim: %s\n", casefile ? "--fault is for device mode" : err);
            return 2;
        }
    }
    if ((cert != NULL) != (certkey != NULL)) {
        fputs("pansim: --cert and --cert-key go together\n", stderr);
        return 2;
    }
    if (mkfile) {
        FILE *f = fopen(mkfile, "r");
        if (f == NULL || fgets(mk, sizeof(mk), f) == NULL) {
            fprintf(stderr, "pansim: cannot read the master key from %s\n", mkfile);
            if (f)
                fclose(f);
            return 2;
        }
        fclose(f);
        mk[strcspn(mk, "\r\n")] = '\0';
        dopt.master_key = mk;
    }
    if (panos_global_init() != PANOS_OK) {
        fputs("pansim: cannot initialise libcurl/libxml2\n", stderr);
        return 1;
    }

    if (casefile) {
        if (sim_script_load(&script, casefile, err, sizeof(err)) != 0) {
            fprintf(stderr, "pansim: %s\n", err);
            goto done;
        }
    } else if (npano > 0) {
        dopt.commit = &copt;
        if (ndevices > 1 ||
            sim_panorama_new(&pano, &dopt, (size_t)npano, faults, err, sizeof(err)) != 0) {
            fprintf(stderr, "pansim: %s\n", ndevices > 1 ? "--panorama or --devices" : err);
            goto done;
        }
        ndevices = 1;
    } else {
        for (int i = 0; i < (int)ndevices; i++) {
            struct sim_device_options o = dopt;
            o.commit = &copt;
            o.userid = &uopt;
            o.report = &ropt;
            if (ndevices > 1) {
                device_identity(&o, &dopt, i, names[i], sizeof(names[i]), serials[i],
                                sizeof(serials[i]));
                if (!dopt.model && !dopt.sw_version && !dopt.ha)
                    sim_fleet_mix(&o, i);
            }
            if (sim_device_new(&devs[i], &o, err, sizeof(err)) != 0) {
                fprintf(stderr, "pansim: %s\n", err);
                goto done;
            }
        }
    }
    if (injectpath && (casefile || sim_inject_load(&inject, injectpath, err, sizeof(err)) != 0)) {
        fprintf(stderr, "pansim: %s\n", casefile ? "--inject is for device mode, not --case" : err);
        goto done;
    }
    if (casefile && ndevices > 1) {
        fputs("pansim: --devices is for device mode, not --case\n", stderr);
        goto done;
    }
    if (tls) {
        if (cert) {
            cert_pem = read_all(cert);
            key_pem = read_all(certkey);
            if (!cert_pem || !key_pem || pem_fingerprint(cert_pem, fp) != 0) {
                fprintf(stderr, "pansim: cannot read the certificate %s and key %s\n", cert,
                        certkey);
                goto done;
            }
        } else if (make_cert(dopt.hostname ? dopt.hostname : "pansim-fw1", &cert_pem, &key_pem,
                             fp) != 0) {
            fputs("pansim: cannot make a self-signed certificate\n", stderr);
            goto done;
        }
    } else if (fpfile) {
        fputs("pansim: --fingerprint-file needs --tls\n", stderr);
        goto done;
    }
    if (logpath && (log = fopen(logpath, "a")) == NULL) {
        fprintf(stderr, "pansim: cannot open the request log %s: %s\n", logpath, strerror(errno));
        goto done;
    }
    if (connpath && (conn_log = fopen(connpath, "a")) == NULL) {
        fprintf(stderr, "pansim: cannot open the connection log %s: %s\n", connpath,
                strerror(errno));
        goto done;
    }

    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    sopt.cert_pem = cert_pem;
    sopt.key_pem = key_pem;
    sopt.log = log;
    sopt.conn_log = conn_log;
    sopt.script = script;
    char ports[MAX_DEVICES * 7 + 1] = "";
    size_t plen = 0;
    unsigned int port0 = sopt.port;
    for (int i = 0; i < (int)ndevices; i++) {
        struct sim_server_options so = sopt;
        unsigned int port = 0;
        so.dev = devs[i];
        so.pano = pano;
        so.inject = inject;
        so.device_index = i + 1;
        so.port = port0 != 0 ? port0 + (unsigned int)i : 0;
        so.delay_ms = pano == NULL && faults[i].kind == SIM_FAULT_SLOW ? faults[i].delay_ms : 0;
        so.hang = pano == NULL && faults[i].kind == SIM_FAULT_HANG;
        so.fail = pano == NULL && faults[i].kind == SIM_FAULT_FAIL;
        so.shared_loop = ndevices > SHARED_LOOP_ABOVE && !so.hang && so.delay_ms == 0;
        if (pano == NULL && faults[i].kind == SIM_FAULT_DOWN) {
            if (sim_fleet_closed_port(sopt.bind, &port) != 0) {
                fputs("pansim: cannot find a closed port for a device that is down\n", stderr);
                goto done;
            }
        } else if (sim_server_start(&srvs[i], &so, err, sizeof(err)) != 0) {
            fprintf(stderr, "pansim: %s\n", err);
            goto done;
        } else {
            port = sim_server_port(srvs[i]);
            if (so.shared_loop)
                shared[nshared++] = srvs[i];
        }
        plen += (size_t)snprintf(ports + plen, sizeof(ports) - plen, "%u\n", port);
    }
    if (nshared > 0 && sim_loop_start(&loop, shared, nshared, LOOP_THREADS) != 0) {
        fputs("pansim: cannot start the event loop threads\n", stderr);
        goto done;
    }
    unsigned int port_first = strtoul(ports, NULL, 10);
    if (fpfile) {
        char line[100];
        snprintf(line, sizeof(line), "%s\n", fp);
        if (write_file(fpfile, line) != 0) {
            fprintf(stderr, "pansim: cannot write %s\n", fpfile);
            goto done;
        }
    }
    if (portfile) {
        if (write_file(portfile, ports) != 0) {
            fprintf(stderr, "pansim: cannot write %s\n", portfile);
            goto done;
        }
    }
    fprintf(stderr, "pansim: %s on %s://%s%s%s:%u/api/%s%s\n", script ? "scripted" : "device",
            tls ? "https" : "http", sopt.bind && strchr(sopt.bind, ':') ? "[" : "",
            sopt.bind ? sopt.bind : "127.0.0.1", sopt.bind && strchr(sopt.bind, ':') ? "]" : "",
            port_first, fp[0] ? " sha256 " : "", fp);

    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (!stop_signal) {
        struct timespec ts = {0, 50 * 1000000L};
        nanosleep(&ts, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (quit_after > 0 && (double)(now.tv_sec - start.tv_sec) >= quit_after) {
            fprintf(stderr, "pansim: --quit-after %g reached\n", quit_after);
            break;
        }
    }
    rc = 0;
done:
    sim_loop_stop(loop);
    for (int i = 0; i < MAX_DEVICES; i++) {
        sim_server_stop(srvs[i]);
        sim_device_free(devs[i]);
    }
    sim_panorama_free(pano);
    sim_script_free(script);
    sim_inject_free(inject);
    if (log)
        fclose(log);
    if (conn_log)
        fclose(conn_log);
    free(cert_pem);
    if (key_pem)
        panos_wipe(key_pem, strlen(key_pem));
    free(key_pem);
    panos_global_cleanup();
    return rc;
}
