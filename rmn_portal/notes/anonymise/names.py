"""Person-name detection (lexicon + surname shapes + cue rules + propagation)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import lexicon
from .detectors import P_NAME, P_NAME_CUE, Cand
from .shadow import Shadow, lower_compile

RE_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+|-[A-Za-z]+)*")

# explicit naming cues: whatever capitalised word follows is a name
RE_NAMING_CUE = re.compile(
    r"\b(?:named|called|name\s+is|se\s+zov[eu]|se\s+zvao|se\s+zvala|se\s+predstavi\w*(?:\s+kao)?|name's|names\s+are|named\s+as|zove\s+se|zovu\s+je|zovu\s+ga|"
    r"zovem\s+se|zvan[aio]?|imenom|po\s+imenu|pod\s+imenom|ime\s+mu\s+je|ime\s+joj\s+je|"
    r"ime\s+je|nadimk\w*|nadimak|nickname|goes\s+by|alias|a\.k\.a\.?|aka|"
    r"known\s+(?:only\s+|simply\s+|here\s+|locally\s+)?as|poznat\w*\s+(?:samo\s+|kao\s+)?kao|"
    r"(?:goes|went)\s+by|predstavi\w*\s+(?:se\s+)?kao|introduced\s+(?:himself|herself|themselves)\s+as|"
    r"mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|prof\.|profesor\w*|professor|doc\.|"
    r"gospodin\w*|gospodj\w*|gdin\.?|g-din\.?|"
    r"gdja\.?|g-dja\.?|gdjica|g\.|sir|madam|madame|senor\w*|monsieur|"
    r"signed|potpis\w*|signed\s+by|from:|od:|to:|"
    # "Md. Rafiqul Islam" (Bangladesh, Malaysia: Mohammad abbreviated)
    r"md\.|mohd\.|muhd\.|"
    r"(?:legal|real|full|birth|official|preferred|chosen|new|old|dead|former|registered|true)"
    r"\s+name(?:\s+is)?|name\s+(?:used|in\s+(?:the\s+|her\s+|his\s+)?(?:documents|papers|passport|id))"
    r"(?:\s+is)?|(?:pravo|pravno|novo|staro|zvanicno|izabrano|puno)\s+ime(?:\s+(?:mu|joj))?"
    r"(?:\s+je)?|ime\s+u\s+(?:dokument\w*|pasos\w*|papir\w*)(?:\s+(?:mu|joj))?(?:\s+je)?|"
    r"deadname|said\s+(?:his|her|their)\s+name\s+(?:is|was)|presented\s+as)"
    r"(?:[ \t]*:[ \t]*|[\s,]*)[\"'“”„]?",
    re.IGNORECASE,
)
# form labels at the start of a line (or after ';' / '|')
RE_FORM_LABEL = re.compile(
    r"(?:^|[\n;|])\s*[-*•]?\s*(?:full\s+name|first\s+name|last\s+name|given\s+names?|family\s+name|"
    r"surname|name|client(?:'s)?\s+name|client|beneficiary|applicant|ime\s+i\s+prezime|prezime\s+i\s+ime|"
    r"puno\s+ime|ime\s+klijent\w*|ime\s+korisni\w*|ime|prezime|imena|klijent\w*|korisni\w*|podnosilac\w*|"
    r"podnositelj\w*|trazilac\w*|lice|osoba|contact\s+person|kontakt\s+osoba|"
    r"partner|father'?s?\s+name|mother'?s?\s+name|ime\s+oca|ime\s+majke|ocevo\s+ime|majcino\s+ime|"
    r"name\s+used|preferred\s+name|chosen\s+name|legal\s+name|real\s+name|nickname|alias|"
    r"pravo\s+ime|nadimak|emri|mbiemri|emri\s+dhe\s+mbiemri|klient\w*|klientot|klientkata|"
    r"interpreter|prevodilac|lawyer|advokat\w*|contact|kontakt|guardian|staratelj\w*)\s*[:=]\s*",
    re.IGNORECASE,
)
_LC_NAMING_CUE = lower_compile(RE_NAMING_CUE)
# weaker cues (greetings, vocatives, "I am"): the next word must itself look like a
# name (a lexicon name, or a capitalised word that is not a dictionary word)
_LC_WEAK_NAMING_CUE = re.compile(
    r"\b(?:dear|dragi|draga|postovani|postovana|hi|hello|hey|zdravo|cao|thank\s+you|thanks|"
    r"hvala(?:\s+ti|\s+vam)?|i\s+am|i'm|ja\s+sam|according\s+to|prema\s+recima|po\s+recima|"
    r"kako\s+kaze|kako\s+je\s+rekao|kako\s+je\s+rekla|per|on\s+behalf\s+of|u\s+ime|"
    # sign-offs: "Srdacno, Amra", "Kind regards, Jelena", "-- Marko"
    r"srdacno|srdacan\s+pozdrav|pozdrav|pozdravi|puno\s+pozdrava|lp|s\s+postovanjem|"
    r"sa\s+postovanjem|regards|best|cheers|kind\s+regards|best\s+wishes|sincerely|"
    r"warm\s+regards|all\s+the\s+best|yours|thx|tnx)"
    r"[ \t]*[,:]?\s*[\"'“”„]?"
    # a dash signature at the start of a line: "-- Marko", "— Amra"
    r"|(?:^|(?<=\n))[ \t]*(?:--?|\u2014|\u2013)[ \t]*",
    re.MULTILINE,
)
_LC_FORM_LABEL = lower_compile(RE_FORM_LABEL)
# role nouns: a capitalised, non-dictionary word right after them is a name
RE_ROLE_CUE = re.compile(
    r"\b(?:client|clients|klijent\w*|klient\w*|kliyent\w*|korisni\w*|beneficiar\w*|applicant|podnosi\w*|trazi\w*|"
    r"brother|sister|sibling|brat|brata|bratu|bratom|brate|bratov\w*|bratanc\w*|bratanic\w*|braca|brace|braci|bracom|sestr\w*|partner\w*|husband|wife|spouse|boyfriend|girlfriend|"
    r"fiance\w*|veren\w*|zaruc\w*|muz|muza|muzu|muzem|muzom|muzev\w*|suprug\w*|zena|zenom|zeni|zenu|decko|decka|decku|deckom|"
    r"dec[a-z]*|djevojk\w*|devojk\w*|friend|friends|prijatelj\w*|drug|druga|drugu|drugom|drugaric\w*|"
    r"mother|father|mom|mum|mama|dad|tata|son|daughter|cousin|uncle|aunt|nephew|niece|grandmother|"
    r"grandfather|majk\w*|majci|otac|oca|ocu|ocem|sin|sina|sinu|sinom|cerk\w*|kcer\w*|kci|rodjak\w*|"
    r"ujak\w*|stric\w*|tetk\w*|baba|deda|djed\w*|baka|bake|baki|baku|bakom|bakin\w*|cimer\w*|roommate|flatmate|housemate|"
    r"neighbou?r|komsij\w*|susjed\w*|sused\w*|lawyer|attorney|advokat\w*|odvjetni\w*|interpreter|"
    r"translator|prevodi\w*|tumac\w*|doctor|doktor\w*|lekar\w*|ljekar\w*|psycholog\w*|psiholog\w*|"
    r"caseworker|case\s+worker|officer|sluzbeni\w*|inspektor\w*|policajac\w*|policajk\w*|policeman|"
    r"colleague|kolega\w*|koleginic\w*|volunteer|volonter\w*|ex|bivs\w*|smuggler|krijumcar\w*|"
    r"employer|poslodav\w*|landlord|landlady|stanodav\w*|gazd\w*|mentor\w*|psychiatrist|psihijat\w*|"
    r"nurse|sestra|medicinsk\w*\s+sestr\w*|social\s+worker|socijaln\w*\s+radni\w*|worker|radni[ck]\w*|"
    r"mr|ms|mrs|named|ime|person|osoba|osobom|lice|licem|man|woman|boy|girl|guy|muskarac|"
    r"mladic\w*|momak|momk\w*|coordinator|koordinator\w*|director|direktor\w*|teacher|nastavni\w*|"
    r"ucitelj\w*|pastor|imam|priest|svestenik\w*|activist|aktivist\w*|peer|vrsnjak\w*|"
    r"perpetrator|abuser|nasilnik\w*|napadac\w*|attacker|suspect|osumnjicen\w*|"
    r"met|meet|meeting|visited|visit|called|call|saw|see|accompanied|helped|told|asked|contacted|"
    r"kl|cl|pt|w|ask|asks|tell|tells|inform|informed|contact|remind|reminded|thank|thanked|"
    r"gave|give|gives|sent|send|sends|showed|paid|offered|brought|handed|lent|bought|"
    r"dali|dala|dao|dajemo|poslali|poslao|poslala|saljemo|odveli|odvela|odveo|"
    r"email|emailed|text|texted|message|messaged|phone|phoned|meets|visits|accompany|"
    r"pitati|pitaj|pitajte|pitala|pitao|pitali|javiti|javite|obavestiti|obavijestiti|"
    r"kontaktirati|kontaktirali|kontaktirao|kontaktirala|klientot|klientkata|klientka|"
    r"partnerot|bratot|sestrata|prijatelot|drugarkata|"
    r"name|names|imena|nickname|nadimak|nadimkom|alias|"
    r"interviewed|referred|supported|escorted|spoke\s+(?:to|with)|talked\s+(?:to|with)|"
    r"razgovara\w*\s+sa|pricao\s+sa|pricala\s+sa|sastan\w*\s+sa|posetili|posetio|posetila|"
    r"pozvao|pozvala|pozvali|pratili|pratio|pratila|uputili|upu[ct]\w*)"
    r"(?:\s+(?:mr|ms|mrs|dr|named|called))?[\s,:]*",
    re.IGNORECASE,
)
# the same cue words, matched against one or two whole lower-case tokens
RE_ROLE_WORDS = re.compile(
    RE_ROLE_CUE.pattern[2:].replace(r"(?:\s+(?:mr|ms|mrs|dr|named|called))?[\s,:]*", "")
)
_PARTICLES = {
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "abu",
    "ben",
    "van",
    "von",
    "de",
    "da",
    "del",
    "der",
    "ul",
    "ud",
    "ur",
    "din",
    "la",
    "le",
    "di",
    "du",
    "mac",
    "ou",
    "ould",
    "ag",
    "oglu",
    "zade",
    "khan",
}
_HYPH_PREFIX = (
    "al-",
    "el-",
    "ul-",
    "ud-",
    "ur-",
    "as-",
    "ash-",
    "ad-",
    "an-",
    "ar-",
    "at-",
    "az-",
    "bin-",
    "ibn-",
    "abu-",
    "abd-",
    "abdel-",
    "abdul-",
    "bint-",
)
# a capitalised unknown word right before these verbs is taken for a person
RE_HUMAN_VERB_AFTER = re.compile(
    # "Shamsiddin's brother", "Okwudili's phone"
    r"'s[ \t]+(?:[a-z]+[ \t]+)?(?:brother|sister|mother|father|partner|boyfriend|girlfriend|"
    r"husband|wife|son|daughter|cousin|uncle|aunt|family|friend|friends|phone|case|lawyer|"
    r"asylum|application|interview|documents|passport|room|ex|parents|flat|place|house|home|"
    r"apartment|address|number|mum|mom|dad|kids|children|baby|child|story|statement|claim|"
    r"file|papers|appointment|hearing|health|body|face|arm|leg|injuries|bag|belongings|money|"
    r"job|work|boss|employer|landlord|roommate|profile|account|photos|pictures|messages|name)\b|"
    r",[ \t]+(?:who|whose|whom)\b|,[ \t]+(?:koji|koja)[ \t]+(?:je[ \t]+|se[ \t]+|nam[ \t]+)?"
    r"(?:rekao|rekla|kaze|zivi|radi|ima|dosao|dosla|trazi|zeli|zove|predstavi\w*|stanuje)\b|"
    # a parenthetical between the name and the verb: "Mbuyamba, naravno, nije dosao"
    r"(?:,[ \t]*(?:naravno|of\s+course|however|though|medjutim|ipak|takodje|also|again|opet|"
    r"izgleda|apparently|reportedly|navodno|kako\s+kaze|kako\s+je\s+rekao|kako\s+je\s+rekla)"
    r"[ \t]*,)?(?:[ \t]*\([^()\n]{1,25}\))?"
    # "Chinonso u Beogradu zivi ...", "Farkhunda opet dolazi ..."
    r"(?:[ \t]+(?:u|na|iz|kod|in|at|from)[ \t]+[A-Za-z]+(?=[ \t]+[a-z]))?"
    r"(?:[ \t]+(?:opet|ponovo|jos|vec|danas|juce|sutra|sada|again|also|today|yesterday|then|"
    r"later|finally|still|never|already|just|cesto|often|sometimes|ponekad|takodje|i)(?=[ \t]))?"
    r"[ \t]+(?:(?:nam|vam|mu|joj|im|me|te|ga|ju|se|si|sam)[ \t]+){0,2}"
    r"(?:(?:je|su|nije|has|had|have|will|would|did)[ \t]+)?"
    r"(?:said|says|told|asked|came|comes|went|arrived|left|lives|lived|works|worked|"
    r"wants|wanted|"
    r"needs|needed|reported|reports|called|explained|complained|fled|escaped|cried|believes|thinks|"
    r"fears|feels|felt|got|has\s+been|had\s+been|was\s+(?:beaten|attacked|arrested|detained|born|"
    r"threatened|raped|moved|transferred|released|deported|pushed|injured|hospitali[sz]ed|granted|"
    r"refused|rejected)|is\s+(?:afraid|scared|worried|from|gay|lesbian|trans|bisexual|pregnant|"
    r"married|homeless|unemployed|sick|ill|staying|living|working|waiting)|"
    r"kaze|rekao|rekla|rece|zivi|radi|zeli|trazi|trazio|trazila|dosao|dosla|otisao|otisla|boji|plasi|"
    r"pobegao|pobegla|pobjegao|pobjegla|smatra|misli|tvrdi|prijavio|prijavila|place|"
    r"dolazi|dolazila|dolazio|odlazi|ide|isla|isao|zna|moze|mora|hoce|nece|voli|govori|spava|"
    r"uci|pise|pisao|pisala|ceka|cekao|cekala|zove|zvao|zvala|dobio|dobila|dobija|ostaje|ostao|"
    r"ostala|stanuje|boravi|umro|umrla|nestao|nestala|napisao|napisala|poslao|poslala|"
    r"pozvao|pozvala|javio|javila|stigao|stigla|prica|pricao|pricala|"
    r"called|phoned|texted|wrote|writes|visited|stayed|stays|speaks|spoke|returned|moved|"
    r"posts|posted|uses|used|shares|shared|sent|sends|says|hopes|hoped|tried|tries|plans|planned|"
    r"decided|agreed|signed|paid|owes|lost|found|met|told|showed|gave|took|brought|asked|"
    r"disappeared|died|attended|joined|refused|received|lost|missed|sleeps|slept|"
    r"has|had|"
    r"je\s+(?:[a-z]+(?:ao|eo|io|uo|la|li|en|an))|nije\s+[a-z]+(?:ao|eo|io|uo|la)|ima\s+\d+|"
    r"su\s+(?:[a-z]+(?:li|le|eni|ene|ani|ane|ti|te))|nisu\s+[a-z]+(?:li|le)|"
    r"reached|contacted|wrote|messaged|emailed|javio|javila|obratio|obratila|pisao|pisala)\b",
)
# unknown capitalised words with these endings are countries, regions,
# institutions or languages rather than people
_RE_NOT_PERSON_SHAPE = re.compile(
    r"(?:stan|stana|stanu|land|landa|ija|iji|iju|ijom|ija|ia|istan|ism|ist|ists|ian|ese|ish|"
    r"tion|sion|ment|ship|ance|ence|ity|ology|person|people|office|ministry|ombud\w*|"
    r"ski|ska|sko|skog|skoj|skom|cki|cka|cko|ckog|ckoj|ckom|ic|inal|ional|ity)$"
)
# the same without the generic Serbian past tense ("je svanula"): for words
# that are names and ordinary words at once
RE_HUMAN_VERB_STRICT = re.compile(
    RE_HUMAN_VERB_AFTER.pattern.replace(
        r"je\s+(?:[a-z]+(?:ao|eo|io|uo|la|li|en|an))|nije\s+[a-z]+(?:ao|eo|io|uo|la)|", ""
    )
)
RE_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.[ \t]?[A-Z]\.(?:[ \t]?[A-Z]\.)?(?![\w])")
_RE_INITIAL_SUBJECT = re.compile(
    r"(?<![\w.])[A-Z]\.(?=[ \t]+(?:is|was|has|had|said|says|told|wants|feels|seems|cried|came|"
    r"je|nije|ima|kaze|rekla|rekao|zeli|oseca|dosla|dosao)\b)"
)
RE_INITIALS_CUE = re.compile(r"(?:initials?|inicijal\w*|инициј\w*)[\s:]*$", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    [
        "sa",
        "s",
        "u",
        "na",
        "za",
        "od",
        "do",
        "kod",
        "iz",
        "i",
        "a",
        "pa",
        "te",
        "ni",
        "niti",
        "ili",
        "da",
        "je",
        "su",
        "se",
        "sam",
        "smo",
        "ste",
        "ga",
        "mu",
        "joj",
        "njen",
        "njegov",
        "njihov",
        "ovaj",
        "ova",
        "ovo",
        "taj",
        "ta",
        "to",
        "kada",
        "kad",
        "dok",
        "jer",
        "ako",
        "posle",
        "nakon",
        "pre",
        "prije",
        "juce",
        "danas",
        "sutra",
        "onda",
        "tada",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "with",
        "for",
        "to",
        "from",
        "at",
        "in",
        "on",
        "by",
        "of",
        "as",
        "when",
        "after",
        "before",
        "since",
        "yesterday",
        "today",
        "tomorrow",
        "then",
        "also",
        "he",
        "she",
        "they",
        "we",
        "it",
        "his",
        "her",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "ona",
        "on",
        "oni",
        "one",
        "ono",
        "ja",
        "ti",
        "mi",
        "vi",
        "ovde",
        "ovdje",
        "tamo",
        "sada",
        "sad",
        "nju",
        "njega",
        "njih",
        "nas",
        "vas",
        "nam",
        "vam",
        "im",
        "ih",
        "koja",
        "koji",
        "koje",
        "sta",
        "sto",
        "kako",
        "gde",
        "gdje",
        "zasto",
        "moja",
        "moj",
        "tvoj",
        "nasa",
        "naš",
        "vas",
        "svi",
        "sve",
        "nista",
        "niko",
        "neko",
        "nesto",
    ]
)
# ambiguous names that are mostly function words: never accepted on a verb alone
_FUNCTION_AMBIGUOUS_EN = frozenset(
    [
        "will",
        "may",
        "can",
        "said",
        "bill",
        "mark",
        "art",
        "don",
        "guy",
        "frank",
        "rob",
        "sue",
        "pat",
        "ray",
    ]
)
_FUNCTION_AMBIGUOUS_SH = frozenset(
    ["ali", "ako", "li", "dan", "dana", "eto", "sami", "sina", "vlada", "mira", "rada", "bela"]
)
_WITH_PREP = {"sa", "s", "with", "kod", "za", "od", "and", "i"}
# surname shapes (folded lower case)
RE_SURNAME_STRONG = re.compile(
    r"^[a-z]{2,}(?:ic|vic|ovic|evic|zai|zay|zadeh|zade|zada|enko|oglu|ogullari|yan|jan|yants|"
    r"ishvili|shvili|svili|dze|ovski|evski|ovska|evska|escu|poor|pour|nejad|khel|yar|zoi)$"
)
RE_SURNAME_WEAK = re.compile(
    r"^[a-z]{3,}(?:ov|ova|ev|eva|in|ina|ski|ska|cki|cka|ian|ani|ai|i|aj|iu|ku|ri|uk|chuk|yuk|"
    r"ak|ek|ich|vich|itch|man|berg|son|sen|ez|es|ou|a)$"
)
_SENT_END = set('.!?\n:;•*"(')
_SENT_END_STRICT = set(".!?\n•*")


def _role_targets(toks: list[Tok], t: str) -> set[int]:
    """Start offsets of tokens preceded by a role word (one or two tokens)."""
    out: set[int] = set()
    for i in range(1, len(toks)):
        tok = toks[i]
        if not (tok.text[0].isupper() or tok.text[0].isalpha()):
            continue
        p = toks[i - 1]
        if not _RE_CUE_GAP.fullmatch(t, p.e, tok.s) and not (
            p.low in _CUE_ABBREVIATIONS and _RE_ABBR_GAP.fullmatch(t, p.e, tok.s)
        ):
            continue
        if _is_role_word(p.low) or (
            i >= 2
            and _second_role_word(p.low)
            and _RE_CUE_GAP.fullmatch(t, toks[i - 2].e, p.s)
            and _is_role_word(toks[i - 2].low + " " + p.low)
        ):
            out.add(tok.s)
    return out


_RX_BLANKS = re.compile(r"[ \t]+")
_RX_ADJ_GAP = re.compile(r"[ \t]{1,2}|-")
_RX_INITIAL_GAP = re.compile(r"\.[ \t]?")
_RX_COORD_AMB = re.compile(r",[ \t]|[ \t](?:and|i|&)[ \t]")
_RX_ONE_BLANK = re.compile(r"[ \t]")
_RX_JOIN_GAP = re.compile(r"[ \t]{1,2}|-|'")
_RX_PARTICLE_GAP = re.compile(r"[ \t]([A-Za-z]{1,5})[ \t-]")


@lru_cache(maxsize=65536)
def _is_role_word(low: str) -> bool:
    return RE_ROLE_WORDS.fullmatch(low) is not None


def _second_role_word(low: str) -> bool:
    """Last words of two-word role cues ("social worker", "spoke to", "razgovarali sa")."""
    return low in ("worker", "to", "with", "sa") or low.startswith(("sestr", "radni"))


_RE_CUE_GAP = re.compile(r"[\s,:]*|/[ \t]*")
# abbreviated role words: "kl. nadir", "cl. Wahidullah", "w/ mohsen", "pt. Ali"
_CUE_ABBREVIATIONS = frozenset(
    ["kl", "cl", "pt", "w", "mr", "ms", "mrs", "dr", "g", "gdja", "gdin"]
)
_RE_ABBR_GAP = re.compile(r"[./][ \t]*")


def _targets(rx: re.Pattern[str], text: str) -> set[int]:
    """Positions right after each cue match (where the cued word starts)."""
    return {m.end() for m in rx.finditer(text)}


@dataclass
class Tok:
    s: int
    e: int
    text: str
    low: str
    cap: bool
    allcaps: bool
    sent_init: bool
    key: str | None = None
    amb: bool = False
    blocked: bool = False
    common: bool = False
    shape: int = 0  # 2 strong surname shape, 1 weak
    state: int = 0  # 0 none, 1 accepted
    blocked_phrase: bool = False
    via: str = ""
    keys: set[str] = field(default_factory=set)


@lru_cache(maxsize=65536)
def _lookup(low: str) -> tuple[str | None, bool]:
    """(key, exact) for a token, trying hyphen parts and name prefixes."""
    k = lexicon.name_lookup(low)
    if k is not None:
        return k, lexicon.name_key(low) == k
    for p in _HYPH_PREFIX:
        if low.startswith(p) and len(low) > len(p) + 2:
            k = lexicon.name_lookup(low[len(p) :])
            if k is not None:
                return k, True
    return None, False


def _lookup_hyphen(text: str, low: str) -> tuple[str | None, bool]:
    """Hyphenated names (Jean-Pierre, Ahmed-Khan): every part capitalised."""
    parts = text.split("-")
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return None, False
    for part in low.split("-"):
        if len(part) >= 3 and part not in lexicon.AMBIGUOUS:
            k = lexicon.name_lookup(part)
            if k is not None:
                return k, True
    return None, False


@lru_cache(maxsize=65536)
def _token_keys(low: str) -> frozenset[str]:
    keys = {lexicon.name_key(b) for b in lexicon.candidate_bases(low) if len(b) >= 3}
    if "-" in low:
        for p in _HYPH_PREFIX:
            if low.startswith(p):
                keys |= _token_keys(low[len(p) :])
    return frozenset(keys)


def _case_mode(tokens: list[Tok]) -> str:
    alpha = [t for t in tokens if len(t.text) > 1]
    if len(alpha) < 6:
        return "normal"
    allcaps = sum(1 for t in alpha if t.allcaps)
    if allcaps / len(alpha) > 0.6:
        return "upper"
    # acronyms (HIV, UNHCR, AFG) and capitalised countries and cities do not make a
    # lower-case writer's note "normal"
    other = sum(
        1
        for t in alpha
        if t.cap and not t.allcaps and t.low not in lexicon.BIG_PLACES and not t.sent_init
    )
    initial = sum(1 for t in alpha if t.cap and not t.allcaps and t.sent_init)
    if other / len(alpha) < 0.03 and initial == 0:
        return "lower"
    return "normal"


def find_names(
    sh: Shadow,
    lang: str,
    taken: list[tuple[int, int]],
    out: list[Cand],
    age_starts: frozenset[int] = frozenset(),
) -> None:
    t = sh.text
    low_text = sh.lower
    toks: list[Tok] = []
    for m in RE_TOKEN.finditer(t):
        s, e = m.start(), m.end()
        w = m.group()
        if w.endswith(("'s", "'S")):
            w = w[:-2]
            e -= 2
        if not w:
            continue
        j = s - 1
        while j >= 0 and t[j] in " \t":
            j -= 1
        sent_init = j < 0 or t[j] in _SENT_END
        if not sent_init and t[j] == "-" and (j == 0 or t[j - 1] in "\n"):
            sent_init = True
        if not sent_init and j >= 1 and t[j] == "." and t[j - 1].isdigit():
            sent_init = True
        low = low_text[s:e]
        cap = w[0].isupper()
        if not cap and "-" in w:
            head, _, rest = w.partition("-")
            cap = head.lower() in _PARTICLES and rest[:1].isupper()
        toks.append(Tok(s, e, w, low, cap, w.isupper() and len(w) > 1, sent_init))
    if not toks:
        return
    mode = _case_mode(toks)
    naming_at = _targets(_LC_NAMING_CUE, low_text) | _targets(_LC_FORM_LABEL, low_text)
    weak_at = _targets(_LC_WEAK_NAMING_CUE, low_text)
    role_at = _role_targets(toks, t)
    # spans of other detectors: tokens inside them are not names
    taken_sorted = sorted(taken)

    def inside_taken(tok: Tok) -> bool:
        for a, b in taken_sorted:
            if a >= tok.e:
                break
            if b > tok.s:
                return True
        return False

    n = len(toks)
    # words of multi-word big places ("Novi Sad", "u Novom Sadu") are no names
    for i in range(n - 1):
        pair = (lexicon.place_stem(toks[i].low), lexicon.place_stem(toks[i + 1].low))
        if pair in lexicon.BIG_PHRASE_STEMS and re.fullmatch(
            r"[ \t]+", t[toks[i].e : toks[i + 1].s]
        ):
            toks[i].blocked_phrase = toks[i + 1].blocked_phrase = True
    # names of institutions named after people: Institut "Dr Milan Jovanovic Batut",
    # Dom zdravlja "Dr Simo Milosevic", OS "Vuk Karadzic"
    for m in _RE_INSTITUTION_QUOTE.finditer(t) if '"' in t else ():
        a, b = m.start("q"), m.end("q")
        for tok in toks:
            if a <= tok.s and tok.e <= b:
                tok.blocked_phrase = True
    for i in range(n) if (">" in t or "→" in t) else ():
        if _route_neighbour(t, toks, i):
            toks[i].blocked_phrase = True  # "Istanbul > Sofia > Dimitrovgrad"
    for tok in toks:
        low = tok.low
        tok.blocked = (
            tok.blocked_phrase
            or lexicon.is_blocked(low)
            or inside_taken(tok)
            or _RE_ACRONYM_INFLECTED.fullmatch(tok.text) is not None
        )
        if _RE_PLURAL_PARTICIPLE.match(low) and _RE_PLURAL_AUX_AFTER.match(low_text, tok.e):
            tok.blocked = True  # "Kazali su nam ...", "Rekli smo joj ..." are verbs
        if (
            mode == "normal"
            and not tok.cap
            and tok.s not in naming_at
            and (tok.s not in role_at or len(low) < 3 or low in _FUNCTION_WORDS)
            and (len(low) < 4 or lexicon.is_common_any(low) or low in _FUNCTION_WORDS)
        ):
            continue  # lower-case words of a normal note: only propagation looks at them
        key, exact = _lookup(low)
        if key is None and "-" in low:
            key, exact = _lookup_hyphen(tok.text, low)
        if (
            key is not None
            and not exact
            and low in lexicon.COMMON_EN
            and low not in lexicon.COMMON_SH
        ):
            key = None  # an English word read as a Serbian inflection ("Room" -> Roe)
        tok.key = key
        tok.common = lexicon.is_common(low, lang) if lang != "en" else low in lexicon.COMMON_EN
        if key is not None:
            tok.amb = (
                low in lexicon.AMBIGUOUS
                or len(low) <= 2
                or (not exact and lexicon.is_common_any(low))
                or (tok.common and low not in lexicon.CURATED)
            )
        if (RE_SURNAME_STRONG.match(low) and not tok.common) or _RE_ARABIC_PREFIXED.match(tok.text):
            tok.shape = 2
        elif RE_SURNAME_WEAK.match(low) and not tok.common:
            tok.shape = 1

    cap_ok = (lambda tk: tk.cap) if mode == "normal" else (lambda tk: True)

    def accept(tok: Tok, via: str) -> None:
        tok.state = 1
        tok.via = via
        tok.keys = set(_token_keys(tok.low))
        if tok.key:
            tok.keys.add(tok.key)

    # ---- pass 1: cues and unambiguous lexicon hits
    for i, tok in enumerate(toks):
        if tok.state or (tok.blocked and inside_taken(tok)):
            continue
        lower_named = (
            tok.s in naming_at
            and not tok.cap
            and len(tok.low) >= 3
            and not lexicon.is_common_any(tok.low)
            and tok.low not in _FUNCTION_WORDS
        )  # "client's name: tsegereda"
        if mode == "normal" and not tok.cap and tok.key is None and not lower_named:
            continue
        if (
            tok.s in naming_at
            and (tok.cap or mode != "normal" or tok.key or lower_named)
            and not (tok.common and not tok.cap and not tok.key)
            and not (tok.blocked and lexicon.is_common_any(tok.low))
            and not (tok.blocked and tok.low in lexicon.BIG_PLACES)
            and not tok.blocked_phrase
            and not _is_title_word(tok.low)
        ):
            accept(tok, "cue")
            continue
        if tok.blocked:
            continue
        if (
            tok.s in weak_at
            and tok.cap
            and len(tok.low) >= 3
            and not tok.allcaps
            and (
                (tok.key is not None and not tok.amb)
                or (
                    tok.key is None
                    and not tok.common
                    and not lexicon.is_common_any(tok.low)
                    and not _RE_NOT_PERSON_SHAPE.search(tok.low)
                )
            )
        ):
            accept(tok, "cue")  # "Dear Amina,", "Thank you, Ramazan,", "Ja sam Dilmurod"
            continue
        if (
            not tok.cap
            and tok.key is not None
            and (tok.s in role_at or tok.s in naming_at)
            and _plain_lower_name(tok, lang)
        ):
            accept(tok, "role")  # "spoke w/ mohsen", "kl. nadir", "met olivier"
            continue
        if (
            mode == "normal"
            and not tok.cap
            and tok.key is not None
            and len(tok.low) >= 4
            and tok.low in lexicon.CURATED
            and not lexicon.is_common_any(tok.low)
            and _plain_lower_name(tok, lang)
        ):
            accept(tok, "lex")  # a lower-case lexicon name in a normal note: "met with farshad"
            continue
        if (
            mode == "lower"
            and tok.key is not None
            and len(tok.low) == 3
            and _plain_lower_name(tok, lang)
            and (RE_HUMAN_VERB_STRICT.match(t, tok.e) or _RE_PARTICIPLE_AFTER.match(t, tok.e))
        ):
            accept(tok, "lex")  # "ga je gul tukao"
            continue
        if tok.s in role_at and cap_ok(tok):
            nxt = toks[i + 1] if i + 1 < n else None
            if (
                tok.amb
                and nxt is not None
                and nxt.cap
                and nxt.key is None
                and _RX_BLANKS.fullmatch(t[tok.e : nxt.s])
            ):
                continue  # "met Red Cross staff": a title-case phrase, not a name
            unknown_word = (
                not tok.common
                and not lexicon.is_common_any(tok.low)
                and len(tok.low) >= 3
                and tok.low not in _FUNCTION_WORDS
                and not _is_role_word(tok.low)
            )
            if mode != "normal" and not tok.cap and lexicon.is_common_any(tok.low):
                pass  # "trans woman, has had ...": an ordinary word after a role word
            elif tok.key is not None or (unknown_word and (mode == "normal" or not tok.allcaps)):
                accept(tok, "role")
                continue
        if tok.key is not None and not tok.amb:
            if mode == "normal" and tok.cap:
                if tok.allcaps and len(tok.low) <= 3:
                    continue
                accept(tok, "lex")
            elif mode != "normal" and not lexicon.is_common_any(tok.low) and len(tok.low) >= 4:
                accept(tok, "lex")

    # ---- pass 2: support for ambiguous names, surname shapes and unknown words
    def adjacent(i: int, j: int) -> bool:
        a, b = (toks[i], toks[j]) if i < j else (toks[j], toks[i])
        gap = t[a.e : b.s]
        if _RX_ADJ_GAP.fullmatch(gap):
            return True
        if _RX_INITIAL_GAP.fullmatch(gap):
            return len(a.text) == 1  # initial: "A. Karimi"
        return False

    def title_case_phrase(i: int) -> bool:
        # a capitalised neighbour that is not a name: "Crisis Line", "Safe House";
        # a capitalised function word ("Sa Nadom", "With Hope") does not count
        for j in (i - 1, i + 1):
            if (
                0 <= j < n
                and adjacent(i, j)
                and toks[j].cap
                and not toks[j].state
                and toks[j].low not in _FUNCTION_WORDS
                # Serbian notes do not title-case phrases: a sentence-initial
                # ordinary word is capitalised only by position ("Telefon Reze ...")
                and not (
                    j < i
                    and lang != "en"
                    and toks[j].sent_init
                    and lexicon.is_common(toks[j].low, lang)
                )
            ):
                return True
        return False

    changed = True
    rounds = 0
    while changed and rounds < 4:
        changed = False
        rounds += 1
        acc_keys: set[str] = set()
        for tok in toks:
            if tok.state:
                acc_keys |= tok.keys
        for i, tok in enumerate(toks):
            if tok.state or not cap_ok(tok):
                continue
            neigh = any(0 <= j < n and toks[j].state and adjacent(i, j) for j in (i - 1, i + 1))
            # "Zakaria El Amrani", "Noor ul Haq": a particle between two parts of a name
            if not neigh:
                neigh = any(
                    0 <= j < n
                    and 0 <= k < n
                    and toks[k].low in _PARTICLES
                    and toks[j].state
                    and adjacent(j, k)
                    and adjacent(k, i)
                    for j, k in ((i - 2, i - 1), (i + 2, i + 1))
                )
            if tok.blocked:
                # "Md. Rafiqul Islam": a surname that is also a blocked word, right
                # after an accepted given name
                left = toks[i - 1] if i > 0 else None
                if (
                    tok.low in lexicon.BLOCKED_SURNAMES
                    and not tok.blocked_phrase
                    and not inside_taken(tok)
                    and left is not None
                    and left.state
                    and left.via != "propagate"
                    and adjacent(i - 1, i)
                ):
                    accept(tok, "adjacent")
                    changed = True
                continue
            if tok.key is not None and not tok.amb and mode != "normal":
                if neigh and len(tok.low) >= 3:
                    accept(tok, "adjacent")  # "MOHAMMAD REZA TAVAKOLI"
                    changed = True
                continue
            if (
                mode == "lower"
                and tok.key is None
                and (
                    neigh
                    or _age_follows(t, tok.e, age_starts)
                    or _origin_follows(low_text, tok.e)
                    or RE_HUMAN_VERB_STRICT.match(t, tok.e) is not None
                )
                and len(tok.low) >= 3
                and not lexicon.is_common_any(tok.low)
                and tok.low not in _FUNCTION_WORDS
                and not _is_role_word(tok.low)
            ):
                accept(tok, "adjacent")  # "her friend jhon fredy"
                changed = True
                continue
            if tok.key is not None and tok.amb:
                if tok.low in _FUNCTION_WORDS:
                    continue
                if tok.low in _FUNCTION_AMBIGUOUS_SH and tok.sent_init and lang != "en":
                    right = toks[i + 1] if i + 1 < n else None
                    # a note does not start with "but": "Ali Abakar kaze ..." at the very
                    # start is a name; later in the note the neighbour must not be a
                    # given name ("Ali Marko nije dosao" = "but Marko did not come")
                    if not (
                        right is not None
                        and right.state
                        and right.cap
                        and adjacent(i, i + 1)
                        and (
                            i == 0
                            or right.key is None
                            or right.key not in lexicon.GIVEN_KEYS
                            or right.key in lexicon.SURNAME_KEYS
                        )
                    ):
                        continue  # "Ali, u kampu ..." / "Ali Marko nije dosao" is the conjunction
                coord_amb = any(
                    0 <= j < n
                    and toks[j].state
                    and toks[j].via != "unknown-context"
                    and _RX_COORD_AMB.fullmatch(_gap(t, toks, i, j))
                    for j in (i - 2, i - 1, i + 1, i + 2)
                )
                fn_amb = _FUNCTION_AMBIGUOUS_EN if lang == "en" else _FUNCTION_AMBIGUOUS_SH
                verb_amb = (
                    tok.low not in fn_amb
                    and lexicon.name_key(tok.low) == tok.key
                    and RE_HUMAN_VERB_STRICT.match(t, tok.e) is not None
                )
                if mode != "normal" and (tok.common or lexicon.is_common_any(tok.low)):
                    continue  # in an all-lower/upper note a dictionary word needs a cue
                if neigh or coord_amb or verb_amb or (tok.keys or _token_keys(tok.low)) & acc_keys:
                    accept(tok, "amb-support")
                    changed = True
                elif (
                    mode == "normal"
                    and not tok.sent_init
                    and not title_case_phrase(i)
                    and len(tok.low) >= 3
                ):
                    prev_low = toks[i - 1].low if i > 0 else ""
                    if tok.low in _EN_MONTHS_WORDS or prev_low in _ARTICLES:
                        continue
                    nxt = toks[i + 1] if i + 1 < n else None
                    if (
                        lang != "en"
                        and nxt is not None
                        and lexicon.name_key(tok.low) != tok.key
                        and not nxt.cap
                        and len(nxt.low) >= 4
                        and nxt.low[-1] == tok.low[-1]
                        and _RX_ONE_BLANK.fullmatch(t[tok.e : nxt.s])
                        and lexicon.is_common(nxt.low, lang)
                    ):
                        continue  # "za Novu godinu": an adjective agreeing with its noun
                    if prev_low in ("in", "at", "near", "u", "blizu", "to"):
                        continue  # "born in Aden": a place
                    if any(
                        0 <= j < n
                        and toks[j].cap
                        and (toks[j].amb or toks[j].common)
                        and not toks[j].state
                        and re.fullmatch(
                            r",[ \t]|[ \t](?:and|i|&|or|ili)[ \t]", _gap(t, toks, i, j)
                        )
                        for j in (i - 2, i - 1, i + 1, i + 2)
                    ):
                        continue  # "Hope, Faith and Grace": a list of words, not of people
                    accept(tok, "amb-midsentence")
                    changed = True
            elif tok.key is None:
                unknown_ok = (
                    tok.cap
                    and not tok.allcaps
                    and len(tok.low) >= 3
                    and not _is_role_word(tok.low)
                    and not tok.common
                    and not lexicon.is_common_any(tok.low)
                    and not _RE_NOT_PERSON_SHAPE.search(tok.low)
                    and not _RE_NOT_NAME_SUFFIX.search(tok.low)
                )
                if unknown_ok and mode == "normal":
                    prev_low = toks[i - 1].low if i > 0 else ""
                    gap_prev = t[toks[i - 1].e : tok.s] if i > 0 else ""
                    coord = any(
                        0 <= j < n
                        and toks[j].state
                        and re.fullmatch(
                            r",[ \t]|[ \t](?:and|i|&|или|ili|or)[ \t]|,[ \t](?:and|i)[ \t]",
                            _gap(t, toks, i, j),
                        )
                        for j in (i - 1, i + 1, i - 2, i + 2)
                    )
                    verb = (
                        bool(RE_HUMAN_VERB_AFTER.match(t, tok.e))
                        or bool(
                            _RE_VERB_BEFORE.search(low_text, max(0, tok.s - 30), tok.s)
                            and _RE_AFTER_SUBJECT.match(t, tok.e)
                        )
                        or _age_follows(t, tok.e, age_starts)
                        or _origin_follows(low_text, tok.e)
                    )
                    prep = (
                        prev_low in ("sa", "s")
                        and _RX_ONE_BLANK.fullmatch(gap_prev) is not None
                        and tok.low.endswith(("om", "em", "jem", "im"))
                    ) or (prev_low == "with" and not tok.sent_init)
                    if coord or verb or prep or _person_slot(t, toks, i, lang) or _subject_slot(
                        t, toks, i, lang
                    ):
                        accept(tok, "unknown-context")
                        changed = True
                        continue
                if mode != "normal" and not neigh:
                    continue
                if (tok.common or lexicon.is_common_any(tok.low)) and not (
                    neigh and tok.shape == 2
                ):
                    continue
                if len(tok.low) < 2:
                    continue
                if RE_ROLE_WORDS.fullmatch(tok.low):
                    continue  # "partnerkom", "brother": a cue word, not a name
                if neigh and (tok.cap or (mode != "normal" and tok.shape == 2)):
                    accept(tok, "adjacent")
                    changed = True
                elif tok.shape == 2 and not tok.sent_init and len(tok.low) >= 5:
                    accept(tok, "shape")
                    changed = True
                elif _token_keys(tok.low) & acc_keys and len(tok.low) >= 3:
                    accept(tok, "propagate")
                    changed = True

    # ---- lower-case words after a lower-case name found through a cue, in a
    # normally written note: "ime: alpha oumar diallo", "met olivier and eric"
    if mode == "normal":
        for i in range(1, n):
            tok, left = toks[i], toks[i - 1]
            if i >= 2 and left.low in ("and", "i", "or", "ili") and not left.state:
                left = toks[i - 2]  # "olivier and eric"
            if tok.state or tok.cap or tok.blocked or not left.state or left.cap:
                continue
            gap = t[left.e : tok.s]
            coord = _RX_COORD_AMB.fullmatch(gap) is not None
            if not (_RX_ADJ_GAP.fullmatch(gap) or coord):
                continue
            if tok.key is None:
                tok.key, exact = _lookup(tok.low)
                tok.common = lexicon.is_common(tok.low, lang)
                tok.amb = tok.key is not None and (tok.low in lexicon.AMBIGUOUS or not exact)
            unknown = (
                tok.key is None
                and not coord
                and left.via in ("cue", "role", "adjacent")
                and len(tok.low) >= 3
                and not lexicon.is_common_any(tok.low)
                and tok.low not in _FUNCTION_WORDS
                and not _is_role_word(tok.low)
            )
            # an ambiguous lexicon name continues a name only directly ("mamadou bah")
            amb_next = (
                tok.key is not None
                and not coord
                and tok.amb
                and left.via in ("cue", "role", "adjacent")
                and tok.low not in _FUNCTION_WORDS
                and not lexicon.is_common(tok.low, lang)
            )
            if (tok.key is not None and _plain_lower_name(tok, lang)) or unknown or amb_next:
                accept(tok, "adjacent")

    # ---- initials after a cue: "the client, J.M., was", "inicijali A.K."
    for m in RE_INITIALS.finditer(t):
        if (
            m.start() in naming_at
            or m.start() in role_at
            or RE_INITIALS_CUE.search(t[max(0, m.start() - 20) : m.start()])
        ):
            out.append(Cand(m.start(), m.end(), "NAME", P_NAME_CUE))
    # a single initial standing for a person before a verb: "L. is calmer this week"
    for m in _RE_INITIAL_SUBJECT.finditer(t) if "." in t else ():
        out.append(Cand(m.start(), m.end(), "NAME", P_NAME))

    # ---- propagation: every other occurrence of an accepted name
    acc_keys = set()
    for tok in toks:
        if tok.state:
            acc_keys |= tok.keys
    if acc_keys:
        for tok in toks:
            if tok.state or tok.blocked:
                continue
            lower_use = not tok.cap and mode == "normal"
            # a lower-case mention of a known name ("farshad" after "Farshad") is
            # redacted too, unless it is a dictionary word ("nada" = hope)
            if (mode != "normal" or lower_use) and (
                lexicon.is_common_any(tok.low) or len(tok.low) < 4
            ):
                continue
            if tok.low in _FUNCTION_WORDS or RE_ROLE_WORDS.fullmatch(tok.low):
                continue
            if tok.sent_init and lang != "en" and tok.low in _FUNCTION_AMBIGUOUS_SH:
                continue
            if _token_keys(tok.low) & acc_keys:
                accept(tok, "propagate")

    # ---- initials and particles glued to accepted names, then group
    accepted = [i for i, tk in enumerate(toks) if tk.state]
    if not accepted:
        return
    spans: list[list[int]] = []
    for i in accepted:
        tk = toks[i]
        s, e = tk.s, tk.e
        if spans and _joinable(t, spans[-1][1], s, toks):
            spans[-1][1] = e
            spans[-1][2] = max(spans[-1][2], _prio(tk))
        else:
            spans.append([s, e, _prio(tk)])
    for s, e, p in spans:
        # a title right before the name is redacted with it ("Ms. Okafor")
        mt = _RE_TITLE_BEFORE.search(t[max(0, s - 14) : s])
        if mt:
            s = s - (len(t[max(0, s - 14) : s]) - mt.start())
        # leading particle: "bin Hamad", "al Masri", "van Dijk"
        mp = _RE_PARTICLE_BEFORE.search(t, max(0, s - 6), s)
        if mp:
            s = mp.start()
        # leading initial: "A. Karimi"
        m = re.search(r"(?:\b[A-Z]\.\s?){1,3}$", t[max(0, s - 8) : s])
        if m:
            s = s - (len(t[max(0, s - 8) : s]) - m.start())
        # trailing initial: "Ahmed K."
        m2 = re.match(r"\s[A-Z]\.(?!\w)", t[e : e + 3])
        if (m2 and not re.match(r"\s[A-Z]\.\s+[A-Z][a-z]", t[e : e + 6])) or (
            m2 and e + 3 >= len(t)
        ):
            e = e + 3
        out.append(Cand(s, e, "NAME", p))


_RE_INSTITUTION_QUOTE = re.compile(
    r"\b(?:institut\w*|institute|zavod\w*|dom\w*\s+zdravlja|health\s+cent(?:re|er)|bolnic\w*|"
    r"hospital|klinik\w*|clinic|kbc|kc|ukc|skol\w*|school|gimnazij\w*|fakultet\w*|faculty|"
    r"centar\w*|centre|center|vrtic\w*|ustanov\w*|foundation|fondacij\w*|udruzenj\w*|"
    r"association|os|o\.s\.|ss|biblioteka|library|teatar|theatre|pozoriste|stadion|stadium|"
    r"ulic\w*|street|trg\w*|square|most|bridge|park\w*)\b[^\"\n]{0,40}?"
    r"\"(?P<q>[^\"\n]{2,60})\"",
    re.IGNORECASE,
)
# Serbian verb-subject order: "Pozvao nas je Kidanemariam", "Rekla je Zerbine",
# "Javio se Ngambi"
_RE_VERB_BEFORE = re.compile(
    r"\b[a-z]{2,}(?:ao|eo|io|la|li|le)[ \t]+(?:(?:nas|mu|joj|ga|me|se|im|vam|nam|mi)[ \t]+)?"
    r"(?:je|su|se)[ \t]+$|\b(?:je|su|se)[ \t]+[a-z]{2,}(?:ao|eo|io|la|li|le)[ \t]+$"
)
# what may follow a subject placed after its verb ("Pozvao nas je Kidanemariam, ...")
_RE_AFTER_SUBJECT = re.compile(
    r"[ \t]*(?:[,.;:!?)]|$)|[ \t]+(?:[A-Z]|(?:da|i|iz|sa|kako|jer|ali|a|juce|danas|sinoc)\b)"
)
_RE_ROUTE_GAP = re.compile(r"[ \t]*(?:>|->|=>|→|-|/|,)[ \t]*")
_RE_PARTICIPLE_AFTER = re.compile(r"[ \t]+[a-z]{2,}(?:ao|eo|io|uo|la|le|li|lo)\b")


def _is_route_place(tok: Tok) -> bool:
    low = tok.low
    return low in lexicon.BIG_PLACES or lexicon.place_stem(low) in lexicon.BIG_PLACE_STEMS


def _route_neighbour(t: str, toks: list[Tok], i: int) -> bool:
    """A word between big places on a route: "Istanbul > Sofia > Dimitrovgrad"."""
    if not toks[i].cap or _is_route_place(toks[i]):
        return False
    arrows = 0
    places = 0
    for j in (i - 1, i + 1):
        if 0 <= j < len(toks):
            a, b = (toks[j], toks[i]) if j < i else (toks[i], toks[j])
            gap = t[a.e : b.s]
            if _RE_ROUTE_GAP.fullmatch(gap):
                arrows += ">" in gap or "→" in gap
                places += _is_route_place(toks[j])
    return arrows >= 1 and places >= 1


def _plain_lower_name(tok: Tok, lang: str) -> bool:
    """A lower-case word that can only be a name: a lexicon name (not through an
    inflection of a dictionary word) that is not a word of the note's language."""
    low = tok.low
    return (
        len(low) >= 3
        and not tok.amb
        and low not in _FUNCTION_WORDS
        and low not in lexicon.AMBIGUOUS
        and not lexicon.is_common(low, lang)
        and not (lang == "en" and low in lexicon.COMMON_EN)
        and low not in lexicon.COMMON_SH
        and not RE_ROLE_WORDS.fullmatch(low)
        and not _inflected_common(low)
    )


@lru_cache(maxsize=65536)
def _inflected_common(low: str) -> bool:
    """A case form of a Serbian dictionary word ("lekove" of "lek"), which must not
    be read as a case form of a name ("Leka")."""
    return any(
        b != low and len(b) >= 3 and b in lexicon.COMMON_SH for b in lexicon.candidate_bases(low)
    )


_RE_PARTICLE_BEFORE = re.compile(
    r"(?<![\w'])(?:bin|ibn|bint|binti|abu|al|el|ben|van|von|ul|ud)[ \t]$", re.IGNORECASE
)


_RE_PLURAL_PARTICIPLE = re.compile(r"[a-z]{3,}(?:li|le)$")
_RE_PLURAL_AUX_AFTER = re.compile(r"[ \t]+(?:su|smo|ste|nisu|nismo)\b")
_RE_ARABIC_PREFIXED = re.compile(r"(?:Al|El|Abu|Abd|Bin|Ibn|Bint)-[A-Z][a-z]{2,}")
_RE_AGE_GAP = re.compile(r"[ \t]*(?:,|-|:)?[ \t]*")
_RE_ORIGIN_AFTER = re.compile(
    r"[ \t]+(?:from|iz|(?:je|is|was|je\s+bio|je\s+bila)(?:[ \t]+(?:a|an))?)[ \t]+([a-z]+)"
)


def _age_follows(t: str, e: int, age_starts: frozenset[int]) -> bool:
    """An age right after the word: "Moataz, 31, Libyan", "Seydou (20)"."""
    if not age_starts:
        return False
    g = _RE_AGE_GAP.match(t, e)
    return g is not None and (g.end() in age_starts or (e + 1 in age_starts and t[e] == " "))


def _origin_follows(low_text: str, e: int) -> bool:
    """ "X from Venezuela", "X iz Sirije", "X je Kurd", "X is Syrian": a person's origin."""
    m = _RE_ORIGIN_AFTER.match(low_text, e)
    if m is None:
        return False
    w = m.group(1)
    return w in lexicon.BIG_PLACES or lexicon.place_stem(w) in lexicon.BIG_PLACE_STEMS


_ARTICLES = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "no",
    "any",
    "some",
}
_EN_MONTHS_WORDS = {"may", "june", "april", "august", "march"}
_RE_TITLE_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|prof|gospodin|gospodja|gdin|gdja|g-din|g-dja|gdjica)\.?[ \t]?$"
    r"|\b(?:md|mohd|muhd)\.[ \t]?$",
    re.IGNORECASE,
)
_TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "madam",
    "gospodin",
    "gospodja",
    "gdin",
    "gdja",
}


def _is_title_word(low: str) -> bool:
    return low in _TITLES


def _gap(t: str, toks: list[Tok], i: int, j: int) -> str:
    a, b = (toks[i], toks[j]) if i < j else (toks[j], toks[i])
    return t[a.e : b.s]


def _prio(tok: Tok) -> int:
    return P_NAME_CUE if tok.via in ("cue", "role") else P_NAME


def _joinable(t: str, prev_end: int, s: int, toks: list[Tok]) -> bool:
    gap = t[prev_end:s]
    if _RX_JOIN_GAP.fullmatch(gap):
        return True
    # lower-case particles: "Abdul Rahman al Hassan", "Zia ul Haq", "bin Laden"
    m = _RX_PARTICLE_GAP.fullmatch(gap)
    return bool(m and m.group(1).lower() in _PARTICLES)


# --------------------------------------------------------------------------
# the person slot: an unknown capitalised word in the middle of a sentence
# --------------------------------------------------------------------------
# In a normally written note a capitalised word in mid-sentence that is no
# dictionary word, no place, no organisation and no nationality is, in these
# notes, nearly always a person: "Obecali smo Nkemu", "Od Kouadioa nemamo
# vesti", "we gave Tshibanda the form".  The slot is closed after place
# prepositions ("in Aden", "iz Kunduza"), after articles and possessives
# ("the Dublin procedure"), after words that name an institution, a business
# or a street ("hotel X", "ulica X"), and inside title-case phrases whose other
# words are ordinary words ("Open Mind Centre").
_RE_ACRONYM_INFLECTED = re.compile(r"(?=(?:[^-]*[A-Z]){2})[A-Za-z0-9]+-[a-z]{1,4}")
# nationality nouns and adjectives by their shape ("Irakinka", "Koordinacionog",
# "Uskrsnjih"): only for words that are in no list
_RE_NOT_NAME_SUFFIX = re.compile(
    r"(?:og|oj|ih|kinja|kinje|kinji|kinju|kinjom|anka|anke|anki|anku|inka|inke|inki|inku|"
    r"janin|anin|ijac|ijca|ijcu|ijka|ijke|ijci|ijski|ijska|ijske|ijsko|"
    r"(?:arn|aln|ivn|icn|sk|ck)(?:a|i|o|e|u|om|oj|im|ih|og|oga|ome|ima))$"
)
_PLACE_PREPS = frozenset(
    [
        "in", "at", "from", "near", "via", "through", "into", "towards", "toward",
        "across", "around", "outside", "inside", "between", "reached", "crossed", "entered",
        "u", "iz", "na", "do", "kroz", "preko", "blizu", "ka", "ke", "pored", "iza", "ispred",
        "izmedju", "oko", "ispod", "iznad", "nadomak", "okolini", "okolina", "predgradju",
    ]
)  # fmt: skip
_RE_MOTION = re.compile(
    r"(?:go|goes|going|went|gone|move|moves|moved|moving|travel\w*|return\w*|came|come|comes|"
    r"walk\w*|deported|transferred|relocated|fled|flew|drove|taken|brought|sent|pushed|way|"
    r"trip|route|bus|train|train|ticket|tickets|road|border|flight|arrived|relocat\w*|back)"
)
_NOT_PERSON_BEFORE = frozenset(
    [
        "hotel", "hotela", "hotelu", "hostel", "hostela", "hostelu", "restoran", "restorana",
        "restaurant", "cafe", "kafic", "kafica", "kaficu", "kafe", "firma", "firmi", "firme",
        "firmu", "company", "kompanija", "kompaniji", "organizacija", "organizacije",
        "organizaciji", "organization", "organisation", "udruzenje", "udruzenja", "udruzenju",
        "app", "aplikacija", "aplikaciji", "aplikaciju", "bar", "klub", "kluba", "klubu", "club",
        "market", "marketa", "marketu", "shop", "prodavnica", "prodavnici", "radnja", "radnji",
        "agencija", "agency", "street", "ulica", "ulici", "ulicu", "ul", "bulevar", "bulevaru",
        "trg", "trgu", "square", "selo", "sela", "selu", "village", "grad", "grada", "gradu",
        "town", "city", "reka", "reke", "river", "planina", "mountain", "camp", "kamp", "kampa",
        "kampu", "centar", "centra", "centru", "center", "centre", "brand", "marka", "platform",
        "platforma", "platformi", "projekat", "projekta", "project", "program", "programa",
        "fond", "fonda", "fund", "fondacija", "foundation", "mreza", "mreze", "network",
        "festival", "festivala", "film", "filma", "book", "knjiga", "song", "pesma", "magazin",
        "portal", "portala", "sajt", "sajta", "site", "website", "group", "grupa", "grupe",
        "grupi", "the", "a", "an", "this", "that", "these", "those", "ovaj", "ova", "ovo",
    ]
)  # fmt: skip


# two capitals in a row: an acronym or an organisation ("ILGA-Europe", "TGEU-u")
_RE_TWO_CAPS = re.compile(r"[A-Z]{2}")
_NOT_PERSON_AFTER = frozenset(
    [
        "camp", "camps", "kamp", "kampa", "kampu", "centre", "center", "centar", "centra",
        "centru", "city", "village", "province", "district", "region", "river", "mountain",
        "street", "road", "avenue", "hotel", "hostel", "restaurant", "cafe", "mosque",
        "dzamija", "dzamiji", "church", "crkva", "crkvi", "school", "skola", "skoli",
        "hospital", "bolnica", "bolnici", "clinic", "klinika", "klinici", "office", "prison",
        "zatvor", "zatvoru", "airport", "aerodrom", "aerodromu", "station", "stanica",
        "stanici", "market", "park", "parku", "square", "bridge", "most", "mostu", "project",
        "projekat", "program", "foundation", "fondacija", "fund", "fond", "festival", "app",
        "group", "grupa", "network", "mreza", "university", "univerzitet", "faculty",
        "fakultet", "institute", "institut", "organization", "organisation", "association",
        "udruzenje", "company", "firma", "shop", "prodavnica", "street", "ulica", "ulici",
    ]
)  # fmt: skip


def _cap_ordinary_neighbour(t: str, toks: list[Tok], i: int, lang: str) -> bool:
    """A capitalised ordinary word right next to token ``i`` (a title-case phrase)."""
    for j in (i - 1, i + 1):
        if not 0 <= j < len(toks):
            continue
        nb = toks[j]
        a, b = (nb, toks[i]) if j < i else (toks[i], nb)
        if not _RX_ADJ_GAP.fullmatch(t[a.e : b.s]) or not nb.cap or nb.state:
            continue
        if nb.low in _FUNCTION_WORDS or (j < i and nb.sent_init and lang != "en"):
            continue
        if nb.key is not None and not nb.common:
            continue  # another name: "Kwame Boateng"
        if nb.common or nb.blocked or lexicon.is_common_any(nb.low) or nb.allcaps:
            return True
    return False


def _person_slot(t: str, toks: list[Tok], i: int, lang: str) -> bool:
    """True when unknown capitalised token ``i`` stands where a person's name stands."""
    tok = toks[i]
    if tok.sent_init or tok.allcaps or len(tok.low) < 3 or i == 0:
        return False
    prev = toks[i - 1]
    gap = t[prev.e : tok.s]
    if "\n" in gap or any(ch in gap for ch in '"“”„()[]/'):
        return False
    if prev.low in _PLACE_PREPS or prev.low in _NOT_PERSON_BEFORE or prev.low in _ARTICLES:
        return False
    if prev.low == "to" and (
        i < 2 or _RE_MOTION.fullmatch(toks[i - 2].low) or toks[i - 2].low in ("back", "way")
    ):
        return False  # "moved to Kovilj", "pushed back to ..."; but "gave the form to Tsegereda"
    if i >= 2 and toks[i - 2].low in _NOT_PERSON_BEFORE and prev.cap:
        return False  # "hotel Royal Palas"
    if lexicon.place_stem(tok.low) in lexicon.PLACE_FIRST or _RE_NOT_NAME_SUFFIX.search(tok.low):
        return False
    if _ordinary_family(tok.low) or _RE_TWO_CAPS.search(tok.text):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.low in _NOT_PERSON_AFTER and _RX_ADJ_GAP.fullmatch(t[tok.e : nxt.s]):
        return False  # "Kakuma camp", "Bajrakli mosque"
    if (
        lang != "en"
        and nxt is not None
        and not nxt.cap
        and len(nxt.low) >= 4
        and nxt.low[-1] == tok.low[-1]
        and _RX_ONE_BLANK.fullmatch(t[tok.e : nxt.s])
        and lexicon.is_common(nxt.low, lang)
    ):
        return False  # "Humanitarna organizacija": an adjective agreeing with its noun
    return not _cap_ordinary_neighbour(t, toks, i, lang)


# a sentence-initial unknown word followed by a clitic, an auxiliary or a verb
# that takes a person: "Wubshetu treba lekar", "Nkemdilim ne odgovara",
# "Tshiamalenga smo dali kartu"
_RE_CLAUSE_AFTER = re.compile(
    r"[ \t]+(?:smo|sam|ste|si|je|su|nije|nisu|nismo|ne|treba|trebaju|trebalo|ima|nema|nemaju|"
    r"mu|joj|ga|ju|im|se|ce|hoce|nece|zeli|moli|moze|mora|dolazi|dobija|prima|salje|pise|zove|"
    r"jos|opet|vec|uvek|stalno|takodje|"
    r"is|was|has|had|does|did|doesn't|didn't|will|won't|can|can't|cannot|could|couldn't|"
    r"needs|wants|says|said|asked|called|came|went|must|should|would|still|also|again|never)\b"
)


def _subject_slot(t: str, toks: list[Tok], i: int, lang: str) -> bool:
    """A sentence-initial unknown word that a clause about a person follows."""
    tok = toks[i]
    if not tok.sent_init or tok.allcaps or len(tok.low) < 5:
        return False
    if lexicon.place_stem(tok.low) in lexicon.PLACE_FIRST or _RE_NOT_NAME_SUFFIX.search(tok.low):
        return False
    if _RE_WORD_SHAPE.search(tok.low) or (lang != "en" and _RE_SH_WORD_SHAPE.search(tok.low)):
        return False
    if _ordinary_family(tok.low):
        return False
    return _RE_CLAUSE_AFTER.match(t, tok.e) is not None


_ENDINGS = ("a", "o", "i", "e", "u", "og", "om", "oj", "ih", "im")


@lru_cache(maxsize=65536)
def _ordinary_family(low: str) -> bool:
    """True when another case form of ``low`` is a dictionary word: "Sledeca"
    (sledeci), "Novogodisnju" (novogodisnji), "Bezbedan" (bezbedni), or when a
    hyphenated word is made of dictionary or blocked words ("Drop-In", "Mon-Fri")."""
    if "-" in low:
        parts = low.split("-")
        return all(lexicon.is_common_any(p) or p in lexicon.BLOCKED for p in parts if p)
    stems = set()
    vowels = "aeiou"
    if len(low) >= 6 and low[-2] in "ae" and low[-1] not in vowels and low[-3] not in vowels:
        stems.add(low[:-2] + low[-1])  # fleeting a: bezbedan -> bezbedn-
    for b in lexicon.candidate_bases(low):
        if len(b) >= 5 and b[-1] in vowels:
            stems.add(b[:-1])
    return any(
        len(st) >= 4 and (st + x) != low and (st + x) in lexicon.COMMON_SH
        for st in stems
        for x in _ENDINGS
    )


# ordinary words by their shape (for words that are in no dictionary list):
# English derivations, Serbian participles and verbal nouns ("Razgovarano",
# "Pobegla", "Rociste", "Saslusanje")
_RE_WORD_SHAPE = re.compile(r"(?:ing|ed|ness|ship|ure|ery|ics|ies|ism|ist|able|ible|ful|less)$")
_RE_SH_WORD_SHAPE = re.compile(
    r"(?:ao|eo|io|uo|la|lo|li|le|ano|eno|jeno|ato|uto|iste|nje|anje|enje|ost|stvo|ski|ska|sko|"
    r"ovan|ovana|ovani|ovano|[aeiu]t[aoie]|[ae]n[aoie]|"
    r"cki|cka|cko|ovati|ivati|ati|iti|eti|uje|uju|amo|emo|imo|ate|ete|ite)$"
)
