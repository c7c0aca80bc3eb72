/* SPDX-License-Identifier: MIT */
/*
 * simconfig_lock.c -- pansim's config and commit locks: the op commands
 * `request config-lock add|remove`, `request commit-lock add|remove`, `show config-locks` and
 * `show commit-locks`, and the refusal of a config write while another admin holds the config
 * lock.
 *
 * Answers (Palo Alto Networks SDK fixtures and a netbox-panorama-configpump-plugin test, 2025;
 * pan-os-python 1.13.1 classify_exception): a lock taken, "Successfully acquired lock. Other
 * administrators will not be able to modify configuration until lock is released by NAME."; a
 * lock another admin holds, an error with no code, "Config lock is already held by NAME" (and
 * "Commit lock ..."); a write refused, "Configuration is locked by NAME" (no code: [U]); the lock
 * lists, <config-locks>/<commit-locks> of <entry name="ADMIN"> with type, name, created,
 * last-activity, loggedin and comment. The release texts are not captured [U].
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "simimport.h"
#include "simstate.h"

/* The child element of @p n named @p name, or NULL. */
static xmlNodePtr kid(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0)
            return c;
    return NULL;
}

static void when(char *buf, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y/%m/%d %H:%M:%S", &tm);
}

/* An answer built with printf; the reply is HTTP 200. */
static void say(struct sim_reply *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct sim_reply *out, const char *fmt, ...)
{
    char *buf;
    size_t len;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    sim_reply_close(out, f, &buf);
}

static void list(struct sim_reply *out, const char *el, const struct sim_lock *l)
{
    char *buf;
    size_t len;
    FILE *f = sim_reply_open(out, &buf, &len);
    if (f == NULL)
        return;
    fprintf(f, "<response status=\"success\"><result><%s>", el);
    if (l->holder[0] != '\0') {
        char created[32];
        when(created, sizeof(created), l->created);
        fputs("<entry name=\"", f);
        sim_xml_escape(f, l->holder, 1);
        fprintf(f, "\"><type>shared</type><name>shared</name><created>%s</created>"
                   "<last-activity>%s</last-activity><loggedin>yes</loggedin><comment>",
                created, created);
        sim_xml_escape(f, l->comment, 0);
        fputs("</comment></entry>", f);
    }
    fprintf(f, "</%s></result></response>", el);
    sim_reply_close(out, f, &buf);
}

int sim_config_lock_op(struct sim_config *cfg, const char *who, const char *cmd, long long now,
                       struct sim_reply *out)
{
    if (cfg == NULL || who == NULL || cmd == NULL)
        return 0;
    xmlDocPtr d = sim_cmd_doc(cmd);
    xmlNodePtr root = d != NULL ? xmlDocGetRootElement(d) : NULL;
    struct sim_locks *locks = sim_config_locks(cfg);
    int handled = 1;
    if (root != NULL && xmlStrcmp(root->name, BAD_CAST "show") == 0 &&
        kid(root, "config-locks") != NULL) {
        list(out, "config-locks", &locks->config);
    } else if (root != NULL && xmlStrcmp(root->name, BAD_CAST "show") == 0 &&
               kid(root, "commit-locks") != NULL) {
        list(out, "commit-locks", &locks->commit);
    } else if (root != NULL && xmlStrcmp(root->name, BAD_CAST "request") == 0 &&
               (kid(root, "config-lock") != NULL || kid(root, "commit-lock") != NULL)) {
        int config = kid(root, "config-lock") != NULL;
        xmlNodePtr lock = kid(root, config ? "config-lock" : "commit-lock");
        struct sim_lock *l = config ? &locks->config : &locks->commit;
        const char *Kind = config ? "Config" : "Commit";
        if (kid(lock, "add") != NULL) {
            if (l->holder[0] != '\0' && strcmp(l->holder, who) != 0) {
                say(out, "<response status=\"error\"><msg><line>%s lock is already held by "
                         "%s</line></msg></response>",
                    Kind, l->holder);
            } else {
                xmlChar *c = xmlNodeGetContent(kid(kid(lock, "add"), "comment"));
                snprintf(l->holder, sizeof(l->holder), "%s", who);
                snprintf(l->comment, sizeof(l->comment), "%s", c != NULL ? (char *)c : "");
                xmlFree(c);
                l->created = now;
                say(out, "<response status=\"success\"><result>Successfully acquired lock. Other "
                         "administrators will not be able to modify configuration until lock "
                         "is released by %s.</result></response>",
                    who);
            }
        } else if (kid(lock, "remove") != NULL) {
            if (l->holder[0] == '\0')
                say(out, "<response status=\"error\"><msg><line>%s lock is not currently "
                         "held</line></msg></response>",
                    Kind);
            else if (strcmp(l->holder, who) != 0)
                say(out, "<response status=\"error\"><msg><line>%s lock is held by %s</line>"
                         "</msg></response>",
                    Kind, l->holder);
            else {
                memset(l, 0, sizeof(*l));
                say(out, "<response status=\"success\"><result>Successfully released "
                         "lock</result></response>");
            }
        } else {
            handled = 0;
        }
    } else {
        handled = 0;
    }
    xmlFreeDoc(d);
    return handled;
}

int sim_config_write_locked(struct sim_config *cfg, const char *who, struct sim_reply *out)
{
    if (cfg == NULL)
        return 0;
    const struct sim_lock *l = &sim_config_locks(cfg)->config;
    if (l->holder[0] == '\0' || (who != NULL && strcmp(l->holder, who) == 0))
        return 0;
    say(out, "<response status=\"error\"><msg><line>Configuration is locked by %s</line></msg>"
             "</response>",
        l->holder);
    return 1;
}
