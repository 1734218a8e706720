"""Person names: normalising, transliteration-tolerant keys, gender, and "same person?".

Used by the extractor (aliases inside one article), the resolver (one node per real
person across articles) and the scorer.  The rules are general, not keyed to anyone:

* Latin transliterations of the same Cyrillic name differ in a few regular ways
  (ts/c/tz, kh/h/ch, ks/x, ou/ov/ow, ia/ya/ja, i/y/j, a/o in unstressed vowels, g/h);
  ``skeleton()`` folds those, so Varonskaya and Varounskaya, Dzeletski and
  Dyaletsky, Kovalyova and Kavaliova share a key.
* Gendered surname endings (-skaya/-ski, -ova/-ov, -aya/-y, -ina/-in) are NOT folded:
  a wife and husband who share a surname stem stay apart.
* Given names must agree when both are known (Valery vs Veronika Marenko).
"""
from __future__ import annotations

import functools
import re
import unicodedata

from anyascii import anyascii
from rapidfuzz.distance import OSA, Levenshtein

_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "president", "bishop", "archbishop",
    "father", "rev", "reverend", "general", "gen", "col", "colonel", "lt", "captain", "capt",
    "sheikh", "imam", "pastor", "judge", "minister", "prime", "senator", "governor", "mayor",
    "ambassador", "chancellor", "king", "queen", "prince", "princess", "pope", "cardinal",
    "spokesperson", "spokesman", "spokeswoman", "commissioner", "rapporteur", "envoy", "prosecutor",
    "chairman", "chairwoman", "activist", "journalist", "lawyer", "blogger", "vlogger",
}
_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "la", "le", "al", "el", "bin", "ibn", "y", "dos", "das"}

# Feminine -> masculine surname endings, longest first.  A name's "gender class" comes
# from the ending so that -skaya never matches -ski.


def strip_possessive(name: str) -> str:
    return re.sub(r"(?:'s|’s|'|’)$", "", name.strip())


def clean_name(name: str) -> str:
    """Trim titles, possessives, quotes and stray punctuation from a person span's text."""
    name = strip_possessive(name.strip().strip("\"“”'‘’()[],.;:"))
    words = name.split()
    while len(words) > 1 and re.sub(r"^(?:then|ex|former)-", "", words[0].lower().rstrip(".")) in _TITLES:
        words = words[1:]
    return " ".join(words)


# Letters with a caron or acute that stand for two Latin letters in English spellings
# (Kovalič = Kovalich, Łazovič = Lazovich, Žuk = Zhuk).
_DIGRAPHS = str.maketrans({"č": "ch", "Č": "Ch", "ć": "ch", "Ć": "Ch", "š": "sh", "Š": "Sh", "ś": "sh", "Ś": "Sh",
                           "ž": "zh", "Ž": "Zh", "ź": "zh", "Ź": "Zh", "ż": "zh", "Ż": "Zh"})


@functools.lru_cache(maxsize=65536)  # the same names are folded over and over in a build
def ascii_fold(text: str) -> str:
    """Accents and other scripts to plain lower-case ASCII letters."""
    text = unicodedata.normalize("NFKC", text).translate(_DIGRAPHS)
    return re.sub(r"[^a-z\- ]", "", anyascii(text).lower())


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


@functools.lru_cache(maxsize=1 << 16)
def _tokens(name: str) -> tuple[str, ...]:
    toks = [re.sub(r"^e([ln])-", r"a\1-", t) for t in re.split(r"[\s]+", ascii_fold(clean_name(name))) if t]  # el-Masri = al-Masri
    # an Arabic compound given name written in one or two words: "Abdel-Fattah" = "Abdel Fattah"
    if toks and re.match(r"^abd(?:el|ul|al|ol)?-", toks[0]):
        toks[0] = toks[0].replace("-", "", 1)
    elif len(toks) >= 3 and toks[0] in ("abdel", "abdul", "abdal", "abdol", "abd"):
        toks = [toks[0] + toks[1], *toks[2:]]
    return tuple(toks)


def surname(name: str) -> str:
    toks = [t for t in tokens(name) if t not in _PARTICLES]
    return toks[-1] if toks else ""


def given(name: str) -> str | None:
    toks = tokens(name)
    return toks[0] if len(toks) >= 2 else None


@functools.lru_cache(maxsize=4096)
def skeleton(word: str) -> str:
    """Transliteration-tolerant key of one name word (see module docstring)."""
    w = _baltic(ascii_fold(word).replace("-", ""))
    w = re.sub(r"(?<=[aeiouy])c$", "ch", w)  # Latin-script -ic/-ac endings: Kovalic = Kovalich
    for a, b in (
        ("tch", "ch"), ("tsch", "ch"), ("shch", "sh"), ("sch", "sh"), ("dzh", "j"), ("dz", "d"),
        ("cz", "ch"), ("kh", "h"), ("ts", "t"), ("tz", "t"), ("ks", "x"),
        ("ph", "f"), ("w", "v"), ("ou", "v"), ("ov", "v"), ("ew", "v"), ("ev", "v"),
        ("j", "i"), ("y", "i"), ("g", "h"), ("q", "k"),
    ):
        w = w.replace(a, b)
    w = re.sub(r"c(?!h)", "t", w)  # Latin-script Belarusian/Polish c = ts
    w = re.sub(r"(.)\1+", r"\1", w)  # double letters
    first, rest = w[:1], w[1:]
    # Vowels inside the word vary between transliterations (Kovalyova/Kavaliova,
    # Dzeletski/Dyaletsky); keep the first letter, drop inner vowels.
    rest = re.sub(r"[aeiou]", "", rest)
    return first + rest


def _baltic(w: str) -> str:
    """Lithuanian and Latvian renderings add a case ending to Slavic surnames
    (Dubrauckis for Dubrauski): -ckis/-skis/-ckas/-skas read as -cki/-ski."""
    return w[:-2] + "i" if len(w) > 6 and w.endswith(("ckis", "skis", "ckas", "skas", "ckij", "skij")) else w


@functools.lru_cache(maxsize=65536)
def gender_of_surname(word: str) -> str | None:
    w = _baltic(ascii_fold(word))
    if any(w.endswith(e) for e in ("skaya", "ckaya", "tskaya", "aya", "cka", "ska")):
        return "f"
    if any(w.endswith(e) for e in ("ski", "sky", "skiy", "skii", "cki", "cky", "ckiy", "ckij")):
        return "m"
    if len(w) > 4 and any(w.endswith(e) for e in ("ova", "eva", "ina", "yna")):
        return "f"
    if len(w) > 6 and w.endswith("ava"):  # Belarusian -ava (Kavaliova-type)
        return "f"
    if len(w) > 3 and any(w.endswith(e) for e in ("ov", "ev", "in", "yn")):
        return "m"
    return None


@functools.lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=1 << 16)  # the guesser scans its table per call; names recur
def _guess(word: str) -> str:
    return _detector().get_gender(word)


def gender_of_given(word: str | None) -> str | None:
    if not word:
        return None
    g = _guess(word.capitalize())
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(g)


def is_given_name(word: str) -> bool:
    """True for a word that is a known given name in any of the guesser's countries."""
    if not word or not word[:1].isupper() or len(word) < 2:
        return False
    return _guess(word) != "unknown"


def gender(name: str) -> str | None:
    """'m', 'f' or None, from the given name first, else the surname ending."""
    toks = tokens(name)
    if not toks:
        return None
    if len(toks) >= 2:
        g = gender_of_given(toks[0])
        if g:
            return g
    return gender_of_surname(toks[-1])


def _stem_key(word: str) -> str:
    """Surname key without its gendered ending, plus the gender class."""
    w = ascii_fold(word)
    g = gender_of_surname(w)
    return skeleton(w) + ("|" + g if g else "")


def words_match(a: str, b: str) -> bool:
    """Two name words are the same word up to transliteration."""
    a, b = ascii_fold(a), ascii_fold(b)
    if a == b:
        return True
    if gender_of_surname(a) != gender_of_surname(b):
        return False
    ka, kb = skeleton(a), skeleton(b)
    if ka == kb:
        # a short skeleton says little ("Hamad" and "Khamayda" are both h-m-d): the
        # spellings themselves must be close too
        return len(ka) > 3 or Levenshtein.distance(a, b) <= 1
    # One letter of slack for longer words (-o/-a endings already equal;
    # Romanenka/Romanenko differ in the last vowel only).
    # A long word with one letter added or dropped is a misspelling (Dabrouski / Dabraouski).
    # how long a word is, without an Arabic article ("al-Khawaja" is no long word)
    bare_a, bare_b = ARABIC_ARTICLE.sub("", a), ARABIC_ARTICLE.sub("", b)
    long_words = min(len(bare_a), len(bare_b)) >= 8 and min(len(skeleton(bare_a)), len(skeleton(bare_b))) >= 4
    if long_words and a[0] == b[0] and OSA.distance(a, b) == 1:
        if len(a) != len(b) and _SLAVIC_SUFFIX.search(a) and _SLAVIC_SUFFIX.search(b) and not _added_vowel(a, b):
            return False  # the short stem of an -ouski name: a consonant more is another name (Dubouski / Dubrouski)
        return True  # two letters swapped in a long word (Kowalczky / Kowalczyk)
    return (min(len(ka), len(kb)) >= 5 or long_words) and Levenshtein.distance(ka, kb) <= 1 and ka[0] == kb[0]


#: An Arabic article opening a family name: "al-", "el-", "ash-".
ARABIC_ARTICLE = re.compile(r"^(?:al|el|ul|ad|ash|as|at|az|an|ar)-(?=\w)")


#: Endings after which a surname's stem is short, so one consonant more or less in it
#: makes another name.
_SLAVIC_SUFFIX = re.compile(r"(?:[aoe]u|o|e)[wv]?sk(?:i|y|aya|aja|a)$")


def _added_vowel(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, and that letter is a vowel."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return long_[i] in "aeiouy"


@functools.lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    """``kg/data/common_surnames.txt``: surnames too common for a surname-first match."""
    from importlib import resources

    text = resources.files("kg").joinpath("data/common_surnames.txt").read_text(encoding="utf-8")
    return frozenset(w.lower() for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split())


@functools.lru_cache(maxsize=1)
def _given_forms() -> dict[str, int]:
    """Given name -> its line in ``kg/data/given_names.txt`` (one name, many forms)."""
    from importlib import resources

    out: dict[str, int] = {}
    text = resources.files("kg").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    for i, line in enumerate(text.splitlines()):
        if line.strip() and not line.lstrip().startswith("#"):
            for w in line.split():
                out[w] = i
    return out


def given_match(a: str | None, b: str | None) -> bool:
    """Given names agree: equal up to transliteration, one is an initial of the other, or
    both are forms of one name in ``kg/data/given_names.txt`` (Mikalai / Nikolai)."""
    if not a or not b:
        return True
    a, b = ascii_fold(a).rstrip("."), ascii_fold(b).rstrip(".")
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if words_match(a, b):
        return True
    forms = _given_forms()
    if a.lower() in forms and forms.get(a.lower()) == forms.get(b.lower()):
        return True
    ka, kb = skeleton(a), skeleton(b)
    # Alexander/Aleksandr/Aliaksandr/Alyaksandr, Sergei/Siarhei, Viktor/Viktar
    return ka[:3] == kb[:3] and Levenshtein.distance(ka, kb) <= 2


#: One syllable of a romanised Chinese or Korean given name ("chee", "ying", "jae"):
#: one run of vowels.
_SYLLABLE = re.compile(r"[^aeiouy]*[aeiouy]+[^aeiouy]*")


def _middles_agree(ma: list[str], mb: list[str]) -> bool:
    """The words between first and last of two long names agree: a word of one matches
    a word of the other (up to transliteration), or one of them is an initial of it."""
    def agree(x: str, y: str) -> bool:
        x, y = x.rstrip("."), y.rstrip(".")
        if len(x) == 1 or len(y) == 1:
            return x[:1] == y[:1]
        return words_match(x, y) or given_match(x, y)
    return any(agree(x, y) for x in ma for y in mb)


@functools.lru_cache(maxsize=1 << 18)  # resolution asks about the same pairs of spellings again and again
def same_person(a: str, b: str) -> bool:
    """Could names ``a`` and ``b`` denote the same person?  Surnames must match up to
    transliteration with the same gendered ending; given names must agree when both
    are present.  A bare surname matches a full name with that surname."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    # A two-word tail of a longer name ("Suu Kyi" in "Aung San Suu Kyi")
    for x, y in ((ta, tb), (tb, ta)):
        if 2 <= len(x) < len(y) and y[-len(x):] == x:
            return True
    # Given name and first surname of a double (Spanish) surname: "Ana Ruiz" in "Ana Ruiz Soto"
    for x, y in ((ta, tb), (tb, ta)):
        if len(x) == 2 and len(y) >= 3 and given_match(x[0], y[0]) and words_match(x[1], y[1]) and len(x[1]) >= 4:
            return True
    # Surname-first order with a hyphenated given name (Chinese, Korean): "Lai Chee-ying"
    for x, y in ((ta, tb), (tb, ta)):
        if len(x) == 2 and "-" in x[1] and len(y) >= 2 and x[0] == y[-1] and not re.match(
                r"(?:al|el|ul|ad|ash|as|at|az|an|ar|bin|ibn|abu|abd|bint)-", x[1]) and all(
                _SYLLABLE.fullmatch(part) for part in x[1].split("-")) and x[0] not in _common_surnames():
            # not "Mohammed al-Roken" (an Arabic family name after a given name), nor a
            # given name before a hyphenated surname ("Pedro Ruiz-Canel", two syllables)
            return True
    if not words_match(ta[-1], tb[-1]):
        # Hyphenated or multi-part surnames: "Edmundo González Urrutia" vs "González".
        if not (len(ta) == 1 and any(words_match(ta[0], t) for t in tb[1:])) and not (
            len(tb) == 1 and any(words_match(tb[0], t) for t in ta[1:])
        ):
            return False
    ga = ta[0] if len(ta) >= 2 else None
    gb = tb[0] if len(tb) >= 2 else None
    if not given_match(ga, gb):
        return False
    if len(ta) >= 3 and len(tb) >= 3 and not _middles_agree(ta[1:-1], tb[1:-1]):
        return False  # "Nguyen Thi Cam Thuy" and "Nguyen Tuong Thuy": the same ends, other names between
    # A gender clash between given names (Valery / Veronika) keeps people apart.
    xa, xb = gender(a), gender(b)
    return not (xa and xb and xa != xb)


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", ascii_fold(clean_name(name)).lower()).strip("-")
    return s or "unnamed"
