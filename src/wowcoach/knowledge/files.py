"""Where the shipped data lives, and which files a library is built from (no validation here,
so asking costs nothing)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).parents[1]  # src/wowcoach, or wowcoach in site-packages


def data_dir() -> Path:
    """The shipped data: inside the installed package, or `data/` of a source checkout."""
    packaged = PACKAGE / "data"
    if (packaged / "cases.yaml").is_file():
        return packaged
    return PACKAGE.resolve().parents[1] / "data"


def shipped_cases_path() -> Path:
    return data_dir() / "cases.yaml"


def shipped_values_path() -> Path:
    return data_dir() / "values.yaml"


def shipped_gestures_path() -> Path:
    return data_dir() / "gestures.yaml"


def vocabulary_path() -> Path:
    return data_dir() / "vocabulary.yaml"


def compiled_twin(path: Path) -> Path | None:
    """The build's JSON copy of a shipped YAML file (see hatch_build.py), where there is one."""
    if path.parent != data_dir():
        return None
    twin = PACKAGE / "compiled" / f"{path.stem}.json"
    return twin if twin.is_file() else None


def bundle_files(cases_paths: list[Path], values_path: Path | None) -> list[Path]:
    """Every file the library and the matcher are built from: the cache key covers them all."""
    return [values_path or shipped_values_path(), shipped_cases_path(), *cases_paths, shipped_gestures_path(), vocabulary_path()]
