"""What each command does, apart from its command line (cli.py, cli_rules.py).

The command line only declares options, resolves the run's language and output format, and
turns a PlanlintError into one line and exit code 2; the run itself is here, as a request of
resolved options in and an exit code out, saying what it has to say on standard error through
an injected :data:`~planlint.run.say.Say`. So a run can be driven, and read, without click.
"""

from planlint.run.check import CheckRequest, run_check
from planlint.run.parse import ParseRequest, run_parse
from planlint.run.say import Say, stderr_say

__all__ = ["CheckRequest", "ParseRequest", "Say", "run_check", "run_parse", "stderr_say"]
