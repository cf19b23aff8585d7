"""Abbreviations after which a sentence does not end, per language (a curated list).

``BEFORE_NAMES``: words that stand before a name, a number or a term ("Ms. Papadopoulou",
"Fig. 3", "approx. 40", "Lt. Col. Smith"): a full stop after them never ends a sentence.
``AMBIGUOUS``: abbreviations that often end a sentence ("strikes etc. The trial"): the next
word decides: a capital starts a new sentence, anything else continues this one. (Others,
like "U.S." or "Inc.", stand before capitals as often as they end sentences: the segmenter
decides those.)
The project's own list (``[abbreviations]`` in the config) is added to ``BEFORE_NAMES``.
"""

from __future__ import annotations

from functools import lru_cache

_MONTHS_EN = "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec."

BEFORE_NAMES: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": (
            "Mr. Mrs. Ms. Messrs. Dr. Prof. Rev. Hon. St. Mt. Lt. Col. Gen. Maj. Capt. Cmdr. Sgt. Cpl. Adm. "
            "Sen. Rep. Gov. Pres. Amb. Supt. Insp. Fig. Figs. No. Nos. Art. Arts. art. para. paras. "
            "Para. Sec. sec. Ch. ch. Chap. Vol. vol. Vols. p. pp. vs. v. approx. ca. cf. e.g. i.e. "
            "viz. incl. esp. est. Est. Dept. Univ. Assn. Ave. Blvd. Rd. Mt. ft. " + _MONTHS_EN
        ),
        "fr": (
            "M. MM. Mme Mmes Mlle Mlles Me Mgr Dr Pr art. Art. al. chap. cf. env. fig. Fig. n° no. "
            "p. pp. vol. éd. av. bd. boul. réf. janv. févr. avr. juil. sept. oct. nov. déc."
        ),
        "de": (
            "z. z.B. B. d.h. u.a. Nr. Dr. Prof. Hr. Fr. Hrn. Abs. Art. Bd. Ca. ca. Kap. S. Tel. "
            "vgl. bzw. ggf. inkl. evtl. Jan. Feb. Apr. Aug. Sept. Okt. Nov. Dez. St."
        ),
        "es": (
            "Sr. Sra. Srta. Sres. Dr. Dra. Lic. Ing. Prof. art. Art. núm. Núm. n.º pág. págs. "
            "vol. cap. cf. p. ej. aprox. Avda. Av. c/ Ud. Uds. Vd. Vds. N°. Nº. n°. nº. Cra. Tel. Ext."
        ),
        "el": "κ. κα. Κ. Κα. αρ. Αρ. άρθ. σελ. βλ. π.χ. δηλ. Δρ. καθ. οδ. τηλ. Ν. ν.",
        "ru": (
            "г. гг. т. е. т.е. т.к. т.н. см. ср. стр. ул. кв. им. проф. акад. тов. "
            "г-н г-жа млн. млрд. тыс. руб. коп. ст. п. пп. гл. рис. напр."
        ),
        "it": "Sig. Sig.ra Dott. Dott.ssa Prof. Avv. Ing. art. Art. pag. pagg. cap. vol. ecc. n. nn.",
        "pt": "Sr. Sra. Srta. Dr. Dra. Prof. art. Art. pág. cap. vol. n.º nº p. ex.",
        "ar": "د. أ. م. ص. ت. ج.",
    }.items()
}

AMBIGUOUS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": "etc.",
        "fr": "etc.",
        "de": "usw. etc.",
        "es": "etc.",
        "el": "κ.λπ. κλπ. κ.ά. κ.ο.κ.",
        "ru": "т.д. т.п. др. пр.",
        "it": "ecc. etc.",
        "pt": "etc.",
    }.items()
}


@lru_cache(maxsize=64)
def before_names(language: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    return BEFORE_NAMES.get(language, frozenset()) | frozenset(extra)


def ambiguous(language: str) -> frozenset[str]:
    return AMBIGUOUS.get(language, frozenset())
