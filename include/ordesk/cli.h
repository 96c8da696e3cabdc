#ifndef ORDESK_CLI_H
#define ORDESK_CLI_H

#include <stdio.h>

#include "ordesk/desk.h"
#include "ordesk/privilege.h"   /* cli_open_user_file: files written for the user */

/*
 * The command line: one table of commands (src/cli/commands.c), one file
 * per command group (src/cli/cmd_*.c).  A command parses its arguments,
 * calls desk/, prints the result and returns a status that main() turns
 * into the exit code.  Errors are one line on stderr: "ordesk: what".
 */
enum cli_store_use {
	CLI_NO_STORE,       /* runs without opening a store */
	CLI_STORE,          /* opens an existing store */
	CLI_STORE_CREATE    /* creates the store if missing */
};

struct cli {
	const char *db_path;     /* the store this run works on */
	struct desk desk;        /* open when the command uses a store */
	time_t fixed_now;        /* ORDESK_NOW, 0 if unset */
	int interactive;         /* stdout is a terminal */
};

struct cli_command {
	const char *name;
	const char *synopsis;    /* arguments, as in the man page */
	const char *summary;     /* one line for --help */
	enum status (*run)(struct cli *c, int argc, char **argv);
	enum cli_store_use store;
};

/* The command table, ending with a NULL name. */
extern const struct cli_command cli_commands[];

/* Prints "ordesk: message" (cleaned of control characters) to stderr; returns st. */
enum status cli_error(enum status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints one line to fp (stdout or stderr), cleaned of control characters
 * as cli_error's are: every path, name and value in it is shown safely. */
void cli_say(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints the desk's message for st: on stdout for ST_OK, else as an error. */
enum status cli_report(struct cli *c, enum status st);
/* Prints the usage line of a command as an error; returns ST_USAGE. */
enum status cli_usage(const char *command);

/* The store path: --db, $ORDESK_DB, the user's then the system's ordesk.conf,
 * then the XDG default (src/cli/dbpath.c).  Writes into buf.  Running
 * setgid, any store but the system configuration's gives up the group. */
enum status cli_db_path(const char *opt_db, char *buf, size_t size);

/* Output of listings: a table for people, real CSV, or TSV. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_TSV };
/* The listing format a --format WORD names (NULL: table); an unknown word is a
 * usage error, said on stderr. */
enum status out_format_arg(const char *word, enum out_format *f);

struct out_column {
	const char *name;
	int width;          /* table format: columns of display width (0: as is) */
};

/*
 * --raw and --bom, taken by every command that writes CSV or TSV: cells as
 * stored, without text_cell's apostrophe, and a UTF-8 BOM before CSV on
 * standard output (a CSV file written for people always has one).  Put
 * OUT_SHEET_OPTIONS in a getopt_long table and hand each option to
 * out_sheet_opt, which records it in *sheet (enum text_sheet) and returns
 * 1 when it was one of them.
 */
#define OUT_OPT_RAW 0x100
#define OUT_OPT_BOM 0x101
#define OUT_SHEET_OPTIONS \
	{ "raw", no_argument, NULL, OUT_OPT_RAW }, { "bom", no_argument, NULL, OUT_OPT_BOM }
int out_sheet_opt(int opt, unsigned *sheet);

struct out {
	FILE *fp;
	enum out_format format;
	unsigned sheet;     /* enum text_sheet */
	const struct out_column *cols;
	int ncols;
};

/* Writes the header row (after a BOM for CSV with SHEET_BOM). */
void out_begin(struct out *o, FILE *fp, enum out_format format, unsigned sheet,
               const struct out_column *cols, int ncols);
/* One row of ncols values (NULL is empty); every value is cleaned of
 * controls, and in CSV and TSV guarded by text_cell unless SHEET_RAW. */
void out_row(struct out *o, const char *const *values);

/* Local time "YYYY-MM-DD HH:MM" of t, or "" for 0. */
void out_time(time_t t, char *buf, size_t size);
/* "1h05" style span of seconds, with a leading '-' when negative. */
void out_span(long long seconds, char *buf, size_t size);

#define CLI_COMMAND_DECL(fn) enum status fn(struct cli *c, int argc, char **argv);
CLI_COMMAND_DECL(cmd_init)
CLI_COMMAND_DECL(cmd_demo)
CLI_COMMAND_DECL(cmd_orders)
CLI_COMMAND_DECL(cmd_show)
CLI_COMMAND_DECL(cmd_advance)
CLI_COMMAND_DECL(cmd_back)
CLI_COMMAND_DECL(cmd_cancel)
CLI_COMMAND_DECL(cmd_edit)
CLI_COMMAND_DECL(cmd_users)
CLI_COMMAND_DECL(cmd_config)
CLI_COMMAND_DECL(cmd_check)
CLI_COMMAND_DECL(cmd_stock)
CLI_COMMAND_DECL(cmd_lock)
CLI_COMMAND_DECL(cmd_release)
CLI_COMMAND_DECL(cmd_split)
CLI_COMMAND_DECL(cmd_delay)
CLI_COMMAND_DECL(cmd_wait)
CLI_COMMAND_DECL(cmd_exception)
CLI_COMMAND_DECL(cmd_sweep)
CLI_COMMAND_DECL(cmd_alerts)
CLI_COMMAND_DECL(cmd_backup)
CLI_COMMAND_DECL(cmd_restore)
CLI_COMMAND_DECL(cmd_report)
CLI_COMMAND_DECL(cmd_review)
CLI_COMMAND_DECL(cmd_board)
CLI_COMMAND_DECL(cmd_import)
CLI_COMMAND_DECL(cmd_stock_import)   /* "stock import", dispatched by cmd_stock */
#undef CLI_COMMAND_DECL

#endif
