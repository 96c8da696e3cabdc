/* Names of status codes. */
#include "ordesk/status.h"

const char *status_name(enum status st)
{
	switch (st) {
	case ST_OK: return "ok";
	case ST_REFUSED: return "refused";
	case ST_USAGE: return "usage";
	case ST_DATAERR: return "data error";
	case ST_INTERNAL: return "internal error";
	case ST_BUSY: return "busy";
	case ST_IOERR: return "I/O error";
	case ST_DENIED: return "not permitted";
	}
	return "?";
}
