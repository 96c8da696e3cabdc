/* The gettext text domain. */
#include "ordesk/i18n.h"

void i18n_init(void)
{
	bindtextdomain("ordesk", ORDESK_LOCALEDIR);
	textdomain("ordesk");
}
