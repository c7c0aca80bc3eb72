/* SPDX-License-Identifier: MIT */
/* simexport.c -- type=export: the running configuration as a file download, and --config-size. */
#include "simexport.h"
#include "simimport.h"

#include <archive.h>
#include <archive_entry.h>
#include <libxml/tree.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
    return NULL;
}

/* @p parent's child @p name, made when missing. NULL when out of memory. */
static xmlNodePtr child_make(xmlNodePtr parent, const char *name)
{
    xmlNodePtr n = child(parent, name);
    return n != NULL ? n : xmlNewChild(parent, NULL, BAD_CAST name, NULL);
}

static unsigned long next(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return *s >> 33;
}

/* One address object as PAN-OS stores it under vsys/address (ip-netmask, description, tag). */
static xmlNodePtr add_address(xmlNodePtr addrs, unsigned long i, unsigned long *rng)
{
    char name[48], ip[32], desc[96];
    unsigned long r = next(rng);
    snprintf(name, sizeof(name), "h-10.%lu.%lu.%lu", (i >> 16) & 255, (i >> 8) & 255, i & 255);
    snprintf(ip, sizeof(ip), "10.%lu.%lu.%lu/32", (i >> 16) & 255, (i >> 8) & 255, i & 255);
    snprintf(desc, sizeof(desc), "server %lu, rack %lu, owner team-%lu", i, r % 64, r % 17);
    xmlNodePtr e = xmlNewChild(addrs, NULL, BAD_CAST "entry", NULL);
    if (e == NULL || xmlNewProp(e, BAD_CAST "name", BAD_CAST name) == NULL ||
        xmlNewChild(e, NULL, BAD_CAST "ip-netmask", BAD_CAST ip) == NULL ||
        xmlNewChild(e, NULL, BAD_CAST "description", BAD_CAST desc) == NULL)
        return NULL;
    return e;
}

/* One security rule allowing web to a generated address (the order PAN-OS writes the fields). */
static xmlNodePtr add_rule(xmlNodePtr rules, unsigned long i, unsigned long *rng)
{
    char name[48], dst[48];
    unsigned long r = next(rng);
    snprintf(name, sizeof(name), "allow-web-%lu", i);
    snprintf(dst, sizeof(dst), "h-10.%lu.%lu.%lu", (i >> 16) & 255, (i >> 8) & 255, i & 255);
    xmlNodePtr e = xmlNewChild(rules, NULL, BAD_CAST "entry", NULL);
    if (e == NULL || xmlNewProp(e, BAD_CAST "name", BAD_CAST name) == NULL)
        return NULL;
    static const char *const fields[][2] = {{"to", "trust"}, {"from", "untrust"},
                                            {"source", "any"}, {"destination", NULL},
                                            {"application", "web-browsing"},
                                            {"service", "application-default"}};
    for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
        xmlNodePtr f = xmlNewChild(e, NULL, BAD_CAST fields[k][0], NULL);
        if (f == NULL || xmlNewChild(f, NULL, BAD_CAST "member",
                                     BAD_CAST(fields[k][1] ? fields[k][1] : dst)) == NULL)
            return NULL;
    }
    if (xmlNewChild(e, NULL, BAD_CAST "action", BAD_CAST(r % 8 == 0 ? "deny" : "allow")) == NULL)
        return NULL;
    return e;
}

static int pad_doc(xmlDocPtr doc, size_t bytes, unsigned long seed)
{
    xmlNodePtr config = xmlDocGetRootElement(doc);
    xmlNodePtr vsys = child(child(child(child(config, "devices"), "entry"), "vsys"), "entry");
    if (vsys == NULL)
        return -1;
    xmlNodePtr addrs = child_make(vsys, "address");
    xmlNodePtr rules = child_make(child_make(child_make(vsys, "rulebase"), "security"), "rules");
    if (addrs == NULL || rules == NULL)
        return -1;
    /* An address entry and a rule serialise to about 466 bytes together. */
    size_t n = bytes / 466;
    unsigned long rng = seed;
    for (size_t i = 1; i <= n; i++)
        if (add_address(addrs, (unsigned long)i, &rng) == NULL ||
            add_rule(rules, (unsigned long)i, &rng) == NULL)
            return -1;
    return 0;
}

int sim_export_pad(struct sim_config *cfg, size_t bytes, unsigned long seed)
{
    if (bytes == 0)
        return 0;
    if (pad_doc(sim_config_doc(cfg, 0), bytes, seed) != 0 ||
        pad_doc(sim_config_doc(cfg, 1), bytes, seed) != 0)
        return -1;
    return 0;
}

static void reply_error(struct sim_reply *out, unsigned int status, const char *msg)
{
    char body[512];
    snprintf(body, sizeof(body),
             "<response status = 'error' code = '%u'><result><msg>%s</msg></result></response>",
             status, msg);
    sim_reply_set(out, status, body);
}

/* One regular file of @p len bytes in the archive. 0 or -1. */
static int tar_add(struct archive *a, const char *path, const void *data, size_t len, time_t now)
{
    struct archive_entry *e = archive_entry_new();
    if (e == NULL)
        return -1;
    archive_entry_set_pathname(e, path);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, now, 0);
    int ok = archive_write_header(a, e) == ARCHIVE_OK &&
             (len == 0 || archive_write_data(a, data, len) == (la_ssize_t)len);
    archive_entry_free(e);
    return ok ? 0 : -1;
}

/* The certificates of the running config as certificates/NAME.pem. 0 or -1. */
static int tar_certs(struct archive *a, xmlDocPtr doc, time_t now)
{
    xmlNodePtr list = child(child(xmlDocGetRootElement(doc), "shared"), "certificate");
    for (xmlNodePtr e = list != NULL ? list->children : NULL; e != NULL; e = e->next) {
        xmlChar *name = e->type == XML_ELEMENT_NODE ? xmlGetProp(e, BAD_CAST "name") : NULL;
        xmlChar *pem = name != NULL ? xmlNodeGetContent(child(e, "public-key")) : NULL;
        char path[300];
        snprintf(path, sizeof(path), "certificates/%.200s.pem", name ? (char *)name : "");
        int rc = pem != NULL && strchr((char *)name, '/') == NULL
                     ? tar_add(a, path, pem, strlen((char *)pem), now)
                     : 0;
        xmlFree(name);
        xmlFree(pem);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/*
 * type=export&category=device-state: a synchronous attachment, a gzip'd tar (PAN-OS XML API
 * guide, "Export Files (API)"; pan-os-ansible 3.4.1 panos_export). pansim's bundle holds
 * running-config.xml and each certificate of the running config under certificates/; the
 * file name device_state_cfg.tgz is the one the web interface gives. Which other files a real
 * bundle carries is not verified (docs/man/pansim.1). Case 0309.
 */
static void device_state(const struct sim_config *cfg, struct sim_reply *out)
{
    xmlDocPtr doc = sim_config_doc(cfg, 1);
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpMemory(doc, &mem, &len);
    size_t cap = (size_t)len + 64 * 1024, used = 0;
    char *buf = mem != NULL ? malloc(cap) : NULL;
    struct archive *a = buf != NULL ? archive_write_new() : NULL;
    time_t now = time(NULL);
    int ok = a != NULL && archive_write_add_filter_gzip(a) == ARCHIVE_OK &&
             archive_write_set_format_ustar(a) == ARCHIVE_OK &&
             archive_write_set_bytes_in_last_block(a, 1) == ARCHIVE_OK &&
             archive_write_open_memory(a, buf, cap, &used) == ARCHIVE_OK &&
             tar_add(a, "running-config.xml", mem, (size_t)len, now) == 0 &&
             tar_certs(a, doc, now) == 0 && archive_write_close(a) == ARCHIVE_OK;
    archive_write_free(a);
    xmlFree(mem);
    if (!ok) {
        free(buf);
        sim_reply_set(out, 500, "pansim could not build the device state\n");
        out->content_type = "text/plain";
        return;
    }
    out->body = buf; /* NUL-terminated: used < cap when the gzip'd tar is smaller */
    if (used >= cap)
        used = cap - 1;
    out->body[used] = '\0';
    out->len = used;
    out->status = 200;
    out->content_type = "application/octet-stream";
    out->disposition = "attachment; filename=device_state_cfg.tgz";
}

/*
 * type=export&category=configuration (PAN-OS XML API guide, "Export Files (API)"; pan-python
 * 0.26.0's live tests, which find ./mgt-config under the root of the answer): the body is the raw
 * running config, <config version=... urldb=... detail-version=...>, without a <response>
 * wrapper, sent as an attachment (Content-Disposition: attachment; filename=..., the unquoted
 * form pan-python parses with ^filename=(.+)$). Cases 0250, 0253-0257, 0259.
 */
void sim_export_handle(const struct sim_config *cfg, const char *master_key,
                       const struct sim_request *req, struct sim_reply *out)
{
    const char *category = sim_request_param(req, "category");
    if (category == NULL) {
        reply_error(out, 400, "Missing parameter \"category\"");
        return;
    }
    if (strcmp(category, "certificate") == 0 && cfg != NULL) {
        sim_cert_export(cfg, master_key, req, out);
        return;
    }
    if (strcmp(category, "device-state") == 0 && cfg != NULL) {
        device_state(cfg, out);
        return;
    }
    if (strcmp(category, "configuration") != 0) {
        char msg[160];
        snprintf(msg, sizeof(msg), "pansim does not simulate type=export&category=%.60s yet\n",
                 category);
        sim_reply_set(out, 501, msg);
        out->content_type = "text/plain";
        return;
    }
    xmlDocPtr doc = cfg != NULL ? sim_config_doc(cfg, 1) : NULL;
    if (doc == NULL) {
        sim_reply_set(out, 501, "pansim has no configuration\n");
        out->content_type = "text/plain";
        return;
    }
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpMemory(doc, &mem, &len);
    if (mem == NULL)
        return;
    out->body = malloc((size_t)len + 1);
    if (out->body != NULL) {
        memcpy(out->body, mem, (size_t)len + 1);
        out->len = (size_t)len;
        out->status = 200;
        out->content_type = "application/xml";
        out->disposition = "attachment; filename=running-config.xml";
    }
    xmlFree(mem);
}
