/* SPDX-License-Identifier: MIT */
/* output.h -- panctl's one output layer: XML, JSON and text tables for every command. */
#ifndef PANCTL_OUTPUT_H
#define PANCTL_OUTPUT_H

#include <stdio.h>
#include <jansson.h>
#include <libxml/tree.h>
#include <panos/panos.h>

enum cli_format {
    CLI_FORMAT_XML = 0,
    CLI_FORMAT_JSON,
    CLI_FORMAT_TEXT
};

/* Parse "xml", "json" or "text". Returns 0, or -1 for anything else. */
int cli_format_parse(const char *s, enum cli_format *out);

/*
 * Print a successful answer @p r on @p out in @p fmt (see docs/man/panctl.1, OUTPUT):
 * xml: the body as received, pretty-printed when @p pretty; json: the <result> mapped by
 * cli_xml_to_json() plus a newline; text: a table for the op results it knows (chosen by
 * @p cmd_xml, the command sent, NULL for non-op requests), else the result text, else nested
 * "key: value" lines. A raw answer (not a <response>: an export, a text page) is written byte
 * for byte as xml and text; as json its XML root is mapped under its name, and a body that is
 * not XML is PANOS_E_PARSE.
 * @return 0, or a panos_code (PANOS_E_NOMEM, PANOS_E_PARSE, PANOS_E_IO on a write error).
 */
int cli_output_response(FILE *out, const panos_response *r, enum cli_format fmt,
                        const char *cmd_xml, int pretty);

/*
 * Write what cli_output_response() prints (not pretty) to the file @p path atomically: a
 * temporary file in the same directory, fsync, rename; mode 0600 (configurations hold
 * secrets). A raw body is written as it is, without a copy. On failure no file is left.
 * @return 0, or a panos_code (PANOS_E_IO with @p errbuf set, PANOS_E_PARSE, PANOS_E_NOMEM).
 */
int cli_output_file(const char *path, const panos_response *r, enum cli_format fmt,
                    const char *cmd_xml, char *errbuf, size_t errlen);

/*
 * Map an element's content to JSON (new reference): text only -> string (trimmed); child
 * elements -> object; attributes -> "@name"; attributes and text -> {"@a":..,"#text":..};
 * empty -> null; repeated names -> array; entry, member, line and job -> always arrays.
 */
json_t *cli_xml_to_json(const xmlNode *node);

/* A JSON string for @p s; bytes that are not valid UTF-8 are read as Latin-1, so a value from
 * the firewall is never lost (json_string() refuses invalid UTF-8). Never NULL (null on OOM). */
json_t *cli_json_string(const char *s);

#endif
