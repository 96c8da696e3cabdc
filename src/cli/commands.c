/* The command table: the one list --help, the man page check and dispatch use. */
#include "ordesk/cli.h"
#include "ordesk/i18n.h"

#include <stddef.h>

const struct cli_command cli_commands[] = {
	{ "init", "[--admin LOGIN]", N_("create or migrate the store"), cmd_init, CLI_STORE_CREATE },
	{ "demo", "[--orders N] [--seed S] [--refresh]", N_("fill a store with realistic orders, stock and history"), cmd_demo, CLI_NO_STORE },
	{ "board", "", N_("the full-screen board"), cmd_board, CLI_STORE },
	{ "import", "[--profile P] [--channel C] [--dry-run] [--rejects FILE|-] [--raw] [--bom] FILE...", N_("import orders from channel files (CSV, TSV; - is standard input)"), cmd_import, CLI_STORE },
	{ "orders", "[--stage S] [--health H] [--channel C] [--all] [--format table|csv|tsv] [--raw] [--bom]", N_("list orders"), cmd_orders, CLI_STORE },
	{ "show", "ORDER", N_("an order with its lines, exceptions and history"), cmd_show, CLI_STORE },
	{ "advance", "ORDER [--to STAGE] [--from STAGE] [--carrier NAME --tracking NO] [--cause CAUSE]", N_("move an order to its next stage"), cmd_advance, CLI_STORE },
	{ "back", "ORDER --reason TEXT [--from STAGE]", N_("move an order one stage back (supervisor)"), cmd_back, CLI_STORE },
	{ "cancel", "ORDER --reason TEXT [--from STAGE]", N_("cancel an order before shipping (supervisor)"), cmd_cancel, CLI_STORE },
	{ "edit", "ORDER FIELD=VALUE...", N_("change fields of an order, and of its lines after line=N"), cmd_edit, CLI_STORE },
	{ "users", "list | add LOGIN --role ROLE | role LOGIN ROLE", N_("who may do what (admin)"), cmd_users, CLI_STORE },
	{ "config", "get [KEY] | set KEY VALUE", N_("the store's settings"), cmd_config, CLI_STORE },
	{ "check", "", N_("verify the store's invariants"), cmd_check, CLI_STORE },
	{ "backup", "FILE", N_("copy the whole store into a new file, safely while others work (supervisor)"), cmd_backup, CLI_STORE },
	{ "restore", "FILE", N_("replace the store's content with a backup (admin)"), cmd_restore, CLI_STORE },
	{ "lock", "ORDER [--from STAGE]", N_("reserve stock for every line: review to locked, all or nothing"), cmd_lock, CLI_STORE },
	{ "release", "ORDER [--reason TEXT] [--from STAGE]", N_("free an order's locks: locked back to review"), cmd_release, CLI_STORE },
	{ "split", "ORDER [--cause CAUSE] [--note TEXT] [--from STAGE]", N_("lock what is in stock, the rest becomes a backorder"), cmd_split, CLI_STORE },
	{ "delay", "ORDER --until YYYY-MM-DD [--cause CAUSE] [--note TEXT]", N_("agree a later dispatch for an order short of stock"), cmd_delay, CLI_STORE },
	{ "wait", "ORDER [--note TEXT]", N_("let an order short of stock wait for the next receipt"), cmd_wait, CLI_STORE },
	{ "stock", "list [--low] [--short] [--search TEXT] [--format table|csv|tsv] [--raw] [--bom] | receive SKU QTY [--warehouse W] [--note TEXT] | adjust SKU DELTA --reason TEXT [--warehouse W] | safety SKU QTY [--warehouse W] | orders SKU [--format F] [--raw] [--bom] | import FILE", N_("stock per SKU and warehouse: list, receive, adjust"), cmd_stock, CLI_STORE },
	{ "exception", "raise ORDER KIND [--note TEXT] | resolve ID --cause CAUSE --action TEXT [--note TEXT] [--set FIELD=VALUE]... [--eta TIME] [--carrier C --tracking T] [--merge|--cancel-this|--cancel-other|--confirm-both] | list [--open] [--kind K] [--order ORDER] [--format table|csv|tsv] [--raw] [--bom]", N_("raise, resolve and list exceptions"), cmd_exception, CLI_STORE },
	{ "sweep", "", N_("evaluate every clock: raise breaches, escalate (idempotent)"), cmd_sweep, CLI_STORE },
	{ "alerts", "[list] [--all] [--format table|csv|tsv] [--raw] [--bom] | ack ID", N_("escalations for the supervisors"), cmd_alerts, CLI_STORE },
	{ "report", "weekly [--week YYYY-Www] [--format txt|csv|md|html] [-o FILE] [--raw] [--bom] | daily [--date YYYY-MM-DD] [--format txt|csv|md|html] [-o FILE] [--raw] [--bom]", N_("the weekly exception review, the daily exception summary"), cmd_report, CLI_STORE },
	{ "review", "add [--week YYYY-Www] --cause CAUSE --action TEXT --owner LOGIN --due YYYY-MM-DD | done ID --note TEXT | list [--open] [--format table|csv|tsv] [--raw] [--bom]", N_("improvement actions of the weekly review (add and done: supervisor)"), cmd_review, CLI_STORE },
	{ NULL, NULL, NULL, NULL, CLI_NO_STORE }
};
