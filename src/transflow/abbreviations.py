"""Abbreviations after which a sentence does not end, per language (a curated list).

``BEFORE_NAMES``: words that stand before a name, a number or a term ("Ms. Papadopoulou",
"Fig. 3", "approx. 40", "Lt. Col. Smith"): a full stop after them never ends a sentence.
``AMBIGUOUS``: abbreviations that often end a sentence ("strikes etc. The trial"): the next
word decides: a capital starts a new sentence, anything else continues this one.
Dotted initialisms ("U.S.", "E.U.", "i.v.") end a sentence before a capital when the
next word is a frequent sentence starter (``STARTERS``: "I", "How", "The"...) or when an
article stands before them ("in the U.S. Millions attended"), unless the next word is one
that follows them in names (``AFTER_INITIALISMS``: "the U.S. Government", "the U.N.
Security Council").
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
        "da": "hr. Hr. fr. Fr. dr. Dr. nr. Nr. ca. bl.a. f.eks. jf. kl. pga. vha. St. Sct.",
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
        "da": "osv. mv. etc. co. Co.",
    }.items()
}

# Closed-class words that begin sentences (pronouns, determiners, conjunctions, question
# words): after "U.S." they show that a new sentence has begun ("the U.S. How about you?").
STARTERS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in {
        "en": (
            "I It The This That These Those He She We You They There Here How What Why When Where "
            "Who Which A An In On At But And So If My Our His Her Their Its Your Then After Before"
        ),
        "da": "Jeg Det Der Den De Han Hun Vi I Hvad Hvordan Hvorfor Hvor Hvem Men Og Så Hvis Min",
        "de": "Ich Es Der Die Das Er Sie Wir Ihr Wie Was Warum Wann Wo Wer Aber Und Dann Wenn Ein Eine",
        "fr": "Je Il Elle Nous Vous Ils Elles Le La Les Un Une Ce Cette Comment Que Pourquoi Mais Et",
        "es": "Yo Él Ella Nosotros Ellos El La Los Las Un Una Este Esta Cómo Qué Por Pero Y",
        "it": "Io Lui Lei Noi Voi Loro Il Lo La Gli Le Un Una Come Che Perché Ma E In Nel Nella Per Non Se",
        "nl": "Ik Het De Hij Zij Wij Jij Dit Dat Hoe Wat Waarom Maar En",
    }.items()
}

# Articles: an initialism after one is a noun phrase, so a capital after it that does
# not continue a name starts a new sentence ("I live in the U.S. Millions attended").
ARTICLES = frozenset("the The der die das den dem des det le la les el los las il lo gli het".split())

# Words that follow country and organisation initialisms inside names.
AFTER_INITIALISMS = frozenset(
    (
        "Government Administration Embassy Ambassador Army Navy Air Marine Marines Forces Force "
        "Military Senate Senator Congress Congressman House Department State Secretary President "
        "Vice Treasury Federal Central Court Supreme Attorney Justice Council Security General "
        "Assembly Commission Commissioner Parliament Presidency Member Members Mission Office "
        "Dollar Dollars Census Bureau Agency Postal Navy Coast Guard National Open Steel Bank "
        "Ministry Minister Foreign Defense Defence Trade Representative Representatives Special "
        "Panel Committee Board Team Delegation Party Union Federation Company Corporation"
    ).split()
)


@lru_cache(maxsize=64)
def before_names(language: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    return BEFORE_NAMES.get(language, frozenset()) | frozenset(extra)


def ambiguous(language: str) -> frozenset[str]:
    return AMBIGUOUS.get(language, frozenset())


def starters(language: str) -> frozenset[str]:
    return STARTERS.get(language, frozenset())
