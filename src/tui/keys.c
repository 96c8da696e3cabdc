/* The key table: one row per key action, driving dispatch, hint bar, help and man page. */
#include <curses.h>

#include "ordesk/tui_keys.h"
#include "ordesk/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TUI_KEY_ROW(id, k1, k2, k3, nm, lb, hp, vw) \
	{ ACT_##id, { k1, k2, k3 }, nm, lb, hp, vw, NULL },
#define TUI_ORDER_ACTION_ROW(id, k1, k2, k3, nm, lb, hp, vw, fn) \
	{ ACT_##id, { k1, k2, k3 }, nm, lb, hp, vw, fn },
const struct tui_key tui_keys[] = {
	TUI_KEY_LIST(TUI_KEY_ROW)
	TUI_ORDER_ACTION_LIST(TUI_ORDER_ACTION_ROW)
};
#undef TUI_KEY_ROW
#undef TUI_ORDER_ACTION_ROW
const size_t tui_key_count = sizeof tui_keys / sizeof tui_keys[0];

const struct tui_key *tui_key_find(int key, unsigned mask)
{
	for (size_t i = 0; i < tui_key_count; i++) {
		if (!(tui_keys[i].views & mask))
			continue;
		for (int j = 0; j < 3; j++)
			if (tui_keys[i].keys[j] && tui_keys[i].keys[j] == key)
				return &tui_keys[i];
	}
	return NULL;
}

const struct tui_key *tui_key_of(enum tui_action a)
{
	for (size_t i = 0; i < tui_key_count; i++)
		if (tui_keys[i].action == a)
			return &tui_keys[i];
	return NULL;
}

/* Names of keys that are not printable characters, both ways. */
static const struct {
	int key;
	const char *name;
} names[] = {
	{ '\n', "Enter" }, { TK(KEY_ENTER), "KpEnter" }, { '\r', "Return" }, { ' ', "Space" },
	{ 27, "Esc" }, { '\t', "Tab" }, { TK(KEY_BACKSPACE), "BS" }, { 127, "Del" },
	{ TK(KEY_UP), "Up" }, { TK(KEY_DOWN), "Down" }, { TK(KEY_LEFT), "Left" },
	{ TK(KEY_RIGHT), "Right" }, { TK(KEY_PPAGE), "PgUp" }, { TK(KEY_NPAGE), "PgDn" },
	{ TK(KEY_HOME), "Home" }, { TK(KEY_END), "End" }, { TK(KEY_DC), "Delete" },
	{ TK(KEY_RESIZE), "Resize" },
};

void tui_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	}
	if (key > 0 && key < 32) {
		snprintf(buf, size, "C-%c", key + 'a' - 1);
	} else if (TK_IS_FUNCTION(key)) {
		snprintf(buf, size, "F%d", (key & 0xffff) - KEY_F0);
	} else if (key < 0x80) {
		snprintf(buf, size, "%c", key);
	} else {
		/* A character beyond ASCII: its UTF-8 form. */
		char mb[8] = "";
		unsigned c = (unsigned)key;
		if (c < 0x800) {
			mb[0] = (char)(0xc0 | (c >> 6)); mb[1] = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			mb[0] = (char)(0xe0 | (c >> 12)); mb[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			mb[2] = (char)(0x80 | (c & 0x3f));
		} else {
			mb[0] = (char)(0xf0 | (c >> 18)); mb[1] = (char)(0x80 | ((c >> 12) & 0x3f));
			mb[2] = (char)(0x80 | ((c >> 6) & 0x3f)); mb[3] = (char)(0x80 | (c & 0x3f));
		}
		snprintf(buf, size, "%s", mb);
	}
}

int tui_key_parse(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].name, name) == 0)
			return names[i].key;
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' && !name[3])
		return name[2] - 'a' + 1;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9')
		return TK(KEY_F(atoi(name + 1)));
	if (s[0] && !s[1])
		return s[0];
	/* One UTF-8 character. */
	if (s[0] >= 0xc0) {
		int len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
		unsigned cp = s[0] & (0x3f >> (len - 1));
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return -1;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (!s[len])
			return (int)cp;
	}
	return -1;
}

void tui_key_names(const struct tui_key *k, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int j = 0; j < 3 && k->keys[j]; j++) {
		char one[32];
		tui_key_name(k->keys[j], one, sizeof one);
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", j ? ", " : "", one);
		if (n >= size)
			break;
	}
}

#define TUI_VIEW_MASK_ROW(id, bit, nm) { TV_##id, nm },
static const struct {
	unsigned bit;
	const char *name;
} view_names[] = { TUI_VIEW_MASK_LIST(TUI_VIEW_MASK_ROW) };
#undef TUI_VIEW_MASK_ROW

void tui_keys_print(FILE *fp)
{
	for (size_t i = 0; i < tui_key_count; i++) {
		char keys[96];
		const char *sep = "";
		tui_key_names(&tui_keys[i], keys, sizeof keys);
		fprintf(fp, "%s\t%s\t%s\t", keys, tui_keys[i].name, tui_keys[i].help);
		for (size_t v = 0; v < sizeof view_names / sizeof view_names[0]; v++) {
			if (tui_keys[i].views & view_names[v].bit) {
				fprintf(fp, "%s%s", sep, view_names[v].name);
				sep = ",";
			}
		}
		fputc('\n', fp);
	}
}
