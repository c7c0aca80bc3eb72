/* SPDX-License-Identifier: MIT */
/* output_stream.h -- op listings written as they arrive: the writer behind panos_op_stream()'s
 * events, byte for byte what cli_output_response() writes from the whole answer. */
#ifndef PANCTL_OUTPUT_STREAM_H
#define PANCTL_OUTPUT_STREAM_H

#include <stdio.h>
#include "output.h"

/*
 * Whether the answer of @p cmd_xml is written as it arrives in @p fmt: the listings (show
 * session all, show object registered-ip all, show object registered-user all, show user
 * ip-user-mapping all) as xml (not @p pretty: that re-indents the whole document), json, text,
 * and csv for the session table. Anything else goes through the whole answer.
 */
int cli_opw_streams(const char *cmd_xml, enum cli_format fmt, int pretty);

struct cli_opw;

/* A writer of the answer of @p cmd_xml to @p f. Returns 0 or PANOS_E_NOMEM. */
int cli_opw_new(struct cli_opw **out, FILE *f, enum cli_format fmt, const char *cmd_xml,
                int pretty);
/* The events that feed it (payload: the writer). xml takes the raw bytes; json and text take
 * each child of <result> whole (an item), so memory is one entry: the json of <result>'s first
 * kind of child (the entries) streams, any other kind (a count) is kept and written after it,
 * where jansson puts it; the session table as text is sized to its rows, which it keeps. */
const panos_xml_events *cli_opw_events(void);
/* After the whole answer: what is still open, the final newline. Returns 0, PANOS_E_NOMEM,
 * PANOS_E_PARSE (csv without a table), PANOS_E_IO. */
int cli_opw_finish(struct cli_opw *w);
void cli_opw_free(struct cli_opw *w);

#endif
