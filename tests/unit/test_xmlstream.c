/* SPDX-License-Identifier: MIT */
/* test_xmlstream.c -- the streamed answer parser: events, chunking, held error envelopes, limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/xmlstream.h>
#include "check.h"

/* The events as one line: <d:name a=v>, (d:text) with adjacent pieces joined, </d:name>. */
struct rec {
    char s[4096];
    size_t len;
    int in_text;     /* depth + 1 of the text being joined, 0 if none */
    int stop_at_end; /* return PANOS_E_IO on the first end event */
};

static void put(struct rec *r, const char *text)
{
    size_t n = strlen(text);
    if (n < sizeof(r->s) - r->len) {
        memcpy(r->s + r->len, text, n + 1);
        r->len += n;
    }
}

static void close_text(struct rec *r)
{
    if (r->in_text)
        put(r, ")");
    r->in_text = 0;
}

static panos_code on_start(void *payload, int depth, const char *name, const panos_xml_attr *a,
                           size_t n)
{
    struct rec *r = payload;
    char buf[256];
    close_text(r);
    snprintf(buf, sizeof(buf), "<%d:%s", depth, name);
    put(r, buf);
    for (size_t i = 0; i < n; i++) {
        snprintf(buf, sizeof(buf), " %s=%s", a[i].name, a[i].value);
        put(r, buf);
    }
    put(r, ">");
    return PANOS_OK;
}

static panos_code on_text(void *payload, int depth, const char *text, size_t len)
{
    struct rec *r = payload;
    char buf[256];
    if (r->in_text != depth + 1) {
        close_text(r);
        snprintf(buf, sizeof(buf), "(%d:", depth);
        put(r, buf);
        r->in_text = depth + 1;
    }
    snprintf(buf, sizeof(buf), "%.*s", (int)(len < 200 ? len : 200), text);
    put(r, buf);
    return PANOS_OK;
}

static panos_code on_end(void *payload, int depth, const char *name)
{
    struct rec *r = payload;
    char buf[256];
    close_text(r);
    snprintf(buf, sizeof(buf), "</%d:%s>", depth, name);
    put(r, buf);
    return r->stop_at_end ? PANOS_E_IO : PANOS_OK;
}

static const panos_xml_events ev = {
    PANOS_XML_EVENTS_VERSION, on_start, on_text, on_end, NULL, NULL};

/* Feed @p doc in pieces of @p step bytes (0: at once); the finish code, or the feed's. */
static panos_code run(const char *doc, size_t step, struct rec *r, panos_xmlstream **keep)
{
    panos_xmlstream *p = NULL;
    size_t len = strlen(doc);
    CHECK_OK(panos_xmlstream_new(&p, &ev, r));
    panos_code rc = PANOS_OK;
    for (size_t off = 0; off < len && rc == PANOS_OK;) {
        size_t n = step == 0 || len - off < step ? len - off : step;
        rc = panos_xmlstream_feed(p, doc + off, n);
        off += n;
    }
    if (rc == PANOS_OK)
        rc = panos_xmlstream_finish(p);
    if (keep != NULL)
        *keep = p;
    else
        panos_xmlstream_free(p);
    return rc;
}

static const char success[] =
    "<response status=\"success\" code=\"19\"><result count='1'><address>"
    "<entry name=\"a &amp; &quot;b&quot;\"><fqdn>x&lt;y</fqdn><d><![CDATA[<c>]]></d></entry>"
    "</address></result></response>";
static const char success_events[] =
    "<0:response status=success code=19><1:result count=1><2:address>"
    "<3:entry name=a & \"b\"><4:fqdn>(4:x<y)</4:fqdn><4:d>(4:<c>)</4:d></3:entry>"
    "</2:address></1:result></0:response>";

static void test_events_any_chunking(void **state)
{
    (void)state;
    for (size_t step = 0; step < sizeof(success); step += step < 16 ? 1 : 13) {
        struct rec r = {0};
        CHECK_OK(run(success, step, &r, NULL));
        CHECK_STR(success_events, r.s);
    }
}

static void test_held_error_envelope(void **state)
{
    (void)state;
    struct rec r = {0};
    panos_xmlstream *p = NULL;
    CHECK_CODE(PANOS_E_API,
               run("<response status=\"error\" code=\"12\"><msg><line>one</line><line> two "
                   "</line></msg></response>",
                   5, &r, &p));
    CHECK_EQ(0, (int)r.len); /* nothing passed on */
    const panos_xmlstream_info *info = panos_xmlstream_info_get(p);
    CHECK_STR("one; two", info->message);
    CHECK_STR("error", info->status);
    CHECK_EQ(12, info->code);
    CHECK_EQ(0, info->streamed);
    panos_xmlstream_free(p);

    r.len = 0;
    CHECK_CODE(PANOS_E_NOT_FOUND,
               run("<response status=\"success\" code=\"7\"><result/></response>", 0, &r, NULL));
    CHECK_EQ(0, (int)r.len);
    CHECK_CODE(PANOS_E_AUTH,
               run("<response status = 'error' code = '403'><result><msg>Invalid Credential"
                   "</msg></result></response>",
                   3, &r, NULL));
    CHECK_CODE(
        PANOS_E_FORBIDDEN,
        run("<response status=\"unauth\" code=\"16\"><msg>no</msg></response>", 0, &r, NULL));
}

static void test_malformed(void **state)
{
    (void)state;
    struct rec r = {0};
    panos_xmlstream *p = NULL;
    CHECK_CODE(PANOS_E_PARSE, run("<config><a/></config>", 0, &r, &p));
    CHECK_TRUE(strstr(panos_xmlstream_error(p), "<config>") != NULL);
    panos_xmlstream_free(p);
    /* Cut short: the events so far were passed on, the finish says PARSE. */
    r.len = 0;
    CHECK_CODE(PANOS_E_PARSE, run("<response status=\"success\"><result><a>1</a><b>", 4, &r, &p));
    CHECK_TRUE(strstr(r.s, "</2:a>") != NULL);
    CHECK_TRUE(panos_xmlstream_error(p)[0] != '\0'); /* libxml2's words */
    panos_xmlstream_free(p);
    CHECK_CODE(PANOS_E_PARSE, run("", 0, &r, NULL));
    CHECK_CODE(PANOS_E_PARSE, run("not xml at all", 0, &r, NULL));
    CHECK_CODE(PANOS_E_PARSE,
               run("<!DOCTYPE r [<!ENTITY a \"aaaa\">]><response status=\"success\">&a;</response>",
                   0, &r, NULL));
}

static void test_consumer_stop_and_depth(void **state)
{
    (void)state;
    struct rec r = {.stop_at_end = 1};
    CHECK_CODE(PANOS_E_IO, run(success, 10, &r, NULL));
    CHECK_STR("<0:response status=success code=19><1:result count=1><2:address>"
              "<3:entry name=a & \"b\"><4:fqdn>(4:x<y)</4:fqdn>",
              r.s);

    size_t deep = PANOS_XMLSTREAM_MAX_DEPTH + 10;
    static const char head[] = "<response status=\"success\">";
    char *doc = malloc(sizeof(head) + deep * 3);
    assert_non_null(doc);
    memcpy(doc, head, sizeof(head) - 1);
    for (size_t i = 0; i < deep; i++)
        memcpy(doc + sizeof(head) - 1 + 3 * i, "<a>", 3);
    doc[sizeof(head) - 1 + 3 * deep] = '\0';
    struct rec q = {0};
    panos_xmlstream *p = NULL;
    CHECK_CODE(PANOS_E_TOO_LARGE, run(doc, 100, &q, &p));
    CHECK_TRUE(strstr(panos_xmlstream_error(p), "256") != NULL);
    panos_xmlstream_free(p);
    free(doc);
}

/* Version 2: the raw bytes of a streamed answer, and each child of <result> whole. */
struct items {
    char raw[1024], seen[1024];
    size_t nraw, nitems;
};

static panos_code on_raw(void *payload, const char *data, size_t len)
{
    struct items *it = payload;
    CHECK_TRUE(it->nraw + len < sizeof(it->raw));
    memcpy(it->raw + it->nraw, data, len);
    it->nraw += len;
    return PANOS_OK;
}

static panos_code on_item(void *payload, const panos_node *n)
{
    struct items *it = payload;
    panos_buf t = PANOS_BUF_INIT;
    CHECK_OK(panos_node_text(&t, n));
    const char *a = panos_node_attr(n, "ip");
    size_t at = strlen(it->seen);
    snprintf(it->seen + at, sizeof(it->seen) - at, "[%s ip=%s kids=%d text=%s]", panos_node_name(n),
             a ? a : "-", panos_node_has_children(n), t.ptr);
    panos_buf_dispose(&t);
    it->nitems++;
    return PANOS_OK;
}

static void test_raw_and_items(void **state)
{
    (void)state;
    static const char ok[] = "<response status=\"success\"><result>\n <entry ip=\"192.0.2.1\">"
                             "<tag><member>a&amp;b</member><member><![CDATA[<c>]]></member></tag>"
                             "</entry>\n <count>1</count></result></response>\n";
    static const panos_xml_events ev2 = {
        PANOS_XML_EVENTS_VERSION, NULL, NULL, NULL, on_raw, on_item};
    for (size_t chunk = 1; chunk <= sizeof(ok); chunk += 5) {
        struct items it = {0};
        panos_xmlstream *p = NULL;
        CHECK_OK(panos_xmlstream_new(&p, &ev2, &it));
        for (size_t at = 0; at < sizeof(ok) - 1; at += chunk)
            CHECK_OK(panos_xmlstream_feed(
                p, ok + at, sizeof(ok) - 1 - at < chunk ? sizeof(ok) - 1 - at : chunk));
        CHECK_OK(panos_xmlstream_finish(p));
        panos_xmlstream_free(p);
        CHECK_EQ(sizeof(ok) - 1, it.nraw);
        CHECK_TRUE(memcmp(ok, it.raw, it.nraw) == 0);
        CHECK_EQ(2, it.nitems);
        CHECK_STR("[entry ip=192.0.2.1 kids=1 text=a&b<c>][count ip=- kids=0 text=1]", it.seen);
    }
    /* An error answer: held, nothing raw, no item; version 1 consumers get neither. */
    static const char err[] = "<response status=\"error\"><result><entry/></result></response>";
    struct items it = {0};
    panos_xmlstream *p = NULL;
    CHECK_OK(panos_xmlstream_new(&p, &ev2, &it));
    CHECK_OK(panos_xmlstream_feed(p, err, sizeof(err) - 1));
    CHECK_CODE(PANOS_E_API, panos_xmlstream_finish(p));
    panos_xmlstream_free(p);
    CHECK_EQ(0, it.nraw);
    CHECK_EQ(0, it.nitems);
    panos_xml_events v1 = ev2;
    v1.version = 1;
    CHECK_OK(panos_xmlstream_new(&p, &v1, &it));
    CHECK_OK(panos_xmlstream_feed(p, ok, sizeof(ok) - 1));
    CHECK_OK(panos_xmlstream_finish(p));
    panos_xmlstream_free(p);
    CHECK_EQ(0, it.nraw);
    CHECK_EQ(0, it.nitems);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_events_any_chunking), cmocka_unit_test(test_held_error_envelope),
        cmocka_unit_test(test_malformed),           cmocka_unit_test(test_consumer_stop_and_depth),
        cmocka_unit_test(test_raw_and_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
