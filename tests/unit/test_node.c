/* SPDX-License-Identifier: MIT */
/* test_node.c -- the element walker of <panos/node.h>, panos_doc, and the version calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <panos/panos.h>
#include "check.h"

/* show system info (yaklin.ca blog, PAN-OS 10.2.11-h12), abridged: a list with single-quoted
 * attributes, CDATA, mixed text. */
static const char BODY[] =
    "<response status=\"success\"><result>\n"
    "  <system>\n"
    "    <hostname> fw-lab-1 </hostname>\n"
    "    <note>a &amp; b<![CDATA[ <c> ]]></note>\n"
    "    <plugin_versions>\n"
    "      <entry name='dlp' version = '3.0.9'><pkginfo>dlp-3.0.9</pkginfo></entry>\n"
    "      <entry name=\"a&lt;b\" empty=\"\">own <x>child</x> text</entry>\n"
    "    </plugin_versions>\n"
    "  </system>\n"
    "</result></response>";

static panos_response *parse_body(void)
{
    panos_response *r = NULL;
    CHECK_OK(panos_response_parse(&r, BODY, strlen(BODY), 200));
    CHECK_TRUE(r != NULL);
    return r;
}

static void test_walk(void **state)
{
    (void)state;
    panos_response *r = parse_body();
    const panos_node *result = panos_response_result(r);
    CHECK_STR("result", panos_node_name(result));
    const panos_node *sys = panos_node_first(result);
    CHECK_STR("system", panos_node_name(sys));
    CHECK_TRUE(panos_node_next(sys) == NULL); /* whitespace between elements is skipped */
    CHECK_EQ(1, panos_node_has_children(sys));

    const char *names[4];
    size_t n = 0;
    for (const panos_node *c = panos_node_first(sys); c != NULL && n < 4; c = panos_node_next(c))
        names[n++] = panos_node_name(c);
    CHECK_EQ(3, (int)n);
    CHECK_STR("hostname", names[0]);
    CHECK_STR("note", names[1]);
    CHECK_STR("plugin_versions", names[2]);

    const panos_node *list = panos_node_child(sys, "plugin_versions");
    const panos_node *e = panos_node_child(list, "entry");
    CHECK_STR("dlp", panos_node_attr(e, "name"));
    CHECK_STR("3.0.9", panos_node_attr(e, "version"));
    CHECK_TRUE(panos_node_attr(e, "nope") == NULL);
    e = panos_node_next_named(e, "entry");
    CHECK_STR("a<b", panos_node_attr(e, "name"));
    CHECK_STR("", panos_node_attr(e, "empty"));
    CHECK_TRUE(panos_node_next_named(e, "entry") == NULL);

    const panos_attr *a = panos_node_attrs(e);
    CHECK_STR("name", panos_attr_name(a));
    CHECK_STR("a<b", panos_attr_value(a));
    a = panos_attr_next(a);
    CHECK_STR("empty", panos_attr_name(a));
    CHECK_TRUE(panos_attr_next(a) == NULL);

    /* NULL nodes chain through every walker call. */
    CHECK_TRUE(panos_node_child(panos_node_child(NULL, "a"), "b") == NULL);
    CHECK_TRUE(panos_node_first(NULL) == NULL);
    CHECK_TRUE(panos_node_next(NULL) == NULL);
    CHECK_TRUE(panos_node_name(NULL) == NULL);
    CHECK_TRUE(panos_node_attr(NULL, "x") == NULL);
    CHECK_TRUE(panos_node_attrs(NULL) == NULL);
    CHECK_EQ(0, panos_node_has_children(NULL));
    panos_response_free(r);
}

static void test_text(void **state)
{
    (void)state;
    panos_response *r = parse_body();
    const panos_node *sys = panos_node_child(panos_response_result(r), "system");
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_node_text(&b, panos_node_child(sys, "hostname")));
    CHECK_STR("fw-lab-1", b.ptr);
    CHECK_EQ(8, (int)b.size);
    panos_buf_dispose(&b);
    CHECK_OK(panos_node_text(&b, panos_node_child(sys, "note")));
    CHECK_STR("a & b <c>", b.ptr);
    panos_buf_dispose(&b);

    const panos_node *e = panos_node_next_named(
        panos_node_child(panos_node_child(sys, "plugin_versions"), "entry"), "entry");
    CHECK_OK(panos_node_text(&b, e));
    CHECK_STR("own child text", b.ptr);
    panos_buf_dispose(&b);
    CHECK_OK(panos_node_own_text(&b, e));
    CHECK_STR("own  text", b.ptr);
    panos_buf_dispose(&b);
    CHECK_OK(panos_node_own_text(&b, NULL));
    CHECK_STR("", b.ptr);
    CHECK_EQ(0, (int)b.size);
    panos_buf_dispose(&b);
    panos_response_free(r);
}

static void test_dump(void **state)
{
    (void)state;
    panos_doc *d = NULL;
    const char *xml = "<a x=\"1\">\n  <b> keep </b>\n<c/></a>";
    CHECK_OK(panos_doc_parse(&d, xml, strlen(xml), NULL, 0));
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_node_dump(&b, panos_doc_root(d), 0));
    CHECK_STR(xml, b.ptr);
    panos_buf_dispose(&b);
    CHECK_OK(panos_node_dump(&b, panos_doc_root(d), PANOS_NODE_DUMP_PRETTY));
    CHECK_STR("<a x=\"1\">\n  <b> keep </b>\n  <c/>\n</a>", b.ptr);
    panos_buf_dispose(&b);
    /* The document itself is left as it was. */
    CHECK_OK(panos_node_dump(&b, panos_doc_root(d), 0));
    CHECK_STR(xml, b.ptr);
    panos_buf_dispose(&b);
    panos_doc_free(d);
    panos_doc_free(NULL);
}

static void test_doc_parse_errors(void **state)
{
    (void)state;
    panos_doc *d = NULL;
    char err[200];
    CHECK_CODE(PANOS_E_PARSE, panos_doc_parse(&d, "<a>", 3, err, sizeof(err)));
    CHECK_TRUE(d == NULL);
    CHECK_TRUE(err[0] != '\0');
    const char *dtd = "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>";
    CHECK_CODE(PANOS_E_PARSE, panos_doc_parse(&d, dtd, strlen(dtd), err, sizeof(err)));
    CHECK_TRUE(strstr(err, "DTD") != NULL);
    CHECK_CODE(PANOS_E_PARSE, panos_doc_parse(&d, "", 0, NULL, 0));
}

static void test_version(void **state)
{
    (void)state;
    int major = -1, minor = -1, patch = -1;
    panos_version(&major, &minor, &patch);
    CHECK_EQ(PANOS_VERSION_MAJOR, major);
    CHECK_EQ(PANOS_VERSION_MINOR, minor);
    CHECK_EQ(PANOS_VERSION_PATCH, patch);
    panos_version(NULL, &minor, NULL);
    char s[64];
    snprintf(s, sizeof(s), "%d.%d.%d", major, minor, patch);
    CHECK_STR(s, panos_version_string());
    CHECK_STR(PANOS_VERSION_STRING, panos_version_string());
    CHECK_EQ((major << 16) | (minor << 8) | patch, PANOS_VERSION_NUM);
    CHECK_TRUE(PANOS_VERSION_AT_LEAST(0, 1, 0));
    CHECK_TRUE(!PANOS_VERSION_AT_LEAST(PANOS_VERSION_MAJOR + 1, 0, 0));
}

/* panctl --version's second line: the libcurl running first, libxml2 last, cut to the buffer. */
static void test_version_deps(void **state)
{
    (void)state;
    char buf[256], want[64];
    snprintf(want, sizeof(want), "libcurl/%s ", curl_version_info(CURLVERSION_NOW)->version);
    panos_version_deps(buf, sizeof(buf));
    CHECK_TRUE(strncmp(buf, want, strlen(want)) == 0);
    const char *xml = strstr(buf, " libxml2/");
    CHECK_TRUE(xml != NULL);
    int major = 0, minor = -1;
    CHECK_EQ(2, sscanf(xml, " libxml2/%d.%d", &major, &minor));
    CHECK_TRUE(major == 2 && minor >= 9);
    char small[8] = "xxxxxxx";
    panos_version_deps(small, sizeof(small));
    CHECK_STR("libcurl", small);
    panos_version_deps(small, 0);
    CHECK_STR("libcurl", small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_dump),
        cmocka_unit_test(test_doc_parse_errors),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_version_deps),
    };
    if (panos_global_init() != PANOS_OK)
        return 1;
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_global_cleanup();
    return rc;
}
