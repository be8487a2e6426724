#!/usr/bin/env bash
# Re-extract the interface strings and merge them into the nl and da catalogs (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k _ -k ngettext:1,2 --no-location --sort-output --project wowcoach \
    --msgid-bugs-address "-" --copyright-holder "wowcoach developers" -o src/wowcoach/locale/wowcoach.pot . >/dev/null 2>&1
pybabel update -D wowcoach -i src/wowcoach/locale/wowcoach.pot -d src/wowcoach/locale --no-fuzzy-matching --ignore-obsolete >/dev/null 2>&1
pybabel compile -D wowcoach -d src/wowcoach/locale >/dev/null 2>&1 || true  # new entries are still empty
