/* ordesk board: until the full-screen board lands, the open orders as a table. */
#include "ordesk/cli.h"

enum status cmd_board(struct cli *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	static char orders_word[] = "orders";
	static char *orders_argv[] = { orders_word, NULL };
	return cmd_orders(c, 1, orders_argv);
}
