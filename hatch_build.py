"""Compile the gettext catalogs (.po, in the repository) into .mo files for the wheel.

The .mo files are build products: they are written next to the .po files (ignored by git, so an
editable install finds them too) and forced into the wheel.
"""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.root) / "src" / "wowcoach" / "locale"
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/wowcoach.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = str(Path("wowcoach") / mo.relative_to(locale_dir.parent))
