/* SPDX-License-Identifier: MIT */
/* test_response.c -- PAN-OS answer parsing: envelopes, quirks, messages and classification. */
#include <string.h>
#include <libxml/parser.h>
#include <panos/response.h>
#include "check.h"
#include "hostile.h"
#include "response_priv.h"
#include "xmlerr.h"

static panos_response *resp;

/* Parse @p body (a string) with @p http; the response must be made. */
static panos_response *parse(const char *body, long http)
{
    panos_response_free(resp);
    resp = NULL;
    CHECK_OK(panos_response_parse(&resp, body, strlen(body), http));
    CHECK_TRUE(resp != NULL);
    return resp;
}

static int teardown(void **state)
{
    (void)state;
    panos_response_free(resp);
    resp = NULL;
    return 0;
}

static void test_success_result(void **state)
{
    (void)state;
    /* get, found (PAN-OS XML API guide, "Configuration (API)", PAN-OS 10.1 example). */
    panos_response *r = parse("<response status=\"success\" code=\"19\">\n"
                              "  <result total-count=\"1\" count=\"1\">\n"
                              "    <entry name=\"Test-One\" admin=\"admin\" dirtyId=\"3\">\n"
                              "      <ip-netmask>192.0.2.1</ip-netmask>\n"
                              "    </entry>\n"
                              "  </result>\n"
                              "</response>\n",
                              200);
    CHECK_STR("success", panos_response_status(r));
    CHECK_EQ(19, panos_response_code(r));
    CHECK_EQ(200, panos_response_http_status(r));
    CHECK_TRUE(panos_response_message(r) == NULL);
    CHECK_EQ(PANOS_OK, panos_response_classify(r));
    const panos_node *res = panos_response_result(r);
    CHECK_TRUE(res != NULL);
    CHECK_STR("response", panos_node_name(panos_response_root(r)));
    const panos_node *entry = panos_node_child(res, "entry");
    CHECK_TRUE(entry != NULL);
    CHECK_TRUE(panos_node_child(res, "nope") == NULL);
    CHECK_TRUE(panos_node_child(NULL, "entry") == NULL);
    panos_buf ip = PANOS_BUF_INIT;
    CHECK_OK(panos_node_text(&ip, panos_node_child(entry, "ip-netmask")));
    CHECK_STR("192.0.2.1", ip.ptr);
    panos_buf_dispose(&ip);
    CHECK_OK(panos_node_text(&ip, NULL));
    CHECK_STR("", ip.ptr);
    panos_buf_dispose(&ip);
}

static void test_text_result_kept(void **state)
{
    (void)state;
    /* Text directly in <result>, as check pending-changes answers (PAN SDK fixtures). */
    panos_response *r =
        parse("<response status=\"success\"><result>  yes\n</result></response>", 200);
    CHECK_EQ(-1, panos_response_code(r));
    panos_buf t = PANOS_BUF_INIT;
    CHECK_OK(panos_node_text(&t, panos_response_result(r)));
    CHECK_STR("yes", t.ptr);
    panos_buf_dispose(&t);
    CHECK_EQ(PANOS_OK, panos_response_classify(r));
}

static void test_keygen_single_quotes(void **state)
{
    (void)state;
    /* The keygen reply's quoting (yaklin.ca blog; PAN-OS XML API guide, "Get Your API Key"). */
    panos_response *r = parse(
        "<response status = 'success'><result><key>LUFRPT1abc==</key></result></response>", 200);
    CHECK_STR("success", panos_response_status(r));
    CHECK_EQ(-1, panos_response_code(r));
    panos_buf key = PANOS_BUF_INIT;
    CHECK_OK(panos_node_text(&key, panos_node_child(panos_response_result(r), "key")));
    CHECK_STR("LUFRPT1abc==", key.ptr);
    panos_buf_dispose(&key);
    CHECK_EQ(PANOS_OK, panos_response_classify(r));
}

static void test_403_invalid_credential(void **state)
{
    (void)state;
    /* The 403 body of the yaklin.ca blog (PAN-OS 10.2): exactly 97 bytes, no trailing newline. */
    const char *body = "<response status = 'error' code = '403'><result><msg>Invalid Credential"
                       "</msg></result></response>";
    CHECK_EQ(97, (int)strlen(body));
    panos_response *r = parse(body, 403);
    CHECK_STR("error", panos_response_status(r));
    CHECK_EQ(403, panos_response_code(r));
    CHECK_STR("Invalid Credential", panos_response_message(r));
    CHECK_EQ(PANOS_E_AUTH, panos_response_classify(r));
    size_t len = 0;
    CHECK_STR(body, panos_response_body(r, &len));
    CHECK_EQ(97, (int)len);

    /* Older wording (pan-os-python 1.13.1 panos/base.py; CPAN Device-PaloAlto-Firewall tests). */
    r = parse("<response status = 'error' code = '403'><result><msg>Invalid credentials.</msg>"
              "</result></response>",
              403);
    CHECK_EQ(PANOS_E_AUTH, panos_response_classify(r));

    /* A role refusal is FORBIDDEN, not AUTH. */
    r = parse("<response status = 'error' code = '403'><result><msg>Type [config] not authorized "
              "for user role.</msg></result></response>",
              403);
    CHECK_EQ(PANOS_E_FORBIDDEN, panos_response_classify(r));
}

static void test_400(void **state)
{
    (void)state;
    /* HTTP 400 Key Expired (PaloAltoNetworks/Splunk-Apps #151). */
    panos_response *r = parse("<response status = 'error' code = '400'><result><msg>Key Expired: "
                              "KEY has expired.</msg></result></response>",
                              400);
    CHECK_EQ(400, panos_response_code(r));
    CHECK_STR("Key Expired: KEY has expired.", panos_response_message(r));
    CHECK_EQ(PANOS_E_KEY_EXPIRED, panos_response_classify(r));

    /* Entity-encoded quotes in a 400 message (pango v0.9.0 errors/panos_test.go). */
    r = parse("<response status = 'error' code = '400'><result><msg>Parameter &quot;format&quot; "
              "is required while exporting certificate</msg></result></response>",
              400);
    CHECK_STR("Parameter \"format\" is required while exporting certificate",
              panos_response_message(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    r = parse("<response status = 'error' code = '400'><result><msg>Illegal parameter [request]"
              "</msg></result></response>",
              400);
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));
}

static void test_line_lists(void **state)
{
    (void)state;
    /* Code 17: CDATA with leading spaces, several lines (pan-python issue #24; pango
       errors/panos_test.go). */
    panos_response *r =
        parse("<response status=\"error\" code=\"17\"><msg><line><![CDATA[  is invalid "
              "virtual-router.Current target-vsys is none]]></line><line><![CDATA[ show -> "
              "routing -> route -> virtual-router is invalid]]></line></msg></response>",
              200);
    CHECK_EQ(17, panos_response_code(r));
    CHECK_STR("is invalid virtual-router.Current target-vsys is none; show -> routing -> route "
              "-> virtual-router is invalid",
              panos_response_message(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    /* Code 10: a line mixing text and CDATA (Keyfactor/paloalto-firewall-orchestrator sample). */
    r = parse("<response status=\"error\" code=\"10\"><msg><line> <![CDATA[ web-srv]]> cannot be "
              "deleted because of references from:</line><line> vsys -> vsys1 -> rulebase -> "
              "security -> rules -> r1 -> destination</line></msg></response>",
              200);
    CHECK_STR("web-srv cannot be deleted because of references from:; vsys -> vsys1 -> rulebase "
              "-> security -> rules -> r1 -> destination",
              panos_response_message(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    /* Code 18, malformed command. */
    r = parse("<response status=\"error\" code=\"18\"><msg><line>malformed</line></msg></response>",
              200);
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));
}

static void test_nested_lines(void **state)
{
    (void)state;
    /* A line may hold <line> or <msg><line> (pan-python 0.26.0 lib/pan/xapi.py, message search
       order). */
    panos_response *r =
        parse("<response status=\"error\"><msg><line>outer<line> a </line><line><line>b</line>"
              "</line><msg><line>c</line></msg></line><line/><line>  </line></msg></response>",
              200);
    CHECK_STR("outer; a; b; c", panos_response_message(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));
}

static void test_result_msg(void **state)
{
    (void)state;
    /* Job enqueued: result/msg/line (PAN-OS XML API guide, "Commit"). */
    panos_response *r =
        parse("<response status=\"success\" code=\"19\"><result><msg><line>Commit job enqueued "
              "with jobid 70</line></msg><job>70</job></result></response>",
              200);
    CHECK_STR("Commit job enqueued with jobid 70", panos_response_message(r));
    CHECK_EQ(PANOS_OK, panos_response_classify(r));

    /* <msg> as plain text: set success (PAN-OS XML API guide, "Configuration (API)"), nothing to
       commit (hashicorp/consul-terraform-sync handler/panos_test.go). */
    r = parse("<response status=\"success\" code=\"20\"><msg>command succeeded</msg></response>",
              200);
    CHECK_EQ(20, panos_response_code(r));
    CHECK_STR("command succeeded", panos_response_message(r));
    CHECK_EQ(PANOS_OK, panos_response_classify(r));

    /* result/job/details/line as a last resort (pan-python 0.26.0 lib/pan/xapi.py, message search
       order). */
    r = parse("<response status=\"success\"><result><job><status>FIN</status><result>FAIL</result>"
              "<details><line>Validation Error:</line><line> rule x is invalid </line></details>"
              "</job></result></response>",
              200);
    CHECK_STR("Validation Error:; rule x is invalid", panos_response_message(r));
}

static void test_not_found(void **state)
{
    (void)state;
    /* get: missing node, success code 7 (pan-python 0.26.0 live tests; pango). */
    panos_response *r = parse("<response status=\"success\" code=\"7\"><result/></response>", 200);
    CHECK_EQ(7, panos_response_code(r));
    CHECK_TRUE(panos_response_result(r) != NULL);
    CHECK_TRUE(panos_response_message(r) == NULL);
    CHECK_EQ(PANOS_E_NOT_FOUND, panos_response_classify(r));

    /* Job not found, error code 7. */
    r = parse("<response status=\"error\" code=\"7\"><msg><line>job 19 not found</line></msg>"
              "</response>",
              200);
    CHECK_STR("job 19 not found", panos_response_message(r));
    CHECK_EQ(PANOS_E_NOT_FOUND, panos_response_classify(r));

    /* Bad xpath, code 6: a malformed request, not a missing object. */
    r = parse("<response status=\"error\" code=\"6\"><msg><line>Bad Xpath</line></msg></response>",
              200);
    CHECK_EQ(6, panos_response_code(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    /* show: missing node, no code (pan-python 0.26.0 live tests; pango). */
    r = parse("<response status=\"error\"><msg><line>No such node</line></msg></response>", 200);
    CHECK_EQ(-1, panos_response_code(r));
    CHECK_EQ(PANOS_E_NOT_FOUND, panos_response_classify(r));

    /* Custom-role "commit would be the same" is success code 13: still OK
       (hashicorp/consul-terraform-sync handler/panos_test.go). */
    r = parse("<response status=\"success\" code=\"13\"><msg>The result of this commit would be "
              "the same as the previous commit</msg></response>",
              200);
    CHECK_EQ(PANOS_OK, panos_response_classify(r));
}

static void test_unauth_and_timeout(void **state)
{
    (void)state;
    /* status="unauth" code 16 (PAN-OS XML API guide, "PAN-OS XML API Error Codes"; demisto/content
       tests). */
    panos_response *r = parse("<response status=\"unauth\" code=\"16\"><msg><line>Unauthorized "
                              "request</line></msg></response>",
                              200);
    CHECK_STR("unauth", panos_response_status(r));
    CHECK_EQ(16, panos_response_code(r));
    CHECK_STR("Unauthorized request", panos_response_message(r));
    CHECK_EQ(PANOS_E_FORBIDDEN, panos_response_classify(r));

    /* Code 22, session timed out (PAN-OS XML API Error Codes; pan-os-ansible #546). */
    r = parse("<response status=\"error\" code=\"22\"><msg><line>Session timed out</line></msg>"
              "</response>",
              200);
    CHECK_EQ(PANOS_E_UNAVAILABLE, panos_response_classify(r));
}

static void test_http_errors_text(void **state)
{
    (void)state;
    /* A proxy's 502 page is not XML (pan-python issue #43). */
    panos_response *r = parse("\r\n  502 Bad Gateway  \r\n<hr>nginx<br>\n", 502);
    CHECK_TRUE(panos_response_root(r) == NULL);
    CHECK_TRUE(panos_response_status(r) == NULL);
    CHECK_EQ(-1, panos_response_code(r));
    CHECK_STR("502 Bad Gateway", panos_response_message(r));
    CHECK_EQ(PANOS_E_UNAVAILABLE, panos_response_classify(r));

    r = parse("", 503);
    CHECK_TRUE(panos_response_message(r) == NULL);
    CHECK_EQ(PANOS_E_UNAVAILABLE, panos_response_classify(r));

    /* 501 Not Implemented will not pass by itself: no temporary failure. */
    r = parse("", 501);
    CHECK_EQ(PANOS_E_HTTP, panos_response_classify(r));

    r = parse("Too Many Requests", 429);
    CHECK_STR("Too Many Requests", panos_response_message(r));
    CHECK_EQ(PANOS_E_RATE_LIMITED, panos_response_classify(r));

    /* A long first line is capped. */
    char big[400];
    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    r = parse(big, 500);
    CHECK_EQ(200, (int)strlen(panos_response_message(r)));

    /* Other statuses with a text body are API errors. */
    r = parse("Not Found", 404);
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    /* A 403 whose body is not XML is still AUTH. */
    r = parse("Invalid Credential", 403);
    CHECK_EQ(PANOS_E_AUTH, panos_response_classify(r));
}

static void test_parse_failures(void **state)
{
    (void)state;
    panos_response *r = (panos_response *)&r;
    /* Plain text instead of XML on 200 (pango v0.9.0 licen_test.go; pan-os-python PR #157). */
    const char *text = "VM Device License installed. Restarting pan services.";
    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&r, text, strlen(text), 200));
    CHECK_TRUE(r == NULL);

    const char *trunc = "<response status=\"success\"><result><entry name=\"a\">";
    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&r, trunc, strlen(trunc), 200));
    CHECK_TRUE(r == NULL);

    const char *html = "<html><body>hello</body></html>";
    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&r, html, strlen(html), 200));

    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&r, "", 0, 200));

    /* No network or external entities: a DTD is refused before anything is fetched or
     * expanded (test_dtd_refused). */
    const char *ext = "<!DOCTYPE response [<!ENTITY x SYSTEM \"http://192.0.2.1/x\">]>"
                      "<response status=\"success\"><result>&x;</result></response>";
    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&r, ext, strlen(ext), 200));
    CHECK_TRUE(r == NULL);
    panos_response_free(NULL);
}

static void test_config_root(void **state)
{
    (void)state;
    /* export category=configuration (PAN-OS XML API guide, "Export Files (API)"). */
    panos_response *r = parse("<config version=\"10.1.0\" urldb=\"paloaltonetworks\">"
                              "<devices/></config>\n",
                              200);
    CHECK_STR("config", panos_node_name(panos_response_root(r)));
    CHECK_TRUE(panos_response_status(r) == NULL);
    CHECK_TRUE(panos_response_result(r) == NULL);
    CHECK_TRUE(panos_response_message(r) == NULL);
    CHECK_EQ(PANOS_OK, panos_response_classify(r));
}

static void test_message_order(void **state)
{
    (void)state;
    /* All lines of msg and result/msg join; plain msg text is only a fallback. */
    panos_response *r =
        parse("<response status=\"error\" code=\"12\">\n  <msg>\n    <line><![CDATA[ test-new "
              "unexpected here]]></line>\n  </msg>\n  <result><msg><line>second</line></msg>"
              "<job><details><line>ignored</line></details></job></result>\n</response>\n",
              200);
    CHECK_STR("test-new unexpected here; second", panos_response_message(r));
    CHECK_EQ(PANOS_E_API, panos_response_classify(r));

    /* result/msg text wins over msg text. */
    r = parse("<response status=\"error\"><msg>outer</msg><result><msg>inner</msg></result>"
              "</response>",
              200);
    CHECK_STR("inner", panos_response_message(r));

    /* A line spanning lines becomes one line. */
    r = parse("<response status=\"error\" code=\"17\"><msg><line>commit-all -> template -> admin "
              "unexpected here\n commit-all  is unexpected</line></msg></response>",
              200);
    CHECK_STR("commit-all -> template -> admin unexpected here  commit-all  is unexpected",
              panos_response_message(r));
}

/* PAN-OS never sends a DTD; one with an entity repeated 5,000 times (250 MB expanded) is
 * refused at the DOCTYPE, whatever the HTTP status, with the reason. */
static void test_dtd_refused(void **state)
{
    (void)state;
    size_t len;
    char *bomb = hostile_entity_bomb(50000, 5000, &len);
    char why[200];
    long http[] = {200, 403, 500};
    CHECK_TRUE(bomb != NULL);
    for (size_t i = 0; i < sizeof(http) / sizeof(http[0]); i++) {
        CHECK_CODE(PANOS_E_PARSE,
                   panos__response_parse_why(&resp, bomb, len, http[i], why, sizeof(why)));
        CHECK_TRUE(resp == NULL);
        CHECK_STR(PANOS__XMLERR_DTD_MSG, why);
    }
    free(bomb);
    /* No internal subset, nothing to expand: still not a PAN-OS answer. */
    const char *bare = "<!DOCTYPE response SYSTEM \"x.dtd\"><response status=\"success\"/>";
    CHECK_CODE(PANOS_E_PARSE, panos_response_parse(&resp, bare, strlen(bare), 200));
}

/* A body whose declared encoding does not fit: PARSE with libxml2's first error as the reason,
 * and nothing printed (libxml2 would print three lines). */
static void test_bad_encoding_quiet(void **state)
{
    (void)state;
    char why[200];
    hostile_stderr_begin();
    panos_code rc = panos__response_parse_why(&resp, hostile_sjis, sizeof(hostile_sjis) - 1, 200,
                                              why, sizeof(why));
    long printed = hostile_stderr_end();
    CHECK_CODE(PANOS_E_PARSE, rc);
    CHECK_EQ(0, printed);
    CHECK_TRUE(strstr(why, "input conversion failed") != NULL);
    CHECK_TRUE(strchr(why, '\n') == NULL);
    /* Malformed XML: the parser's words, one line. */
    const char *bad = "<response status=\"success\"><result></response>";
    hostile_stderr_begin();
    rc = panos__response_parse_why(&resp, bad, strlen(bad), 200, why, sizeof(why));
    printed = hostile_stderr_end();
    CHECK_CODE(PANOS_E_PARSE, rc);
    CHECK_EQ(0, printed);
    CHECK_TRUE(strstr(why, "(line 1)") != NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_success_result, teardown),
        cmocka_unit_test_teardown(test_text_result_kept, teardown),
        cmocka_unit_test_teardown(test_keygen_single_quotes, teardown),
        cmocka_unit_test_teardown(test_403_invalid_credential, teardown),
        cmocka_unit_test_teardown(test_400, teardown),
        cmocka_unit_test_teardown(test_line_lists, teardown),
        cmocka_unit_test_teardown(test_nested_lines, teardown),
        cmocka_unit_test_teardown(test_result_msg, teardown),
        cmocka_unit_test_teardown(test_not_found, teardown),
        cmocka_unit_test_teardown(test_unauth_and_timeout, teardown),
        cmocka_unit_test_teardown(test_http_errors_text, teardown),
        cmocka_unit_test_teardown(test_parse_failures, teardown),
        cmocka_unit_test_teardown(test_config_root, teardown),
        cmocka_unit_test_teardown(test_message_order, teardown),
        cmocka_unit_test_teardown(test_dtd_refused, teardown),
        cmocka_unit_test_teardown(test_bad_encoding_quiet, teardown),
    };
    int rc;
    xmlInitParser();
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
