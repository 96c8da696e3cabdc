#ifndef ORDESK_EMBEDDED_H
#define ORDESK_EMBEDDED_H

/* Data files compiled into the binary (schema migrations, import profiles). */
struct embedded_file {
	const char *name;    /* path below data/, e.g. "migrations/001_base.sql" */
	const char *text;
};

/* Ends with an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* The text of the file with this name, or NULL. */
const char *embedded_find(const char *name);

#endif
