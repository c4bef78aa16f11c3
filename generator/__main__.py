"""`python -m generator` is `changekit`."""

from generator.cli import entry_point

entry_point()
