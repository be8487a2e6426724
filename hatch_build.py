"""Build products for the wheel, made from the sources in the repository.

- The gettext catalogs (.po) compiled into .mo files.
- The shipped YAML files (data/) as JSON: read by msgspec in C in a fraction of the time
  PyYAML takes, which counts on a first run. Each copy carries the CRC-32 of its YAML file,
  and wowcoach uses it only while that still matches (`loader._from_twin`).

Both are written into the package folder (ignored by git, so an editable install finds them
too) and forced into the wheel.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED = ("cases", "values", "gestures", "vocabulary")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        package = Path(self.root) / "src" / "wowcoach"
        self._catalogs(package, build_data)
        self._shipped_data(package, build_data)

    def _catalogs(self, package: Path, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = package / "locale"
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/wowcoach.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["force_include"][str(mo)] = str(Path("wowcoach") / mo.relative_to(package))

    def _shipped_data(self, package: Path, build_data: dict) -> None:
        for twin in compile_shipped(Path(self.root) / "data", package / "compiled"):
            build_data["force_include"][str(twin)] = f"wowcoach/compiled/{twin.name}"


def compile_shipped(data: Path, out: Path) -> list[Path]:
    """data/NAME.yaml as out/NAME.json, with the CRC-32 of the YAML it was made from."""
    import yaml

    out.mkdir(exist_ok=True)
    twins = []
    for name in SHIPPED:
        raw = (data / f"{name}.yaml").read_bytes()
        twin = out / f"{name}.json"
        twin.write_text(json.dumps({"crc32": zlib.crc32(raw), "data": yaml.safe_load(raw)}, ensure_ascii=False), encoding="utf-8")
        twins.append(twin)
    return twins
