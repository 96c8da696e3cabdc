/* ordesk sweep: evaluate every clock once (cron runs it for stores nobody has open). */
#include "ordesk/cli.h"
#include "ordesk/desk_sweep.h"

enum status cmd_sweep(struct cli *c, int argc, char **argv)
{
	struct sweep_result r;

	(void)argv;
	if (argc != 1)
		return cli_usage("sweep");
	return cli_report(c, desk_sweep(&c->desk, &r));
}
