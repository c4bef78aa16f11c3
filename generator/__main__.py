"""`python -m generator` runs the command line."""

from generator.cli import main, register_commands

register_commands()
main()
