#!/usr/bin/env bash
# Re-extract the interface strings and merge them into the nl and da catalogs (see docs/development.md).
# The marking calls: t(...) and t.ngettext(...) of a translator, Msg(...) and Msg.plural(...) of a
# message raised by the core, N_(...) for a text translated where it is shown.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k t -k ngettext:1,2 -k Msg -k plural:1,2 -k N_ --no-default-keywords --no-location --sort-output \
    --project wowcoach --msgid-bugs-address "-" --copyright-holder "wowcoach developers" -o src/wowcoach/locale/wowcoach.pot . >/dev/null 2>&1
pybabel update -D wowcoach -i src/wowcoach/locale/wowcoach.pot -d src/wowcoach/locale --no-fuzzy-matching --ignore-obsolete >/dev/null 2>&1
pybabel compile -D wowcoach -d src/wowcoach/locale >/dev/null 2>&1 || true  # new entries are still empty
