/* SPDX-License-Identifier: MIT */
/* investigate_html.c -- panctl investigate's report as one self-contained HTML page: inline CSS,
 * an inline SVG bar chart of traffic per hour, every value escaped. */
#include <stdio.h>
#include <string.h>
#include "investigate.h"
#include "output.h"

static void cell(FILE *f, const json_t *x)
{
    if (json_is_integer(x))
        fprintf(f, "<td class=\"n\">%lld</td>", (long long)json_integer_value(x));
    else {
        fputs("<td>", f);
        cli_xml_attr(f, json_string_value(x));
        fputs("</td>", f);
    }
}

static void table(FILE *f, const char *title, const json_t *arr, const char *const *keys,
                  size_t ncols)
{
    size_t i;
    const json_t *row;
    fputs("<h2>", f);
    cli_xml_attr(f, title);
    fputs("</h2>\n<table><thead><tr>", f);
    for (size_t c = 0; c < ncols; c++) {
        fputs("<th>", f);
        cli_xml_attr(f, keys[c]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    json_array_foreach(arr, i, row)
    {
        fputs("<tr>", f);
        for (size_t c = 0; c < ncols; c++)
            cell(f, json_object_get(row, keys[c]));
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

/* Bars of sessions per hour (the hours with traffic, in order). */
static void chart(FILE *f, const json_t *hourly)
{
    size_t n = json_array_size(hourly), i;
    long long max = 1;
    const json_t *h;
    json_array_foreach(hourly, i, h)
    {
        long long s = (long long)json_integer_value(json_object_get(h, "sessions"));
        max = s > max ? s : max;
    }
    size_t bw = n > 0 && 960 / n > 2 ? 960 / n : 2;
    fprintf(f,
            "<h2>Traffic per hour</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "width=\"%zu\" height=\"220\" role=\"img\" aria-label=\"sessions per hour\">\n",
            bw * n + 40);
    json_array_foreach(hourly, i, h)
    {
        long long s = (long long)json_integer_value(json_object_get(h, "sessions"));
        long long hgt = s * 200 / max;
        fprintf(f, "<rect x=\"%zu\" y=\"%lld\" width=\"%zu\" height=\"%lld\"><title>", 20 + i * bw,
                210 - hgt, bw > 1 ? bw - 1 : 1, hgt);
        cli_xml_attr(f, json_string_value(json_object_get(h, "from")));
        fprintf(f, ": %lld sessions</title></rect>\n", s);
    }
    fputs("</svg>\n", f);
}

int inv_write_html(FILE *f, const json_t *r)
{
    const json_t *id = json_object_get(r, "identity");
    const json_t *t = json_object_get(r, "traffic");
    const json_t *th = json_object_get(r, "threats");
    const json_t *tl = json_object_get(r, "timeline");
    const json_t *m = json_object_get(id, "mac_vendor");
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Host ", f);
    cli_xml_attr(f, json_string_value(json_object_get(r, "query")));
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
          "collapse;margin-bottom:1em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:"
          "left}td.n{text-align:right}rect{fill:#3b6ea5}</style></head><body>\n<h1>Host ",
          f);
    cli_xml_attr(f, json_string_value(json_object_get(r, "query")));
    fputs("</h1>\n<p>", f);
    cli_xml_attr(f, json_string_value(json_object_get(r, "since")));
    fputs(" to ", f);
    cli_xml_attr(f, json_string_value(json_object_get(r, "until")));
    fputs("</p>\n<h2>Identity</h2>\n<table><tbody>\n", f);
    static const char *const idk[] = {"ipv4", "ipv6", "mac", "hostname", "user"};
    for (size_t i = 0; i < 5; i++) {
        fprintf(f, "<tr><th>%s</th>", idk[i]);
        cell(f, json_object_get(id, idk[i]));
        fputs("</tr>\n", f);
    }
    if (m) {
        fputs("<tr><th>vendor</th><td>", f);
        const char *vendor = json_string_value(json_object_get(m, "vendor"));
        const char *note = json_string_value(json_object_get(m, "note"));
        cli_xml_attr(f, vendor);
        fputs(vendor && note && *note ? " " : "", f);
        cli_xml_attr(f, note);
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    static const char *const kf[] = {"source", "time", "fact"};
    table(f, "Facts", json_object_get(r, "facts"), kf, 3);
    fprintf(f, "<p>%lld sessions (%lld denied), %lld bytes; first seen ",
            (long long)json_integer_value(json_object_get(t, "sessions")),
            (long long)json_integer_value(json_object_get(t, "denied")),
            (long long)json_integer_value(json_object_get(t, "bytes")));
    cli_xml_attr(f, json_string_value(json_object_get(t, "first_seen")));
    fputs(", last seen ", f);
    cli_xml_attr(f, json_string_value(json_object_get(t, "last_seen")));
    fputs("</p>\n", f);
    static const char *const kd[] = {"address", "region", "count", "bytes"};
    static const char *const ka[] = {"name", "count", "bytes"};
    static const char *const ks[] = {"service", "count", "bytes"};
    static const char *const kr[] = {"name", "action", "count"};
    static const char *const kt[] = {"name",   "id",    "severity", "direction",
                                     "action", "count", "first",    "last"};
    static const char *const kh[] = {"time", "event", "ip", "mac", "hostname"};
    table(f, "Top destinations", json_object_get(t, "destinations"), kd, 4);
    table(f, "Top applications", json_object_get(t, "applications"), ka, 3);
    table(f, "Top services", json_object_get(t, "services"), ks, 3);
    table(f, "Rules", json_object_get(t, "rules"), kr, 3);
    table(f, "Threats", json_object_get(th, "signatures"), kt, 8);
    table(f, "DHCP lease events", json_object_get(tl, "dhcp"), kh, 5);
    chart(f, json_object_get(tl, "hourly"));
    fputs("</body></html>\n", f);
    return ferror(f) ? -1 : 0;
}
