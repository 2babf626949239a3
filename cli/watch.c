/* watch.c — waiting for files to change (inotify), for `produire
 * --surveiller`: a letter is watched through its folder, since editors often
 * save by writing a new file and renaming it over the old one; a folder (the
 * stdlib) is watched for the files of one suffix. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "cli.h"

#define MAX_WATCHES 64

struct cli_watch {
	int fd;
	struct {
		int wd;
		char *name;          /* the file of the folder, or NULL: any */
		char *suffix;        /* with name NULL: the files that end so */
		char *shown;
	} w[MAX_WATCHES];
	size_t n;
};

cli_watch *
cli_watch_new(void)
{
	cli_watch *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return NULL;
	w->fd = inotify_init1(IN_CLOEXEC);
	if (w->fd < 0) {
		free(w);
		return NULL;
	}
	return w;
}

static int
add(cli_watch *w, const char *dir, const char *name, const char *suffix,
    const char *shown)
{
	int wd;

	if (w->n == MAX_WATCHES)
		return 0;
	wd = inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE |
	    IN_DELETE);
	if (wd < 0)
		return 0;
	w->w[w->n].wd = wd;
	w->w[w->n].name = name != NULL ? strdup(name) : NULL;
	w->w[w->n].suffix = suffix != NULL ? strdup(suffix) : NULL;
	w->w[w->n].shown = strdup(shown);
	w->n++;
	return 1;
}

int
cli_watch_file(cli_watch *w, const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];

	if (slash == NULL)
		return add(w, ".", path, NULL, path);
	snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	return add(w, dir, slash + 1, NULL, path);
}

int
cli_watch_dir(cli_watch *w, const char *dir, const char *suffix)
{
	return add(w, dir, NULL, suffix, dir);
}

static const char *
matches(const cli_watch *w, const struct inotify_event *e)
{
	for (size_t i = 0; i < w->n; i++) {
		size_t len, sl;

		if (w->w[i].wd != e->wd || e->len == 0)
			continue;
		if (w->w[i].name != NULL && strcmp(w->w[i].name, e->name) == 0)
			return w->w[i].shown;
		len = strlen(e->name);
		sl = w->w[i].suffix != NULL ? strlen(w->w[i].suffix) : 0;
		if (w->w[i].name == NULL && w->w[i].suffix != NULL && len > sl &&
		    strcmp(e->name + len - sl, w->w[i].suffix) == 0)
			return w->w[i].shown;
	}
	return NULL;
}

/* Reads the events waiting; returns what changed among the watched, or NULL. */
static const char *
drain(cli_watch *w)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const char *hit = NULL;
	ssize_t n;

	do
		n = read(w->fd, buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	for (ssize_t o = 0; n > 0 && o < n;) {
		const struct inotify_event *e = (const struct inotify_event *)(buf + o);
		const char *m = matches(w, e);

		if (m != NULL && hit == NULL)
			hit = m;
		o += (ssize_t)(sizeof(*e) + e->len);
	}
	return hit;
}

int
cli_watch_wait(cli_watch *w, const char **what)
{
	struct pollfd p = { w->fd, POLLIN, 0 };

	for (;;) {
		const char *hit;

		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			return 0;
		hit = drain(w);
		if (hit == NULL)
			continue;
		/* An editor's save is several events: let them all arrive. */
		while (poll(&p, 1, 100) > 0)
			(void)drain(w);
		*what = hit;
		return 1;
	}
}

void
cli_watch_free(cli_watch *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->n; i++) {
		free(w->w[i].name);
		free(w->w[i].suffix);
		free(w->w[i].shown);
	}
	close(w->fd);
	free(w);
}
