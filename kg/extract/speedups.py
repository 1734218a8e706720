"""The model's own rule components, run faster with the same output.

Two components of ``en_core_web_sm`` cost far more in Python than the work they do:

* the ``attribute_ruler`` maps fine-grained tags to parts of speech and morphology
  with about 180 patterns, nearly all of one token ("TAG is NN and LOWER is
  something"); spaCy's ``Matcher`` tries every pattern at every token, about a tenth
  of the whole pipeline's time on news text.  :class:`AttributeIndex` answers the
  ruler's matcher through an index: one-token patterns over plain attributes are
  looked up by the token's tag and lower-case form, and any other pattern (longer
  ones, other operators) goes through a ``Matcher`` of its own;
* the rule ``lemmatizer`` already memoises each (word, part of speech, morphology),
  but reads every token's lemma back through its strings; :func:`memoise_lemmas`
  keeps the lemma's hash per key and sets it directly.

Both leave each component in its place, with its data, and the ``Doc`` they leave is
the one the stock components leave (``tests/test_speedups.py`` compares every
token's attributes on real and hand-written text).
"""
from __future__ import annotations

from typing import Any, Callable

#: Token attributes a compiled one-token pattern may test, and how to read them.
_READ: dict[str, Callable[[Any], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "ORTH": lambda t: t.text,
    "DEP": lambda t: t.dep_,
    "POS": lambda t: t.pos_,
    "IS_SPACE": lambda t: t.is_space,
}


def _compile_value(value: Any) -> Callable[[Any], bool] | None:
    """A test for one attribute's pattern value, or None if it is not a plain one."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, items), = value.items()
        if isinstance(items, list) and all(isinstance(i, str) for i in items):
            allowed = frozenset(items)
            if op == "IN":
                return lambda v: v in allowed
            if op == "NOT_IN":
                return lambda v: v not in allowed
    return None


def _compile_token(spec: dict[str, Any]) -> tuple[tuple, tuple, list[tuple[Callable, Callable]]] | None:
    """(the tags the spec allows, the lower-case forms it allows, the other tests), or
    None if it is not a plain one-token spec.  An empty tuple allows any value."""
    if not spec or any(key not in _READ for key in spec):
        return None
    allowed: dict[str, tuple] = {"TAG": (), "LOWER": ()}
    checks = []
    for key, value in spec.items():
        test = _compile_value(value)
        if test is None:
            return None
        if key in allowed and isinstance(value, str):
            allowed[key] = (value,)
        elif key in allowed and isinstance(value, dict) and value.get("IN"):  # an empty IN matches nothing: a test
            allowed[key] = tuple(value["IN"])
        else:
            checks.append((_READ[key], test))
    return allowed["TAG"], allowed["LOWER"], checks


class AttributeIndex:
    """The ``Matcher`` of a stock ``AttributeRuler``, answered through an index.

    Called as the ruler calls its matcher; returns the same (key, start, end) matches
    (the ruler sorts them).  Anything else (``get``, ``add``, serialisation) goes to
    the original matcher; adding patterns rebuilds the index.
    """

    def __init__(self, matcher: Any, vocab: Any) -> None:
        self.matcher = matcher
        self.vocab = vocab
        self._build()

    def _build(self) -> None:
        from spacy.matcher import Matcher

        strings = self.vocab.strings
        # (tag or None, lower-case form or None) -> [(key, other tests)]
        self.index: dict[tuple[str | None, str | None], list[tuple[int, list]]] = {}
        self.rest = Matcher(self.vocab, validate=False)
        keys = sorted((strings[k] for k in self.matcher._patterns), key=lambda k: (len(k), k))
        for key in keys:
            _, patterns = self.matcher.get(key)
            key_id = strings.add(key)
            other = []
            for pattern in patterns:
                compiled = _compile_token(pattern[0]) if len(pattern) == 1 else None
                if compiled is None:
                    other.append(pattern)
                    continue
                tags, lowers, checks = compiled
                for tag in tags or (None,):
                    for lower in lowers or (None,):
                        self.index.setdefault((tag, lower), []).append((key_id, checks))
            if other:
                self.rest.add(key, other)

    def __call__(self, doc: Any, *, allow_missing: bool = False, as_spans: bool = False,
                 **kwargs: Any) -> list[tuple[int, int, int]]:
        if as_spans or kwargs:
            return self.matcher(doc, allow_missing=allow_missing, as_spans=as_spans, **kwargs)
        index = self.index
        found = []
        for i, token in enumerate(doc):
            tag, lower = token.tag_, token.lower_
            for where in ((tag, lower), (tag, None), (None, lower), (None, None)):
                for key_id, checks in index.get(where, ()):
                    for read, test in checks:
                        if not test(read(token)):
                            break
                    else:
                        found.append((key_id, i, i + 1))
        if len(self.rest):
            found.extend(self.rest(doc, allow_missing=allow_missing))
        return found

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.matcher.add(*args, **kwargs)
        self._build()

    def remove(self, *args: Any, **kwargs: Any) -> None:
        self.matcher.remove(*args, **kwargs)
        self._build()

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: Any) -> bool:
        return key in self.matcher

    def __getattr__(self, name: str) -> Any:
        return getattr(self.matcher, name)


def index_attribute_ruler(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Let ``nlp``'s stock attribute ruler match through an :class:`AttributeIndex`.

    The component stays the model's own, under its name and in its place; only its
    matcher is answered faster.  Returns whether there was a stock ruler to index.
    """
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return False
    if not isinstance(ruler.matcher, AttributeIndex):
        ruler.matcher = AttributeIndex(ruler.matcher, ruler.vocab)
    return True


def memoise_lemmas(nlp: Any, name: str = "lemmatizer") -> bool:
    """Let ``nlp``'s rule lemmatizer set lemmas from a memo of their hashes when it runs
    over a stream (``nlp.pipe``, which kg uses).  Returns whether there was one."""
    from spacy.pipeline import Lemmatizer

    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or getattr(lemmatizer, "mode", None) != "rule":
        return False
    if "pipe" not in vars(lemmatizer):
        lemmatizer.pipe = _LemmaMemo(lemmatizer).pipe
    return True


class _LemmaMemo:
    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.hashes: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            return lemmatizer(doc)  # the stock call checks its tables once
        hashes, strings, overwrite = self.hashes, lemmatizer.vocab.strings, lemmatizer.overwrite
        for token in doc:
            if overwrite or token.lemma == 0:
                key = (token.orth, token.pos, token.morph.key)
                lemma = hashes.get(key)
                if lemma is None:
                    lemma = hashes[key] = strings.add(lemmatizer.lemmatize(token)[0])
                token.lemma = lemma
        return doc

    def pipe(self, stream: Any, *, batch_size: int = 128) -> Any:
        for doc in stream:
            yield self(doc)
