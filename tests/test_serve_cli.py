"""`wowcoach serve` from the command line: setting the passphrases, and the refusals that come
before any socket is opened (each one line and a documented exit code)."""

from __future__ import annotations

import json
import socket
import stat

import pytest

from serve_helpers import STAFF_PASS, record_plan


def test_serve_has_help(run):
    result = run("serve", "--help")
    assert result.exit_code == 0 and "--set-passphrase" in result.stdout and "--host" in result.stdout


def test_passphrases_are_set_hashed_in_a_private_file(run, tmp_path):
    keys = tmp_path / "conf" / "serve.json"
    result = run("serve", "--set-passphrase", "staff", "--passphrase-file", str(keys), input=STAFF_PASS + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"The staff passphrase is set, kept as a hash in {keys}. Start (or restart) `wowcoach serve` to use it."
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    stored = json.loads(keys.read_text())
    assert stored["staff"].startswith("scrypt$") and STAFF_PASS not in keys.read_text() and stored["owner"] is None
    same = run("serve", "--set-passphrase", "owner", "--passphrase-file", str(keys), input=STAFF_PASS + "\n")
    assert same.exit_code == 2
    assert same.stderr.strip() == "The staff and the owner need different passphrases: choose another one."
    short = run("serve", "--set-passphrase", "owner", "--passphrase-file", str(keys), input="abc\n")
    assert short.exit_code == 2
    assert short.stderr.strip() == "That passphrase is too short: use at least 8 characters, e.g. three words."
    unknown = run("serve", "--set-passphrase", "boss", "--passphrase-file", str(keys), input="long enough words\n")
    assert unknown.exit_code == 2 and unknown.stderr.strip() == "Unknown role 'boss': use staff or owner."
    assert json.loads(keys.read_text())["owner"] is None


def test_the_shops_network_is_refused_without_both_passphrases(run, tmp_path):
    db = str(tmp_path / "ledger.sqlite")
    record_plan(run, db)
    keys = tmp_path / "serve.json"
    for host in ("0.0.0.0", "192.168.1.20", "::"):
        result = run("serve", "--host", host, "--db", db, "--passphrase-file", str(keys))
        assert result.exit_code == 2
        assert result.stderr.strip() == (
            f"--host {host} opens the pages to the shop's network: first set both passphrases"
            " (wowcoach serve --set-passphrase staff, then owner)."
        )
    proxied = run("serve", "--behind-proxy", "--db", db, "--passphrase-file", str(keys))
    assert proxied.exit_code == 2
    assert proxied.stderr.strip() == (
        "--behind-proxy opens the pages to the shop's network: first set both passphrases"
        " (wowcoach serve --set-passphrase staff, then owner)."
    )
    assert run("serve", "--set-passphrase", "staff", "--passphrase-file", str(keys), input=STAFF_PASS + "\n").exit_code == 0
    result = run("serve", "--host", "0.0.0.0", "--db", db, "--passphrase-file", str(keys))
    assert result.exit_code == 2 and "first set both passphrases" in result.stderr


def test_a_port_in_use_a_missing_ledger_and_a_broken_passphrase_file(run, tmp_path):
    db = str(tmp_path / "ledger.sqlite")
    keys = tmp_path / "serve.json"
    missing = run("serve", "--db", db, "--passphrase-file", str(keys))
    assert missing.exit_code == 1
    assert missing.stderr.strip() == (
        f"There is no ledger at {db}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`."
    )
    record_plan(run, db)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port), "--passphrase-file", str(keys))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Cannot listen on 127.0.0.1 port {port} (Address already in use): choose another --port or --host."
    keys.write_text('{"staff": "hunter2"}')
    broken = run("serve", "--db", db, "--passphrase-file", str(keys))
    assert broken.exit_code == 1
    assert broken.stderr.strip() == f"{keys} is not a passphrase file of `wowcoach serve`: remove it and set the passphrases again."


def test_without_the_extra_one_line_says_what_to_install(run, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "starlette" else real(name, *a))
    db = str(tmp_path / "ledger.sqlite")
    result = run("serve", "--db", db, "--passphrase-file", str(tmp_path / "k.json"))
    assert result.exit_code == 1
    assert result.stderr.strip() == "`wowcoach serve` needs its extra: pip install 'wowcoach[serve]'."


@pytest.mark.parametrize("lang", ["nl", "da"])
def test_the_refusals_are_in_the_owners_language(run, tmp_path, lang):
    from wowcoach.i18n import translator

    result = run("serve", "--set-passphrase", "staff", "--passphrase-file", str(tmp_path / "k.json"), "--lang", lang, input="abc\n")
    expected = translator(lang)("That passphrase is too short: use at least {min} characters, e.g. three words.").format(min=8)
    assert result.exit_code == 2 and result.stderr.strip() == expected and expected.startswith(("Die", "Den"))
