/* SPDX-License-Identifier: MIT */
/* userid.c -- User-ID: uid-message documents built entry by entry, type=user-id requests and
 * the per-entry notes of their answers. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <panos/userid.h>
#include "sbuf.h"

static const char *const section_names[] = {"login",      "logout",        "register",
                                            "unregister", "register-user", "unregister-user"};

const char *panos_uid_action_name(panos_uid_action action)
{
    return (unsigned)action < sizeof(section_names) / sizeof(section_names[0])
               ? section_names[action]
               : "?";
}

static void put_escaped(panos__sb *sb, const char *s)
{
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&':
            panos__sb_puts(sb, "&amp;");
            break;
        case '<':
            panos__sb_puts(sb, "&lt;");
            break;
        case '>':
            panos__sb_puts(sb, "&gt;");
            break;
        case '"':
            panos__sb_puts(sb, "&quot;");
            break;
        default:
            panos__sb_append(sb, s, 1);
        }
    }
}

static panos_code refuse(char *errbuf, size_t errlen, const char *what, const char *value)
{
    if (errbuf != NULL && errlen > 0)
        snprintf(errbuf, errlen, "%s%s%.200s", what, value ? ": " : "", value ? value : "");
    return PANOS_E_INVALID_ARG;
}

static int is_ip(const char *s)
{
    unsigned char b[16];
    return inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1;
}

static panos_code check(panos_uid_action a, const panos_uid_entry *e, char *errbuf, size_t errlen)
{
    int by_user = a == PANOS_UID_REGISTER_USER || a == PANOS_UID_UNREGISTER_USER;
    int tagged = a != PANOS_UID_LOGIN && a != PANOS_UID_LOGOUT;
    if ((unsigned)a >= sizeof(section_names) / sizeof(section_names[0]))
        return refuse(errbuf, errlen, "unknown User-ID action", NULL);
    if (!by_user && (e->ip == NULL || e->ip[0] == '\0'))
        return refuse(errbuf, errlen, "no IP address", NULL);
    if (!by_user && !is_ip(e->ip))
        return refuse(errbuf, errlen, "not an IPv4 or IPv6 address", e->ip);
    if ((by_user || a == PANOS_UID_LOGIN) && (e->user == NULL || e->user[0] == '\0'))
        return refuse(errbuf, errlen, "no user name", NULL);
    if (tagged && e->ntags == 0)
        return refuse(errbuf, errlen, "no tag", NULL);
    for (size_t i = 0; tagged && i < e->ntags; i++)
        if (e->tags[i] == NULL || e->tags[i][0] == '\0')
            return refuse(errbuf, errlen, "an empty tag name", NULL);
    if (e->timeout < 0)
        return refuse(errbuf, errlen, "a negative timeout", NULL);
    return PANOS_OK;
}

panos_code panos_uid_entry_xml(panos_buf *out, panos_uid_action action, const panos_uid_entry *e,
                               char *errbuf, size_t errlen)
{
    panos__sb sb = PANOS__SB_INIT;
    panos_code rc = check(action, e, errbuf, errlen);
    if (rc != PANOS_OK)
        return rc;
    int by_user = action == PANOS_UID_REGISTER_USER || action == PANOS_UID_UNREGISTER_USER;
    int reg = action == PANOS_UID_REGISTER || action == PANOS_UID_REGISTER_USER;
    if (out->size > 0)
        panos__sb_append(&sb, out->ptr, out->size);
    panos__sb_puts(&sb, "<entry");
    if (e->user != NULL && e->user[0] != '\0') {
        panos__sb_puts(&sb, by_user ? " user=\"" : " name=\"");
        put_escaped(&sb, e->user);
        panos__sb_puts(&sb, "\"");
    }
    if (!by_user) {
        panos__sb_puts(&sb, " ip=\"");
        put_escaped(&sb, e->ip);
        panos__sb_puts(&sb, "\"");
    }
    if (action == PANOS_UID_LOGIN && e->timeout > 0)
        panos__sb_printf(&sb, " timeout=\"%ld\"", e->timeout);
    if (action == PANOS_UID_LOGIN || action == PANOS_UID_LOGOUT) {
        panos__sb_puts(&sb, "/>");
    } else {
        panos__sb_puts(&sb, "><tag>");
        for (size_t i = 0; i < e->ntags; i++) {
            if (reg && e->timeout > 0)
                panos__sb_printf(&sb, "<member timeout=\"%ld\">", e->timeout);
            else
                panos__sb_puts(&sb, "<member>");
            put_escaped(&sb, e->tags[i]);
            panos__sb_puts(&sb, "</member>");
        }
        panos__sb_puts(&sb, "</tag></entry>");
    }
    panos_buf built = PANOS_BUF_INIT;
    if ((rc = panos__sb_finish(&sb, &built)) != PANOS_OK)
        return rc;
    panos_buf_dispose(out);
    *out = built;
    return PANOS_OK;
}

panos_code panos_uid_message(panos_buf *out, panos_uid_action action, const char *entries,
                             size_t len)
{
    panos__sb sb = PANOS__SB_INIT;
    const char *name = panos_uid_action_name(action);
    panos__sb_printf(&sb, "<uid-message><version>2.0</version><type>update</type><payload><%s>",
                     name);
    panos__sb_append(&sb, entries, len);
    panos__sb_printf(&sb, "</%s></payload></uid-message>", name);
    return panos__sb_finish(&sb, out);
}

panos_code panos_userid_send(panos_response **out, panos_client *c, const char *message,
                             const char *vsys)
{
    panos_param p[3] = {{"type", "user-id"}, {"cmd", message}, {"vsys", vsys}};
    return panos_request(out, c, p, vsys != NULL ? 3 : 2);
}

/* The element named @p name under @p parent, or NULL (either may be NULL). */
static const panos_node *child(const panos_node *parent, const char *name)
{
    return parent != NULL ? panos_node_child(parent, name) : NULL;
}

size_t panos_uid_notes(const panos_response *r, panos_uid_note_fn fn, void *payload)
{
    size_t n = 0;
    const panos_node *line = child(child(r ? panos_response_root(r) : NULL, "msg"), "line");
    const panos_node *pl = child(child(line, "uid-response"), "payload");
    for (const panos_node *s = pl ? panos_node_first(pl) : NULL; s; s = panos_node_next(s)) {
        for (const panos_node *e = panos_node_child(s, "entry"); e;
             e = panos_node_next_named(e, "entry")) {
            const char *msg = panos_node_attr(e, "message");
            const char *key = panos_node_attr(e, "ip");
            if (msg == NULL)
                continue;
            if (key == NULL)
                key = panos_node_attr(e, "user");
            if (fn != NULL)
                fn(panos_node_name(s), key ? key : "", msg, payload);
            n++;
        }
    }
    return n;
}
