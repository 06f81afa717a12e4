"""The ``totudocs`` command line.

Exit codes, for every command: 0 ok; 1 some input was invalid (or, for checks, findings at or above
``--fail-on``); 2 usage or runtime error. User errors are reported as one clear message per problem,
never as a traceback.
"""

from __future__ import annotations

import io
import os
import sys
from typing import TextIO

import click

from totudocs import __version__


class _MaskingStream(io.TextIOBase):
    """Standard error with every henkilötunnus-shaped string masked: whatever a message, a
    warning from a library or an unforeseen error prints, no personal identity code reaches a
    terminal, a CI log or a log collector."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from totudocs.model.hetu import mask_hetu

        self._stream.write(mask_hetu(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._stream, "encoding", "utf-8")

    def writable(self) -> bool:
        return True


class _Main(click.Group):
    """Turns a file-system error no command anticipated (an output folder that cannot be created,
    a full disk) into one line and exit code 2, instead of a traceback. Commands are loaded when
    they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in _COMMANDS and name not in self.commands:
            import importlib

            module, attribute = _COMMANDS[name].split(":")
            command = getattr(importlib.import_module(f"totudocs.cli.{module}"), attribute)
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> object:
        if not isinstance(sys.stderr, _MaskingStream):
            sys.stderr = _MaskingStream(sys.stderr)
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader went away (`totudocs rules | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)


@click.group(
    cls=_Main,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="totudocs")
def main() -> None:
    """Render, lint and check Finnish social assistance decisions and social-care statements.

    \b
    Typical use:
      totudocs render corpus/examples/*.yaml -o out/
      totudocs lint out/*.html
      totudocs schema decision > decision.schema.json
    """


# Each command lives in its own module so that the layers stay independent; a module is imported
# only when its command runs (or help lists it), so `totudocs lint` does not pay for the
# renderer's imports at start-up (Click's lazily loaded subcommands).
_COMMANDS = {
    "render": "render_cmd:render",
    "schema": "render_cmd:schema",
    "lint": "lint_cmd:lint",
    "rules": "lint_cmd:rules",
    "eval": "lint_cmd:evaluate",
    "phrases": "phrases_cmd:phrases",
    "batch": "batch_cmd:batch",
    "synth": "batch_cmd:synth",
    "statement": "statement_cmd:statement",
    "serve": "serve_cmd:serve",
}
