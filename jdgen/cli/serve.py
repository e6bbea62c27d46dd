"""``jdgen serve``: the recruiters' wizard and the HTTP API, on this machine by default."""

from __future__ import annotations

import contextlib
import errno
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import click

from jdgen.cli.common import branding, branding_options, catalog_option
from jdgen.cli.survey import open_store
from jdgen.common.errors import JdgenError

if TYPE_CHECKING:
    import socket

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Seconds a keep-alive connection may stay quiet between requests (uvicorn's default).
KEEP_ALIVE_SECONDS = 5


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bind(host: str, port: int) -> socket.socket:
    """A listening socket, or one line saying why there is none (port taken, unknown host)."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise JdgenError(f"--host {host}: not an address of this machine ({exc.strerror})") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRNOTAVAIL:
            raise JdgenError(f"--host {host}: not an address of this machine; use 127.0.0.1 or 0.0.0.0") from None
        reason = (
            "is in use by another program" if exc.errno == errno.EADDRINUSE else f"cannot be opened ({exc.strerror})"
        )
        raise JdgenError(f"port {port} on {host} {reason}; choose another with --port") from None
    sock.listen(128)
    return sock


@click.command("serve")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on (this machine only by default)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option(
    "--token",
    envvar="JDGEN_TOKEN",
    help="Require this access token (API: 'Authorization: Bearer TOKEN'); also read from $JDGEN_TOKEN.",
)
@click.option(
    "--db",
    envvar="JDGEN_DB",
    metavar="PATH|URL",
    help="Where team surveys are kept: a SQLite file, or postgresql://… (default: a file in your data folder).",
)
@click.option("--no-surveys", is_flag=True, help="Serve the wizard and the API only, with no team surveys.")
@catalog_option
@branding_options
def serve(
    host: str,
    port: int,
    token: str | None,
    db: str | None,
    no_surveys: bool,
    catalog_dirs: tuple[Path, ...],
    template_dirs: tuple[Path, ...],
    reference: Path | None,
) -> None:
    """Start the web wizard (for recruiters) and the JSON API (for HR systems).

    Open the address it prints: four steps lead from the company to a Word job description.
    At /surveys/new, the executive team answers the readiness statements each through a link of
    their own. The API's reference is at /docs. Needs the web extra: pip install "jdgen[web]".
    """
    try:
        import uvicorn

        from jdgen.web import create_app
        from jdgen.web.protocol import DeadlineH11Protocol
    except ImportError as exc:
        raise JdgenError(f'jdgen serve needs the web extra ({exc.name} is missing): pip install "jdgen[web]"') from None
    from jdgen import __version__
    from jdgen.data.catalog import load_catalog

    catalog = load_catalog(catalog_dirs)
    brand = branding(template_dirs, reference, ("docx",))
    loopback = _is_loopback(host)
    store = None if no_surveys else open_store(db)
    app = create_app(
        catalog,
        token=token,
        allowed_hosts=[*LOOPBACK_NAMES, host] if loopback else None,
        template_dirs=brand.template_dirs,
        reference=brand.reference,
        surveys=store,
    )
    sock = _bind(host, port)
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{bound_port}/" + (f"?token={quote(token, safe='')}" if token else "")
    if not loopback and not token:
        click.echo(
            f"jdgen: warning: listening on {host} without --token: anyone who can reach this machine can use it",
            err=True,
        )
    click.echo(f"jdgen {__version__}: the wizard is at {address}")
    if store is not None:
        click.echo(f"  team surveys: http://{shown}:{bound_port}/surveys/new (kept in {store.where})")
    click.echo(f"  API reference: http://{shown}:{bound_port}/docs · press Ctrl-C to stop")
    config = uvicorn.Config(
        app,
        http=DeadlineH11Protocol,  # idle and slow clients are closed; requests in flight are limited by the app
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        # Ctrl-C lets requests in flight finish: a user's template is stopped within 10 s.
        timeout_graceful_shutdown=12,
    )
    # uvicorn stops on Ctrl-C, then raises it again: here, stopping is the normal way out.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.Server(config).run(sockets=[sock])
    click.echo("jdgen: the server has stopped", err=True)
