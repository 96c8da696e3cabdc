/* Lookup in the table of data files compiled into the binary. */
#include "ordesk/embedded.h"

#include <string.h>

const char *embedded_find(const char *name)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}
