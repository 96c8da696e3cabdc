/* The "key = value" configuration files that name the store. */
#include "ordesk/conffile.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <string.h>

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims blanks off both ends of [start, end) in place; returns the start. */
static char *trim(char *start, char *end)
{
	while (start < end && is_blank(*start))
		start++;
	while (end > start && is_blank(end[-1]))
		end--;
	*end = '\0';
	return start;
}

/* One line, without its newline: blank, a comment or key = value.  0 or -1 with *why. */
static int parse_line(char *buf, struct conffile *out, const char **why)
{
	char *p = buf, *eq, *key, *value;

	while (is_blank(*p))
		p++;
	if (*p == '\0' || *p == '#')
		return 0;
	eq = strchr(p, '=');
	if (!eq) {
		*why = N_("expected 'key = value'");
		return -1;
	}
	key = trim(p, eq);
	value = trim(eq + 1, eq + 1 + strlen(eq + 1));
	for (const char *c = value; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {
			*why = N_("control character in the value");
			return -1;
		}
	if (strcmp(key, "db") == 0) {
		if (value[0] != '/' && strncmp(value, "~/", 2) != 0) {
			*why = N_("db must be an absolute path");
			return -1;
		}
		if (strlen(value) >= sizeof out->db) {
			*why = N_("db path too long");
			return -1;
		}
		text_copy(out->db, value, sizeof out->db);
		return 0;
	}
	*why = N_("unknown setting (known: db)");
	return -1;
}

int conffile_parse(const char *text, struct conffile *out, const char **why)
{
	char line[4352];
	int number = 0;

	memset(out, 0, sizeof *out);
	*why = NULL;
	if (strlen(text) > CONFFILE_MAX) {
		*why = N_("file too long");
		return 1;
	}
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		number++;
		if (len >= sizeof line) {
			*why = N_("line too long");
			return number;
		}
		memcpy(line, text, len);
		line[len] = '\0';
		if (parse_line(line, out, why) != 0)
			return number;
		text += len + (nl ? 1 : 0);
	}
	return 0;
}
