/* ordesk import and ordesk stock import: channel files and stock lists. */
#include "ordesk/cli.h"
#include "ordesk/desk_import.h"
#include "ordesk/desk_stock_import.h"
#include "ordesk/i18n.h"
#include "ordesk/privilege.h"
#include "ordesk/text.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Where --rejects goes: a file on disk starts with a BOM; standard output
 * (-) keeps the script contract (a BOM only with --bom) and takes the
 * summary's place, which goes to standard error; a terminal gets every
 * cell through text_clean.  Cells are guarded by text_cell unless --raw. */
struct rejects_out {
	FILE *fp;
	unsigned sheet;         /* enum text_sheet */
	int bom_due;            /* the BOM is written before the first row */
};

struct import_run {
	FILE *rejects;          /* this file's rejected rows, copied to --rejects on success */
	unsigned sheet;
	int header_done;
	const char *name;
	struct timespec start;
	int progress_shown;
};

static double elapsed(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* One cell: guarded, cleaned for a terminal, written as CSV. */
static void csv_cell(FILE *fp, const char *v, int first, unsigned sheet)
{
	char small[1024], *cell = small, *clean = NULL;
	size_t n = text_cell(v, (sheet & SHEET_RAW) != 0, small, sizeof small);

	if (!first)
		fputc(',', fp);
	if (n >= sizeof small && (cell = malloc(n + 1)) != NULL)
		text_cell(v, (sheet & SHEET_RAW) != 0, cell, n + 1);
	else if (!cell)
		cell = small;   /* out of memory: the cell is cut */
	if (sheet & SHEET_TTY) {
		size_t m = text_clean(cell, NULL, 0);
		if ((clean = malloc(m + 1)) != NULL)
			text_clean(cell, clean, m + 1);
		else
			cell[0] = '\0';
	}
	const char *out = clean ? clean : cell;
	csv_fwrite(fp, out, strlen(out));
	free(clean);
	if (cell != small)
		free(cell);
}

static int write_reject(void *arg, const struct import_reject *r)
{
	struct import_run *run = arg;
	char reason[768], clean[700];
	int n = r->nheader > 0 ? r->nheader : r->nfields;

	if (!run->rejects)
		return 0;
	if (!run->header_done) {
		for (int i = 0; i < n; i++)
			csv_cell(run->rejects, i < r->nheader ? r->header[i] : "", i == 0, run->sheet);
		csv_cell(run->rejects, "reason", n == 0, run->sheet);
		fputs("\r\n", run->rejects);
		run->header_done = 1;
	}
	for (int i = 0; i < n; i++)
		csv_cell(run->rejects, i < r->nfields ? r->fields[i] : "", i == 0, run->sheet);
	text_clean(r->reason, clean, sizeof clean);
	snprintf(reason, sizeof reason, _("line %ld: %s"), r->line, clean);
	csv_cell(run->rejects, reason, n == 0, run->sheet);
	fputs("\r\n", run->rejects);
	return ferror(run->rejects) ? ST_IOERR : 0;
}

static void show_progress(void *arg, long long bytes, long rows)
{
	struct import_run *run = arg;
	char name[128];

	if (elapsed(&run->start) < 1.0)
		return;
	text_clean(run->name, name, sizeof name);
	fprintf(stderr, _("\rordesk: %s: %ld rows, %.1f MB read…"), name, rows, (double)bytes / 1e6);
	fflush(stderr);
	run->progress_shown = 1;
}

static int copy_rejects(FILE *from, struct rejects_out *to)
{
	char buf[8192];
	size_t n;

	rewind(from);
	while ((n = fread(buf, 1, sizeof buf, from)) > 0) {
		if (to->bom_due) {
			fputs(TEXT_BOM, to->fp);
			to->bom_due = 0;
		}
		if (fwrite(buf, 1, n, to->fp) != n)
			return -1;
	}
	return ferror(from) || fflush(to->fp) != 0 ? -1 : 0;
}

static enum status import_one(struct cli *c, const char *path, const struct desk_import_opts *base,
                              struct rejects_out *rejects_out)
{
	struct desk_import_opts o = *base;
	struct desk_import_result res;
	struct import_run run;
	FILE *fp;
	enum status st;
	FILE *say = rejects_out && rejects_out->fp == stdout ? stderr : stdout;

	memset(&run, 0, sizeof run);
	run.sheet = rejects_out ? rejects_out->sheet : 0;
	clock_gettime(CLOCK_MONOTONIC, &run.start);
	if (strcmp(path, "-") == 0) {
		fp = stdin;
		run.name = "<stdin>";
	} else {
		fp = cli_open_user_input(path);   /* with the user's rights (ordesk setgid) */
		run.name = path;
		if (!fp)
			return cli_error(ST_IOERR, _("cannot open %s: %s"), path, strerror(errno));
	}
	if (rejects_out && !(run.rejects = tmpfile())) {
		if (fp != stdin)
			fclose(fp);
		return cli_error(ST_IOERR, _("cannot make a temporary file: %s"), strerror(errno));
	}
	o.name = run.name;
	o.reject = write_reject;
	o.progress = isatty(STDERR_FILENO) ? show_progress : NULL;
	o.arg = &run;
	st = desk_import(&c->desk, fp, &o, &res);
	if (fp != stdin)
		fclose(fp);
	if (run.progress_shown)
		fputs("\r\033[K", stderr);
	if (st == ST_OK && run.rejects && rejects_out && copy_rejects(run.rejects, rejects_out) != 0)
		st = cli_error(ST_IOERR, "%s", _("writing the rejects file failed"));
	if (run.rejects)
		fclose(run.rejects);
	if (st != ST_OK)
		return cli_report(c, st);
	char shipped[192] = "";
	if (res.cancelled)
		snprintf(shipped, sizeof shipped, _("%ld cancelled by the channel, left out; "), res.cancelled);
	if (res.shipped)
		snprintf(shipped + strlen(shipped), sizeof shipped - strlen(shipped),
		         _("%ld shipped by the channel, left out; "), res.shipped);
	/* cleaned as a whole: the path, and the name a profile file gives itself */
	cli_say(say, _("%s%s: %ld rows read; orders: %ld new, %ld updated, %ld unchanged, %ld flagged; "
	               "%ld rows rejected; %sprofile %s (%s); %.2f s"),
	       o.dry_run ? _("dry run, nothing written: ") : "", run.name, res.rows, res.created, res.updated,
	       res.unchanged, res.flagged, res.rejected, shipped, res.profile, res.encoding,
	       elapsed(&run.start));
	return ST_OK;
}

enum status cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "channel", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "rejects", required_argument, NULL, 'r' },
		OUT_SHEET_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	struct desk_import_opts o;
	const char *rejects = NULL;
	struct rejects_out rout = { NULL, 0, 0 };
	enum status worst = ST_OK;
	int opt;

	memset(&o, 0, sizeof o);
	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (out_sheet_opt(opt, &rout.sheet))
			continue;
		switch (opt) {
		case 'p':
			o.profile = optarg;
			break;
		case 'c':
			o.channel = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'r':
			rejects = optarg;
			break;
		default:
			return cli_usage("import");
		}
	}
	if (optind >= argc)
		return cli_usage("import");
	if (o.channel) {
		char why[96];
		if (validate_field(FIELD_CHANNEL, o.channel, why, sizeof why) != 0)
			return cli_error(ST_USAGE, _("--channel %s: %s"), o.channel, why);
	}
	int stdin_uses = 0;
	for (int i = optind; i < argc; i++)
		stdin_uses += strcmp(argv[i], "-") == 0;
	if (stdin_uses > 1)
		return cli_error(ST_USAGE, "%s", _("standard input (-) can be read only once"));
	/* A profile file is read by the import: the user must be able to read it. */
	if (o.profile && strchr(o.profile, '/')) {
		/* Without blocking, and only a regular file: a FIFO would hang the run. */
		int pfd = privilege_open_user(o.profile, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0);
		struct stat pst;
		if (pfd < 0)
			return cli_error(ST_IOERR, _("cannot read the profile %s: %s"), o.profile, strerror(errno));
		int regular = fstat(pfd, &pst) == 0 && S_ISREG(pst.st_mode);
		close(pfd);
		if (!regular)
			return cli_error(ST_IOERR, _("the profile %s is not a regular file"), o.profile);
	}
	if (rejects && strcmp(rejects, "-") == 0) {
		rout.fp = stdout;
	} else if (rejects) {
		if (!(rout.fp = cli_open_user_file(rejects)))
			return cli_error(ST_IOERR, _("cannot write %s: %s"), rejects, strerror(errno));
		rout.sheet |= SHEET_BOM;
	}
	if (rout.fp && isatty(fileno(rout.fp)))
		rout.sheet = (rout.sheet | SHEET_TTY) & ~(unsigned)SHEET_BOM;
	rout.bom_due = (rout.sheet & SHEET_BOM) != 0;
	for (int i = optind; i < argc; i++) {
		enum status st = import_one(c, argv[i], &o, rout.fp ? &rout : NULL);
		if (st != ST_OK && worst == ST_OK)
			worst = st;
	}
	if (rout.fp && rout.fp != stdout && fclose(rout.fp) != 0 && worst == ST_OK)
		worst = cli_error(ST_IOERR, _("writing %s failed"), rejects);
	return worst;
}

/* `ordesk stock import FILE`, dispatched by cmd_stock (argv[0] is "import"). */
enum status cmd_stock_import(struct cli *c, int argc, char **argv)
{
	struct desk_stock_import_result res;
	const char *path;
	FILE *fp;
	enum status st;
	struct timespec t0;

	if (argc != 2)
		return cli_error(ST_USAGE, _("usage: ordesk stock import FILE"));
	path = argv[1];
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fp = strcmp(path, "-") == 0 ? stdin : cli_open_user_input(path);
	if (!fp)
		return cli_error(ST_IOERR, _("cannot open %s: %s"), path, strerror(errno));
	const char *shown = fp == stdin ? "<stdin>" : path;
	st = desk_stock_import(&c->desk, fp, shown, &res);
	if (fp != stdin)
		fclose(fp);
	if (st != ST_OK)
		return cli_report(c, st);
	cli_say(stdout, _("%s: %ld rows read; %ld products (%ld new), %ld warehouses new, %ld stock rows set; %.2f s"),
	       shown, res.rows, res.products, res.products_new, res.warehouses_new, res.stock_rows,
	       elapsed(&t0));
	return ST_OK;
}
