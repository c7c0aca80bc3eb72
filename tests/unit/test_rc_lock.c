/* SPDX-License-Identifier: MIT */
/* test_rc_lock.c -- panos_rc_update() racing on one .panrc: no update is lost. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <panos/rc.h>
#include "check.h"

#define RACERS 8
#define ROUNDS 15

static char dir[64];
static char path[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/test_rc_lock.XXXXXX");
    if (mkdtemp(dir) == NULL)
        return -1;
    snprintf(path, sizeof(path), "%s/panrc", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char p[192];
    snprintf(p, sizeof(p), "%s.lock", path);
    unlink(p);
    unlink(path);
    return rmdir(dir);
}

/* Racer @p id renews tag "fwID" ROUNDS times: api_key%fwID=K<id>-<round>. 0 when all worked. */
static int race(int id)
{
    char tag[16], key[32], err[256];
    snprintf(tag, sizeof(tag), "fw%d", id);
    for (int r = 0; r < ROUNDS; r++) {
        snprintf(key, sizeof(key), "K%d-%d", id, r);
        panos_rc_var v[] = {{"api_key", key}, {"hostname", "127.0.0.1"}};
        if (panos_rc_update(path, tag, v, 2, NULL, 0, err, sizeof(err)) != PANOS_OK)
            return 1;
    }
    return 0;
}

static void *race_thread(void *arg)
{
    return race((int)(long)arg) == 0 ? NULL : arg;
}

/* Every racer's last key is in the file, each exactly once, and the file is still 0600. */
static void check_all_survived(void)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char text[8192];
    size_t n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    for (int id = 0; id < RACERS; id++) {
        char line[64];
        snprintf(line, sizeof(line), "api_key%%fw%d=K%d-%d\n", id, id, ROUNDS - 1);
        const char *at = strstr(text, line);
        CHECK_TRUE(at != NULL);
        CHECK_TRUE(at == NULL || strstr(at + 1, line) == NULL);
    }
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    CHECK_EQ(2 * RACERS + 1, (long)lines); /* the comment, then two lines a tag */
    struct stat st;
    CHECK_EQ(0, stat(path, &st));
    CHECK_EQ(0600, st.st_mode & 07777);
}

static void seed(void)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# fleet\n", f);
    fclose(f);
    chmod(path, 0600);
}

static void test_threads(void **state)
{
    (void)state;
    seed();
    pthread_t th[RACERS];
    for (long i = 0; i < RACERS; i++)
        CHECK_EQ(0, pthread_create(&th[i], NULL, race_thread, (void *)i));
    for (int i = 0; i < RACERS; i++) {
        void *res = (void *)1;
        CHECK_EQ(0, pthread_join(th[i], &res));
        CHECK_TRUE(res == NULL);
    }
    check_all_survived();
}

static void test_processes(void **state)
{
    (void)state;
    seed();
    pid_t pid[RACERS];
    for (int i = 0; i < RACERS; i++) {
        pid[i] = fork();
        assert_true(pid[i] >= 0);
        if (pid[i] == 0)
            _exit(race(i));
    }
    for (int i = 0; i < RACERS; i++) {
        int st = -1;
        CHECK_EQ(pid[i], waitpid(pid[i], &st, 0));
        CHECK_TRUE(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    check_all_survived();
}

/* The lock file is made private and stays; an unwritable directory is a clear IO error. */
static void test_lock_file(void **state)
{
    (void)state;
    seed();
    char err[256], lock[192];
    panos_rc_var v = {"api_key", "K"};
    CHECK_OK(panos_rc_update(path, "a", &v, 1, NULL, 0, err, sizeof(err)));
    snprintf(lock, sizeof(lock), "%s.lock", path);
    struct stat st;
    CHECK_EQ(0, stat(lock, &st));
    CHECK_EQ(0600, st.st_mode & 07777);
    CHECK_CODE(PANOS_E_IO,
               panos_rc_update("/nonexistent/dir/panrc", "a", &v, 1, NULL, 0, err, sizeof(err)));
    CHECK_STR("cannot lock /nonexistent/dir/panrc.lock: No such file or directory", err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_threads, setup, teardown),
        cmocka_unit_test_setup_teardown(test_processes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock_file, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
