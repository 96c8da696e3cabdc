/*
 * An I/O fault injector for the tests, loaded with LD_PRELOAD:
 *   FAULT_OP=write|fsync|open   the kind of call to fail
 *   FAULT_N=N                   the Nth call of that kind fails, and every
 *                               one after it (a disk that stays full)
 *   FAULT_ERRNO=ENOSPC|EIO|EFBIG|EMFILE   the error (default EIO)
 * Calls on standard input, output and error are not counted, so the
 * program can still say what happened.  At exit, with FAULT_REPORT set,
 * it prints to standard error how many calls of the kind it saw and
 * failed, so a test knows when N has passed the last one.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

enum { OP_NONE, OP_WRITE, OP_FSYNC, OP_OPEN };

static int op = -1, fault_errno = EIO;
static long fail_at, seen, failed;

static void report(void)
{
	char line[96];
	int n = snprintf(line, sizeof line, "faultshim: %ld seen, %ld failed\n", seen, failed);

	if (n > 0 && write(2, line, (size_t)n) < 0)
		return;
}

static void setup(void)
{
	const char *o = getenv("FAULT_OP"), *n = getenv("FAULT_N"), *e = getenv("FAULT_ERRNO");

	op = OP_NONE;
	if (!o || !n)
		return;
	op = strcmp(o, "write") == 0 ? OP_WRITE : strcmp(o, "fsync") == 0 ? OP_FSYNC
	   : strcmp(o, "open") == 0 ? OP_OPEN : OP_NONE;
	fail_at = atol(n);
	if (e)
		fault_errno = strcmp(e, "ENOSPC") == 0 ? ENOSPC : strcmp(e, "EFBIG") == 0 ? EFBIG
		            : strcmp(e, "EMFILE") == 0 ? EMFILE : EIO;
	if (getenv("FAULT_REPORT"))
		atexit(report);
}

/* Whether this call of kind k fails. */
static int fault(int k, int fd)
{
	if (op < 0)
		setup();
	if (op != k || (fd >= 0 && fd <= 2))
		return 0;
	if (++seen < fail_at)
		return 0;
	failed++;
	errno = fault_errno;
	return 1;
}

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*sync_fn)(int);
typedef int (*open_fn)(const char *, int, ...);

/* The C library's own function of that name. */
static void *next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static write_fn real;
	if (!real)
		*(void **)&real = next("write");
	return fault(OP_WRITE, fd) ? -1 : real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t at)
{
	static pwrite_fn real;
	if (!real)
		*(void **)&real = next("pwrite");
	return fault(OP_WRITE, fd) ? -1 : real(fd, buf, n, at);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t at)
{
	static pwrite_fn real;
	if (!real)
		*(void **)&real = next("pwrite64");
	return fault(OP_WRITE, fd) ? -1 : real(fd, buf, n, at);
}

int fsync(int fd)
{
	static sync_fn real;
	if (!real)
		*(void **)&real = next("fsync");
	return fault(OP_FSYNC, fd) ? -1 : real(fd);
}

int fdatasync(int fd)
{
	static sync_fn real;
	if (!real)
		*(void **)&real = next("fdatasync");
	return fault(OP_FSYNC, fd) ? -1 : real(fd);
}

static int open_with(open_fn real, const char *path, int flags, va_list ap)
{
	mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;

	return fault(OP_OPEN, -1) ? -1 : real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	static open_fn real;
	va_list ap;
	int fd;

	if (!real)
		*(void **)&real = next("open");
	va_start(ap, flags);
	fd = open_with(real, path, flags, ap);
	va_end(ap);
	return fd;
}

int open64(const char *path, int flags, ...)
{
	static open_fn real;
	va_list ap;
	int fd;

	if (!real)
		*(void **)&real = next("open64");
	va_start(ap, flags);
	fd = open_with(real, path, flags, ap);
	va_end(ap);
	return fd;
}
