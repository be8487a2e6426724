"""The matcher: the library, the vocabulary and the index (`index.py`) that ranking reads, and
the sentence model, loaded in a thread of its own once a run knows it will rank (`ModelLoad`) or
on first use."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from wowcoach.knowledge.library import Library
from wowcoach.matching.vocabulary import Vocabulary

if TYPE_CHECKING:
    from wowcoach.i18n import Msg


class ModelLoad:
    """The sentence model the stories were prepared with (`expected`), loading in a thread of its
    own: the engine maps and prepares its file (10-20 ms) without Python's lock while an interview
    asks its questions and the words rank."""

    def __init__(self, expected: str | None) -> None:
        self._loaded: list = []
        self._thread = threading.Thread(target=self._load, args=(expected,), name="model load")
        self._thread.start()

    def _load(self, expected: str | None) -> None:
        from wowcoach.matching.semantic import Embedder, model_files

        if expected is None:  # the stories were prepared without it
            return
        # No model, another one, or anything unforeseen: met again, and said, where it is taken
        # (`Matcher.load_embedder`).
        with contextlib.suppress(Exception):
            self._loaded.append(Embedder(*model_files(), expected=expected))

    def result(self):
        """The loaded model, or None."""
        self._thread.join()
        return self._loaded[0] if self._loaded else None


class Matcher:
    """The library, the vocabulary and the index (`index.py`) that ranking reads."""

    def __init__(self, library: Library, vocabulary: Vocabulary, store, tag_weight: dict[str, float]):
        self.library = library
        self.vocabulary = vocabulary
        self.store = store
        self.tag_weight = tag_weight
        self._embedder: object = None  # loaded on first use; False once it can't be
        self._loading: ModelLoad | None = None  # loading it meanwhile (`load_embedder_soon`)
        self.meaning_off: Msg | str | None = None  # why ranking by meaning is off, for the user; None when it is on

    def load_embedder_soon(self) -> None:
        """Start loading the model in a thread of its own, unless that has begun: `embedder`
        waits for it."""
        if self._embedder is None and self._loading is None:
            self._loading = ModelLoad(self.model_wanted())

    def embedder(self):
        """The sentence model, or None (and `meaning_off` says why)."""
        if self._loading is not None:
            loaded, self._loading = self._loading.result(), None
            if loaded is not None:
                self._embedder = loaded
        if self._embedder is None:  # not loaded in the thread: loaded here, or said why not
            self.load_embedder(self.model_wanted())
        return self._embedder or None

    def embed(self, text: str):
        """The text's sentence vector, or None: without the model, or when the model fails on
        this text (then the run ranks by words, and `meaning_off` says why)."""
        from wowcoach.matching.semantic import ModelUnavailable

        embedder = self.embedder()
        if embedder is None:
            return None
        try:
            return embedder.query(text)
        except ModelUnavailable as exc:
            self._embedder = False
            self.meaning_off = exc.reason
            return None

    def model_wanted(self) -> str | None:
        """The fingerprint of the model the stories' vectors were made with; None without them."""
        return self.store.meta("vector_model")

    def load_embedder(self, expected: str | None) -> None:
        """Load the model if it is the `expected` one; else `meaning_off` says why not."""
        from wowcoach.i18n import Msg
        from wowcoach.matching.semantic import Embedder, ModelUnavailable, model_files

        try:
            if expected is None:
                model_files()  # says why there are no vectors, or that the model was added since
                raise ModelUnavailable(Msg("the stories were prepared without the model"))
            self._embedder = Embedder(*model_files(), expected=expected)
        except ModelUnavailable as exc:
            self._embedder = False
            self.meaning_off = exc.reason

    def words_only(self) -> Matcher:
        """The same library and index, ranking by the vocabulary and words alone: as wowcoach
        ranks where the model is not installed."""
        other = Matcher(self.library, self.vocabulary, self.store, self.tag_weight)
        other._embedder = False
        return other

    @classmethod
    def build(cls, library: Library, vocabulary: Vocabulary, path: str = ":memory:") -> Matcher:
        from wowcoach.matching.index import Store

        store = Store.build(library, vocabulary, path)
        return cls(library, vocabulary, store, store.meta("tag_weight"))

    @classmethod
    def open(cls, path) -> Matcher:
        from wowcoach.matching.index import Store

        store = Store.open(path)
        library = store.meta("library").attach(store)
        vocabulary = store.meta("vocabulary")
        vocabulary.by_key = store.rules()
        return cls(library, vocabulary, store, store.meta("tag_weight"))
