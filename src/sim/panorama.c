/* SPDX-License-Identifier: MIT */
/* panorama.c -- pansim --panorama N: show devices, target= forwarding, commit-all dispatch. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "panorama.h"
#include "simcommit.h"

#define PANORAMA_SERIAL "000702100001"
#define PANORAMA_RELEASE "11.1.6"
#define FW_SERIAL_BASE 7051000123456ULL
#define DISCONNECTED_EVERY 5

struct sim_panorama {
    struct sim_device *self; /* Panorama's own answers (keys, system info, config, jobs) */
    struct sim_pano_fw *fw;
    size_t n;
    struct sim_pano_jobs *jobs;
    pthread_mutex_t lock; /* the commit-all jobs */
};

/* Firewall @p i's management address: documentation ranges (RFC 5737), 250 per block. */
static void fw_ip(char *buf, size_t len, size_t i)
{
    static const char *const net[] = {"192.0.2", "198.51.100", "203.0.113"};
    snprintf(buf, len, "%s.%zu", net[(i / 250) % 3], 2 + i % 250);
}

static int fw_new(struct sim_pano_fw *f, const struct sim_device_options *base, size_t i,
                  const struct sim_fault *fault, char *err, size_t errlen)
{
    struct sim_device_options o = *base;
    if (fault->kind == SIM_FAULT_HANG) {
        snprintf(err, errlen, "--fault %zu:hang: --panorama firewalls take slow, fail or down",
                 i + 1);
        return -1;
    }
    snprintf(f->hostname, sizeof(f->hostname), "%.40s-%zu",
             base->hostname ? base->hostname : "pansim-fw", i + 1);
    snprintf(f->serial, sizeof(f->serial), "00%llu", FW_SERIAL_BASE + i);
    fw_ip(f->ip, sizeof(f->ip), i);
    o.hostname = f->hostname;
    o.serial = f->serial;
    o.seed = base->seed + i;
    sim_fleet_mix(&o, (int)i);
    f->model = o.model;
    f->sw_version = o.sw_version;
    f->ha = o.ha;
    if (o.ha)
        snprintf(f->peer, sizeof(f->peer), "00%llu", FW_SERIAL_BASE + (i ^ 1));
    f->connected =
        (i % DISCONNECTED_EVERY) != DISCONNECTED_EVERY - 1 && fault->kind != SIM_FAULT_DOWN;
    f->delay_ms = fault->kind == SIM_FAULT_SLOW ? fault->delay_ms : 0;
    f->fail = fault->kind == SIM_FAULT_FAIL;
    return sim_device_new(&f->dev, &o, err, errlen);
}

int sim_panorama_new(struct sim_panorama **out, const struct sim_device_options *base, size_t n,
                     const struct sim_fault *faults, char *err, size_t errlen)
{
    struct sim_panorama *p = calloc(1, sizeof(*p));
    *out = NULL;
    if (p == NULL || (p->fw = calloc(n, sizeof(*p->fw))) == NULL) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&p->lock, NULL);
    p->n = n;
    struct sim_device_options o = *base;
    o.hostname = "pansim-panorama";
    o.serial = base->serial ? base->serial : PANORAMA_SERIAL;
    o.model = "Panorama";
    o.sw_version = PANORAMA_RELEASE;
    o.ha = NULL;
    long job_ms = base->commit && base->commit->job_ms > 0 ? base->commit->job_ms : 400;
    int rc =
        sim_device_new(&p->self, &o, err, errlen) != 0 || sim_pano_jobs_new(&p->jobs, job_ms) != 0;
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = fw_new(&p->fw[i], base, i, &faults[i], err, errlen);
    if (rc != 0) {
        if (err[0] == '\0')
            snprintf(err, errlen, "out of memory");
        sim_panorama_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

void sim_panorama_free(struct sim_panorama *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++)
        sim_device_free(p->fw[i].dev);
    free(p->fw);
    sim_device_free(p->self);
    sim_pano_jobs_free(p->jobs);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

/* @p cmd without blanks, into @p buf; "" when it does not fit. */
static void squeeze(char *buf, size_t len, const char *cmd)
{
    size_t o = 0;
    for (const char *c = cmd; *c != '\0' && o + 1 < len; c++)
        if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
            buf[o++] = *c;
    buf[o] = '\0';
    if (strlen(cmd) >= len)
        buf[0] = '\0';
}

/* 1 for show devices all, 2 for show devices connected, 0 for anything else. */
static int devices_cmd(const char *cmd)
{
    char s[128];
    squeeze(s, sizeof(s), cmd);
    if (strcmp(s, "<show><devices><all/></devices></show>") == 0 ||
        strcmp(s, "<show><devices><all></all></devices></show>") == 0)
        return 1;
    if (strcmp(s, "<show><devices><connected/></devices></show>") == 0 ||
        strcmp(s, "<show><devices><connected></connected></devices></show>") == 0)
        return 2;
    return 0;
}

/*
 * One <entry> of show devices: the element names and order of a Panorama 10.1 answer
 * (pan-os-upgrade's test fixture of show devices all; pan-os-python 1.x device fields), abridged
 * to what a fleet tool reads. last-commit-all-state-sp (as show devicegroups names it) is the
 * outcome of the newest commit-all that reached the firewall.
 */
static void device_entry(FILE *f, const struct sim_pano_fw *fw, const char *last_commit)
{
    fprintf(f,
            "<entry name=\"%s\"><serial>%s</serial><connected>%s</connected>"
            "<unsupported-version>no</unsupported-version><deactivated>no</deactivated>"
            "<hostname>%s</hostname><ip-address>%s</ip-address>"
            "<ipv6-address>unknown</ipv6-address><family>%s</family><model>%s</model>"
            "<sw-version>%s</sw-version>",
            fw->serial, fw->serial, fw->connected ? "yes" : "no", fw->hostname, fw->ip,
            strcmp(fw->model, "PA-VM") == 0 ? "vm" : "hw", fw->model, fw->sw_version);
    if (fw->ha)
        fprintf(f, "<ha><state>%s</state><peer><serial>%s</serial></peer></ha>", fw->ha, fw->peer);
    int cert = fw->serial[strlen(fw->serial) - 1] != '9'; /* one in ten has none */
    fprintf(f,
            "<operational-mode>normal</operational-mode><multi-vsys>no</multi-vsys>"
            "<vsys><entry name=\"vsys1\"><display-name>vsys1</display-name>"
            "<shared-policy-status>%s</shared-policy-status></entry></vsys>"
            "<last-commit-all-state-sp>%s</last-commit-all-state-sp>"
            "<device-cert-present>%s</device-cert-present>"
            "<device-cert-expiry-date>%s</device-cert-expiry-date></entry>",
            last_commit[0] ? "In sync" : "", last_commit, cert ? "Valid" : "None",
            cert ? "2027/05/05 10:44:29" : "N/A");
}

static void show_devices(struct sim_panorama *p, int connected_only, struct sim_reply *out)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fputs("<response status=\"success\"><result><devices>", f);
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < p->n; i++)
        if (!connected_only || p->fw[i].connected)
            device_entry(f, &p->fw[i], sim_pano_last_commit(p->jobs, p->fw[i].serial));
    pthread_mutex_unlock(&p->lock);
    fputs("</devices></result></response>", f);
    sim_reply_close(out, f, &buf);
}

static struct sim_pano_fw *find_fw(struct sim_panorama *p, const char *serial)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->fw[i].serial, serial) == 0)
            return &p->fw[i];
    return NULL;
}

/* An error answer in PAN-OS's shape (HTTP 200): @p text followed by @p arg. */
static void api_error(struct sim_reply *out, const char *text, const char *arg)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fputs("<response status=\"error\"><msg><line>", f);
    fputs(text, f);
    sim_xml_escape(f, arg, 0);
    fputs("</line></msg></response>", f);
    sim_reply_close(out, f, &buf);
}

/*
 * target=SERIAL: Panorama checks the key, then the firewall answers (PAN-OS XML API guide,
 * "Query a Firewall from Panorama (API)"). The texts for an unknown or disconnected serial are
 * pansim's own: no public capture of them was found (docs/internals/pansim-panorama.md).
 */
static void forward(struct sim_panorama *p, const struct sim_request *req, const char *target,
                    struct sim_reply *out)
{
    char who[128];
    if (!sim_device_check_key(p->self, req, out, who, sizeof(who)))
        return;
    struct sim_pano_fw *fw = find_fw(p, target);
    if (fw == NULL) {
        api_error(out, "No device with serial number ", target);
        return;
    }
    if (!fw->connected) {
        api_error(out, "Device not connected: ", target);
        return;
    }
    if (fw->delay_ms > 0) {
        struct timespec ts = {fw->delay_ms / 1000, (fw->delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    if (fw->fail) {
        sim_reply_set(out, 500, "<html><body><h1>500 Internal Server Error</h1></body></html>\n");
        out->content_type = "text/html";
        return;
    }
    sim_device_handle(fw->dev, req, out);
}

void sim_panorama_handle(struct sim_panorama *p, const struct sim_request *req,
                         struct sim_reply *out)
{
    const char *type = sim_request_param(req, "type");
    const char *target = sim_request_param(req, "target");
    const char *cmd = sim_request_param(req, "cmd");
    int is_api = strncmp(req->path, "/api", 4) == 0;
    if (!is_api || type == NULL || strcmp(type, "keygen") == 0) {
        sim_device_handle(p->self, req, out);
        return;
    }
    if (target != NULL) {
        forward(p, req, target, out);
        return;
    }
    int devs = strcmp(type, "op") == 0 && cmd ? devices_cmd(cmd) : 0;
    const char *action = sim_request_param(req, "action");
    int commit_all = strcmp(type, "commit") == 0 && action && strcmp(action, "all") == 0 && cmd;
    int job = strcmp(type, "op") == 0 && cmd != NULL;
    if (!devs && !commit_all && !job) {
        sim_device_handle(p->self, req, out);
        return;
    }
    char who[128];
    if (!sim_device_check_key(p->self, req, out, who, sizeof(who)))
        return;
    if (devs) {
        show_devices(p, devs == 2, out);
        return;
    }
    pthread_mutex_lock(&p->lock);
    int done = 1;
    if (commit_all)
        sim_pano_commit_all(p->jobs, p->fw, p->n, who, cmd, out);
    else
        done = sim_pano_job_show(p->jobs, cmd, out);
    pthread_mutex_unlock(&p->lock);
    if (!done)
        sim_device_handle(p->self, req, out);
}
