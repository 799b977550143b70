"""What each of `python -m ops.cli`'s commands does, grouped by what it acts on.

ops/cli.py names the commands and their arguments and imports these modules before the
stage's environment is set (ops/stage_environment.py). So every handler imports chalicelib,
and any ops module that loads the models, inside its own body, never at the top of its
module (docs/pitfalls.md #2).
"""
