#ifndef ORDESK_I18N_H
#define ORDESK_I18N_H

/*
 * Every sentence a person reads goes through _() so that a translation is
 * a file in data/, not a rewrite.  N_() marks a string in a static table
 * for translation where it is used.  Data words (stage, kind and cause
 * identifiers) are never translated.
 */
#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) msgid

/* Binds the text domain; called once by main() after setlocale(). */
void i18n_init(void);

#endif
