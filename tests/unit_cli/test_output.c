/* SPDX-License-Identifier: MIT */
/* test_output.c -- panctl's output layer: format names, XML to JSON mapping, text tables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <panos/xml.h>
#include "output.h"
#include "check.h"

/* show system info from the yaklin.ca blog (PA-440, PAN-OS 10.2.11-h12), abridged, with the
   quirks kept (newline in <time>, single quotes). */
static const char SYSINFO[] = "<response status=\"success\">\n  <result>\n    <system>\n"
                              "      <hostname>fw-lab-1</hostname>\n"
                              "      <ip-address>192.0.2.50</ip-address>\n"
                              "      <time>Wed Apr 30 15:14:34 2025\n</time>\n"
                              "      <family>400</family>\n"
                              "      <model>PA-440</model>\n"
                              "      <sw-version>10.2.11-h12</sw-version>\n"
                              "      <app-release-date></app-release-date>\n"
                              "      <plugin_versions>\n"
                              "        <entry name='dlp' version='3.0.9'>\n"
                              "          <pkginfo>dlp-3.0.9</pkginfo>\n"
                              "        </entry>\n"
                              "      </plugin_versions>\n"
                              "    </system>\n  </result>\n</response>";

/* show arp all (demisto/content Panorama test_data/show_arp_all.xml). */
static const char ARP[] = "<response status=\"success\"><result>"
                          "<max>1500</max><total>2</total><timeout>1800</timeout><dp>dp0</dp>"
                          "<entries>"
                          "<entry><status>  c  </status><ip>192.0.2.10</ip>"
                          "<mac>00:00:5e:00:53:10</mac><ttl>1778</ttl>"
                          "<interface>ethernet1/1</interface><port>ethernet1/1</port></entry>"
                          "<entry><status>  i  </status><ip>192.0.2.99</ip>"
                          "<mac>(incomplete)</mac><ttl>3</ttl>"
                          "<interface>ethernet1/2.30</interface><port>ethernet1/2</port></entry>"
                          "</entries></result></response>";

static xmlDoc *doc;

/* cli_xml_to_json() of the root of @p xml, dumped compact with keys in document order. */
static char *map(const char *xml)
{
    xmlFreeDoc(doc);
    doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_NONET);
    CHECK_TRUE(doc != NULL);
    json_t *j = cli_xml_to_json(panos_node_from_xml(xmlDocGetRootElement(doc)));
    CHECK_TRUE(j != NULL);
    char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
    json_decref(j);
    CHECK_TRUE(s != NULL);
    return s;
}

#define CHECK_MAP(expected, xml)                                                                   \
    do {                                                                                           \
        char *got_ = map(xml);                                                                     \
        CHECK_STR((expected), got_);                                                               \
        free(got_);                                                                                \
    } while (0)

/* cli_output_response() on @p body into a new string (caller frees). */
static char *render(const char *body, enum cli_format fmt, const char *cmd, int pretty)
{
    panos_response *r = NULL;
    CHECK_OK(panos_response_parse(&r, body, strlen(body), 200));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK_TRUE(f != NULL);
    CHECK_EQ(0, cli_output_response(f, r, fmt, cmd, pretty));
    fclose(f);
    panos_response_free(r);
    return buf;
}

static void test_format_parse(void **state)
{
    (void)state;
    enum cli_format f = CLI_FORMAT_XML;
    CHECK_EQ(0, cli_format_parse("json", &f));
    CHECK_EQ(CLI_FORMAT_JSON, f);
    CHECK_EQ(0, cli_format_parse("text", &f));
    CHECK_EQ(CLI_FORMAT_TEXT, f);
    CHECK_EQ(0, cli_format_parse("xml", &f));
    CHECK_EQ(CLI_FORMAT_XML, f);
    CHECK_EQ(-1, cli_format_parse("yaml", &f));
    CHECK_EQ(-1, cli_format_parse("JSON", &f));
    CHECK_EQ(-1, cli_format_parse("", &f));
}

static void test_json_single_entry_is_array(void **state)
{
    (void)state;
    CHECK_MAP("{\"entry\":[{\"name\":\"a\"}]}", "<r><entry><name>a</name></entry></r>");
    CHECK_MAP("{\"member\":[\"x\"]}", "<r><member>x</member></r>");
    CHECK_MAP("{\"line\":[\"one\"],\"job\":[{\"id\":\"7\"}]}",
              "<r><line>one</line><job><id>7</id></job></r>");
}

static void test_json_attributes(void **state)
{
    (void)state;
    CHECK_MAP("{\"entry\":[{\"@name\":\"dlp\",\"@version\":\"3.0.9\",\"pkginfo\":\"dlp-3.0.9\"}]}",
              "<p><entry name='dlp' version='3.0.9'><pkginfo>dlp-3.0.9</pkginfo></entry></p>");
    CHECK_MAP("{\"@name\":\"all\"}", "<entry name='all'/>");
}

static void test_json_mixed(void **state)
{
    (void)state;
    /* Attributes and text: the text goes under "#text". */
    CHECK_MAP("{\"@status\":\"success\",\"#text\":\"done\"}", "<msg status='success'> done </msg>");
    CHECK_MAP("{\"a\":{\"@id\":\"1\",\"#text\":\"x\"}}", "<r><a id=\"1\">x</a></r>");
}

static void test_json_null_and_strings(void **state)
{
    (void)state;
    CHECK_MAP("null", "<r/>");
    CHECK_MAP("null", "<r>  \n </r>");
    CHECK_MAP("{\"zone\":null,\"tag\":\"0\"}", "<r><zone/><tag>0</tag></r>");
    /* Numbers stay strings; text is trimmed; CDATA counts as text. */
    CHECK_MAP("\"42\"", "<r>\n 42\n</r>");
    CHECK_MAP("\"top - 16:29\"", "<r><![CDATA[top - 16:29]]></r>");
}

static void test_json_repeated(void **state)
{
    (void)state;
    CHECK_MAP("{\"id\":[\"26\",\"26\"],\"name\":\"e1\"}",
              "<e><id>26</id><id>26</id><name>e1</name></e>");
    CHECK_MAP("{\"ZTP\":[\"Disabled\",null,\"x\"]}",
              "<s><ZTP>Disabled</ZTP><ZTP/><ZTP>x</ZTP></s>");
    CHECK_MAP("{\"entry\":[\"a\",\"b\"]}", "<r><entry>a</entry><entry>b</entry></r>");
}

/* jansson's allocations while a test counts them: the Nth fails, the live ones are counted. */
static long jalloc_live, jalloc_calls, jalloc_fail_at;

static void *jalloc(size_t n)
{
    if (++jalloc_calls == jalloc_fail_at)
        return NULL;
    void *p = malloc(n);
    jalloc_live += p != NULL;
    return p;
}

static void jfree(void *p)
{
    jalloc_live -= p != NULL;
    free(p);
}

/* Every jansson allocation of the conversion failed in turn (a list, a repeated name, a
 * single value): a NULL result leaves nothing allocated (torture case 0603 found the child's
 * value leaked when json_array() failed in cli_json_add_child). */
static void test_json_out_of_memory(void **state)
{
    (void)state;
    const char *xml = "<r><entry><name>a</name></entry><entry name='b'/><id>1</id><id>2</id>"
                      "<ZTP>x</ZTP><ZTP/><ZTP>y</ZTP><one>z</one></r>";
    xmlFreeDoc(doc);
    doc = xmlReadMemory(xml, (int)strlen(xml), NULL, NULL, XML_PARSE_NONET);
    CHECK_TRUE(doc != NULL);
    json_set_alloc_funcs(jalloc, jfree);
    long failed = 0;
    for (jalloc_fail_at = 1;; jalloc_fail_at++) {
        jalloc_calls = 0;
        json_t *j = cli_xml_to_json(panos_node_from_xml(xmlDocGetRootElement(doc)));
        failed += j == NULL;
        json_decref(j);
        CHECK_EQ(0, jalloc_live);
        if (j != NULL && jalloc_calls < jalloc_fail_at)
            break; /* past the last allocation: the whole conversion went through */
    }
    json_set_alloc_funcs(malloc, free);
    CHECK_TRUE(failed > 10);
}

static void test_json_system_info(void **state)
{
    (void)state;
    char *out = render(SYSINFO, CLI_FORMAT_JSON, NULL, 0);
    size_t n = strlen(out);
    CHECK_TRUE(n > 0 && out[n - 1] == '\n');
    CHECK_TRUE(strchr(out, '\n') == out + n - 1); /* compact: one line */
    json_error_t err;
    json_t *j = json_loads(out, 0, &err);
    CHECK_TRUE(j != NULL);
    CHECK_STR("fw-lab-1",
              json_string_value(json_object_get(json_object_get(j, "system"), "hostname")));
    CHECK_STR("Wed Apr 30 15:14:34 2025",
              json_string_value(json_object_get(json_object_get(j, "system"), "time")));
    CHECK_TRUE(json_is_null(json_object_get(json_object_get(j, "system"), "app-release-date")));
    json_decref(j);
    free(out);

    out = render(SYSINFO, CLI_FORMAT_JSON, NULL, 1);
    CHECK_TRUE(strstr(out, "{\n  \"system\": {\n    \"hostname\": \"fw-lab-1\",") == out);
    free(out);
}

static void test_text_system_info(void **state)
{
    (void)state;
    /* Both spellings of the command select the table. */
    const char *cmds[] = {"<show><system><info></info></system></show>",
                          "<show><system><info/></system></show>"};
    for (size_t i = 0; i < 2; i++) {
        char *out = render(SYSINFO, CLI_FORMAT_TEXT, cmds[i], 0);
        CHECK_TRUE(strstr(out, "hostname          fw-lab-1\n") == out);
        CHECK_TRUE(strstr(out, "\ntime              Wed Apr 30 15:14:34 2025\n") != NULL);
        CHECK_TRUE(strstr(out, "\napp-release-date  -\n") != NULL);
        CHECK_TRUE(strstr(out, "\nplugin_versions   dlp\n") != NULL);
        free(out);
    }
}

static void test_text_arp(void **state)
{
    (void)state;
    char *out = render(ARP, CLI_FORMAT_TEXT, "<show><arp><entry name='all'/></arp></show>", 0);
    CHECK_STR("IP          MAC                INTERFACE       STATUS  TTL   PORT\n"
              "192.0.2.10  00:00:5e:00:53:10  ethernet1/1     c       1778  ethernet1/1\n"
              "192.0.2.99  (incomplete)       ethernet1/2.30  i       3     ethernet1/2\n",
              out);
    free(out);
    /* An empty table keeps its header. */
    out = render("<response status='success'><result><total>0</total><entries></entries>"
                 "</result></response>",
                 CLI_FORMAT_TEXT, "<show><arp><entry name=\"all\"></entry></arp></show>", 0);
    CHECK_STR("IP  MAC  INTERFACE  STATUS  TTL  PORT\n", out);
    free(out);
}

static void test_text_interfaces(void **state)
{
    (void)state;
    const char *body = "<response status=\"success\"><result><ifnet>"
                       "<entry><name>ethernet1/1</name><zone>outside</zone><fwd>vr:default</fwd>"
                       "<vsys>1</vsys><tag>0</tag><ip>192.0.2.19/24</ip></entry>"
                       "<entry><name>ethernet1/3</name><zone/><vsys>1</vsys><tag>0</tag>"
                       "<ip>N/A</ip></entry></ifnet>"
                       "<hw><entry><name>ethernet1/1</name><duplex>full</duplex><state>up</state>"
                       "<mac>00:1b:17:00:00:1a</mac><speed>1000</speed><id>26</id><id>26</id>"
                       "</entry></hw></result></response>";
    char *out = render(body, CLI_FORMAT_TEXT, "<show><interface>all</interface></show>", 0);
    CHECK_STR("NAME         ZONE     IP             VSYS  TAG\n"
              "ethernet1/1  outside  192.0.2.19/24  1     0\n"
              "ethernet1/3  -        N/A            1     0\n"
              "\n"
              "NAME         STATE  SPEED  DUPLEX  MAC\n"
              "ethernet1/1  up     1000   full    00:1b:17:00:00:1a\n",
              out);
    free(out);
}

static void test_text_session(void **state)
{
    (void)state;
    char *out = render("<response status='success'><result><tmo-udp>30</tmo-udp>"
                       "<num-active>102448</num-active></result></response>",
                       CLI_FORMAT_TEXT, "<show><session><info/></session></show>", 0);
    CHECK_STR("tmo-udp     30\nnum-active  102448\n", out);
    free(out);
    out = render("<response status='success'><result><entry><dst>198.51.100.5</dst>"
                 "<source>192.0.2.10</source><dport>443</dport><from>trust</from>"
                 "<to>untrust</to><state>ACTIVE</state><idx>1234</idx>"
                 "<application>ssl</application></entry></result></response>",
                 CLI_FORMAT_TEXT, "<show><session><all></all></session></show>", 0);
    CHECK_STR("ID    APPLICATION  FROM   TO       SOURCE      DST           DPORT  STATE\n"
              "1234  ssl          trust  untrust  192.0.2.10  198.51.100.5  443    ACTIVE\n",
              out);
    free(out);
}

static void test_text_fallbacks(void **state)
{
    (void)state;
    /* Unknown command with text: the text. */
    char *out = render("<response status='success'><result><![CDATA[top - 16:29:19 up]]>"
                       "</result></response>",
                       CLI_FORMAT_TEXT, "<show><system><resources/></system></show>", 0);
    CHECK_STR("top - 16:29:19 up\n", out);
    free(out);
    /* Unknown command with elements: nested key/value lines, never raw XML. */
    out = render("<response status='success'><result>\n<clock><a>1</a></clock></result></response>",
                 CLI_FORMAT_TEXT, NULL, 0);
    CHECK_STR("clock:\n  a: 1\n", out);
    free(out);
}

/* type=version (PAN-OS XML API Usage, "Get Version Info"): flat fields, one per line. */
static void test_text_version(void **state)
{
    (void)state;
    char *out = render("<response status=\"success\"><result><sw-version>10.2.11-h12</sw-version>"
                       "<multi-vsys>off</multi-vsys><model>PA-440</model>"
                       "<serial>012345678901</serial></result></response>",
                       CLI_FORMAT_TEXT, NULL, 0);
    CHECK_STR("sw-version: 10.2.11-h12\nmulti-vsys: off\nmodel: PA-440\nserial: 012345678901\n",
              out);
    free(out);
}

/* show interface NAME (PA-VM output, abridged): nesting, lists, entries by name. */
static void test_text_interface_name(void **state)
{
    (void)state;
    char *out = render("<response status=\"success\"><result><ifnet><vr>default</vr>"
                       "<addr><member>192.0.2.254/24</member><member>192.0.2.1/24</member></addr>"
                       "<service/><counters><hw><entry><name>ethernet1/1</name>"
                       "<ibytes>0</ibytes><port><rx-bytes>5</rx-bytes></port></entry></hw>"
                       "</counters></ifnet></result></response>",
                       CLI_FORMAT_TEXT, "<show><interface>ethernet1/1</interface></show>", 0);
    CHECK_STR("ifnet:\n"
              "  vr: default\n"
              "  addr:\n"
              "    member: 192.0.2.254/24\n"
              "    member: 192.0.2.1/24\n"
              "  service: -\n"
              "  counters:\n"
              "    hw:\n"
              "      ethernet1/1:\n"
              "        ibytes: 0\n"
              "        port:\n"
              "          rx-bytes: 5\n",
              out);
    free(out);
}

/* Attributes, entries named by name=, text on several lines, mixed attributes and text. */
static void test_text_generic_shapes(void **state)
{
    (void)state;
    char *out = render("<response status='success'><result count='1'><address>"
                       "<entry name='web' admin='ops'><ip-netmask>192.0.2.1</ip-netmask></entry>"
                       "<entry name='all'/></address>"
                       "<dstloc cc='US'>United States</dstloc>"
                       "<msg><![CDATA[line one\n  line two\n]]></msg></result></response>",
                       CLI_FORMAT_TEXT, NULL, 0);
    CHECK_STR("address:\n"
              "  web:\n"
              "    admin: ops\n"
              "    ip-netmask: 192.0.2.1\n"
              "  entry: all\n"
              "dstloc: United States\n"
              "  cc: US\n"
              "msg:\n"
              "  line one\n"
              "    line two\n",
              out);
    CHECK_TRUE(strchr(out, '<') == NULL);
    free(out);
}

/* show jobs all (pan-os-upgrade-assurance fixture, PAN-OS 10.x/11.x): a table; show jobs id N:
 * the generic form. */
static void test_text_jobs(void **state)
{
    (void)state;
    const char *body = "<response status=\"success\"><result><job><tenq>2023/08/07 04:00:40</tenq>"
                       "<id>4</id><type>WildFire</type><status>FIN</status><result>OK</result>"
                       "<progress>2023/08/07 04:00:45</progress><description/>"
                       "<details><line>Configuration committed successfully</line>"
                       "<line>Successfully committed last configuration</line></details>"
                       "</job></result></response>";
    char *out = render(body, CLI_FORMAT_TEXT, "<show><jobs><all/></jobs></show>", 0);
    CHECK_STR("ENQUEUED             ID  TYPE      STATUS  RESULT  PROGRESS\n"
              "2023/08/07 04:00:40  4   WildFire  FIN     OK      2023/08/07 04:00:45\n",
              out);
    free(out);
    out = render(body, CLI_FORMAT_TEXT, "<show><jobs><id>4</id></jobs></show>", 0);
    CHECK_STR("job:\n"
              "  tenq: 2023/08/07 04:00:40\n"
              "  id: 4\n"
              "  type: WildFire\n"
              "  status: FIN\n"
              "  result: OK\n"
              "  progress: 2023/08/07 04:00:45\n"
              "  description: -\n"
              "  details:\n"
              "    line: Configuration committed successfully\n"
              "    line: Successfully committed last configuration\n",
              out);
    free(out);
}

/* show object dynamic-address-group as rows: the firewall answer PowerPAN quotes
 * (jurbanek/powerpan Get-PanDynamicAddressGroup.ps1): a member of each type, a shared group
 * without <vsys>, an empty <member-list/>; an answer of another shape falls back to text. */
static void test_dag_rows(void **state)
{
    (void)state;
    const char *cmd = "<show><object><dynamic-address-group><all/></dynamic-address-group>"
                      "</object></show>";
    const char *body = "<response status=\"success\"><result><dyn-addr-grp>"
                       "<entry><vsys>vsys1</vsys><group-name>DAG-Quarantine</group-name>"
                       "<filter>'infected' or 'risky'</filter><member-list>"
                       "<entry name=\"H-1.2.3.4\" type=\"address-object\"/>"
                       "<entry name=\"192.0.2.2\" type=\"registered-ip\"/></member-list></entry>"
                       "<entry><group-name>DAG-Shared, \"q\"</group-name><filter>'black'</filter>"
                       "<member-list/></entry></dyn-addr-grp></result></response>";
    char *out = render(body, CLI_FORMAT_CSV, cmd, 0);
    CHECK_STR("vsys,group-name,filter,member,type\n"
              "vsys1,DAG-Quarantine,'infected' or 'risky',H-1.2.3.4,address-object\n"
              "vsys1,DAG-Quarantine,'infected' or 'risky',192.0.2.2,registered-ip\n"
              "shared,\"DAG-Shared, \"\"q\"\"\",'black',,\n",
              out);
    free(out);
    out = render("<response status=\"success\"><result/></response>", CLI_FORMAT_TEXT, cmd, 0);
    CHECK_STR("VSYS  GROUP  FILTER  MEMBER  TYPE\n", out);
    free(out);
    out = render("<response status=\"success\"><result><other>x</other></result></response>",
                 CLI_FORMAT_TEXT, cmd, 0);
    CHECK_STR("other: x\n", out);
    free(out);
}

/* An export's <config> (PAN-OS XML API Usage, "Export Files") is a raw answer: the body as it
 * is for xml and text (it printed nothing as text, null as JSON), its root under its name for
 * JSON. */
static void test_raw_config(void **state)
{
    (void)state;
    const char *body = "<config version=\"10.2.0\"><devices><entry name=\"d\"><x>1</x></entry>"
                       "</devices></config>";
    char *out = render(body, CLI_FORMAT_TEXT, NULL, 0);
    CHECK_STR(body, out);
    free(out);
    out = render(body, CLI_FORMAT_XML, NULL, 1);
    CHECK_STR(body, out);
    free(out);
    out = render(body, CLI_FORMAT_JSON, NULL, 0);
    CHECK_STR("{\"config\":{\"@version\":\"10.2.0\",\"devices\":{\"entry\":[{\"@name\":\"d\","
              "\"x\":\"1\"}]}}}\n",
              out);
    free(out);
}

static int numeric_port(const char *name)
{
    return strcmp(name, "port") == 0;
}

/* The row writer: one row in every format, with the id, quoting, escaping and --fields. */
static char *rows(enum cli_rows_format fmt, const char *const *cols, size_t ncols)
{
    const panos_log_field f[] = {{"src", "192.0.2.1"}, {"port", "443"}, {"msg", "a,\"b\" <c> caf\xe9"}};
    const cli_row row = {"77", f, 3};
    struct cli_rows_opts o = {.fmt = fmt, .cols = cols, .ncols = ncols, .numeric = numeric_port,
                              .id_name = "logid", .xml_open = "<log>\n", .xml_close = "</log>\n",
                              .xml_item = "entry"};
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    struct cli_rows *w = NULL;
    CHECK_EQ(0, cli_rows_new(&w, m, &o));
    CHECK_EQ(0, cli_rows_add(w, &row));
    CHECK_EQ(0, cli_rows_end(w));
    cli_rows_free(w);
    fclose(m);
    return buf;
}

static void test_rows_formats(void **state)
{
    (void)state;
    static const char *const pick[] = {"port", "logid", "nope"};
    char *out = rows(CLI_ROWS_JSONL, NULL, 0);
    CHECK_STR("{\"logid\":\"77\",\"src\":\"192.0.2.1\",\"port\":443,"
              "\"msg\":\"a,\\\"b\\\" <c> caf\xc3\xa9\"}\n",
              out);
    free(out);
    out = rows(CLI_ROWS_JSONL, pick, 3);
    CHECK_STR("{\"port\":443,\"logid\":\"77\"}\n", out);
    free(out);
    out = rows(CLI_ROWS_CSV, NULL, 0);
    CHECK_STR("src,port,msg\n192.0.2.1,443,\"a,\"\"b\"\" <c> caf\xe9\"\n", out);
    free(out);
    out = rows(CLI_ROWS_CSV, pick, 3);
    CHECK_STR("port,logid,nope\n443,77,\n", out);
    free(out);
    out = rows(CLI_ROWS_XML, NULL, 0);
    CHECK_STR("<log>\n<entry logid=\"77\"><src>192.0.2.1</src><port>443</port>"
              "<msg>a,&quot;b&quot; &lt;c&gt; caf\xc3\xa9</msg></entry>\n</log>\n",
              out);
    free(out);
    out = rows(CLI_ROWS_TABLE, pick, 3);
    CHECK_STR("port  logid  nope\n443   77     -\n", out);
    free(out);
}

static void test_xml(void **state)
{
    (void)state;
    const char *body = "<response status=\"success\"><result><a>1</a></result></response>";
    char *out = render(body, CLI_FORMAT_XML, NULL, 0);
    CHECK_STR("<response status=\"success\"><result><a>1</a></result></response>\n", out);
    free(out);
    out = render(body, CLI_FORMAT_XML, NULL, 1);
    CHECK_STR("<response status=\"success\">\n  <result>\n    <a>1</a>\n  </result>\n</response>\n",
              out);
    free(out);
}

static void test_write_error(void **state)
{
    (void)state;
    panos_response *r = NULL;
    CHECK_OK(panos_response_parse(&r, ARP, strlen(ARP), 200));
    FILE *f = fopen("/dev/full", "w");
    if (f != NULL) {
        CHECK_EQ(PANOS_E_IO, cli_output_response(f, r, CLI_FORMAT_JSON, NULL, 1));
        fclose(f);
    }
    panos_response_free(r);
}

static void test_json_string_latin1(void **state)
{
    (void)state;
    json_t *j = cli_json_string("caf\xe9");
    CHECK_STR("caf\xc3\xa9", json_string_value(j));
    json_decref(j);
    j = cli_json_string("plain \xc3\xa9");
    CHECK_STR("plain \xc3\xa9", json_string_value(j));
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_string_latin1),
        cmocka_unit_test(test_format_parse),
        cmocka_unit_test(test_json_single_entry_is_array),
        cmocka_unit_test(test_json_attributes),
        cmocka_unit_test(test_json_mixed),
        cmocka_unit_test(test_json_null_and_strings),
        cmocka_unit_test(test_json_repeated),
        cmocka_unit_test(test_json_out_of_memory),
        cmocka_unit_test(test_json_system_info),
        cmocka_unit_test(test_text_system_info),
        cmocka_unit_test(test_text_arp),
        cmocka_unit_test(test_text_interfaces),
        cmocka_unit_test(test_text_session),
        cmocka_unit_test(test_text_fallbacks),
        cmocka_unit_test(test_text_version),
        cmocka_unit_test(test_text_interface_name),
        cmocka_unit_test(test_text_generic_shapes),
        cmocka_unit_test(test_text_jobs),
        cmocka_unit_test(test_dag_rows),
        cmocka_unit_test(test_raw_config),
        cmocka_unit_test(test_rows_formats),
        cmocka_unit_test(test_xml),
        cmocka_unit_test(test_write_error),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlFreeDoc(doc);
    xmlCleanupParser();
    return rc;
}
