"""``totudocs serve``: the statement-drafting web form on this machine."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(os.environ.get("TOTUDOCS_DATA_DIR") or user_data_dir("totudocs"))


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Only loopback unless you mean it.",
)
@click.option("--port", type=int, default=8765, show_default=True)
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where drafts are kept (default: the user data folder; env TOTUDOCS_DATA_DIR).",
)
def serve(host: str, port: int, data_dir: Path | None) -> None:
    """Draft social-care statements in the browser, with live feedback, preview and PDF.

    The pages speak Finnish, Swedish or English, as the browser asks (Accept-Language), with a
    switch in the page header; the statement itself is written in Finnish or Swedish.
    """
    try:
        import uvicorn

        from totudocs.serve.app import create_app
    except ImportError:
        # They are default dependencies; only a broken or partial environment lacks them.
        raise click.ClickException(
            "the web form needs starlette, uvicorn and python-multipart, which the main install "
            "brings: pip install -e . (or pip install starlette uvicorn python-multipart)"
        ) from None
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        click.echo(
            f"warning: listening on {host}: other machines can reach the drafts "
            "(personal data). Use 127.0.0.1 unless you mean it.",
            err=True,
        )
    folder = data_dir or default_data_dir()
    click.echo(f"totudocs: http://{host}:{port}/ (drafts in {folder})", err=True)
    # No access log: URLs and form posts concern clients.
    # The app answers only requests naming this host (or a loopback name) and this port.
    app = create_app(folder, host=host, port=port)
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
