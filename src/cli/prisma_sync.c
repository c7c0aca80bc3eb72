/* SPDX-License-Identifier: MIT */
/* prisma_sync.c -- panctl prisma sync: assets and findings into SQLite, a page per transaction. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "cli.h"
#include "prisma.h"

/* The schema (docs/prisma-schema.md). */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS assets(id TEXT PRIMARY KEY, name TEXT, cloud TEXT, account TEXT,"
    " region TEXT, resource_type TEXT, interfaces TEXT, private_ips TEXT, public_ips TEXT,"
    " public_dns TEXT, os TEXT, internet_exposed INTEGER, risk_grade TEXT, digest TEXT,"
    " first_seen TEXT, last_seen TEXT, updated_at TEXT, deleted_at TEXT, pass INTEGER);"
    "CREATE TABLE IF NOT EXISTS vulns(asset_id TEXT, cve TEXT, package TEXT,"
    " package_version TEXT, hostname TEXT, cvss REAL, severity TEXT, fix_status TEXT,"
    " fix_date TEXT, first_seen TEXT, digest TEXT, last_seen TEXT, updated_at TEXT,"
    " resolved_at TEXT, pass INTEGER, PRIMARY KEY(asset_id, cve, package));"
    "CREATE TABLE IF NOT EXISTS sync_state(what TEXT PRIMARY KEY, pass INTEGER, cursor TEXT,"
    " started_at TEXT, finished_at TEXT, pages INTEGER);";

static const char asset_upsert[] =
    "INSERT INTO assets(id,name,cloud,account,region,resource_type,interfaces,private_ips,"
    "public_ips,public_dns,os,internet_exposed,risk_grade,digest,first_seen,last_seen,updated_at,"
    "deleted_at,pass) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15,?15,NULL,?16)"
    " ON CONFLICT(id) DO UPDATE SET name=?2,cloud=?3,account=?4,region=?5,resource_type=?6,"
    "interfaces=?7,private_ips=?8,public_ips=?9,public_dns=?10,os=?11,internet_exposed=?12,"
    "risk_grade=?13,updated_at=CASE WHEN digest IS ?14 THEN updated_at ELSE ?15 END,digest=?14,"
    "last_seen=?15,deleted_at=NULL,pass=?16";

static const char vuln_upsert[] =
    "INSERT INTO vulns(asset_id,cve,package,package_version,hostname,cvss,severity,fix_status,"
    "fix_date,first_seen,digest,last_seen,updated_at,resolved_at,pass) VALUES(?1,?2,?3,?4,?5,?6,"
    "?7,?8,?9,?10,?11,?12,?12,NULL,?13) ON CONFLICT(asset_id,cve,package) DO UPDATE SET "
    "package_version=?4,hostname=?5,cvss=?6,severity=?7,fix_status=?8,fix_date=?9,first_seen=?10,"
    "updated_at=CASE WHEN digest IS ?11 THEN updated_at ELSE ?12 END,digest=?11,last_seen=?12,"
    "resolved_at=NULL,pass=?13";

struct sync {
    sqlite3 *db;
    sqlite3_stmt *up, *old;
    const char *what;
    long pass, pages, max_pages;
    long seen, added, changed, gone;
    char now[32];
    int failed;
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int db_error(struct sync *s, const char *what)
{
    char msg[400];
    snprintf(msg, sizeof(msg), "%s: %s", what, sqlite3_errmsg(s->db));
    s->failed = 1;
    return cli_local_error(PANOS_E_IO, msg);
}

static int exec(struct sync *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) == SQLITE_OK)
        return 0;
    char msg[400];
    snprintf(msg, sizeof(msg), "database: %s", err ? err : "error");
    sqlite3_free(err);
    s->failed = 1;
    return cli_local_error(PANOS_E_IO, msg);
}

/* FNV-1a over the fields, as hex: a row whose digest is unchanged keeps its updated_at. */
static void digest(char out[17], const char *const *f, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        for (const char *c = f[i] ? f[i] : ""; *c; c++)
            h = (h ^ (unsigned char)*c) * 1099511628211ULL;
        h = (h ^ 0x1f) * 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", h);
}

static void bind_texts(sqlite3_stmt *st, const char *const *v, int n)
{
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_TRANSIENT);
}

/* Was the row new, changed or the same: looked up by the statement s->old (bound to its key). */
static void tally(struct sync *s, const char *dig)
{
    s->seen++;
    if (sqlite3_step(s->old) != SQLITE_ROW)
        s->added++;
    else if (strcmp((const char *)sqlite3_column_text(s->old, 0), dig) != 0)
        s->changed++;
    sqlite3_reset(s->old);
}

static int put_asset(struct sync *s, const panos_prisma_asset *a)
{
    struct prisma_texts t;
    const char *v[PRISMA_ASSET_FIELDS];
    char dig[17];
    prisma_asset_fields(v, &t, a);
    v[11] = a->internet_exposed ? "1" : "0";
    if (a->id == NULL)
        return 0;
    digest(dig, v, PRISMA_ASSET_FIELDS);
    sqlite3_bind_text(s->old, 1, a->id, -1, SQLITE_TRANSIENT);
    tally(s, dig);
    bind_texts(s->up, v, PRISMA_ASSET_FIELDS);
    sqlite3_bind_int(s->up, 12, a->internet_exposed);
    sqlite3_bind_text(s->up, 14, dig, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->up, 15, s->now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s->up, 16, s->pass);
    int rc = sqlite3_step(s->up);
    sqlite3_reset(s->up);
    return rc == SQLITE_DONE ? 0 : db_error(s, "asset upsert");
}

static int put_vuln(struct sync *s, const panos_prisma_vuln *x)
{
    char fix[32], cvss[32] = "", dig[17];
    prisma_date_text(fix, sizeof(fix), x->fix_date);
    if (x->cvss >= 0)
        snprintf(cvss, sizeof(cvss), "%.1f", x->cvss);
    const char *v[] = {x->asset_id,        x->cve ? x->cve : "", x->package ? x->package : "",
                       x->package_version, x->hostname,          cvss,
                       x->severity,        x->fix_status,        fix[0] ? fix : NULL,
                       x->first_seen};
    if (x->asset_id == NULL)
        return 0;
    digest(dig, v, 10);
    bind_texts(s->old, v, 3);
    tally(s, dig);
    bind_texts(s->up, v, 10);
    if (x->cvss >= 0)
        sqlite3_bind_double(s->up, 6, x->cvss);
    else
        sqlite3_bind_null(s->up, 6);
    sqlite3_bind_text(s->up, 11, dig, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s->up, 12, s->now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s->up, 13, s->pass);
    int rc = sqlite3_step(s->up);
    sqlite3_reset(s->up);
    return rc == SQLITE_DONE ? 0 : db_error(s, "finding upsert");
}

/* Where the page after this one starts, in the same transaction as the page's rows. */
static int save_cursor(struct sync *s, const char *cursor)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "UPDATE sync_state SET cursor=?1, pages=pages+1 WHERE what=?2",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, "sync state");
    sqlite3_bind_text(st, 1, cursor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, s->what, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : db_error(s, "sync state");
}

/* After a page: stop on an error, an interrupt or --max-pages. */
static int page_done(struct sync *s, const char *cursor)
{
    if (save_cursor(s, cursor) != 0 || exec(s, "COMMIT") != 0)
        return 1;
    s->pages++;
    return interrupted || (s->max_pages > 0 && s->pages >= s->max_pages);
}

static int on_assets(void *payload, const panos_prisma_asset *rows, size_t n, const char *next)
{
    struct sync *s = payload;
    if (exec(s, "BEGIN") != 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (put_asset(s, &rows[i]) != 0) {
            exec(s, "ROLLBACK");
            return 1;
        }
    return page_done(s, next ? next : "");
}

static int on_vulns(void *payload, const panos_prisma_vuln *rows, size_t n, long next)
{
    struct sync *s = payload;
    char cur[32];
    if (exec(s, "BEGIN") != 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (put_vuln(s, &rows[i]) != 0) {
            exec(s, "ROLLBACK");
            return 1;
        }
    snprintf(cur, sizeof(cur), "%ld", next < 0 ? 0 : next);
    return page_done(s, next < 0 ? "" : cur);
}

/*
 * The pass of this run and the cursor to start from: an unfinished pass goes on where its
 * last committed page ended; else a new pass starts at the beginning. "" as the cursor means
 * the pass has read its last page. Returns 0 or the exit status.
 */
static int begin_pass(struct sync *s, char **cursor)
{
    sqlite3_stmt *st;
    *cursor = NULL;
    if (sqlite3_prepare_v2(s->db, "SELECT pass, cursor, finished_at FROM sync_state WHERE what=?",
                           -1, &st, NULL) != SQLITE_OK)
        return db_error(s, "sync state");
    sqlite3_bind_text(st, 1, s->what, -1, SQLITE_STATIC);
    int resume = 0;
    s->pass = 1;
    if (sqlite3_step(st) == SQLITE_ROW) {
        s->pass = sqlite3_column_int64(st, 0);
        resume = sqlite3_column_type(st, 2) == SQLITE_NULL;
        const unsigned char *c = sqlite3_column_text(st, 1);
        if (resume && c)
            *cursor = strdup((const char *)c);
        if (!resume)
            s->pass++;
    }
    sqlite3_finalize(st);
    char sql[300];
    snprintf(sql, sizeof(sql),
             resume ? "SELECT 1"
                    : "INSERT OR REPLACE INTO sync_state VALUES('%s',%ld,NULL,'%s',NULL,0)",
             s->what, s->pass, s->now);
    if (resume)
        cli_warn("prisma sync: resuming %s pass %ld %s", s->what, s->pass,
                 *cursor ? "after its last committed page" : "from its start");
    return exec(s, sql);
}

/* A full pass read to its end: what it did not see is gone (assets) or resolved (findings). */
static int end_pass(struct sync *s)
{
    const char *col = strcmp(s->what, "assets") == 0 ? "deleted_at" : "resolved_at";
    char sql[400];
    snprintf(sql, sizeof(sql), "UPDATE %s SET %s='%s' WHERE pass<%ld AND %s IS NULL", s->what, col,
             s->now, s->pass, col);
    if (exec(s, "BEGIN") != 0 || exec(s, sql) != 0)
        return 1;
    s->gone = sqlite3_changes(s->db);
    snprintf(sql, sizeof(sql),
             "UPDATE sync_state SET cursor=NULL, finished_at='%s' WHERE what='%s'; COMMIT", s->now,
             s->what);
    return exec(s, sql);
}

static int run_one(struct sync *s, panos_prisma *p, size_t page_size)
{
    int vulns = strcmp(s->what, "vulns") == 0;
    char *cursor = NULL;
    int rc = begin_pass(s, &cursor);
    s->seen = s->added = s->changed = s->gone = 0;
    const char *up = vulns ? vuln_upsert : asset_upsert;
    const char *old = vulns ? "SELECT digest FROM vulns WHERE asset_id=?1 AND cve=?2 AND package=?3"
                            : "SELECT digest FROM assets WHERE id=?1";
    if (rc == 0 && (sqlite3_prepare_v2(s->db, up, -1, &s->up, NULL) != SQLITE_OK ||
                    sqlite3_prepare_v2(s->db, old, -1, &s->old, NULL) != SQLITE_OK))
        rc = db_error(s, "prepare");
    int at_end = cursor && cursor[0] == '\0';
    panos_code code = PANOS_OK;
    if (rc == 0 && !at_end)
        code = vulns ? panos_prisma_vulns(p, cursor ? strtol(cursor, NULL, 10) : 0, on_vulns, s)
                     : panos_prisma_assets(p, cursor, page_size, on_assets, s);
    if (rc == 0 && code != PANOS_OK)
        rc = prisma_fail(p, code);
    else if (rc == 0 && s->failed)
        rc = PANOS_E_IO;
    sqlite3_finalize(s->up);
    sqlite3_finalize(s->old);
    s->up = s->old = NULL;
    free(cursor);
    if (rc != 0)
        return rc;
    sqlite3_stmt *st;
    int done = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT cursor FROM sync_state WHERE what=?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, s->what, -1, SQLITE_STATIC);
        done = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
               sqlite3_column_text(st, 0)[0] == '\0';
        sqlite3_finalize(st);
    }
    if (done && end_pass(s) != 0)
        return PANOS_E_IO;
    fprintf(stderr, "panctl: prisma sync: %s pass %ld%s: %ld seen, %ld new, %ld changed, %ld %s\n",
            s->what, s->pass, done ? " complete" : " stopped (run again to resume)", s->seen,
            s->added, s->changed, s->gone, vulns ? "resolved" : "deleted");
    return done ? 0 : -1;
}

static int open_db(struct sync *s, const char *path)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    if (fd < 0 || sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        char msg[400];
        snprintf(msg, sizeof(msg), "cannot open the database %s%s%s", path, s->db ? ": " : "",
                 s->db ? sqlite3_errmsg(s->db) : "");
        return cli_local_error(PANOS_E_IO, msg);
    }
    sqlite3_busy_timeout(s->db, 5000);
    return exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;") || exec(s, schema)
               ? PANOS_E_IO
               : 0;
}

int prisma_sync(panos_prisma *p, const char *path, long max_pages, size_t page_size)
{
    struct sync s = {0};
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(s.now, sizeof(s.now), "%Y-%m-%dT%H:%M:%SZ", &tm);
    s.max_pages = max_pages;
    signal(SIGINT, on_interrupt);
    signal(SIGTERM, on_interrupt);
    int rc = open_db(&s, path);
    if (rc == 0) {
        s.what = "assets";
        rc = run_one(&s, p, page_size);
    }
    if (rc == 0) {
        s.what = "vulns";
        rc = run_one(&s, p, page_size);
    }
    if (rc < 0) /* stopped by --max-pages or a signal, the state saved */
        rc = interrupted ? cli_local_error(PANOS_E_FAILED, "interrupted: run again to resume") : 0;
    sqlite3_close(s.db);
    return rc;
}
