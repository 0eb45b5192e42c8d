"""`python -m feelheard` is the `feelheard` command."""

from feelheard.cli.app import run

run()
