/* SPDX-License-Identifier: MIT */
/* simuserid_msg.c -- pansim's type=user-id: read a uid-message, check it whole, then apply its
 * login, logout, register, unregister, register-user and unregister-user entries. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include "simuserid_priv.h"

/* A tag's timeout is in seconds, at most 30 days (PAN-OS XML API guide, "Map IP Addresses to
 * Users" / "Register IP Addresses and Tags Dynamically", PAN-OS 9.0 and later); a login's is in
 * minutes. Absent or 0: never. */
#define TAG_TIMEOUT_MAX 2592000LL

/* One message being answered: where the per-entry notes go, the first problem, the pass. */
struct uid_run {
    struct sim_userid *u;
    const char *vsys;
    int apply;             /* 0: the checking pass, 1: the applying pass */
    char err[256];         /* the first problem: the whole message is refused */
    FILE *notes;           /* per-entry messages (applying pass) */
    const char *last_sect; /* the section element open in notes, or NULL */
};

static int bad(struct uid_run *r, const char *what, const char *value)
{
    if (r->err[0] == '\0')
        snprintf(r->err, sizeof(r->err), "uid-message: %s%s%.100s%s", what, value ? " '" : "",
                 value ? value : "", value ? "'" : "");
    return -1;
}

static void note(struct uid_run *r, const char *sect, const char *key_attr, const char *key,
                 const char *text)
{
    if (r->last_sect != sect) {
        if (r->last_sect != NULL)
            fprintf(r->notes, "</%s>", r->last_sect);
        fprintf(r->notes, "<%s>", sect);
        r->last_sect = sect;
    }
    fprintf(r->notes, "<entry %s=\"", key_attr);
    sim_xml_escape(r->notes, key, 1);
    fputs("\" message=\"", r->notes);
    sim_xml_escape(r->notes, text, 1);
    fputs("\"/>", r->notes);
}

static const char *attr(xmlNode *el, const char *name)
{
    for (xmlAttr *a = el->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

static int is_ip(const char *s)
{
    unsigned char b[16];
    return s != NULL && (inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1);
}

/* A timeout attribute: absent is 0 (never); otherwise digits up to @p max. */
static int timeout_of(struct uid_run *r, xmlNode *el, long long max, long long *out)
{
    const char *t = attr(el, "timeout");
    char *end;
    *out = 0;
    if (t == NULL)
        return 0;
    errno = 0;
    long long v = strtoll(t, &end, 10);
    if (t[0] < '0' || t[0] > '9' || *end != '\0' || errno != 0 || v > max)
        return bad(r, "bad timeout", t);
    *out = v;
    return 0;
}

static long long deadline(const struct uid_run *r, long long seconds)
{
    return seconds > 0 ? r->u->now_ms + seconds * 1000 : 0;
}

/* <login><entry name="DOM\user" ip="..." timeout="MINUTES"/>: the IP maps to the user. */
static int login(struct uid_run *r, xmlNode *e)
{
    const char *user = attr(e, "name"), *ip = attr(e, "ip");
    long long minutes;
    if (user == NULL || user[0] == '\0')
        return bad(r, "login entry without a name", NULL);
    if (!is_ip(ip))
        return bad(r, "login entry with a bad ip", ip ? ip : "");
    if (timeout_of(r, e, 35791394LL, &minutes) != 0 || !r->apply)
        return r->err[0] ? -1 : 0;
    return sim_uid_put(r->u, UID_MAP, r->vsys, ip, user, deadline(r, minutes * 60));
}

/* <logout><entry name="..." ip="..."/>: the IP's mapping ends (a world one too). */
static int logout(struct uid_run *r, xmlNode *e)
{
    const char *ip = attr(e, "ip");
    if (!is_ip(ip))
        return bad(r, "logout entry with a bad ip", ip ? ip : "");
    if (!r->apply)
        return 0;
    sim_uid_del(r->u, UID_MAP, r->vsys, ip, NULL);
    return sim_uid_put(r->u, UID_HIDE, r->vsys, ip, NULL, 0);
}

/* The <tag><member timeout="S">T</member>... of a register or unregister entry. */
static int tags(struct uid_run *r, const char *sect, xmlNode *e, enum uid_kind kind,
                const char *key_attr, const char *key, int reg)
{
    xmlNode *tag = NULL;
    for (xmlNode *c = e->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "tag") == 0)
            tag = c;
    if (tag == NULL)
        return bad(r, "entry without <tag>:", key);
    for (xmlNode *m = tag->children; m; m = m->next) {
        if (m->type != XML_ELEMENT_NODE)
            continue;
        const char *t =
            m->children && m->children->content ? (const char *)m->children->content : "";
        long long secs;
        if (strcmp((const char *)m->name, "member") != 0 || t[0] == '\0')
            return bad(r, "bad <tag> member of", key);
        if (timeout_of(r, m, TAG_TIMEOUT_MAX, &secs) != 0)
            return -1;
        if (!r->apply)
            continue;
        char text[300];
        int had = sim_uid_find(r->u, kind, r->vsys, key, t) != NULL;
        if (reg && had) {
            snprintf(text, sizeof(text), "%.200s already exists, ignore", t);
            note(r, sect, key_attr, key, text);
        } else if (reg && sim_uid_put(r->u, kind, r->vsys, key, t, deadline(r, secs)) != 0) {
            return -1;
        } else if (!reg && !sim_uid_del(r->u, kind, r->vsys, key, t)) {
            snprintf(text, sizeof(text), "%.200s does not exist, ignore unreg", t);
            note(r, sect, key_attr, key, text);
        }
    }
    return 0;
}

static int entry(struct uid_run *r, const char *sect, xmlNode *e)
{
    int reg = sect[0] == 'r';
    if (strcmp(sect, "login") == 0)
        return login(r, e);
    if (strcmp(sect, "logout") == 0)
        return logout(r, e);
    if (strcmp(sect, "register") == 0 || strcmp(sect, "unregister") == 0) {
        const char *ip = attr(e, "ip");
        if (!is_ip(ip))
            return bad(r, "entry with a bad ip", ip ? ip : "");
        return tags(r, sect, e, UID_IPTAG, "ip", ip, reg);
    }
    const char *user = attr(e, "user");
    if (user == NULL || user[0] == '\0')
        return bad(r, "user tag entry without a user", NULL);
    return tags(r, sect, e, UID_USERTAG, "user", user, reg);
}

/* The payload's sections in order; <groups> is accepted and not kept. */
static int payload(struct uid_run *r, xmlNode *pl)
{
    static const char *const sects[] = {
        "login", "logout", "register", "unregister", "register-user", "unregister-user", "groups"};
    for (xmlNode *s = pl->children; s; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
            continue;
        size_t k = 0;
        while (k < sizeof(sects) / sizeof(sects[0]) && strcmp((const char *)s->name, sects[k]))
            k++;
        if (k == sizeof(sects) / sizeof(sects[0]))
            return bad(r, "unknown payload element", (const char *)s->name);
        if (strcmp(sects[k], "groups") == 0)
            continue;
        for (xmlNode *e = s->children; e; e = e->next) {
            if (e->type != XML_ELEMENT_NODE)
                continue;
            if (strcmp((const char *)e->name, "entry") != 0)
                return bad(r, "unknown element in", sects[k]);
            if (entry(r, sects[k], e) != 0)
                return -1;
        }
    }
    return 0;
}

static xmlNode *child_el(xmlNode *el, const char *name)
{
    for (xmlNode *c = el ? el->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* The test hooks: the Nth request, or a message naming the --userid-reject-ip address. */
static int rejected(struct sim_userid *u, const char *cmd, struct sim_reply *out)
{
    char line[160];
    for (size_t i = 0; i < sizeof(u->opts.reject_nth) / sizeof(u->opts.reject_nth[0]); i++) {
        if (u->opts.reject_nth[i] != 0 && u->opts.reject_nth[i] == u->requests) {
            snprintf(line, sizeof(line), "pansim: user-id request %lu refused (--userid-reject)",
                     u->requests);
            sim_reply_error_line(out, line);
            return 1;
        }
    }
    const char *ip = u->opts.reject_ip;
    if (ip != NULL && ip[0] != '\0') {
        char quoted[80];
        snprintf(quoted, sizeof(quoted), "ip=\"%s\"", ip);
        if (strstr(cmd, quoted) != NULL) {
            snprintf(line, sizeof(line),
                     "pansim: user-id message naming %.60s refused "
                     "(--userid-reject-ip)",
                     ip);
            sim_reply_error_line(out, line);
            return 1;
        }
    }
    return 0;
}

static void answer(struct uid_run *r, xmlNode *pl, struct sim_reply *out)
{
    char *body = NULL;
    size_t len = 0;
    if (payload(r, pl) != 0) { /* checking pass: nothing is applied */
        sim_reply_error_line(out, r->err);
        return;
    }
    if ((r->notes = open_memstream(&body, &len)) == NULL) {
        sim_reply_set(out, 500, "pansim: out of memory\n");
        return;
    }
    r->apply = 1;
    int rc = payload(r, pl);
    if (r->last_sect != NULL)
        fprintf(r->notes, "</%s>", r->last_sect);
    fclose(r->notes);
    if (rc != 0) {
        sim_reply_set(out, 500, "pansim: out of memory\n");
    } else if (len == 0) {
        sim_reply_set(out, 200,
                      "<response status=\"success\"><result><uid-response><version>"
                      "2.0</version><payload/></uid-response></result></response>");
    } else {
        /* Per-entry messages: PAN-OS puts the uid-response inside the error's message line
         * (pan-python 0.26.0 lib/pan/xapi.py, the user-id answer parser; the "already exists,
         * ignore" text is what Cortex XSOAR's PAN-OS integration matches). */
        char *whole = NULL;
        size_t wlen = 0;
        FILE *f = open_memstream(&whole, &wlen);
        if (f == NULL) {
            sim_reply_set(out, 500, "pansim: out of memory\n");
        } else {
            fprintf(f,
                    "<response status=\"error\"><msg><line><uid-response><version>2.0"
                    "</version><payload>%s</payload></uid-response></line></msg></response>",
                    body);
            fclose(f);
            sim_reply_set(out, 200, whole);
            free(whole);
        }
    }
    free(body);
}

void sim_userid_handle(struct sim_userid *u, const char *cmd, const char *vsys,
                       struct sim_reply *out)
{
    struct uid_run r = {.u = u, .vsys = vsys && vsys[0] ? vsys : "vsys1"};
    u->requests++;
    if (rejected(u, cmd, out))
        return;
    xmlDocPtr doc = xmlReadMemory(cmd, (int)strlen(cmd), "uid-message.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    xmlNode *pl = child_el(root, "payload");
    if (root == NULL)
        sim_reply_error_line(out, "uid-message: cmd is not well-formed XML");
    else if (strcmp((const char *)root->name, "uid-message") != 0)
        sim_reply_error_line(out, "uid-message: the root element is not <uid-message>");
    else if (pl == NULL)
        sim_reply_error_line(out, "uid-message: no <payload>");
    else
        answer(&r, pl, out);
    xmlFreeDoc(doc);
}
