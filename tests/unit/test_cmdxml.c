/* SPDX-License-Identifier: MIT */
/* test_cmdxml.c -- CLI text to XML commands: nesting, values, quotes, attributes, errors. */
#include <string.h>
#include <panos/cmdxml.h>
#include "check.h"

static char err[256];
static panos_buf out;

static char *conv(const char *text, panos_code want)
{
    panos_buf_dispose(&out);
    err[0] = '\0';
    CHECK_CODE(want, panos_cmd_to_xml(&out, text, err, sizeof(err)));
    return out.ptr;
}

#define XML(expected, text) CHECK_STR((expected), conv((text), PANOS_OK))
/* An error whose message holds @p part. */
#define REFUSED(part, text)                                                                        \
    do {                                                                                           \
        conv((text), PANOS_E_INVALID_ARG);                                                         \
        if (strstr(err, (part)) == NULL)                                                           \
            fail_msg("error for '%s' is \"%s\", expected it to hold \"%s\"", (text), err, (part)); \
    } while (0)

static void test_nesting(void **state)
{
    (void)state;
    XML("<show><system><info/></system></show>", "show system info");
    XML("<show/>", "show");
    XML("<request><restart><system/></restart></request>", "request restart system");
    XML("<show><clock/></show>", "  show \t clock\n");
    XML("<a_b><c-d/></a_b>", "a_b c-d");
}

static void test_values(void **state)
{
    (void)state;
    XML("<show><interface>ethernet1/1</interface></show>", "show interface \"ethernet1/1\"");
    XML("<show><interface>ethernet1/1</interface></show>", "show interface ethernet1/1");
    XML("<show><jobs><id>12</id></jobs></show>", "show jobs id 12");
    XML("<show><jobs><id>12</id></jobs></show>", "show jobs id \"12\"");
    XML("<a><b>192.0.2.1</b></a>", "a b 192.0.2.1");
    XML("<a><b>fe80::1</b></a>", "a b fe80::1");
    /* A name must be quoted to be a value. */
    XML("<show><interface>ethernet1</interface></show>", "show interface 'ethernet1'");
    XML("<show><admins></admins></show>", "show admins \"\"");
    /* Elements PAN-OS gives a value take the next word as text, name or not (show interface
       all in the CPAN Device-PaloAlto-Firewall captures; show dhcp server lease interface all
       in third-party scripts). */
    XML("<show><interface>all</interface></show>", "show interface all");
    XML("<show><interface>logical</interface></show>", "show interface logical");
    XML("<show><dhcp><server><lease><interface>all</interface></lease></server></dhcp></show>",
        "show dhcp server lease interface all");
    XML("<show><session><all/></session></show>", "show session all");
    XML("<commit><description>x</description></commit>", "commit description \"x\"");
}

static void test_siblings(void **state)
{
    (void)state;
    XML("<test><security-policy-match><from>trust</from><to>untrust</to></security-policy-match>"
        "</test>",
        "test security-policy-match from \"trust\" to \"untrust\"");
    XML("<test><security-policy-match><from>trust</from><to>untrust</to>"
        "<destination>1.1.1.1</destination><protocol>6</protocol></security-policy-match></test>",
        "test security-policy-match from 'trust' to \"untrust\" destination 1.1.1.1 protocol 6");
    /* Words after a value nest again below the sibling. */
    XML("<a><b>1</b><c><d/></c></a>", "a b 1 c d");
}

static void test_quotes(void **state)
{
    (void)state;
    XML("<show><config><saved>a b.xml</saved></config></show>", "show config saved \"a b.xml\"");
    XML("<a><b>say &quot;hi&quot; \\ ok</b></a>", "a b \"say \\\"hi\\\" \\\\ ok\"");
    /* Other backslashes stay; single quotes take everything literally. */
    XML("<a><b>C:\\dir\\n</b></a>", "a b \"C:\\dir\\n\"");
    XML("<a><b>it \\&quot;x</b></a>", "a b 'it \\\"x'");
    XML("<a><b>it&apos;s</b></a>", "a b \"it's\"");
    /* Quotes may join parts of one word, as in a shell. */
    XML("<a><b>x y-z</b></a>", "a b x\" y\"-z");
    XML("<a><b>  two  spaces </b></a>", "a   b   \"  two  spaces \"  ");
    XML("<a><b>tab\there</b></a>", "a b \"tab\there\"");
}

static void test_attributes(void **state)
{
    (void)state;
    XML("<show><arp><entry name=\"all\"/></arp></show>", "show arp entry name=all");
    /* The CLI form: the word after arp names the entry (show arp all, show arp ethernet1/2). */
    XML("<show><arp><entry name=\"all\"/></arp></show>", "show arp all");
    XML("<show><arp><entry name=\"ethernet1/2\"/></arp></show>", "show arp ethernet1/2");
    XML("<show><arp><entry name=\"all\"/></arp></show>", "show arp 'all'");
    XML("<a><entry name=\"x y\" type=\"&lt;&amp;&gt;\"/></a>", "a entry name=\"x y\" type='<&>'");
    XML("<a><entry name=\"1\"><b/></entry></a>", "a entry name=1 b");
    XML("<a><entry name=\"1\">v</entry></a>", "a entry name=1 \"v\"");
    XML("<a><e x=\"\"/></a>", "a e x=");
    XML("<a><e x=\"a=b\"/></a>", "a e x=a=b");
    /* Not a name before '=' (or quoted): a value. */
    XML("<a><b>k=v</b></a>", "a b \"k=v\"");
    XML("<a><b>1=2</b></a>", "a b 1=2");
}

static void test_escaping(void **state)
{
    (void)state;
    XML("<a><b>&amp;&lt;&gt;&quot;&apos;</b></a>", "a b \"&<>\\\"'\"");
    XML("<a><b>x&amp;y</b></a>", "a b x&y");
    panos_buf b = PANOS_BUF_INIT;
    CHECK_OK(panos_xml_escape(&b, "a&b"));
    CHECK_OK(panos_xml_escape(&b, "<'\">"));
    CHECK_OK(panos_xml_escape(&b, ""));
    CHECK_STR("a&amp;b&lt;&apos;&quot;&gt;", b.ptr);
    CHECK_EQ(strlen(b.ptr), b.size);
    panos_buf_dispose(&b);
    CHECK_OK(panos_xml_escape(&b, ""));
    CHECK_STR("", b.ptr);
    panos_buf_dispose(&b);
}

static void test_utf8(void **state)
{
    (void)state;
    XML("<a><b>Zürich — 東京</b></a>", "a b \"Zürich — 東京\"");
    XML("<a><b>Zürich</b></a>", "a b Zürich");
    XML("<a><e name=\"été\"/></a>", "a e name=été");
    /* Columns count characters, not bytes. */
    REFUSED("unbalanced \" at column 11", "a b \"é\" c \"open");
}

static void test_xml_passthrough(void **state)
{
    (void)state;
    XML("<show><system><info/></system></show>", "<show><system><info/></system></show>");
    XML("  <show>\"x\" y</show>", "  <show>\"x\" y</show>");
}

static void test_errors(void **state)
{
    (void)state;
    REFUSED("empty command", "");
    REFUSED("empty command", " \t\n ");
    conv(NULL, PANOS_E_INVALID_ARG);
    CHECK_STR("empty command", err);
    REFUSED("unbalanced \" at column 19: no closing \"", "show config saved \"a b.xml");
    REFUSED("unbalanced ' at column 5", "a b 'x");
    REFUSED("unbalanced \" at column 5", "a b \"x\\\"");
    REFUSED("value '12' at column 1 has no element before it", "12 show");
    REFUSED("value 'x' at column 1", "\"x\"");
    REFUSED("value '2' at column 8 has no element before it ('id' already has a value)",
            "a id 1 2");
    REFUSED("would be a second top-level element", "show \"x\" more");
    REFUSED("attribute 'name' at column 1 has no element before it", "name=x show");
    REFUSED("attribute 'name' at column 7", "a b 1 name=x");
    REFUSED("attribute 'name' at column 12 is given twice", "a e name=x name=z");
    REFUSED("control character 0x01 at column 6", "a b \"\x01\"");
    /* A NULL errbuf is allowed. */
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_cmd_to_xml(&out, "", NULL, 0));
    /* A tiny errbuf is truncated, not overrun. */
    char small[8];
    CHECK_CODE(PANOS_E_INVALID_ARG, panos_cmd_to_xml(&out, "", small, sizeof(small)));
    CHECK_STR("empty c", small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nesting),    cmocka_unit_test(test_values),
        cmocka_unit_test(test_siblings),   cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_attributes), cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_utf8),       cmocka_unit_test(test_xml_passthrough),
        cmocka_unit_test(test_errors),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    panos_buf_dispose(&out);
    return rc;
}
