/* ordesk init, users, config, check. */
#include "ordesk/cli.h"
#include "ordesk/desk_admin.h"
#include "ordesk/i18n.h"
#include "ordesk/text.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

enum status cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "admin", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *admin = NULL;
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'a')
			return cli_usage("init");
		admin = optarg;
	}
	if (optind != argc)
		return cli_usage("init");
	if (admin) {
		enum status st = desk_user_add(&c->desk, admin, "admin");
		if (st == ST_REFUSED)
			st = desk_user_role(&c->desk, admin, "admin");
		if (st != ST_OK)
			return cli_report(c, st);
	}
	cli_say(stdout, _("store %s ready (schema version %d); you are %s (%s)"), c->db_path,
	        store_schema_version(), c->desk.login, role_name(c->desk.role));
	return ST_OK;
}

static int print_user(const struct user_row *u, void *arg)
{
	struct out *o = arg;
	char at[32];
	const char *v[4] = { u->login, role_name(u->role), at, u->added_by };

	out_time(u->added_at, at, sizeof at);
	out_row(o, v);
	return 0;
}

enum status cmd_users(struct cli *c, int argc, char **argv)
{
	static const struct out_column cols[] = {
		{ "login", 16 }, { "role", 11 }, { "added_at", 17 }, { "added_by", 0 },
	};
	struct out o;

	if (argc < 2 || strcmp(argv[1], "list") == 0) {
		if (argc > 2)
			return cli_usage("users");
		out_begin(&o, stdout, OUT_TABLE, 0, cols, 4);
		enum status st = desk_user_each(&c->desk, print_user, &o);
		return st == ST_OK ? ST_OK : cli_report(c, st);
	}
	if (strcmp(argv[1], "add") == 0 && argc == 5 && strcmp(argv[3], "--role") == 0)
		return cli_report(c, desk_user_add(&c->desk, argv[2], argv[4]));
	if (strcmp(argv[1], "add") == 0 && argc == 4 && strncmp(argv[3], "--role=", 7) == 0)
		return cli_report(c, desk_user_add(&c->desk, argv[2], argv[3] + 7));
	if (strcmp(argv[1], "role") == 0 && argc == 4)
		return cli_report(c, desk_user_role(&c->desk, argv[2], argv[3]));
	return cli_usage("users");
}

enum status cmd_config(struct cli *c, int argc, char **argv)
{
	char value[256], clean[512];
	enum status st;

	if (argc >= 2 && strcmp(argv[1], "get") == 0 && argc <= 3) {
		for (size_t i = 0; desk_setting_def(i); i++) {
			const struct setting_def *def = desk_setting_def(i);
			if (argc == 3 && strcmp(argv[2], def->key) != 0)
				continue;
			if ((st = desk_config_get(&c->desk, def->key, value, sizeof value)) != ST_OK)
				return cli_report(c, st);
			text_clean(value, clean, sizeof clean);
			if (argc == 3)
				printf("%s\n", clean);
			else
				printf("%-26s %-12s %s\n", def->key, clean, _(def->what));
			if (argc == 3)
				return ST_OK;
		}
		if (argc == 3)
			return cli_report(c, desk_config_get(&c->desk, argv[2], value, sizeof value));
		return ST_OK;
	}
	if (argc == 4 && strcmp(argv[1], "set") == 0)
		return cli_report(c, desk_config_set(&c->desk, argv[2], argv[3]));
	return cli_usage("config");
}

enum status cmd_check(struct cli *c, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage("check");
	return cli_report(c, desk_check(&c->desk));
}
