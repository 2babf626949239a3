/* bench_check.c — `make bench`: how fast missionc checks a letter.
 *   bench_check warm FILE N        N checks in one process, stdlib loaded once
 *   bench_check cold N [--neuf F] CMD ARGS…
 *                                  N runs of a command from process start to exit;
 *                                  with --neuf, F is removed before each run (not
 *                                  timed): the command writes a new file, not over
 *                                  the one the previous run wrote
 *   bench_check run CMD ARGS…      one run: « wall user system maxrss » (seconds,
 *                                  seconds, seconds, KiB) on one line, for bench/run.sh
 * Prints the figures; asserts nothing (timings are the machine's, not a test's). */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "missionc.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		if (f)
			fclose(f);
		return NULL;
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int
warm(const char *path, long n)
{
	size_t len;
	char *text = slurp(path, &len);
	mc_stdlib *lib = mc_stdlib_open("stdlib");
	double t0, t1, first;
	struct rusage ru;
	mc_result *res;

	if (text == NULL || lib == NULL) {
		fprintf(stderr, "bench_check : impossible de lire %s\n", path);
		return 1;
	}
	t0 = now();
	res = mc_check(lib, path, text, len);   /* loads the stdlib */
	first = now() - t0;
	if (mc_result_worst(res) == MC_ERROR) {
		fprintf(stderr, "bench_check : %s n’est pas conforme\n", path);
		return 1;
	}
	mc_result_free(res);
	t0 = now();
	for (long i = 0; i < n; i++)
		mc_result_free(mc_check(lib, path, text, len));
	t1 = now();
	getrusage(RUSAGE_SELF, &ru);
	printf("  première vérification (bibliothèque chargée) : %8.3f ms\n", first * 1e3);
	printf("  vérifications en un processus                : %8.0f lettres/s (%.1f µs/lettre, %ld lettres)\n",
	    (double)n / (t1 - t0), (t1 - t0) / (double)n * 1e6, n);
	printf("  mémoire maximale du processus                : %8.1f Mio\n",
	    (double)ru.ru_maxrss / 1024.0);
	mc_stdlib_close(lib);
	free(text);
	return 0;
}

/* Runs a command to its end (its output to /dev/null). Its duration in
 * seconds, its resource use and exit code, or -1 when it could not run. */
static double
spawn(char **argv, struct rusage *ru, int *code)
{
	double t0 = now();
	pid_t pid = fork();
	int status;

	memset(ru, 0, sizeof(*ru));

	if (pid == 0) {
		/* Only the figures: what the command prints goes nowhere. */
		if (freopen("/dev/null", "w", stdout) == NULL ||
		    freopen("/dev/null", "w", stderr) == NULL)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, ru) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 127) {
		fprintf(stderr, "bench_check : %s n’a pas pu s’exécuter\n", argv[0]);
		return -1;
	}
	*code = WEXITSTATUS(status);
	return now() - t0;
}

static double
cpu(const struct rusage *ru)
{
	return (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6 +
	    (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
}

static int
cold(long n, const char *fresh, char **argv)
{
	double total = 0, best = 1e9, cpu_total = 0;
	long maxrss = 0, faults = 0;

	for (long i = 0; i < n; i++) {
		struct rusage ru;
		int code = 0;
		double dt;

		if (fresh != NULL && unlink(fresh) != 0 && errno != ENOENT) {
			fprintf(stderr, "bench_check : impossible de supprimer %s\n", fresh);
			return 1;
		}
		dt = spawn(argv, &ru, &code);

		if (dt < 0)
			return 1;
		/* A start that fails measures the failure, not the command. */
		if (code != 0) {
			fprintf(stderr, "bench_check : %s échoue (code %d)\n", argv[0], code);
			return 1;
		}
		total += dt;
		cpu_total += cpu(&ru);
		if (dt < best)
			best = dt;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		faults += ru.ru_minflt + ru.ru_majflt;
	}
	printf("  lancement à froid (processus complet)        : %8.3f ms en moyenne, %.3f ms au mieux (%ld lancements)\n",
	    total / (double)n * 1e3, best * 1e3, n);
	printf("  temps CPU d’un lancement (utilisateur + système) : %.3f ms en moyenne\n",
	    cpu_total / (double)n * 1e3);
	printf("  mémoire maximale d’un lancement              : %8.1f Mio\n",
	    (double)maxrss / 1024.0);
	/* Exact from run to run where durations are not: each is a page of
	 * memory the kernel maps, the dearest part of a cold start. */
	printf("  défauts de page d’un lancement               : %8.0f\n",
	    (double)faults / (double)n);
	return 0;
}

/* One run of a command, its figures on one line: its CPU time is what a
 * loaded machine leaves comparable. */
static int
run(char **argv)
{
	struct rusage ru;
	int code;
	double dt = spawn(argv, &ru, &code);

	if (dt < 0)
		return 1;
	printf("%.3f %.3f %.3f %ld\n", dt,
	    (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6,
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "warm") == 0)
		return warm(argv[2], atol(argv[3]));
	if (argc >= 6 && strcmp(argv[1], "cold") == 0 && strcmp(argv[3], "--neuf") == 0)
		return cold(atol(argv[2]), argv[4], argv + 5);
	if (argc >= 4 && strcmp(argv[1], "cold") == 0)
		return cold(atol(argv[2]), NULL, argv + 3);
	if (argc >= 3 && strcmp(argv[1], "run") == 0)
		return run(argv + 2);
	fputs("usage : bench_check warm FICHIER N | cold N [--neuf FICHIER] COMMANDE ARGS… | run COMMANDE ARGS…\n", stderr);
	return 2;
}
