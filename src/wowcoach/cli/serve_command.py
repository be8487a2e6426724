"""`wowcoach serve`: the staff's and the owner's pages in a browser, thin over `wowcoach.web`
(imported here only, and only when the command runs, so the rest works without the extra)."""

from __future__ import annotations

from pathlib import Path

import typer

from wowcoach.cli.common import session
from wowcoach.cli.environment import Environment
from wowcoach.cli.options import DB_OPTION, LANG_OPTION, SHOP_OPTION, command
from wowcoach.errors import UsageError
from wowcoach.i18n import N_, Msg, language_of

SET_MESSAGES = {
    "staff": Msg("The staff passphrase is set, kept as a hash in {path}. Start (or restart) `wowcoach serve` to use it."),
    "owner": Msg("The owner's passphrase is set, kept as a hash in {path}. Start (or restart) `wowcoach serve` to use it."),
}


def read_passphrase(env: Environment, role: str) -> str:
    """Twice without echo at a terminal; one line from stdin otherwise (a script)."""
    import sys

    if not env.stdin_isatty:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    t = env.t
    first = getpass.getpass(t("New passphrase for the staff: ") if role == "staff" else t("New passphrase for the owner: "))
    if getpass.getpass(t("The same passphrase again: ")) != first:
        raise UsageError(Msg("The two passphrases differ: nothing was changed; try again."))
    return first


def serve(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1", "--host", help=N_("Where to listen: this computer only (the default), or e.g. 0.0.0.0 for the shop's network.")
    ),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help=N_("The port (0: any free one).")),
    profile: Path | None = typer.Option(None, "--profile", help=N_("The shop's profile: its name and language for the pages.")),
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
    set_passphrase: str | None = typer.Option(
        None,
        "--set-passphrase",
        metavar="staff|owner",
        help=N_("Set the staff's or the owner's passphrase (asked twice, kept hashed), then stop."),
    ),
    passphrase_file: Path | None = typer.Option(
        None,
        "--passphrase-file",
        envvar="WOWCOACH_PASSPHRASES",
        help=N_("Where the passphrases are kept (default: serve.json in your user config folder)."),
        show_default=False,
    ),
    behind_proxy: bool = typer.Option(
        False, "--behind-proxy", help=N_("The pages are reached through a TLS proxy on this computer: cookies over HTTPS only.")
    ),
) -> None:
    from wowcoach.cli.collector import long_run
    from wowcoach.web import passphrases, server

    long_run()  # Python's own collector setting (cli/collector.py): a server runs for days
    s = session(ctx)
    env = s.env
    env.choose_language(lang)
    file = passphrase_file or passphrases.default_file()
    if set_passphrase is not None:
        if set_passphrase not in passphrases.ROLES:
            raise UsageError(Msg("Unknown role '{role}': use staff or owner.").format(role=set_passphrase))
        passphrases.set_passphrase(file, set_passphrase, read_passphrase(env, set_passphrase))
        env.note(SET_MESSAGES[set_passphrase].format(path=file))
        return
    config = server.prepare(s.sources, db, shop, language_of(lang), profile, host, file, behind_proxy)
    t = env.use_language(config.lang)

    def ready(url: str) -> None:
        env.note(
            t("Serving the pages of {shop} at {url}: open it on the shop's phone or tablet. Ctrl-C stops.").format(
                shop=config.shop_title(t), url=url
            )
        )

    server.run(config, host, port, ready)
    env.note(t("Stopped."))


def register(app: typer.Typer, only: str | None = None) -> None:
    """Put `serve` on the app (`only` is its one name)."""
    command(app, "serve", N_("Pages for staff to log gestures from a phone, and for the owner to review them."))(serve)
