/* main.c — the missionc executable: the command line is cli_run (run.c),
 * shared with the fuzzing harness of the commands. */
#include "cli.h"

int
main(int argc, char **argv)
{
	return cli_run(argc, argv);
}
