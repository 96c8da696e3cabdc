/* ordesk demo: placeholder until the generator lands. */
#include "ordesk/cli.h"

enum status cmd_demo(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	return cli_error(ST_INTERNAL, "demo is not built yet");
}
