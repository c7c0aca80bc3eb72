/* SPDX-License-Identifier: MIT */
/* simpcap_file.c -- pansim: a small libpcap file of the session a generated log entry names. */
#include "simpcap.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The session a capture shows: addresses in network order, ports, the protocol, the time. */
struct pcap_flow {
    uint32_t src, dst;
    unsigned sport, dport;
    int udp;
    long long ms;
};

struct pbuf {
    unsigned char *p;
    size_t n, cap;
};

static void put8(struct pbuf *b, unsigned v)
{
    if (b->n < b->cap)
        b->p[b->n] = (unsigned char)v;
    b->n++;
}

static void put16(struct pbuf *b, unsigned v)
{
    put8(b, (v >> 8) & 255);
    put8(b, v & 255);
}

static void put32(struct pbuf *b, uint32_t v)
{
    put16(b, (v >> 16) & 0xffff);
    put16(b, v & 0xffff);
}

/* pcap's own headers are in the writer's byte order; pansim writes little-endian (d4 c3 b2 a1). */
static void le32(struct pbuf *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        put8(b, (v >> (8 * i)) & 255);
}

static void le16(struct pbuf *b, unsigned v)
{
    put8(b, v & 255);
    put8(b, (v >> 8) & 255);
}

/* The Internet checksum (RFC 1071) of @p len bytes, starting from @p sum. */
static uint16_t csum(uint32_t sum, const unsigned char *p, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)(p[len - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static void store16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/*
 * One Ethernet/IPv4/TCP-or-UDP frame from @p c2s's point of view, with its pcap record header
 * (libpcap file format: ts_sec, ts_usec, incl_len, orig_len). IP and TCP/UDP checksums are
 * computed.
 */
static void frame(struct pbuf *b, const struct pcap_flow *f, int c2s, unsigned flags, uint32_t seq,
                  uint32_t ack, const char *payload, unsigned i)
{
    size_t plen = strlen(payload), l4 = f->udp ? 8 : 20;
    size_t iplen = 20 + l4 + plen, total = 14 + iplen;
    long long ms = f->ms + i * 3;
    le32(b, (uint32_t)(ms / 1000));
    le32(b, (uint32_t)(ms % 1000) * 1000);
    le32(b, (uint32_t)total);
    le32(b, (uint32_t)total);
    static const unsigned char fw[6] = {0x00, 0x1b, 0x17, 0x00, 0x01, 0x10};
    static const unsigned char host[6] = {0x02, 0x00, 0x5e, 0x10, 0x00, 0x01};
    for (int k = 0; k < 6; k++)
        put8(b, c2s ? fw[k] : host[k]);
    for (int k = 0; k < 6; k++)
        put8(b, c2s ? host[k] : fw[k]);
    put16(b, 0x0800);
    size_t ip = b->n;
    uint32_t src = c2s ? f->src : f->dst, dst = c2s ? f->dst : f->src;
    unsigned sport = c2s ? f->sport : f->dport, dport = c2s ? f->dport : f->sport;
    put8(b, 0x45);
    put8(b, 0);
    put16(b, (unsigned)iplen);
    put16(b, 0x1000 + i);
    put16(b, 0x4000);
    put8(b, 64);
    put8(b, f->udp ? 17 : 6);
    put16(b, 0);
    put32(b, ntohl(src));
    put32(b, ntohl(dst));
    size_t seg = b->n;
    put16(b, sport);
    put16(b, dport);
    if (f->udp) {
        put16(b, (unsigned)(8 + plen));
        put16(b, 0);
    } else {
        put32(b, seq);
        put32(b, ack);
        put16(b, (5u << 12) | flags);
        put16(b, 64240);
        put16(b, 0);
        put16(b, 0);
    }
    for (size_t k = 0; k < plen; k++)
        put8(b, (unsigned char)payload[k]);
    if (b->n > b->cap)
        return;
    store16(b->p + ip + 10, csum(0, b->p + ip, 20));
    uint32_t pseudo = (ntohl(src) >> 16) + (ntohl(src) & 0xffff) + (ntohl(dst) >> 16) +
                      (ntohl(dst) & 0xffff) + (f->udp ? 17u : 6u) + (uint32_t)(l4 + plen);
    store16(b->p + seg + (f->udp ? 6 : 16), csum(pseudo, b->p + seg, l4 + plen));
}

/* The frames of one session: a TCP handshake and the request, or a UDP query and answer. */
static void frames(struct pbuf *b, const struct pcap_flow *f)
{
    if (f->udp) {
        frame(b, f, 1, 0, 0, 0, "\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 0);
        frame(b, f, 0, 0, 0, 0, "\x12\x34\x81\x83\x00\x01\x00\x00\x00\x00\x00\x00", 1);
        return;
    }
    frame(b, f, 1, 0x02, 1000, 0, "", 0);
    frame(b, f, 0, 0x12, 5000, 1001, "", 1);
    frame(b, f, 1, 0x10, 1001, 5001, "", 2);
    frame(b, f, 1, 0x18, 1001, 5001, "GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n", 3);
}

static unsigned port_of(const struct sim_logentry *e, const char *name)
{
    const char *v = sim_logentry_get(e, name);
    unsigned long n = v != NULL ? strtoul(v, NULL, 10) : 0;
    return n <= 65535 ? (unsigned)n : 0;
}

int sim_pcap_build(const struct sim_logentry *e, char **buf_out, size_t *len_out)
{
    struct pcap_flow f = {0, 0, port_of(e, "sport"), port_of(e, "dport"), 0, e->time_ms};
    const char *src = sim_logentry_get(e, "src"), *dst = sim_logentry_get(e, "dst");
    const char *proto = sim_logentry_get(e, "proto");
    f.udp = proto != NULL && strcmp(proto, "udp") == 0;
    if (src == NULL || dst == NULL || inet_pton(AF_INET, src, &f.src) != 1 ||
        inet_pton(AF_INET, dst, &f.dst) != 1)
        return -1;
    struct pbuf b = {NULL, 0, 0};
    frames(&b, &f); /* measure */
    size_t need = 24 + b.n;
    b = (struct pbuf){malloc(need + 1), 0, need};
    if (b.p == NULL)
        return -1;
    le32(&b, 0xa1b2c3d4); /* libpcap global header: magic, 2.4, zone, sigfigs, snaplen, EN10MB */
    le16(&b, 2);
    le16(&b, 4);
    le32(&b, 0);
    le32(&b, 0);
    le32(&b, 65535);
    le32(&b, 1);
    frames(&b, &f);
    b.p[b.n] = '\0';
    *buf_out = (char *)b.p;
    *len_out = b.n;
    return 0;
}
