/* SPDX-License-Identifier: MIT */
/* test_outstream.c -- the streamed op listings (output_stream.c) against the whole-answer path
 * (cli_output_response): the same bytes and the same code for every recorded answer of
 * tests/cases/replies and tests/fixtures/panos and for answers made to find the edges, in every
 * format, pretty and not, whatever the chunks the answer arrives in. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <panos/xmlstream.h>
#include "output.h"
#include "output_stream.h"
#include "check.h"

static const char *const cmds[] = {
    "<show><session><all/></session></show>",
    "<show><object><registered-ip><all/></registered-ip></object></show>",
    "<show><object><registered-user><all/></registered-user></object></show>",
    "<show><user><ip-user-mapping><all/></ip-user-mapping></user></show>",
};

/* Answers made for the edges: attributes to escape, lists and repeats in every order, text
 * beside elements, no result, two results, a session table. */
static const char *const made[] = {
    "<?xml version=\"1.0\"?>\n<response status=\"success\"><result>\n"
    "  <entry ip=\"192.0.2.1\" from_agent=\"0\" persistent=\"1\">\n"
    "    <tag><member>a&amp;b</member><member>\"q\" &lt;x&gt; \xc3\xa9</member></tag>\n"
    "  </entry>\n"
    "  <entry ip='192.0.2.2' note=\"tab&#9;lf&#10;cr&#13;&quot;\"><tag><member>t</member></tag>"
    "</entry>\n  <count>2</count>\n</result></response>\n",
    "<response status=\"success\"><result><entry><ip>1</ip></entry><count>2</count>"
    "<entry><ip>2</ip></entry></result></response>",
    "<response status=\"success\"><result><count>1</count><entry user=\"acme\\bob\"/>"
    "<entry user=\"x\"><tag><member>m</member></tag></entry></result></response>",
    "<response status=\"success\"><result><a>1</a><a>2</a><b/><a>3</a></result></response>",
    "<response status=\"success\"><result><system><x>1</x><y a=\"b\">t</y></system></result>"
    "</response>",
    "<response status=\"success\"><result total=\"3\" x='y'>  hello <entry/> world <![CDATA[<c>]]>"
    "</result></response>",
    "<response status=\"success\"><result/></response>",
    "<response status=\"success\"><result>  text only\n</result></response>",
    "<response status=\"success\"><result a=\"1\"/></response>",
    "<response status=\"success\"><result a=\"1\">text</result></response>",
    "<response status=\"success\"/>",
    "<response status=\"success\"><msg><x>m</x></msg><result><entry n=\"1\"/></result>"
    "<result><entry n=\"2\"/></result></response>",
    "<response status=\"success\">\n  <result>\n    <entry>\n      <idx>7</idx>\n"
    "      <application>web-browsing</application><from>trust</from><to>untrust</to>\n"
    "      <source>192.0.2.10</source><dst>198.51.100.1</dst><dport>443</dport>"
    "<state>ACTIVE</state>\n    </entry>\n    <entry><idx>8</idx><application>dns, \"x\""
    "</application></entry>\n  </result>\n</response>",
    "<response status=\"success\"><result><entry><idx>1</idx></entry><total>1</total>"
    "</result></response>",
    "<response status=\"success\"><result><member>a</member><line>b</line><job>c</job>"
    "<member>d</member></result></response>",
    "<response status=\"success\"><result><entry/></result></response>",
};

struct mem {
    char *buf;
    size_t len;
    FILE *f;
};

static void mem_open(struct mem *m)
{
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    CHECK_TRUE(m->f != NULL);
}

/* The streamed path: the answer fed @p chunk bytes at a time. */
static int streamed(struct mem *m, const char *body, size_t len, size_t chunk, enum cli_format fmt,
                    const char *cmd, int pretty)
{
    struct cli_opw *w = NULL;
    panos_xmlstream *p = NULL;
    CHECK_EQ(0, cli_opw_new(&w, m->f, fmt, cmd, pretty));
    CHECK_OK(panos_xmlstream_new(&p, cli_opw_events(), w));
    panos_code rc = PANOS_OK;
    for (size_t at = 0; at < len && rc == PANOS_OK; at += chunk)
        rc = panos_xmlstream_feed(p, body + at, len - at < chunk ? len - at : chunk);
    if (rc == PANOS_OK)
        rc = panos_xmlstream_finish(p);
    if (rc == PANOS_OK)
        rc = (panos_code)cli_opw_finish(w);
    panos_xmlstream_free(p);
    cli_opw_free(w);
    return (int)rc;
}

static size_t compared;

/* Both paths on one answer, every format and chunking that streams. */
static void same(const char *name, const char *body, size_t len)
{
    panos_response *r = NULL;
    if (panos_response_parse(&r, body, len, 200) != PANOS_OK)
        return;
    const panos_node *root = panos_response_root(r);
    if (panos_response_classify(r) != PANOS_OK || root == NULL ||
        strcmp(panos_node_name(root), "response") != 0) {
        panos_response_free(r); /* errors are held, not printed; raw bodies are not streamed */
        return;
    }
    static const enum cli_format fmts[] = {CLI_FORMAT_XML, CLI_FORMAT_JSON, CLI_FORMAT_JSON,
                                           CLI_FORMAT_TEXT, CLI_FORMAT_CSV};
    static const size_t chunks[] = {1, 7, 4096, (size_t)-1};
    for (size_t c = 0; c < sizeof(cmds) / sizeof(cmds[0]); c++) {
        for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
            int pretty = k == 2;
            if (!cli_opw_streams(cmds[c], fmts[k], pretty))
                continue;
            struct mem dom;
            mem_open(&dom);
            int want = cli_output_response(dom.f, r, fmts[k], cmds[c], pretty);
            fclose(dom.f);
            for (size_t ch = 0; ch < sizeof(chunks) / sizeof(chunks[0]); ch++) {
                struct mem s;
                mem_open(&s);
                int got = streamed(&s, body, len, chunks[ch], fmts[k], cmds[c], pretty);
                fclose(s.f);
                if (got != want ||
                    (want == 0 && (s.len != dom.len || memcmp(s.buf, dom.buf, s.len) != 0))) {
                    fprintf(stderr,
                            "%s, cmd %zu, format %zu, chunk %zu: code %d/%d\n"
                            "--- whole:\n%.*s\n--- streamed:\n%.*s\n",
                            name, c, k, chunks[ch], want, got, (int)dom.len, dom.buf, (int)s.len,
                            s.buf);
                    CHECK_EQ(want, got);
                    CHECK_STR(dom.buf, s.buf);
                }
                compared++;
                free(s.buf);
            }
            free(dom.buf);
        }
    }
    panos_response_free(r);
}

static void same_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    CHECK_TRUE(f != NULL);
    char *buf = NULL;
    size_t len = 0, cap = 0, n;
    char tmp[8192];
    while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0) {
        if (len + n > cap) {
            cap = (len + n) * 2;
            buf = realloc(buf, cap);
            CHECK_TRUE(buf != NULL);
        }
        memcpy(buf + len, tmp, n);
        len += n;
    }
    fclose(f);
    same(path, buf ? buf : "", len);
    free(buf);
}

/* Every *.xml file under @p dir and its subdirectories. */
static void same_dir(const char *dir)
{
    DIR *d = opendir(dir);
    CHECK_TRUE(d != NULL);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".xml") == 0)
            same_file(path);
        else if (strchr(e->d_name, '.') == NULL)
            same_dir(path);
    }
    closedir(d);
}

static void test_made(void **state)
{
    (void)state;
    compared = 0;
    for (size_t i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "made[%zu]", i);
        same(name, made[i], strlen(made[i]));
    }
    CHECK_TRUE(compared > 500);
}

static void test_recorded(void **state)
{
    (void)state;
    compared = 0;
    same_dir(PANOS_SOURCE_DIR "/tests/cases/replies");
    same_dir(PANOS_SOURCE_DIR "/tests/fixtures/panos");
    CHECK_TRUE(compared > 500);
}

/* A listing in pieces of every size: the JSON is one array of entries with the count after. */
static void test_listing_shape(void **state)
{
    (void)state;
    struct mem s;
    mem_open(&s);
    const char *body = made[0];
    CHECK_EQ(0, streamed(&s, body, strlen(body), 3, CLI_FORMAT_JSON, cmds[1], 0));
    fclose(s.f);
    CHECK_STR("{\"entry\":[{\"@ip\":\"192.0.2.1\",\"@from_agent\":\"0\",\"@persistent\":\"1\","
              "\"tag\":{\"member\":[\"a&b\",\"\\\"q\\\" <x> \xc3\xa9\"]}},"
              "{\"@ip\":\"192.0.2.2\",\"@note\":\"tab\\tlf\\ncr\\r\\\"\","
              "\"tag\":{\"member\":[\"t\"]}}],\"count\":\"2\"}\n",
              s.buf);
    free(s.buf);
}

/* Which commands and formats stream, and which go through the whole answer. */
static void test_streams(void **state)
{
    (void)state;
    CHECK_EQ(1, cli_opw_streams(cmds[1], CLI_FORMAT_XML, 0));
    CHECK_EQ(0, cli_opw_streams(cmds[1], CLI_FORMAT_XML, 1));
    CHECK_EQ(1, cli_opw_streams(cmds[3], CLI_FORMAT_JSON, 1));
    CHECK_EQ(1, cli_opw_streams(cmds[2], CLI_FORMAT_TEXT, 0));
    CHECK_EQ(0, cli_opw_streams(cmds[2], CLI_FORMAT_CSV, 0));
    CHECK_EQ(1, cli_opw_streams(cmds[0], CLI_FORMAT_CSV, 0));
    CHECK_EQ(1, cli_opw_streams("<show><session><all><filter><application>dns</application>"
                                "</filter></all></session></show>",
                                CLI_FORMAT_CSV, 0));
    CHECK_EQ(0, cli_opw_streams("<show><system><info/></system></show>", CLI_FORMAT_JSON, 0));
    CHECK_EQ(0, cli_opw_streams("<show><clock/></show>", CLI_FORMAT_XML, 0));
    CHECK_EQ(0, cli_opw_streams("<request><session><all/></session></request>", CLI_FORMAT_XML, 0));
    CHECK_EQ(0, cli_opw_streams(NULL, CLI_FORMAT_XML, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_made),
        cmocka_unit_test(test_recorded),
        cmocka_unit_test(test_listing_shape),
        cmocka_unit_test(test_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
