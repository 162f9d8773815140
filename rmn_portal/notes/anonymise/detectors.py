"""Pattern detectors.  All of them run on the shadow text (see shadow.py).

Each detector yields :class:`Cand` objects in *shadow* coordinates.  The
``prio`` field decides overlaps (higher wins, then longer, then earlier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from stdnum import iban as _iban

from . import lexicon
from .shadow import Shadow, lower_compile


@dataclass
class Cand:
    s: int
    e: int
    kind: str
    prio: int
    extra: object = None  # region for PLACE, age for AGE


# priorities (higher wins on overlap)
P_EMAIL = 100
P_URL = 95
P_ID_STRONG = 90
P_PHONE = 80
P_HANDLE = 75
P_DATE = 70
P_ID_WEAK = 65
P_AGE = 60
P_ADDRESS = 55
P_PLACE = 50
P_NAME_CUE = 45
P_NAME = 40

_IC = re.IGNORECASE

# --------------------------------------------------------------------------
# EMAIL
# --------------------------------------------------------------------------
RE_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w@])"
)
RE_EMAIL_OBF = re.compile(
    r"(?<![\w.])[A-Za-z0-9._%+-]+\s?(?:\[at\]|\(at\)|\{at\}|\[@\]|\(@\))\s?[A-Za-z0-9-]+"
    r"(?:\s?(?:\[dot\]|\(dot\)|\{dot\}|\[\.\]|\.)\s?[A-Za-z0-9-]+)+",
    _IC,
)

# --------------------------------------------------------------------------
# URL
# --------------------------------------------------------------------------
_TLDS = (
    "com|org|net|info|io|me|rs|ba|hr|mk|al|si|xk|de|at|uk|eu|ly|gl|to|co|tv|app|gg|link|page|"
    "site|online|xyz|ru|ua|tr|ir|af|pk|gov|edu|int|biz|ch|fr|it|nl|be|se|no|dk|fi|pl|cz|sk|hu|"
    "ro|bg|gr|es|pt|ie|us|ca|au|in|bd|ng|cm|eg|ma|dz|tn|sy|iq|lb|jo|ly|am|ge|az|by|kz|uz|cu|"
    "ws|cc|ai|fm|ms|bit|tk|ml|ga|cf|pw|club|live|news|blog|shop|store|space|website|tech|"
    "one|top|art|dev|social|chat|lgbt|gay|ngo|ong|foundation|fund|help|health|care|zone"
)
RE_URL_SCHEME = re.compile(r"(?<![\w@])(?:https?://|ftp://|www\d?\.)[^\s<>\"'\]\[{}|\\^`]+", _IC)
RE_URL_BARE = re.compile(
    r"(?<![\w@.\-/])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _TLDS + r")(?![\w@-])"
    r"(?::\d{2,5})?(?:/[^\s<>\"'\]\[{}|\\^`]*)?",
    _IC,
)
_TRAIL = ".,;:!?)»\"'"

# --------------------------------------------------------------------------
# HANDLE
# --------------------------------------------------------------------------
RE_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?(?![\w@])")
_PLATFORMS = (
    r"instagram|insta|ig|telegram|tg|facebook|fejsbuk|fb|tiktok|tik\s?tok|twitter|x\.com|snapchat|snap|"
    r"signal|whatsapp|whats\s?app|viber|grindr|hornet|romeo|planetromeo|tinder|bumble|discord|"
    r"skype|threads|vk|vkontakte|reddit|youtube|linkedin|messenger|imo|line|wechat|twitch|onlyfans|"
    r"mastodon|bluesky|kik|wickr|session|element"
)
RE_PLATFORM_HANDLE = re.compile(
    r"\b(?P<plat>" + _PLATFORMS + r")(?:u|a|om|e)?"
    r"(?:\s+(?:handle|username|user\s?name|user|nick(?:name)?|name|profile|profil[a-z]*|account|acc|"
    r"nalog[a-z]*|ime|korisnicko\s+ime|id|adresa))?"
    r"(?P<sep>\s*[:=]\s*|\s*-\s+|"
    r"(?:\s+(?:she|he|they|ona|on|oni|the\s+client|klijent\w*))?"
    r"(?:\s+(?:is|je|su|as|kao|pod\s+imenom|under|under\s+the\s+name|"
    r"pod\s+nadimkom|nadimak|handle|username|goes\s+by|uses|koristi)){1,2}\s+|\s+)"
    r"(?P<q>[\"'“”‘’«»]?)(?P<at>@?)(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.\-]{1,29}[A-Za-z0-9_])?)",
    _IC,
)
_HANDLE_STOP = {
    "about",
    "and",
    "the",
    "to",
    "a",
    "an",
    "for",
    "with",
    "from",
    "or",
    "but",
    "that",
    "this",
    "is",
    "was",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "it",
    "his",
    "her",
    "their",
    "group",
    "groups",
    "chat",
    "call",
    "calls",
    "message",
    "messages",
    "messaged",
    "account",
    "profile",
    "u",
    "na",
    "sa",
    "da",
    "je",
    "su",
    "se",
    "od",
    "do",
    "za",
    "ali",
    "pa",
    "te",
    "koji",
    "koja",
    "grupa",
    "grupi",
    "grupu",
    "poruku",
    "poruke",
    "poziv",
    "pozvao",
    "pozvala",
    "in",
    "on",
    "at",
    "by",
    "via",
    "as",
    "of",
    "not",
    "no",
    "also",
    "too",
    "only",
    "app",
    "number",
    "broj",
    "nalog",
    "profil",
    "ih",
    "mu",
    "joj",
    "im",
    "nam",
    "me",
    "once",
    "again",
    "yesterday",
    "today",
    "juce",
    "danas",
    "sutra",
    "tomorrow",
    "if",
    "when",
    "after",
    "before",
    "pre",
    "posle",
    "nakon",
    "kada",
    "ako",
    "him",
    "them",
    "us",
    "our",
    "my",
    "your",
    "has",
    "had",
    "have",
    "did",
    "does",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "ima",
    "nema",
    "moze",
    "mozemo",
    "jer",
    "kako",
    "sto",
    "sta",
    "nije",
    "bio",
    "bila",
    "post",
    "posts",
    "story",
    "stories",
    "photo",
    "photos",
    "video",
    "videos",
    "slike",
    "sliku",
    "live",
    "dm",
    "dms",
    "link",
    "contact",
    "kontakt",
    "web",
    "page",
    "stranica",
    "stranicu",
}

# --------------------------------------------------------------------------
# PHONE
# --------------------------------------------------------------------------
RE_PHONE_CAND = re.compile(
    # first group: country code (possibly glued to the area code: "0038163 555 0901"),
    # trunk-prefixed area code or a plain group; then groups separated by spaces,
    # dots, dashes or slashes (also " / ") or directly after a bracket
    r"(?<![\w+/.-])(?:(?:\+|00)\s?\(?\d{1,9}\)?|\(?0\d{0,4}\)?|\d{2,4})"
    r"(?:(?:[ \t]{0,2}[./-][ \t]{0,2}|[ \t]{1,2}|(?<=\))|(?=\())\(?\d{1,8}\)?){1,6}(?![\w])"
    r"|(?<![\w+/.-])(?:\+|00)?\d{7,15}(?!\w)"
)
PHONE_REGIONS = (
    "RS",
    "BA",
    "ME",
    "MK",
    "AL",
    "XK",
    "HR",
    "SI",
    "AF",
    "IR",
    "IQ",
    "SY",
    "PK",
    "TR",
    "MA",
    "DZ",
    "TN",
    "LY",
    "EG",
    "NG",
    "CM",
    "SO",
    "ER",
    "RU",
    "UA",
    "BD",
    "IN",
    "GB",
    "DE",
    "AT",
    "US",
    "GR",
    "BG",
    "HU",
    "IT",
    "FR",
    "CH",
    "SE",
    "NL",
    "LB",
    "JO",
    "SD",
    "ET",
    "GH",
    "CU",
)
RE_PHONE_CUE = re.compile(
    r"(?:\b(?:tel|telefon\w*|phone\w*|mob|mobile|mobil\w*|cell\w*|gsm|broj\s+telefona|phone\s+number|"
    r"number|broj|kontakt\w*|contact\w*|viber|whats\s?app|signal|telegram|call|called|calling|"
    r"pozvati|pozovite|pozvao|pozvala|zvati|zvao|zvala|sms|text|texted|poruk\w*|fax|faks|"
    r"hotline|linija)\b|\btel\.|☎|📞)[\s.:#-]*(?:\w+\s*){0,3}[:\s-]*$",
    _IC,
)

# --------------------------------------------------------------------------
# ID numbers
# --------------------------------------------------------------------------
RE_13 = re.compile(r"(?<![\d\w])\d{13}(?![\d\w])")
RE_JMBG_CUE = re.compile(
    r"\b(?:jmbg|emso|maticn\w*\s+broj\w*|personal\s+(?:identification\s+)?number|personal\s+no)\b"
    r"[\s.:#-]*(?P<n>\d[\d ]{11,16}\d)",
    _IC,
)
_ID_CUES = (
    r"passport|passports|pasos\w*|putovnic\w*|travel\s+document|putn\w*\s+isprav\w*|"
    r"licn\w*\s+kart\w*|licna|osobn\w*\s+iskaznic\w*|iskaznic\w*|legitimacij\w*|identity\s+card|"
    r"id\s+card|id-card|ident\w*\s+(?:card|number|no)|id|ids|lk|jmbg|emso|"
    r"case|cases|file|ref|reference|registration|reg|registracij\w*|registarsk\w*|evidencij\w*|"
    r"evidencion\w*|predmet\w*|spis\w*|resenj\w*|rjesenj\w*|odluk\w*|decision|potvrd\w*|certificate|"
    r"certifikat\w*|uverenj\w*|dokument\w*|document|unhcr|progres|asylum|azil\w*|intention|namer\w*|"
    r"residence\s+permit|permit|dozvol\w*|boravk\w*|boravisn\w*|kartic\w*|card|iban|account|racun\w*|"
    r"ticket|serial|serijsk\w*|application|zahtev\w*|zahtjev\w*|claim|appeal|zalb\w*|tuzb\w*|"
    r"police\s+report|prijav\w*|zapisnik\w*|record|medical\s+record|karton\w*|insurance|osiguranj\w*|"
    r"lbo|zk|broj|no|nr|number|br|hn|ref\.?\s?no"
)
RE_ID_CUE = re.compile(
    r"\b(?:" + _ID_CUES + r")\b\.?"
    r"(?:[\s:#.,-]*(?:no|nr|num|number|br|broj|id|card|kartice|karte|is|je|glasi|case|file|reg|ref|"
    r"seeker|application|certificate|potvrde|dokumenta|document|issued|izdat|izdata|serial|"
    r"individual|registration|code|sifra|na|the|her|his|their|njen|njegov|of|o|od|za|for|"
    r"pod|under|nmbr|num|holder|tracking|intention|namere|azil|azila|asylum|zahteva|zahtjeva|"
    r"unhcr|progres|#)\b\.?){0,4}"
    r"(?:\s*\([^()\n]{1,30}\))?"
    r"[\s:#=.-]*(?P<tok>(?:[A-Z]{1,3}\s(?=\d{4,}|\d{1,6}[/-]\d))?(?=[A-Za-z0-9/.\-]*\d)[A-Za-z0-9]"
    r"(?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){2,30})",
    _IC,
)
# a cue word, a few more words, then a colon: "Broj lične karte za strance: 004478123",
# "Passport of the partner: N1234567", "Registration number at the police station: 12-34/24"
RE_ID_CUE_BEFORE_COLON = re.compile(
    r"\b(?:" + _ID_CUES + r")\b\.?(?:[ \t]+[A-Za-z]+\.?){1,4}[ \t]*$", _IC
)
RE_ID_AFTER_COLON = re.compile(
    r"[ \t]*(?P<tok>(?:[A-Z]{1,3}\s(?=\d{4,}|\d{1,6}[/-]\d))?(?=[A-Za-z0-9/.\-]*\d)[A-Za-z0-9]"
    r"(?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){2,30})"
)
_RE_COLON = re.compile(r"[:#=]")


_RE_STREET_BEFORE = re.compile(
    r"\b(?:ul\.|ulic\w*|bul\.|bulevar\w*|blvd|trg\w*|rruga|rr\.|street|avenue|road|adres\w*|"
    r"address)[^.;:\n]{0,45}$"
)


def _id_cue_colon(t: str):
    """Matches of <cue word> <1-4 words> ':' <token with a digit>."""
    for cm in _RE_COLON.finditer(t):
        m = RE_ID_AFTER_COLON.match(t, cm.end())
        if m and RE_ID_CUE_BEFORE_COLON.search(t, max(0, cm.start() - 60), cm.start()):
            yield m


RE_UNHCR = re.compile(r"(?<![\w-])\d{3}-\d{2}[A-Z]\d{5}(?![\w-])|(?<![\w-])\d{3}-\d{8}(?![\w-])")
RE_DOCNO = re.compile(r"(?<![\w-])[A-Z]{1,3}\s?\d{6,9}(?![\w-])")
RE_IBAN = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,4})?(?![\w])")
RE_LONGNUM = re.compile(r"(?<![\w+.,/-])\d{2,}(?:[-/]\d+){0,4}(?![\w.,/-]?\d)")
RE_CODE = re.compile(
    r"(?<![\w-])(?=[A-Z0-9/-]*\d)(?=[A-Z0-9/-]*[A-Z])[A-Z0-9]{2,}(?:[-/][A-Z0-9]+){1,4}(?![\w-])"
)

# --------------------------------------------------------------------------
# DATE
# --------------------------------------------------------------------------
_MONTHS_EN = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTHS_SH = {
    "januar": 1,
    "januara": 1,
    "januaru": 1,
    "februar": 2,
    "februara": 2,
    "februaru": 2,
    "mart": 3,
    "marta": 3,
    "martu": 3,
    "april": 4,
    "aprila": 4,
    "aprilu": 4,
    "maj": 5,
    "maja": 5,
    "maju": 5,
    "jun": 6,
    "juna": 6,
    "junu": 6,
    "juni": 6,
    "jul": 7,
    "jula": 7,
    "julu": 7,
    "juli": 7,
    "avgust": 8,
    "avgusta": 8,
    "avgustu": 8,
    "august": 8,
    "augusta": 8,
    "septembar": 9,
    "septembra": 9,
    "septembru": 9,
    "oktobar": 10,
    "oktobra": 10,
    "oktobru": 10,
    "novembar": 11,
    "novembra": 11,
    "novembru": 11,
    "decembar": 12,
    "decembra": 12,
    "decembru": 12,
    "sijecanj": 1,
    "sijecnja": 1,
    "veljaca": 2,
    "veljace": 2,
    "ozujak": 3,
    "ozujka": 3,
    "travanj": 4,
    "travnja": 4,
    "svibanj": 5,
    "svibnja": 5,
    "lipanj": 6,
    "lipnja": 6,
    "srpanj": 7,
    "srpnja": 7,
    "kolovoz": 8,
    "kolovoza": 8,
    "rujan": 9,
    "rujna": 9,
    "listopad": 10,
    "listopada": 10,
    "studeni": 11,
    "studenoga": 11,
    "studenog": 11,
    "prosinac": 12,
    "prosinca": 12,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "avg": 8,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
    "jan": 1,
}
MONTHS = {**_MONTHS_EN, **_MONTHS_SH}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ROMAN = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
_ORD_EN = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    r"thirty[- ]first"
)
_ORD_SH = (
    r"prv(?:og|i|a|e)|drug(?:og|i|a|e)|trec(?:eg|i|a|e)|cetvrt(?:og|i|a|e)|pet(?:og|i|a|e)|"
    r"sest(?:og|i|a|e)|sedm(?:og|i|a|e)|osm(?:og|i|a|e)|devet(?:og|i|a|e)|deset(?:og|i|a|e)|"
    r"jedanaest(?:og|i|a|e)|dvanaest(?:og|i|a|e)|trinaest(?:og|i|a|e)|cetrnaest(?:og|i|a|e)|"
    r"petnaest(?:og|i|a|e)|sesnaest(?:og|i|a|e)|sedamnaest(?:og|i|a|e)|osamnaest(?:og|i|a|e)|"
    r"devetnaest(?:og|i|a|e)|dvadeset(?:og|i|a|e)|dvadeset\s+(?:prv|drug|trec|cetvrt|pet|sest|"
    r"sedm|osm|devet)(?:og|i|a|e)|trideset(?:og|i|a|e)|trideset\s+prv(?:og|i|a|e)"
)
_Y = r"(?:1[89]\d\d|20\d\d)"
_Y2 = r"(?:\d\d)"
RE_DATE_NUM = re.compile(
    r"(?<![\w.,/-])(?P<a>\d{1,2})\s?(?P<sep>[./-])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<y>"
    + _Y
    + r"|"
    + _Y2
    + r")"
    r"(?:\s?\.(?!\d))?(?![\w/-]|\.\d)(?:\s(?:godine|god\.)(?!\w))?"
)
RE_DATE_ISO = re.compile(
    r"(?<![\w./-])"
    + _Y
    + r"\s?[-./]\s?(?:0?[1-9]|1[0-2])\s?[-./]\s?(?:0?[1-9]|[12]\d|3[01])\.?(?![\w/-]|\.\d)"
)
RE_DATE_DM = re.compile(r"(?<![\w.,/:-])(?P<a>\d{1,2})\.\s?(?P<b>\d{1,2})\.(?![\w/-]|\d|\s?\d)")
# "15.03" (zero-padded month, no final dot) and "12/03" after a weekday or a date word
RE_DATE_DM2 = re.compile(
    r"(?<![\w.,/:-])(?P<a>[0-3]\d)\.(?P<b>0[1-9]|1[0-2])(?![\w.,/:-]|\s?(?:h\b|sati|casova|eur|km|kg|%|"
    r"din|rsd|m\b|mm|cm|kn|km\b|mg|ml|g\b|l\b|kcal|percent|posto|procen))"
)
_RE_NUMBERED_BEFORE = re.compile(
    r"(?:tacka|tac\.|clan|cl\.|stav|article|art\.|section|paragraph|point|par\.|version|verzija|"
    r"v\.|table|tabela|chapter|poglavlje|no\.|br\.)\s*$",
    _IC,
)
RE_DATE_SLASH_DM = re.compile(
    r"(?i:\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|pon|uto|sre|cet|pet|sub|ned|on|dated|date|datum|dana|since|until|od|do|"
    r"deadline|rok)\.?,?)\s+(?P<d>(?P<a>\d{1,2})/(?P<b>\d{1,2}))(?![\w/.-]?\d)"
)
# "07/03", "12/03" with a zero-padded day or month: a date even without a date word
RE_DATE_SLASH_PADDED = re.compile(
    r"(?<![\w.,/:-])(?:0[1-9]/(?:0[1-9]|1[0-2])|(?:[12]\d|3[01])/0[1-9])(?![\w/.:-]?\d|[\w%])"
)
RE_DATE_TEXT = re.compile(
    r"(?<![\w])(?:(?:the\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th|-?(?:og|ga|i|eg|ceg|mog|tog|ti|vi|gi|ci|mi))?"
    r"\.?\s*"
    r"(?:of\s+|-)?(?P<m1>"
    + _MONTH_RE
    + r")\b\.?"
    r"(?:[\s,-]*(?P<y1>" + _Y + r")\b\.?(?:\s?(?:godine|god\.|g\.|year))?)?"
    r"|(?P<m2>" + _MONTH_RE + r")\b\.?\s*(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?![.:]\d)"
    r"(?:,?\s*(?P<y2>" + _Y + r")\b)?"
    r"|(?:the\s+)?(?P<o1>"
    + _ORD_EN
    + r"|"
    + _ORD_SH
    + r")\s+(?:of\s+|dana\s+)?(?P<m3>"
    + _MONTH_RE
    + r")\b"
    r"(?:[\s,]*(?P<y3>" + _Y + r")\b\.?)?"
    r"|(?P<d4>\d{1,2})\.\s?(?P<r4>" + _ROMAN + r")(?:\.?\s?(?P<y4>" + _Y + r")\b\.?|\.(?![\w.]))"
    r")",
    _IC,
)
_DOB_CUE = (
    r"(?:born|birth|dob|d\.o\.b\.?|date\s+of\s+birth|b\.|rodjen\w*|rodjena|datum\s+rodjenja|"
    r"godiste|godista|god\.\s?rodj\.?|godina\s+rodjenja|year\s+of\s+birth|yob|rodj\.|r\.)"
)
RE_YEAR_GR = re.compile(r"(?<![\w.])(?:19|20)\d\d\.?\s?(?:g\.\s?r\.|god\.\s?rodj\.|godiste)", _IC)
RE_DOB_YEAR = re.compile(
    r"\b" + _DOB_CUE + r"[\s:,-]*(?:(?:in|on|u|je|sam|si|su|is|was|:)\s*){0,2}"
    r"(?:(?:the\s+)?(?:year\s+)?)?"
    r"(?P<d>(?:(?:"
    + _MONTH_RE
    + r")\.?\s+)?"
    + r"(?:"
    + _Y
    + r"|'\d\d)\.?(?:\s?(?:godine|god\.|g\.))?)(?![\w/.-]?\d)",
    _IC,
)
RE_TIME_BEFORE = re.compile(
    r"(?:\bat|\bu|\bod|\bdo|\baround|\boko|\bby|\buntil|\bfrom|\bbetween|\bizmedju|\bin)\s*$", _IC
)
RE_TIME_AFTER = re.compile(r"^\s?(?:h\b|[ -]?(?:am|pm|sati|sat|casova|cas|hrs|hours|min|h))", _IC)

# --------------------------------------------------------------------------
# AGE
# --------------------------------------------------------------------------
_NUM_EN = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUM_SH = {
    "jedan": 1,
    "jedna": 1,
    "dva": 2,
    "dve": 2,
    "dvije": 2,
    "tri": 3,
    "cetiri": 4,
    "pet": 5,
    "sest": 6,
    "sedam": 7,
    "osam": 8,
    "devet": 9,
    "deset": 10,
    "jedanaest": 11,
    "dvanaest": 12,
    "trinaest": 13,
    "cetrnaest": 14,
    "petnaest": 15,
    "sesnaest": 16,
    "sedamnaest": 17,
    "osamnaest": 18,
    "devetnaest": 19,
    # colloquial and Croatian spoken forms
    "jedanajst": 11,
    "dvanajst": 12,
    "trinajst": 13,
    "cetrnajst": 14,
    "petnajst": 15,
    "sesnajst": 16,
    "sedamnajst": 17,
    "osamnajst": 18,
    "devetnajst": 19,
    "dvajst": 20,
    "dvadest": 20,
    "dvaes": 20,
    "dvajes": 20,
    "trijes": 30,
    "dvadeset": 20,
    "trideset": 30,
    "cetrdeset": 40,
    "pedeset": 50,
    "sezdeset": 60,
    "sedamdeset": 70,
    "osamdeset": 80,
    "devedeset": 90,
    "jednu": 1,
    "jednog": 1,
    # Macedonian (shadow spelling)
    "eden": 1,
    "edna": 1,
    "sedum": 7,
    "osum": 8,
    "edinaeset": 11,
    "dvanaeset": 12,
    "trinaeset": 13,
    "cetirinaeset": 14,
    "petnaeset": 15,
    "sesnaeset": 16,
    "sedumnaeset": 17,
    "osumnaeset": 18,
    "devetnaeset": 19,
    "dvaeset": 20,
    "trieset": 30,
    "cetirieset": 40,
    "seeset": 60,
    "sedumdeset": 70,
    "osumdeset": 80,
}
_TENS_EN = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_EN = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_EN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_NUMW_EN = (
    r"(?:(?:"
    + _TENS_EN
    + r")(?:[- ](?:"
    + _UNITS_EN
    + r"))?|"
    + _TEENS_EN
    + r"|"
    + _UNITS_EN
    + r")"
)
_TENS_SH = (
    "dvadeset|trideset|cetrdeset|pedeset|sezdeset|sedamdeset|osamdeset|devedeset|"
    "dvaeset|trieset|cetirieset|seeset|sedumdeset|osumdeset|dva(?:jst|dest|jes|es)|trijes"
)
_TEENS_SH = (
    "jedanaest|dvanaest|trinaest|cetrnaest|petnaest|sesnaest|sedamnaest|osamnaest|devetnaest|"
    "edinaeset|dvanaeset|trinaeset|cetirinaeset|petnaeset|sesnaeset|sedumnaeset|osumnaeset|"
    "devetnaeset|deset|"
    # colloquial and spoken Croatian forms, last so that they cost little
    "(?:jedan|dva|tri|cetr|pet|ses|sedam|osam|devet)najst"
)
_UNITS_SH = (
    "jedan|jedna|jednu|jednog|dva|dve|dvije|tri|cetiri|pet|sest|sedam|osam|devet|"
    "eden|edna|sedum|osum"
)
_NUMW_SH = (
    r"(?:(?:"
    + _TENS_SH
    + r")(?:\s+i)?(?:\s+(?:"
    + _UNITS_SH
    + r"))?|"
    + _TEENS_SH
    + r"|"
    + _UNITS_SH
    + r")"
)
_N = r"(?P<n>\d{1,2}(?!\d)|" + _NUMW_EN + r"|" + _NUMW_SH + r")"
# Serbian/Croatian/Bosnian "godina/godine/godinu", Macedonian "godini"; "40-ak" = about 40
_GOD = r"godin[aeiu]"
_APPROX = (
    r"(?:approx\.?|approximately|about|around|circa|ca\.?|cca\.?|oko|otprilike|cirka|priblizno)"
)

RE_AGE = re.compile(
    r"(?<![\w.,/])(?:"
    # 24-year-old, 24 years old, 24 y.o., 24yo, twenty-four-year-old
    r"(?P<a1>" + _N.replace("P<n>", "P<n1>") + r"[\s-]*(?:years?|yrs?)[\s-]*(?:old|of\s+age)\b"
    r"|" + _N.replace("P<n>", "P<n2>") + r"\s?(?:y\.\s?o\.|y/o|yo|yrs\.?\s?old)(?![\w])"
    # aged 24, age 24, age: 24, at the age of 24, age of 24
    r"|\b(?:aged|age|ages|at\s+the\s+age\s+of|at\s+age|age\s+of)(?:[\s:=]|\s-\s)*"
    r"(?:"
    + _APPROX
    + r"\s*)?"
    + _N.replace("P<n>", "P<n3>")
    + r"\b(?!\s*(?:%|percent|hours|days|months|weeks|minutes))"
    r"(?:\s*(?:years?(?:\s+old)?|godin[aeiu]))?"
    # Serbian: 24-godisnji/a, 24-godisnjak
    r"|"
    + _N.replace("P<n>", "P<n4>")
    + r"\s?-?\s?(?:o|to|go)?-?godisnj(?:i|a|e|eg|ega|em|emu|oj|om|u|ak|akinja|akinje|akinji|"
    r"akinju|akinjom|aka|aku|akom|aci|ake|acima|im|ih|ima)\b"
    r"|(?P<n5>\d{1,2})\s?-?\s?(?:god\.|g\.)(?=\s*[,);]|\s*$|\s+(?:iz|from|sa|with|[a-z]))"
    # Russian / Ukrainian: "34 goda", "31 god", "25 let", "29 rokiv"
    r"|(?P<n20>\d{1,2})\s+(?:goda|god|let|rokiv|roky|rik)(?!\w)"
    r"))",
    _IC,
)
# Serbian forms that need a word of their own (checked only when it occurs)
RE_AGE_SH_WORD = re.compile(
    # one word: "osamnaestogodisnjakinja", "dvadesetpetogodisnji"
    r"\b(?:(?P<cw>(?:dvadeset|trideset|cetrdeset|pedeset|sezdeset|sedamdeset)?"
    r"(?:jedno|dvo|tro|cetvoro|peto|sesto|sedmo|osmo|deveto|devet|deseto|jedanaesto|"
    r"dvanaesto|trinaesto|cetrnaesto|petnaesto|sesnaesto|sedamnaesto|osamnaesto|devetnaesto)?)"
    r"o?godisnj(?:i|a|e|eg|ega|em|emu|oj|om|u|ak|akinja|akinje|akinji|akinju|akinjom|aka|aku|"
    r"akom|aci|ake|im|ih)\b"
    # "u 24. godini (zivota)"
    r"|\bu\s+(?P<n14>\d{1,2})\.\s+godini(?:\s+zivota)?\b"
    # "napunio je 18", "napunila 18"
    r"|\bnapuni(?:o|la|ce|ti)\s+(?:je\s+)?(?:vec\s+|tek\s+|upravo\s+)?(?P<n15>\d{1,2})"
    r"(?=\s*[.,;)]|\s*$|\s+(?:u|in|last|prosl\w*|pre|prije|ago|this|ove|ovog)\b)"
    r")",
    _IC,
)
RE_AGE_SH_CUE = re.compile(
    r"\b(?:ima|imala|imao|imace|imat\w*|star|stara|staro|stari|stare|starosti|starost|uzrast\w*|"
    r"napunio|napunila|napunice|puni|od|sa|s|u\s+dobi\s+od|dobi\s+od|dob|dobi|age|aged|"
    r"with|is|was|turned|turns|turning|just|about|around|oko|tek|nepunih|punih|"
    r"has|mladic\w*|devojk\w*|djevojk\w*|zen\w*|muskar\w*|dete|dijete|decak\w*|djecak\w*)"
    r"(?:\s+(?:je|su|joj|mu|samo|tek|oko|skoro|nepunih|punih|svega))?(?:\s*:\s*|\s+)"
    + _N.replace("P<n>", "P<n6>")
    + r"(?:\s?-?\s?t?ak)?\s+(?P<unit>godin[aeiu]|god\.|g\.|godinu)"
    r"(?:\s+(?:star\w*|zivota))?(?![\w])"
    r"(?!\s+(?:u\s+srbiji|u\s+bih|ovde|ovdje|iskustv|radnog|zatvor|staza|pre|prije|kasnije|unazad))",
    _IC,
)
RE_AGE_SH_STAR = re.compile(
    r"(?<![\w.,/])"
    + _N.replace("P<n>", "P<n11>")
    + r"\s+(?:godin[aeiu]|god\.)\s+(?:star[aoi]?|starosti)\b"
    r"|\b(?:mu|joj|im|vam|ti|mi)\s+(?:je|su|ce\s+biti|bese|bilo\s+je)\s+"
    + _N.replace("P<n>", "P<n12>")
    + r"\s+(?:godin[aeiu]|god\.)(?![\w])",
    _IC,
)
RE_AGE_EN_IS = re.compile(
    r"\b(?:she|he|they|client|who|and|girlfriend|boyfriend|partner|brother|sister|son|daughter|wife|"
    r"husband|friend|mother|father|child|boy|girl|woman|man|cousin|fiance|fiancee|nephew|niece)"
    r"(?:\s+(?:is|was|turned|turns|is\s+now|was\s+just|just\s+turned|will\s+be|is\s+only|"
    r"was\s+only|is\s+almost|is\s+about)|'s)\s+"
    + _N.replace("P<n>", "P<n7>")
    + r"(?![\w.,:/-]\d)(?!\s*(?:%|percent|hours?|hrs|days?|weeks?|months?|minutes?|min|euros?|eur|"
    r"dinars?|rsd|km|kg|times|people|persons|clients|cm|m\b|o'clock|am\b|pm\b|h\b|minutes|"
    r"floors?|rooms?|beds?|kilometers?|kilometres?|metres?|meters?|years?\s+(?:in|here|ago|of\s+(?!age))))",
    _IC,
)
RE_AGE_NAME_IS = re.compile(
    r"(?<![\w])(?!(?:Article|Room|Page|Section|Chapter|Clan|Tacka|Stav|Level|Floor|Grade|It|This|That|There|Which|What)\b)"
    r"[A-Z][a-z]+\s+(?:is|was|is\s+now|turned|just\s+turned)\s+(?P<n10>\d{1,2})"
    r"(?=\s*[.,;)]|\s+(?:and|but|i|a)\b|\s*$)"
)
RE_AGE_LIST = re.compile(
    r"\b(?:aged|ages|age|stare|stari|stara|star|starosti|uzrasta|od|imaju|have|are)(?:\s*:\s*|\s+)"
    r"(?P<nums>\d{1,2}(?:\s*(?:,|and|i|ili|or|&|-|–)\s*\d{1,2})+)"
    r"(?:\s+(?:years?(?:\s+old)?|godin[aeiu]|god\.))?"
    r"(?=[\s.,;)]|$)(?!\s*(?:,|and|i|ili|or|&|-|–)\s*\d)"  # the whole list, not a prefix of it
    r"(?!\s*(?:%|hours?|days?|months?|weeks?|dana|sati|meseci|mjeseci|nedelja|puta|times|eur|din))",
    _IC,
)
RE_AGE_PAREN = re.compile(
    r"(?<=[A-Za-z]) ?\(\s*(?:" + _APPROX + r"\s*)?(?P<n8>\d{1,2})\s*"
    r"(?:y\.?o\.?|yrs?|y\.?|god\.?|g\.|godin[aeiu]|years?(?:\s+old)?)?\s*\)"
)
# "(19, from Kharkiv)": only the number is replaced, the brackets stay
RE_AGE_PAREN_FIRST = re.compile(
    r"(?<=[A-Za-z]) ?\(\s*(?P<n16>\d{1,2}(?:\s*(?:y\.?o\.?|yrs?|god\.|g\.))?)\s*,\s*(?=[A-Za-z])"
)
# "Armenian, 33." "(UKR), 45, HIV+" "(Turkish, 29)"
RE_AGE_COMMA = re.compile(
    r"(?<=[A-Za-z)]),\s(?P<n9>\d{1,2})(?=,\s|\s*\)|\s*[;.](?:\s|$)|\s*$)", re.MULTILINE
)
# apposition with a unit: "Hamid, 28 godina, iz Irana", "Salma, dvadeset sedam godina,"
RE_AGE_APPOS = re.compile(
    r"(?<=[A-Za-z)],\s)"
    + _N.replace("P<n>", "P<n17>")
    + r"\s+(?:godin[aeiu]|god\.|years?\s+old)(?=\s*[,;.)]|\s*$)",
    _IC,
)
# two ages sharing one unit: "25 i 27 godina", "19 and 23 years old"
RE_AGE_PAIR = re.compile(
    r"(?<![\w.,/])(?P<a>\d{1,2})\s*(?:,|i|and|&)\s*"
    r"(?P<b>\d{1,2})\s+(?P<u>godin[aeiu]|god\.|years?\s+old)(?![\w])"
    r"(?!\s+(?:u\s+srbiji|u\s+bih|ovde|ovdje|iskustv|radnog|zatvor|staza|pre|prije|kasnije|"
    r"unazad|ago|here|in\b))",
    _IC,
)
# "one 19 and one 23", "jedna od 19 i druga od 23 godine"
RE_AGE_ONE_OTHER = re.compile(
    r"\b(?:one|jedan|jedna|jedno|prvi|prva)\s+(?:(?:is|od|aged)\s+)?"
    + _N.replace("P<n>", "P<a>")
    + r"(?:\s+(?:godin[aeiu]|years?\s+old))?\s*(?:,|and|i|a|,\s*and|,\s*a)\s+"
    r"(?:the\s+other|another|other|one|druga|drugi|drugo|jedna|jedan|jedno)\s+"
    r"(?:(?:is|od|aged)\s+)?"
    + _N.replace("P<n>", "P<b>")
    + r"(?P<u>\s+(?:godin[aeiu]|years?\s+old))?(?=\s*[,;.)]|\s*$|\s+(?:and|i|a|asked|traz\w*)\b)",
    _IC,
)
# elliptic ages after a person word: "Ima 23, a partner 25."  "brat 19, sestra 17"
RE_AGE_PERSON_NUM = re.compile(
    r"(?:(?:^|(?<=[.!?\n]\s)|(?<=[.!?\n]))Ima|\b(?:klijent|klijentkinja|partner|partnerka|brat|sestra|"
    r"muz|zena|sin|cerka|kcerka|decko|devojka|djevojka|momak|mladic|supruga?|suprug))"
    r"(?:\s+(?:ima|je))?\s+(?P<n18>\d{1,2})(?=\s*[,;.)](?:\s|$)|\s*$)",
    re.MULTILINE,
)
# a claimed age: "says 18", "claims he is 17", "tvrdi da ima 17", "kaze da je punoletan, 18"
# interview transcripts: "Q: How old are you? A: nineteen", "Koliko imas godina? - 19."
RE_AGE_QUESTION = re.compile(
    r"\b(?:how\s+old\s+(?:are\s+you|is\s+(?:he|she|the\s+\w+)|were\s+you)|your\s+age|"
    r"koliko\s+(?:imas|imate|ima|si\s+star\w*|ste\s+star\w*|je\s+star\w*)(?:\s+godina)?)"
    r"\s*\?\s*(?:[-:]\s*|[a-z]{1,8}\s*:\s*)?(?:i\s+am\s+|i'm\s+|imam\s+)?"
    + _N.replace("P<n>", "P<n>")
    + r"(?:\s+(?:years?(?:\s+old)?|godin[aeiu]))?\b",
    _IC,
)
# "a man of about forty", "zena od oko 30 godina" (the latter also via RE_AGE_SH_CUE)
RE_AGE_OF_ABOUT = re.compile(
    r"\b(?:man|woman|boy|girl|person|guy|lady|men|women|someone|somebody)\s+of\s+"
    r"(?:about\s+|around\s+|approximately\s+|roughly\s+|maybe\s+)?"
    + _N.replace("P<n>", "P<n>")
    + r"(?:\s+years?(?:\s+old)?)?\b(?!\s*(?:%|percent|people|persons|men|women|euros?|eur))",
    _IC,
)
# form fields: "godine: 22", "starost: 31", "Age - 24", "vozrast: 19"
RE_AGE_FIELD = re.compile(
    r"(?:^|(?<=[\n;|,]))[ \t]*[-*\u2022]?[ \t]*(?:godine|godina|god\.|starost|uzrast|dob|vozrast|"
    r"age|years|yrs)[ \t]*[:=][ \t]*(?P<n>\d{1,2})(?![\w.,/:-]\d)",
    _IC | re.MULTILINE,
)
RE_AGE_CLAIM = re.compile(
    r"\b(?:says|say|said|claims|claimed|states|stated|declares|declared|kaze|rekao|rekla|tvrdi|tvrdio|"
    r"tvrdila|navodi|navodio|navela)\s+(?:(?:that\s+)?(?:he|she|they)\s+(?:is|was|are)\s+|"
    r"(?:da\s+)?(?:ima|je|mu\s+je|joj\s+je)\s+)?(?:only\s+|samo\s+|tek\s+)?"
    + _N.replace("P<n>", "P<n>")
    + r"(?=\s*[.,;)?!\n]|\s*$)",
    _IC,
)
RE_AGE_IMA_BARE = re.compile(r"\bima\s+" + _N + r"(?=\s*[.;,)](?:\s|$)|\s*$)", _IC)
_RE_DURATION_BEFORE = re.compile(
    r"\b(?:izmedju|between|pre|prije|za|for|tokom|nakon|posle|poslije|after|within|in|last|"
    r"proteklih|poslednjih|posljednjih|od\s+pre|past)\s+$",
    _IC,
)
# continuation after an age already found: "eric is 27, olivier 30", "24, a Omid 19"
RE_AGE_NEXT = re.compile(
    r"(?:\s*(?:godin[aeiu]|years?\s+old))?(?:\s*[,;]\s*(?:(?:and|i|a|while|dok)\s+)?|"
    r"\s+(?:and|i|a|while|dok)\s+)"
    r"(?:(?:his|her|their|the|njen\w*|njegov\w*|njihov\w*)\s+)?[A-Za-z]{2,}(?:[ \t]+[A-Za-z]{2,})?"
    r"(?:\s+(?:je|is|ima|was|has))?\s+"
    + _N.replace("P<n>", "P<n19>")
    + r"(?P<u>\s*(?:godin[aeiu]|years?(?:\s+old)?))?(?=\s*[.,;)\n]|\s*$)",
    _IC,
)

# --------------------------------------------------------------------------
# ADDRESS
# --------------------------------------------------------------------------
_CAPW = r"(?:\"?[A-Z][A-Za-z'\-]*\.?\"?|\d{1,2}\.|[a-z]{1,3}\.?)"
# house number: 12, 12a, 5/3, 8-2/14, 15/II, bb
_HOUSE = (
    r"(?:\d{1,4}[a-zA-Z]?(?:\s?[/-]\s?(?:\d{1,4}[a-zA-Z]?|[IVX]{1,4}(?![a-z]))){0,2}"
    r"|b\.?\s?b\.?|bb)(?![\w])"
)
# a number followed by a unit is a quantity, not a house number
_NOT_HOUSE = (
    r"(?!\s*(?:godin|year|%|ljud|people|person|osob|dan|day|put|time|sat|hour|minut|mesec|mjesec|"
    r"month|nedelj|sedmic|week|eur|din|rsd|km|kg|klijent|client|deca|djeca|children|dece|djece|"
    r"brat|bra[ck]|sestr|puta|mesta|mjesta|soba|kreveta|beds?|rooms?|"
    r"porodic|famil|muskar|zen[aeu]|men\b|women))"
)
# word between a street name and its number: "Partizanska br. 12", "Shyri, Nr. 45",
# "Rruga e Kavajes, Pallati 12"
_NUMWORD = (
    r"(?:\s*,?\s*(?i:br\.|broj|nr\.?|no\.?|pallati|zgrada|zgrade|objekat|building)\s*|\s*,?\s*)"
)
# flat, floor, entrance ...: "stan 4", "ap. 5", "Shkalla 2, Ap. 8", "3rd floor", "ulaz B"
_APT = (
    r"(?:\s*,?\s*(?i:stan|st\.|sprat|apartment|apartman|apt\.?|app?\.?|flat|ulaz|lamela|kat|floor|"
    r"shkalla|shk\.|kati|hyrja|vlez|entrance|unit)\s*(?i:br\.\s*|no\.\s*|nr\.\s*)?"
    r"(?:\d{1,3}[a-zA-Z]?|[A-D]\b)"
    r"|\s*,?\s*\d{1,2}(?:st|nd|rd|th|\.)?\s+(?i:floor|sprat|kat)\b)*"
)
_POSTCODE = r"(?:\s*,\s*\d{5}\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?"
_STREET_CUE = (
    r"ul\.|ulic[aeiou]m?|ulici|ulicu|bul\.|bulevar\w*|blvd\.?|trg\w*|sokak\w*|sokace|"
    r"setaliste|obala|obali|kej|naselje|naselju|nas\.|put|putu|carsija|carsiji|cesta|cesti|prolaz|"
    r"vijenac|venac|sokace|trg\.|str\.|avenija|aveniji|avenue|cikma\w*|"
    # Albanian (Albania, Kosovo, North Macedonia): rruga/rr. street, bulevardi, sheshi square
    r"rruga|rruge|rr\.|rrugica|bulevardi|blv\.|sheshi|lagjja|lagja|lagjen"
)
RE_ADDR_SH = re.compile(
    r"\b(?i:"
    + _STREET_CUE
    + r")\s*(?:(?:"
    + _CAPW
    + r"|[a-z]{2,})\s+){0,4}?(?:"
    + _CAPW
    + r"|[a-z]{4,})"
    + _NUMWORD
    + _HOUSE
    + _NOT_HOUSE
    + _APT
    + _POSTCODE,
    re.UNICODE,
)
_STREET_TITLE = (
    r"(?:Kralja|Kraljice|Cara|Carice|Kneza|Kneginje|Kneginjice|Vojvode|Despota|Svetog|Svete|Sv\.|"
    r"Patrijarha|Episkopa|Generala|Djenerala|Admirala|Majora|Kapetana|Narodnog|Narodnih|Braće|Brace|"
    r"Bulevar|Trg|Marsala|Maršala|Hajduk|Dr|Doktora|Vladike|Cvijete|Gospodara|Mose|Nikole|Save|Vuka)"
)
RE_ADDR_TITLE = re.compile(
    r"(?<![\w])"
    + _STREET_TITLE
    + r"\s+(?:[A-Za-z][a-z]+\.?\s+){0,2}[A-Z][A-Za-z]+"
    + _NUMWORD
    + _HOUSE
    + _NOT_HOUSE
    + _APT
    + _POSTCODE
)
# streets named after a person, both words in the genitive: "Gavrila Principa 41",
# "Nikole Tesle 5", "Vuka Karadžića 12", "Svetozara Markovića 3"
RE_ADDR_PERSON = re.compile(
    r"(?<![\w])[A-Z][a-z]{2,}[ae]\s+[A-Z][a-z]{2,}(?:a|e|ica|ca)\s+(?:br\.\s*)?"
    + _HOUSE
    + _NOT_HOUSE
    + _APT
)
# adjective street names, also in the locative: "Nemanjina 4", "u Kosovskoj 12",
# "Nemanjina, broj 12"
RE_ADDR_SUFFIX = re.compile(
    r"(?<![\w])(?:(?:[A-Z][A-Za-z'\-]*\.?|\d{1,2}\.)\s+){0,3}"
    r"(?P<w>[A-Z][a-z]+(?:ska|cka|ova|eva|ina|ica|ceva|skoj|ckoj|ovoj|evoj|inoj|ici|cevoj))"
    r"(?:\s+(?:br\.\s*|broj\s+|nr\.\s*)?|\s*,\s*(?:br\.|broj|nr\.?)\s*)"
    + _HOUSE
    + _NOT_HOUSE
    + _APT
    + _POSTCODE
)
RE_ADDR_EN = re.compile(
    r"(?<![\w])(?:(?:apt\.?|flat|unit)\s*\d+[A-Za-z]?,?\s*)?\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][A-Za-z'\-]*\.?\s+){1,4}"
    r"(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Square|Sq\.?|Way|Drive|Dr\.|"
    r"Place|Pl\.|Court|Ct\.?|Terrace|Close|Crescent|Highway|Hwy|Row|Parade)(?![\w])"
    r"(?:\s*,?\s*(?:apt\.?|apartment|flat|unit|floor)\s*\d{1,3}[A-Za-z]?)*"
    r"|(?<![\w])(?:[A-Z][A-Za-z'\-]*\s+){1,3}(?:Street|Road|Avenue|Boulevard|Square|Lane)\s+(?:no\.?\s*)?\d{1,4}[A-Za-z]?(?![\w])"
)
# lower-case notes ("adresa: cara lazara 7", "zivi u jevrejskoj 24"): used only when
# almost nothing in the note is capitalised
RE_ADDR_LOWER = re.compile(
    r"\b(?:adres[aieu]|address|zivi\s+na|zivi\s+u\s+ulici|u\s+ulici|stanuje\s+na|lives\s+at)"
    r"(?:\s+(?:je|is|glasi|na|at))*[\s:]*(?P<a>[a-z][a-z\s.]{2,40}?\s" + _HOUSE + _NOT_HOUSE + r")"
    r"|\b(?:u|na|iz|kod|in|at)\s+(?P<b>[a-z]{3,}(?:skoj|ckoj|ovoj|evoj|inoj|cevoj|ska|cka|ova|eva|ina)"
    r"\s+(?:br\.\s*|broj\s+)?" + _HOUSE + _NOT_HOUSE + r")"
)
# where the house-number part of an address after a cue ends
_RE_HOUSE_IN_CUE = re.compile(
    r"(?<![\w])(?:\d{1,5}[a-zA-Z]?(?:\s?[/-]\s?(?:\d{1,4}[a-zA-Z]?|[IVX]{1,4}(?![a-z]))){0,2}"
    r"|b\.?\s?b\.?|bb)(?![\w])(?!\.\s*[A-Za-z])" + _APT + _POSTCODE
)
RE_ADDR_CUE = re.compile(
    r"\b(?i:address|adresa|adresi|adresu|adrese|adresom|lives\s+at|living\s+at|stays\s+at|staying\s+at|"
    r"moved\s+to|zivi\s+na|zivi\s+u\s+ulici|stanuje\s+na|stanuje\s+u|smestena\s+na|smesten\s+na|"
    r"prijavljen\w*\s+na|prijavljen\w*\s+u)\b"
    r"(?:\s+(?i:is|je|glasi|na|at|of|the|new|nova|novoj|nove|home|stalna|prebivalista|boravista))*"
    r"(?:(?:\s+[A-Za-z]+){1,2}?\s+(?i:is|je|glasi)\b)?"
    r"[\s:]*(?P<a>(?=[^.;\n]{0,60}?(?:\d|\bbb\b))[A-Z0-9][^;\n]{2,70}?)(?=\s*(?:[.;\n]\s|[.;\n]?$|\.\s*$|,\s+(?:and|i|a|but|ali|where|gde|gdje|which|koji|koja|with|sa)\b))",
)

# --------------------------------------------------------------------------
# PLACE
# --------------------------------------------------------------------------
RE_WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")
_LOC_PREP = {
    "u",
    "iz",
    "in",
    "at",
    "from",
    "near",
    "kod",
    "na",
    "to",
    "do",
    "blizu",
    "pored",
    "around",
    "oko",
    "okolini",
    "okolina",
    "via",
    "preko",
    "through",
    "kroz",
    "ka",
    "prema",
    "towards",
    "toward",
    "za",
    "outside",
    "inside",
    "van",
    "izvan",
}
_PLACE_CUE_WORDS = {
    "centre",
    "center",
    "centar",
    "centra",
    "centru",
    "centrom",
    "camp",
    "kamp",
    "kampa",
    "kampu",
    "village",
    "selo",
    "sela",
    "selu",
    "town",
    "gradic",
    "gradica",
    "gradicu",
    "varos",
    "municipality",
    "opstina",
    "opstini",
    "opcina",
    "opcini",
    "transit",
    "tranzitni",
    "prihvatni",
    "azilni",
    "reception",
    "asylum",
    "settlement",
    "naselje",
    "naselju",
    "mesto",
    "mestu",
    "mjesto",
    "mjestu",
    "facility",
    "objekat",
    "objektu",
    "sredisnji",
    "collective",
    "kolektivni",
}
RE_VILLAGE = re.compile(
    r"\b(?:village\s+of|village|town\s+of|hamlet\s+of|settlement\s+of|u\s+selu|iz\s+sela|selo|"
    r"sela|selu|u\s+zaseoku|zaselak|naselje|u\s+naselju|mestu|u\s+mestu|mjestu|u\s+mjestu|"
    r"gradicu|u\s+gradicu|gradic)\s+(?P<p>[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?)"
)


# lower-cased twins of the case-insensitive regexes that scan whole notes; they run
# on Shadow.lower without re.IGNORECASE, which is several times faster
_LC_PHONE_CUE = lower_compile(RE_PHONE_CUE)
_LC_ID_CUE = lower_compile(RE_ID_CUE)
_LC_DATE_TEXT = lower_compile(RE_DATE_TEXT)
_LC_AGE = lower_compile(RE_AGE)
_LC_AGE_SH_WORD = lower_compile(RE_AGE_SH_WORD)
_LC_AGE_SH_CUE = lower_compile(RE_AGE_SH_CUE)
_LC_AGE_SH_STAR = lower_compile(RE_AGE_SH_STAR)
_LC_AGE_EN_IS = lower_compile(RE_AGE_EN_IS)
_LC_AGE_APPOS = lower_compile(RE_AGE_APPOS)
_LC_AGE_LIST = lower_compile(RE_AGE_LIST)
_LC_AGE_PAIR = lower_compile(RE_AGE_PAIR)
_LC_AGE_ONE_OTHER = lower_compile(RE_AGE_ONE_OTHER)
_LC_AGE_IMA_BARE = lower_compile(RE_AGE_IMA_BARE)
_LC_AGE_CLAIM = lower_compile(RE_AGE_CLAIM)
_LC_AGE_QUESTION = lower_compile(RE_AGE_QUESTION)
_LC_AGE_OF_ABOUT = lower_compile(RE_AGE_OF_ABOUT)
_LC_AGE_FIELD = lower_compile(RE_AGE_FIELD)


def _strip_trailing(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _TRAIL:
        if text[e - 1] == ")" and "(" in text[s : e - 1]:
            break
        e -= 1
    return e


def find_emails(sh: Shadow, out: list[Cand]) -> None:
    for m in RE_EMAIL.finditer(sh.text):
        out.append(Cand(m.start(), m.end(), "EMAIL", P_EMAIL))
    for m in RE_EMAIL_OBF.finditer(sh.text):
        out.append(Cand(m.start(), m.end(), "EMAIL", P_EMAIL))


def find_urls(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    for rx in (RE_URL_SCHEME, RE_URL_BARE):
        for m in rx.finditer(t):
            s, e = m.start(), _strip_trailing(t, m.start(), m.end())
            if e - s < 4:
                continue
            out.append(Cand(s, e, "URL", P_URL))


RE_UNDERSCORE_HANDLE = re.compile(
    r"(?<![\w@./-])[A-Za-z0-9][A-Za-z0-9.]*_[A-Za-z0-9_.]*[A-Za-z0-9](?![\w@-])"
)
RE_PLATFORM_WORD = re.compile(r"\b(?:" + _PLATFORMS + r")(?:u|a|om|e)?\b", _IC)
_LC_PLATFORM_WORD = lower_compile(RE_PLATFORM_WORD)
RE_HANDLE_SHAPE = re.compile(
    r"(?<![\w@./-])(?=[A-Za-z0-9._]*[A-Za-z])(?=[A-Za-z0-9._]*\d)[A-Za-z][A-Za-z0-9._]{2,29}(?![\w@-])"
)


def find_handles(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    for m in RE_AT_HANDLE.finditer(t):
        out.append(Cand(m.start(), m.end(), "HANDLE", P_HANDLE))
    for m in RE_UNDERSCORE_HANDLE.finditer(t):
        out.append(Cand(m.start(), _strip_trailing(t, m.start(), m.end()), "HANDLE", P_HANDLE - 10))
    # letters+digits tokens within a few words after a platform name
    platform_words = list(_LC_PLATFORM_WORD.finditer(sh.lower))
    for pm in platform_words:
        window_end = min(len(t), pm.end() + 40)
        for m in RE_HANDLE_SHAPE.finditer(t, pm.end(), window_end):
            if re.search(r"[.!?\n]\s", t[pm.end() : m.start()]):
                break
            out.append(
                Cand(m.start(), _strip_trailing(t, m.start(), m.end()), "HANDLE", P_HANDLE - 10)
            )
            break
    for pm in platform_words:
        m = RE_PLATFORM_HANDLE.match(t, pm.start())
        if m is None:
            continue
        h = m.group("h")
        low = h.lower()
        if low in _HANDLE_STOP or not re.search(r"[A-Za-z]", h):
            continue
        sep = m.group("sep")
        strong_sep = bool(
            re.search(
                r"[:=]|\b(?:is|je|as|kao|imenom|name|nadimk\w*|nadimak|handle|username)\b", sep, _IC
            )
        )
        shape = bool(re.search(r"[_\d.]", h)) or bool(m.group("q")) or bool(m.group("at"))
        if not ((strong_sep and not lexicon.is_common_any(low)) or shape):
            continue
        if strong_sep and not shape and lexicon.is_common_any(low):
            continue
        s, e = m.start("h"), m.end("h")
        if m.group("at"):
            s = m.start("at")
        e = _strip_trailing(t, s, e)
        if t[e : e + 1] in ("/", ":") or "/" in t[s:e] or low.startswith("www."):
            continue  # "facebook.com/ali.reza", "IG: https://..." are URLs
        # "tiktok lejla.bg" is a handle even if it looks like a bare domain
        prio = P_URL + 1
        out.append(Cand(s, e, "HANDLE", prio))


@lru_cache(maxsize=4096)
def _phone_valid(digits: str, plus: bool) -> bool:
    try:
        if plus:
            num = phonenumbers.parse("+" + digits, None)
            return phonenumbers.is_possible_number(num)
        for region in PHONE_REGIONS:
            num = phonenumbers.parse(digits, region)
            if phonenumbers.is_valid_number(num):
                return True
    except phonenumbers.NumberParseException:
        return False
    return False


def _phone_shaped(raw: str) -> bool:
    """A candidate that is a valid international or national number on its own."""
    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if raw.startswith("00"):
        return 8 <= len(digits) - 2 <= 13 and _phone_valid(digits[2:], True)
    if raw.startswith("+"):
        return 8 <= len(digits) <= 13 and _phone_valid(digits, True)
    return digits.startswith("0") and 8 <= len(digits) <= 12 and _phone_valid(digits, False)


RE_DATE_THEN_TIME = re.compile(r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}\.?[\s,]")


def find_phones(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    for m in RE_PHONE_CAND.finditer(t):
        s, e = m.start(), m.end()
        raw = t[s:e]
        # do not swallow a trailing dot, separator or unbalanced bracket
        while e > s and not (t[e - 1].isdigit() or (t[e - 1] == ")" and "(" in t[s : e - 1])):
            e -= 1
        if t[s] == "(" and ")" not in t[s:e]:
            s += 1
        raw = t[s:e]
        digits = re.sub(r"\D", "", raw.replace("(0)", ""))
        nd = len(digits)
        if nd < 6 or nd > 15:
            continue
        # reject things that look like dates / decimals / years ranges
        if re.fullmatch(r"\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}", raw) or re.fullmatch(
            r"\d{4}[./-]\d{1,2}[./-]\d{1,2}", raw
        ):
            continue
        if re.fullmatch(r"(?:19|20)\d\d\s?[-/]\s?(?:19|20)?\d\d", raw):
            continue
        if RE_DATE_THEN_TIME.match(raw):
            continue  # a chat time stamp: "04.03.24. 08:15"
        cue = bool(_LC_PHONE_CUE.search(sh.lower[max(0, s - 40) : s]))
        plus = raw.startswith(("+", "00"))
        if raw.startswith("00"):
            digits = digits[2:]
        ok = False
        if plus:
            ok = _phone_valid(digits, True) or (cue and nd >= 8)
        elif digits.startswith("0"):
            ok = (
                _phone_valid(digits, False)
                or (cue and nd >= 7)
                or (nd in (9, 10) and digits[:2] == "06")
            )
        else:
            if (nd >= 11 and _phone_valid(digits, True)) or (cue and nd >= 7):
                ok = True
        if ok:
            out.append(Cand(s, e, "PHONE", P_PHONE))


def jmbg_valid(number: str) -> bool:
    """Checksum and date check of a Serbian / ex-Yugoslav JMBG (13 digits)."""
    d = re.sub(r"\D", "", number)
    if len(d) != 13:
        return False
    v = [int(c) for c in d]
    w = (7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    m = 11 - sum(a * b for a, b in zip(v[:12], w, strict=True)) % 11
    if m == 11:
        m = 0
    elif m == 10:
        return False  # numbers with remainder 1 are never issued
    if m != v[12]:
        return False
    day, month = int(d[0:2]), int(d[2:4])
    return 1 <= day <= 31 and 1 <= month <= 12


_RE_LEGAL_CITE = re.compile(
    r"(?:glasnik\w*|gazette|sluzbeni\w*|sl\.\s*(?:list|glasnik)|\blist\w*\s+(?:rs|srbije|bih|cg|fbih)|"
    r"\blaw\b|\bzakon\w*|\bact\b|\bdirective|\bregulation|\bpravilnik\w*|\buredb\w*|\bodluk\w*\s+o\b|"
    r"\bconvention|\bkonvencij\w*|\bresolution|\brezolucij\w*)[^;\n]{0,45}$",
    _IC,
)
_LC_LEGAL_CITE = lower_compile(_RE_LEGAL_CITE)


def find_ids(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    for m in RE_13.finditer(t):
        if jmbg_valid(m.group()):
            out.append(Cand(m.start(), m.end(), "ID", P_ID_STRONG + 2))
    for m in RE_JMBG_CUE.finditer(t):
        s, e = m.start("n"), m.end("n")
        out.append(Cand(s, e, "ID", P_ID_STRONG + 2))
    low = sh.lower
    for m in (*_LC_ID_CUE.finditer(low), *_id_cue_colon(t)):
        tok = m.group("tok")
        s, e = m.start("tok"), m.end("tok")
        e = _strip_trailing(t, s, e)
        tok = t[s:e].strip()
        digits = sum(c.isdigit() for c in tok)
        letters = sum(c.isalpha() for c in tok)
        if digits < 3 and not (digits >= 2 and letters >= 1):
            continue
        if re.fullmatch(r"(?:19|20)\d\d\.?", tok):
            continue  # a year after a cue word ("decision from 2023")
        if re.fullmatch(r"\d{1,2}-?(?:og|ga|eg|ceg|mog|tog|om|st|nd|rd|th)\.?", tok, _IC):
            continue  # an ordinal day ("za azil za 15-og marta")
        dm = re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})\2(?:\d{2}|\d{4})\.?", tok)
        if dm and (
            _valid_dm(int(dm.group(1)), int(dm.group(3)))
            or _valid_dm(int(dm.group(3)), int(dm.group(1)))
        ):
            continue  # a date
        cue = m.group(0)[: m.start("tok") - m.start()].lower()
        if _LC_LEGAL_CITE.search(low[max(0, m.start() - 60) : m.start()]):
            continue  # "Official Gazette No. 24/2018", "Zakon ... br. 12/20"
        generic = bool(
            re.fullmatch(r"(?:no|nr|number|br|broj|id)\b[\s.:#-]*(?:(?:je|is|glasi)\b[\s:]*)?", cue)
        )
        if generic and not re.search(r"[/-]", tok) and digits < 5:
            continue  # "broj 12" alone is too weak
        if generic and _RE_STREET_BEFORE.search(low, max(0, m.start() - 50), m.start()):
            continue  # "ul. Partizanska br. 8-2/14" is a house number
        if generic or re.search(
            r"\b(?:tel|phone|telefon|mob|viber|whatsapp)", t[max(0, m.start() - 30) : s], _IC
        ):
            dg = re.sub(r"\D", "", tok)
            if dg.startswith("0") and len(dg) >= 8 and _phone_valid(dg, False):
                continue  # "broj je 064/123-45-67" is a phone number
        pm = RE_PHONE_CAND.match(t, s)
        if pm and pm.end() > e and _phone_shaped(pm.group()):
            continue  # "Broj: 0038163 555 0901": the token is the start of a phone number
        out.append(Cand(s, e, "ID", P_ID_STRONG))
    for m in RE_UNHCR.finditer(t):
        out.append(Cand(m.start(), m.end(), "ID", P_ID_STRONG))
    for m in RE_DOCNO.finditer(t):
        out.append(Cand(m.start(), m.end(), "ID", P_ID_WEAK + 10))
    for m in RE_IBAN.finditer(t):
        if _iban.is_valid(m.group()):
            out.append(Cand(m.start(), m.end(), "ID", P_ID_STRONG))
    for m in RE_CODE.finditer(t):
        tok = m.group()
        if sum(c.isdigit() for c in tok) >= 4:
            out.append(Cand(m.start(), m.end(), "ID", P_ID_WEAK))
    for m in RE_LONGNUM.finditer(t):
        tok = m.group()
        if _LC_LEGAL_CITE.search(low[max(0, m.start() - 60) : m.start()]):
            continue
        digits = sum(c.isdigit() for c in tok)
        if digits >= 8 or (digits >= 6 and re.search(r"[-/]", tok)):
            if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", tok):
                continue
            out.append(Cand(m.start(), m.end(), "ID", P_ID_WEAK))


_MONTH_ABBR = frozenset(
    ["mar", "jun", "jul", "maj", "sep", "nov", "dec", "jan", "feb", "apr", "okt", "avg", "aug"]
)


def _valid_dm(d: int, m: int) -> bool:
    return 1 <= d <= 31 and 1 <= m <= 12


# Serbian/Croatian/Bosnian weekdays in the cases a date takes ("do petka 8-og", "u utorak 5-og")
_WEEKDAY_SH = (
    r"ponedeljak|ponedeljka|ponedjeljak|ponedjeljka|utorak|utorka|sreda|sredu|srede|srijeda|"
    r"srijedu|srijede|cetvrtak|cetvrtka|petak|petka|subota|subotu|subote|nedelja|nedelju|nedelje|"
    r"nedjelja|nedjelju|nedjelje"
)
_WEEKDAY = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|"
    r"fri|sat|sun|" + _WEEKDAY_SH
)
_ORD_SUFFIX = r"(?:st|nd|rd|th|-?(?:og|ga|eg|ceg|mog|tog|om|i)|-(?:ti|vi|gi|ci|mi))"
# a day without a month ("5th", "8-og", "13." before a word), tied to a weekday
# ("Monday the 5th", "Tue 20th", "petka 8-og", "u petak 13. je"), to a preposition
# ("on the 9th", "until the 21st", "do 15-og") or in brackets ("(the 8th)").
# The rare ordinal tokens are scanned first and the words before them checked.
RE_ORDINAL_DAY = re.compile(
    r"(?P<d>\d{1,2})(?P<suf>st|nd|rd|th|-?(?:og|ga|eg|ceg|mog|tog|om|i)|-(?:ti|vi|gi|ci|mi)"
    r"|\.(?=\s+[^\d\s]))(?![\w.:/-]?\d|\w)"
)
RE_WEEKDAY_END = re.compile(r"\b(?:" + _WEEKDAY + r")\.?,?\s+(?:(?:the|dana)\s+)?$")
RE_PREP_THE_END = re.compile(
    r"\b(?:on|by|until|till|from|since|before|after|for|of|to|around)\s+the\s+$"
)
# "left the 10th." - "the Nth" before a punctuation mark is a day too
RE_THE_END = re.compile(r"\bthe\s+$")
RE_PUNCT_AFTER = re.compile(r"\s*(?:[.;:!?)]|,(?!\s*\d)|$)")
RE_PREP_SH_END = re.compile(r"\b(?:od|do|za|dana|pre|posle|poslije|nakon|oko)\s+$")
RE_BRACKET_END = re.compile(r"\(\s*(?:the\s+)?$")
_SUF_EN = frozenset(("st", "nd", "rd", "th"))
_SUF_GEN = frozenset(("og", "ga", "eg", "ceg", "mog", "tog"))
# nouns that make "the 3rd" / "5-og" an ordinal, not a day: "the 3rd floor", "5-og razreda"
_ORDINAL_NOUN_AFTER = re.compile(
    r"\s*(?:floor|time|times|attempt|try|session|meeting|grade|class|place|round|interview|page|"
    r"line|row|century|anniversary|birthday|child|son|daughter|person|client|day|week|month|year|"
    r"edition|article|paragraph|item|point|hearing|appointment|visit|call|district|street|avenue|"
    r"amendment|station|stop|generation|level|chapter|stage|phase|step|one|sprat\w*|razred\w*|"
    r"red\w*|mest\w*|mjest\w*|put\w*|poglavlj\w*|clan\w*|stav\w*|kat\w*|krug\w*|nivo\w*|"
    r"sednic\w*|sjednic\w*|termin\w*|sastan\w*|seans\w*|dan\w*|godin\w*|kolon\w*|tim\w*|"
    r"of[ \t]+(?:every|each|the[ \t]+month)|svakog|svakoga)\b"
)
# "20. ovog meseca", "the 20th of this month", "5-og sledeceg meseca"
RE_DATE_THIS_MONTH = re.compile(
    r"(?<![\w.,/:-])(?:the\s+)?(?P<d>\d{1,2})(?:\.|" + _ORD_SUFFIX + r")\s*(?:of\s+)?"
    r"(?:this|next|last|the\s+(?:current|next|previous)|ovog|ovoga|ovog\s+tekuceg|tekuceg|"
    r"sledeceg|slijedeceg|narednog|iduceg|proslog|proslo|prethodnog)\s+"
    r"(?:month|meseca|mjeseca|mj\.|mes\.)(?!\w)"
)
# a day range before a date: "od 5. do 9. maja", "5-9 May", "the 5th to the 9th of May"
RE_DATE_RANGE_BEFORE = re.compile(
    r"(?<![\w.,/:-])(?:the\s+)?(?P<d>\d{1,2})(?:\.|" + _ORD_SUFFIX + r")?\s*"
    r"(?:do|to|till|until|-|\u2013|i|and|&|ili|or)\s*(?:the\s+)?$"
    r"|(?<![\w.,/:-])(?:the\s+)?(?P<dl>\d{1,2})(?:\.|" + _ORD_SUFFIX + r")\s*,\s*(?:the\s+)?$"
)
_LC_DATE_THIS_MONTH = lower_compile(RE_DATE_THIS_MONTH)
_LC_DATE_RANGE_BEFORE = lower_compile(RE_DATE_RANGE_BEFORE)


_RE_WEEKDAY_BEFORE = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|"
    r"thurs|fri|sat|sun|" + _WEEKDAY_SH + r"|pon|uto|sre|cet|pet|sub|ned)\.?,?\s+"
    r"(?:(?:the|dana)\s+)?$",
    _IC,
)
_LC_WEEKDAY_BEFORE = lower_compile(_RE_WEEKDAY_BEFORE)


def find_dates(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    start = len(out)
    _find_dates(t, sh.lower, out)
    _find_day_only_dates(sh.lower, out)
    for c in out[start:]:
        m = _LC_WEEKDAY_BEFORE.search(sh.lower, max(0, c.s - 24), c.s)
        if m:
            c.s = m.start()
        while True:  # "od 5. do 9. maja", "3rd, 4th and 5th of May"
            m = _LC_DATE_RANGE_BEFORE.search(sh.lower, max(0, c.s - 24), c.s)
            g = "d" if m and m.group("d") else "dl"
            if not (m and 1 <= int(m.group(g)) <= 31 and c.kind == "DATE"):
                break
            c.s = m.start(g)


def _find_day_only_dates(low: str, out: list[Cand]) -> None:
    """A day without a month, tied to a weekday, a preposition or "this month"."""
    if "mese" in low or "mjese" in low or "month" in low or "mj." in low:
        for m in _LC_DATE_THIS_MONTH.finditer(low):
            if 1 <= int(m.group("d")) <= 31:
                out.append(Cand(m.start("d"), m.end(), "DATE", P_DATE))
    for m in RE_ORDINAL_DAY.finditer(low):
        s = m.start()
        if s and (low[s - 1].isalnum() or low[s - 1] in "_.,/:-"):
            continue  # part of a longer number or code
        if not 1 <= int(m.group("d")) <= 31:
            continue
        a = max(0, s - 24)
        w = RE_WEEKDAY_END.search(low, a, s)
        if w:
            out.append(Cand(w.start(), m.end(), "DATE", P_DATE))
            continue
        suf = m.group("suf").lstrip("-")
        if suf == "." or _ORDINAL_NOUN_AFTER.match(low, m.end()):
            continue
        if (
            (suf in _SUF_EN and RE_PREP_THE_END.search(low, a, s))
            or (
                suf in _SUF_EN
                and RE_THE_END.search(low, a, s)
                and RE_PUNCT_AFTER.match(low, m.end())
            )
            or (suf in _SUF_GEN and RE_PREP_SH_END.search(low, a, s))
            or (RE_BRACKET_END.search(low, a, s) and low[m.end() : m.end() + 3].lstrip()[:1] == ")")
        ):
            out.append(Cand(s, m.end(), "DATE", P_DATE))


def _find_dates(t: str, low: str, out: list[Cand]) -> None:
    for m in RE_DATE_NUM.finditer(t):
        a, b = int(m.group("a")), int(m.group("b"))
        if not (_valid_dm(a, b) or _valid_dm(b, a)):
            continue
        out.append(Cand(m.start(), m.end(), "DATE", P_DATE))
    for m in RE_DATE_ISO.finditer(t):
        out.append(Cand(m.start(), m.end(), "DATE", P_DATE))
    for m in RE_DATE_DM2.finditer(t):
        a, b = int(m.group("a")), int(m.group("b"))
        before = t[max(0, m.start() - 12) : m.start()]
        if (
            1 <= a <= 31
            and not RE_TIME_BEFORE.search(before)
            and not _RE_NUMBERED_BEFORE.search(before)
        ):
            out.append(Cand(m.start(), m.end(), "DATE", P_DATE))
    if "/" in t:
        for m in RE_DATE_SLASH_DM.finditer(t):
            if _valid_dm(int(m.group("a")), int(m.group("b"))):
                out.append(Cand(m.start("d"), m.end("d"), "DATE", P_DATE))
        for m in RE_DATE_SLASH_PADDED.finditer(t):
            before = t[max(0, m.start() - 12) : m.start()]
            if not _RE_NUMBERED_BEFORE.search(before) and not re.search(
                r"(?:page|p\.|str\.|score|rezultat|ratio)\s*$", before, _IC
            ):
                out.append(Cand(m.start(), m.end(), "DATE", P_DATE))
    for m in RE_DATE_DM.finditer(t):
        a, b = int(m.group("a")), int(m.group("b"))
        if not _valid_dm(a, b):
            continue
        before = t[max(0, m.start() - 12) : m.start()]
        after = t[m.end() : m.end() + 8]
        if RE_TIME_BEFORE.search(before) and not re.search(r"\bdana\s*$", before, _IC):
            # "u 9.10." is more likely a time of day than a date
            if re.match(r"\s*(?:h|sati|casova|cas)\b", after, _IC) or b > 12 or a > 23:
                continue
            if re.search(r"\b(?:at|u|around|oko|by|until|between)\s*$", before, _IC):
                continue
        if re.match(r"\s?(?:h\b|sati|casova|cas\b|am\b|pm\b)", after, _IC):
            continue
        out.append(Cand(m.start(), m.end(), "DATE", P_DATE))
    for m in _LC_DATE_TEXT.finditer(low):
        g = m.groupdict()
        if g["d1"] is not None:
            d = int(g["d1"])
            if not 1 <= d <= 31:
                continue
            mon = g["m1"].lower()
            # abbreviations must look like a month: '12 Mar', '12 mar 2023', '12. jun'
            if (
                mon in _MONTH_ABBR
                and not g["y1"]
                and not t[m.start("m1")].isupper()
                and not re.match(r"\.", t[m.end("m1") : m.end("m1") + 1])
                and not t[m.start() : m.start("m1")].strip().endswith(".")
            ):
                continue
            if mon == "may" and not g["y1"]:
                # "12 may" is fine, but avoid "2 may be"
                nxt = t[m.end() : m.end() + 4].lower()
                if nxt.startswith((" be", " ha")):
                    continue
        elif g["m2"] is not None:
            d = int(g["d2"])
            if not 1 <= d <= 31:
                continue
            mon = g["m2"].lower()
            if mon not in _MONTHS_EN or (mon == "may" and t[m.start()].islower()):
                continue
            if (
                mon in ("mar", "jun", "jul", "sep", "nov", "dec", "jan", "feb", "apr", "aug", "oct")
                and not t[m.start()].isupper()
            ):
                continue
            # "March 12 people" / "March 3 times"
            if not g["y2"]:
                nxt = t[m.end() : m.end() + 12].lower()
                if re.match(
                    r"\s+(?:people|persons|times|clients|days|hours|years|months|%|percent|of\b)",
                    nxt,
                ):
                    continue
        elif g["o1"] is not None:
            pass
        elif g["d4"] is not None:
            if not 1 <= int(g["d4"]) <= 31:
                continue
            if not g["y4"] and _RE_NUMBERED_BEFORE.search(t[max(0, m.start() - 12) : m.start()]):
                continue  # "Član 5. II." is an article and a paragraph
        out.append(
            Cand(
                m.start(),
                _strip_trailing(t, m.start(), m.end()) if t[m.end() - 1] in ",;" else m.end(),
                "DATE",
                P_DATE,
            )
        )
    for m in RE_YEAR_GR.finditer(t):
        out.append(Cand(m.start(), m.end(), "DATE", P_DATE - 1))
    for m in RE_DOB_YEAR.finditer(t):
        cue = m.group(0)[: m.start("d") - m.start()].strip().lower()
        if cue in ("b.", "r.") and not t[m.start() - 1 : m.start()].isspace() and m.start() != 0:
            continue
        s, e = m.start("d"), m.end("d")
        out.append(Cand(s, e, "DATE", P_DATE - 1))


def _num_value(tok: str | None) -> int | None:
    if tok is None:
        return None
    tok = tok.strip().lower()
    if tok.isdigit():
        return int(tok)
    total = 0
    for part in re.split(r"[\s-]+", tok):
        if part == "i":
            continue
        v = _NUM_EN.get(part, _NUM_SH.get(part))
        if v is None:
            return None
        total += v
    return total or None


_RE_AGE_HINT = re.compile(
    r"\d|twenty|thirty|forty|fifty|sixty|seventy|teen|eleven|twelve|"
    r"dvadeset|trideset|cetrdeset|pedeset|sezdeset|sedamdeset|naest|deset|aeset|ieset|eeset|najst|"
    r"dvajst|dvadest|dvajes|dvaes|trijes|"
    r"godisnj|napuni|godin|goda|year|aged|\bage\b|how\s+old|koliko",
    _IC,
)
_LC_AGE_HINT = lower_compile(_RE_AGE_HINT)


_RE_IS_HINT = re.compile(r"\b(?:is|was|turn\w*|will)\b|'s\b")


_COMPOUND_UNITS = {
    "jedno": 1,
    "dvo": 2,
    "tro": 3,
    "cetvoro": 4,
    "peto": 5,
    "sesto": 6,
    "sedmo": 7,
    "osmo": 8,
    "deveto": 9,
    "devet": 9,
    "deseto": 10,
    "jedanaesto": 11,
    "dvanaesto": 12,
    "trinaesto": 13,
    "cetrnaesto": 14,
    "petnaesto": 15,
    "sesnaesto": 16,
    "sedamnaesto": 17,
    "osamnaesto": 18,
    "devetnaesto": 19,
}
_COMPOUND_TENS = {
    "dvadeset": 20,
    "trideset": 30,
    "cetrdeset": 40,
    "pedeset": 50,
    "sezdeset": 60,
    "sedamdeset": 70,
}
_RE_CHILD_AFTER = re.compile(
    r"\s+(?:dete|deteta|detetu|dijete|djeteta|djetetu|decak\w*|djecak\w*|devojcic\w*|djevojcic\w*|"
    r"sin\w*|cerk\w*|kcer\w*|brat\w*|sestr\w*|child|boy|girl|son|daughter)\b",
    _IC,
)


def _compound_value(word: str) -> int | None:
    """Value of the number in a one-word age ("osamnaestogodisnji" -> 18)."""
    w = word.lower()
    total = 0
    for tens, v in _COMPOUND_TENS.items():
        if w.startswith(tens):
            total, w = v, w[len(tens) :]
            break
    if w:
        if w not in _COMPOUND_UNITS:
            return None
        total += _COMPOUND_UNITS[w]
    return total or None


_AGE_KEYS = tuple(f"n{i}" for i in range(1, 21))
_RE_DIGIT = re.compile(r"\d")
_RE_ONE_HINT = re.compile(r"\b(?:one|jedan|jedna|jedno|prvi|prva)\s")


def _add_age(out: list[Cand], t: str, s: int, e: int, nv: int | None, prio: int = P_AGE) -> None:
    if nv is None or not 1 <= nv <= 110:
        return
    e = _strip_trailing(t, s, e) if t[e - 1] in ",;" else e
    out.append(Cand(s, e, "AGE", prio, nv))


def find_ages(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    low = sh.lower
    if not _LC_AGE_HINT.search(low):
        return
    start = len(out)
    has_god = "god" in low or "g." in low
    has_is = _RE_IS_HINT.search(low) is not None
    has_digit = _RE_DIGIT.search(t) is not None
    for rx, lc in (
        (RE_AGE, _LC_AGE),
        (RE_AGE_SH_WORD, _LC_AGE_SH_WORD)
        if ("godisnj" in low or "napuni" in low or "godini" in low)
        else (None, None),
        (RE_AGE_SH_CUE, _LC_AGE_SH_CUE) if has_god else (None, None),
        (RE_AGE_SH_STAR, _LC_AGE_SH_STAR) if has_god else (None, None),
        (RE_AGE_EN_IS, _LC_AGE_EN_IS) if has_is else (None, None),
        (RE_AGE_NAME_IS, None) if has_is else (None, None),
        (RE_AGE_PAREN, None) if "(" in t else (None, None),
        (RE_AGE_PAREN_FIRST, None) if "(" in t else (None, None),
        (RE_AGE_COMMA, None) if ", " in t else (None, None),
        (RE_AGE_APPOS, _LC_AGE_APPOS) if ", " in t else (None, None),
        (RE_AGE_PERSON_NUM, None) if has_digit else (None, None),
    ):
        if rx is None:
            continue
        for m in lc.finditer(low) if lc is not None else rx.finditer(t):
            gd = m.groupdict()
            nv = None
            nk = ""
            for k in _AGE_KEYS:
                if gd.get(k):
                    nv = _num_value(gd[k])
                    nk = k
                    break
            if gd.get("cw") is not None and not nk:
                if not gd["cw"]:
                    continue  # "godisnji izvestaj" is an annual report
                nv = _compound_value(gd["cw"])
                if nv is not None and nv < 12 and not _RE_CHILD_AFTER.match(t, m.end()):
                    continue  # "dvogodisnji ugovor": a two-year contract
            if nv is None or nv > 110 or nv < 1:
                continue
            s, e = m.start(), m.end()
            if rx in (RE_AGE_SH_CUE, RE_AGE_EN_IS, RE_AGE_NAME_IS, RE_AGE_SH_STAR):
                s = m.start(nk)
            if rx is RE_AGE_NAME_IS and nv < 14:
                continue
            if rx is RE_AGE_PAREN:
                if nv < 12:
                    continue
                if t[s] == " ":
                    s += 1
            if rx in (RE_AGE_COMMA, RE_AGE_PAREN_FIRST, RE_AGE_PERSON_NUM):
                if nv < 14:
                    continue
                s, e = m.start(nk), m.end(nk)
            if rx is RE_AGE_APPOS and nv < 12:
                continue
            if nk in ("n14", "n15"):
                s = m.start(nk)
            _add_age(out, t, s, e, nv)
    # lists of ages: "aged 15 and 16", "stare 17 i 19 godina", "Hamid i Omid (28 i 31)"
    for m in _LC_AGE_LIST.finditer(low):
        nums = list(re.finditer(r"\d{1,2}", m.group("nums")))
        for k, nm in enumerate(nums):
            nv = int(nm.group())
            s = m.start("nums") + nm.start()
            # the unit after the last number belongs to it: "i [19 godina]"
            e = m.end() if k == len(nums) - 1 else s + len(nm.group())
            _add_age(out, t, s, e, nv, P_AGE - 1)
    for rx in (
        _LC_AGE_PAIR if has_digit else None,
        _LC_AGE_ONE_OTHER if _RE_ONE_HINT.search(low) else None,
    ):
        if rx is None:
            continue
        for m in rx.finditer(low):
            a, b = _num_value(m.group("a")), _num_value(m.group("b"))
            if a is None or b is None or min(a, b) < 12:
                continue
            if _RE_DURATION_BEFORE.search(t, max(0, m.start() - 20), m.start()):
                continue  # "izmedju 15 i 17 godina", "for 12 and 14 years"
            _add_age(out, t, m.start("a"), m.end("a"), a, P_AGE - 1)
            _add_age(out, t, m.start("b"), m.end("u") if m.group("u") else m.end("b"), b, P_AGE - 1)
    for rx, lo in (
        (_LC_AGE_QUESTION, 1),
        (_LC_AGE_OF_ABOUT, 12),
        (_LC_AGE_FIELD if (":" in t or "=" in t) else None, 1),
    ):
        if rx is None:
            continue
        for m in rx.finditer(low):
            nv = _num_value(m.group("n"))
            if nv is not None and lo <= nv <= 110:
                _add_age(out, t, m.start("n"), m.end(), nv, P_AGE - 1)
    for m in _LC_AGE_CLAIM.finditer(low):
        nv = _num_value(m.group("n"))
        if nv is not None and 12 <= nv <= 99:
            _add_age(out, t, m.start("n"), m.end("n"), nv, P_AGE - 1)
    if has_god:
        # "ima devetnaest." next to other ages given in years: an elliptic age
        for m in _LC_AGE_IMA_BARE.finditer(low):
            nv = _num_value(m.group("n"))
            if nv is not None and 14 <= nv <= 99:
                _add_age(out, t, m.start("n"), m.end("n"), nv, P_AGE - 1)
    general_ages(t, low, out)
    _drop_durations(low, out, start)
    _drop_ranges(low, out, start)
    out[start:] = [
        c for c in out[start:] if c.kind != "AGE" or not RE_COMPARATIVE_AFTER.match(low, c.e)
    ]
    _extend_halves(low, out, start)
    chain_ages(t, out, start)


# "dvije godine mladji", "5 years older": a difference of ages, not an age
RE_COMPARATIVE_AFTER = re.compile(
    r"(?:[ \t]+(?:years?|yrs?|godin[aeiu]|god\.?))?[ \t]+(?:mladj\w*|starij\w*|younger|older|elder)"
    r"(?![\w])"
)


def _extend_halves(low: str, out: list[Cand], start: int) -> None:
    """"16 and a half years old": the half and its unit belong to the age."""
    for c in out[start:]:
        if c.kind == "AGE" and RE_HALF.match(low, c.e):
            unit = age_unit_after(low, c.e)
            c.e = unit[0] if unit else half_after(low, c.e)


# "aged 18-30", "18 - 30 godina": a wide range of ages describes a group, not a
# person ("17-18", an uncertain age of one person, stays an age)
RE_RANGE_AFTER = re.compile(r"[ \t]*[-\u2013][ \t]*(?P<n>\d{1,2})(?!\d)")
RE_RANGE_BEFORE = re.compile(r"(?<!\d)(?P<n>\d{1,2})[ \t]*[-\u2013][ \t]*$")


def _drop_ranges(low: str, out: list[Cand], start: int) -> None:
    keep = []
    for c in out[start:]:
        if c.kind == "AGE" and isinstance(c.extra, int):
            m = re.match(r"\D*\d{1,2}", low[c.s : c.e])
            num_end = c.s + m.end() if m else c.e
            r = RE_RANGE_AFTER.match(low, num_end) or RE_RANGE_BEFORE.search(
                low, max(0, c.s - 6), c.s
            )
            if r and abs(int(r.group("n")) - c.extra) > 2:
                continue
        keep.append(c)
    out[start:] = keep


# a bare number right after a person's name: "FARIDA NOORI - 31 - trans woman",
# "eric is 27", "Ahmad 24, from Kabul", "Reza: 30"
RE_AGE_AFTER_NAME = re.compile(
    r"(?:'s)?(?:[ \t]*,[ \t]*|[ \t]+-[ \t]+|[ \t]*:[ \t]*|[ \t]+(?:is|was|je|turned|is\s+now|"
    r"just\s+turned|ima|has)[ \t]+|[ \t]+)(?P<n19>\d{1,2}|" + _NUMW_EN + r"|" + _NUMW_SH + r")"
    r"(?P<u>[ \t]*(?:y/?o|yo|yrs?|g\.|god\.?|godin[aeiu]|years?(?:\s+old)?))?"
    r"(?=[ \t]*[,.;)\n]|[ \t]+-[ \t]|[ \t]*$|[ \t]+(?:and|i|a|but|ali|from|iz|od|with|sa)\b)",
    _IC,
)


def ages_after_names(t: str, cands: list[Cand]) -> list[Cand]:
    """Ages given as a bare number right after an accepted name (run after names)."""
    out: list[Cand] = []
    taken = [(c.s, c.e) for c in cands]
    for c in cands:
        if c.kind != "NAME":
            continue
        m = RE_AGE_AFTER_NAME.match(t, c.e)
        if not m:
            continue
        nv = _num_value(m.group("n19"))
        s, e = m.start("n19"), m.end("u") if m.group("u") else m.end("n19")
        if nv is None or not 14 <= nv <= 99 or any(a < e and s < b for a, b in taken):
            continue
        out.append(Cand(s, e, "AGE", P_AGE - 1, nv))
    if out:
        chain_ages(t, out)
        out = [c for c in out if not any(a < c.e and c.s < b for a, b in taken)]
    return out


# an uncertain age right before a found one: "17? says 18", "17 or 18", "16/17 years"
RE_AGE_PREV = re.compile(
    r"(?<![\w.,/:])(?P<n>\d{1,2})[ \t]*(?:\?|\bor\b|\bili\b|/)[ \t]*"
    r"(?:(?:says|said|claims|kaze|tvrdi|navodi|maybe|mozda)[ \t]+)?$",
    _IC,
)


# ... and right after one: "17 or 18", "19-20 godina"
RE_AGE_OR = re.compile(
    r"[ \t]*\??[ \t]*(?:\bor\b|\bili\b|/|-|\u2013)[ \t]*(?P<n>\d{1,2})(?![\d.,:/]\d|\d)"
    r"(?P<u>[ \t]*(?:godin[aeiu]|years?(?:[ \t]+old)?|god\.))?",
    _IC,
)


def chain_ages(t: str, out: list[Cand], start: int = 0) -> None:
    """Elliptic ages right after a found one: "eric is 27, olivier 30"."""
    seen = {(c.s, c.e) for c in out if c.kind == "AGE"}
    todo = sorted((c for c in out[start:] if c.kind == "AGE"), key=lambda c: c.s)
    for c in list(todo):
        m = RE_AGE_PREV.search(t, max(0, c.s - 20), c.s)
        if m and 12 <= int(m.group("n")) <= 99 and (m.start("n"), m.end("n")) not in seen:
            seen.add((m.start("n"), m.end("n")))
            out.append(Cand(m.start("n"), m.end("n"), "AGE", P_AGE - 1, int(m.group("n"))))
    while todo:
        c = todo.pop(0)
        m = RE_AGE_OR.match(t, c.e)
        if m and 12 <= int(m.group("n")) <= 99:
            s, e = m.start("n"), m.end("u") if m.group("u") else m.end("n")
            if (s, e) not in seen:
                seen.add((s, e))
                out.append(Cand(s, e, "AGE", P_AGE - 1, int(m.group("n"))))
            continue
        m = RE_AGE_NEXT.match(t, c.e)
        if not m:
            continue
        nv = _num_value(m.group("n19"))
        if nv is None or not 12 <= nv <= 99:
            continue
        s, e = m.start("n19"), m.end("u") if m.group("u") else m.end("n19")
        if (s, e) in seen:
            continue
        seen.add((s, e))
        nc = Cand(s, e, "AGE", P_AGE - 1, nv)
        out.append(nc)
        todo.append(nc)


# --------------------------------------------------------------------------
# AGE, general pass.  Every 1-2 digit number or number word is looked at once
# and is an age when it is tied to a person by any of: an age unit after it,
# an age cue before it, a gender letter next to it, a short bracket of person
# attributes around it, or (bare) a cue verb with nothing but a clause end after
# it.  Durations, counts, times, money and percentages are excluded by the
# words around the number.  Each test is a small function (see tests).
# --------------------------------------------------------------------------
RE_NUM_TOKEN = re.compile(
    r"(?<![\w.,/:+\-\u2013])(?:(?P<d>\d{1,2})(?!\d|[.,:/][0-46-9]|[.,]5\d|(?:st|nd|rd|th|s)\b|"
    r"\.\s*(?:godini|god\b))"
    r"|(?P<w>(?:" + _NUMW_EN + r"|" + _NUMW_SH + r")(?![\w-])))"
)
# units right after the number: strong ones make an age on their own
RE_UNIT_STRONG = re.compile(
    r"[ \t]?-?[ \t]?(?:years?|yrs?)[ \t-]*(?:old|of[ \t]+age)\b"
    r"|[ \t]?(?:y\.[ \t]?o\.?|y/o|yo|yrs?\.?[ \t]?old)(?![\w])"
    r"|[ \t]?-?[ \t]?(?:o|to|go)?-?godisnj\w*"
    r"|[ \t]?(?:god\.?|g\.)(?![\w])"
    r"|[ \t]?y(?![\w'.-])|[ \t]?-?y-o(?![\w])|[ \t]?g(?=[ \t]*[,;)])"
)
# units that also measure durations: an age only with a cue or next to a person
RE_UNIT_WEAK = re.compile(
    r"(?:[ \t]+(?:years?|yrs?|godin[aeiu]|goda|let|rokiv|roky|rik)|(?:years?|yrs?|godin[aeiu]))"
    r"(?![\w])"
)
# a baby's or a small child's age in months: "8 months old", "beba od 8 meseci"
RE_UNIT_MONTHS = re.compile(r"[ \t]*(?:months?|mjesec\w*|mesec\w*)(?P<old>[ \t]+old)?(?![\w])")
RE_BABY_BEFORE = re.compile(
    r"(?:baby|infant|newborn|beba|bebu|bebi|bebom|odojce|novorodjen\w*|son|daughter|sin|cerk\w*|"
    r"kcer\w*|kci|dete|deteta|dijete|djeteta|child)[ \t]+(?:(?:od|of|aged|is|je|ima)[ \t]+)?$"
)
# a child's age in brackets after a child or kin word: "his daughter (4)"
RE_CHILD_WORD_BEFORE = re.compile(
    r"(?:son|daughter|child|baby|kid|boy|girl|brother|sister|sin|sina|sinom|cerk\w*|kcer\w*|"
    r"kci|dete|dijete|deteta|djeteta|beb\w*|brat\w*|sestr\w*|decak\w*|djecak\w*|"
    r"devojcic\w*|djevojcic\w*)[ \t]*$"
)
# what follows a duration: "3 godine u Srbiji", "5 years ago", "10 godina rada"
RE_DURATION_AFTER = re.compile(
    r"[ \t]+(?:ago|in[ \t]|here|there|now|since|long|later|before|earlier|of[ \t]+(?!age)|"
    r"u[ \t]|na[ \t]|ovde|ovdje|tu\b|unazad|kasnije|ranije|rada|radnog|staza|iskustv|zatvor|"
    r"braka|veze|zajedno|together|pre\b|prije\b|kako|otkako|otkad|since|dok|while|za[ \t]+redom)"
)
# what comes right before a duration or an amount: "for 3 years", "vec 2 godine"
RE_DURATION_BEFORE = re.compile(
    r"(?:\b(?:for|over|past|last|since|within|during|after|before|pre|prije|vec|tokom|"
    r"nakon|posle|poslije|proteklih|poslednjih|posljednjih|narednih|sledecih|evo|izmedju|between|"
    r"trajanju[ \t]+od|do|up[ \t]+to|until|till|za|in|cca|svakih|every|each|than|nego|od[ \t]+pre|"
    r"unutar|period[ \t]+od|rok[ \t]+od|kaznu[ \t]+od|sentence[ \t]+of|zatvora[ \t]+od)"
    r"(?:[ \t]+(?:about|around|oko|nekih|skoro|almost|nearly|preko|over|more[ \t]+than|"
    r"vise[ \t]+od|the[ \t]+(?:past|last|next)|the))?"
    r"|\b(?:more|less|vise|manje|under|over|ispod|iznad|older|younger|stariji|mladji|"
    r"stariju|mladju|starije|mladje)[ \t]+(?:than|od|nego)"
    r"|\b(?:under|ispod|over|preko|iznad))[ \t]*$"
)
# cues before the number that make an age with or without a unit
RE_CUE_STRONG = re.compile(
    r"(?:\b(?:aged|age|ages|age[ \t]+of|dob|dobi|uzrast\w*|starost\w*|star|stara|staro|stari|"
    r"stare|napunio|napunila|napunice|napunit\w*|puni|turned|turns|turning|vozrast\w*|"
    r"navrsen\w*|navrsio|navrsila|navrsice|navrsav\w*|"
    r"looks(?:[ \t]+like)?|seems|appears(?:[ \t]+to[ \t]+be)?|izgleda(?:[ \t]+kao)?|deluje|djeluje|"
    r"mu[ \t]+je|joj[ \t]+je|im[ \t]+je|mu[ \t]+su)"
    r"(?:[ \t]+(?:je|su|is|of|only|just|samo|tek))?"
    r"|\bat[ \t]+the[ \t]+age[ \t]+of)"
    r"(?:[ \t]*\([^()\n]{1,25}\))?"
    r"[ \t]*[:=\-]?[ \t]*(?:(?:about|around|approx\.?|approximately|circa|ca\.?|oko|otprilike|"
    r"skoro|almost|nearly|maybe|mozda|nepunih|punih|tek|samo|only|just|svega)[ \t]+)?$"
)
# weaker cues: a unit after the number, or a clause end, is needed as well
RE_CUE_HAS = re.compile(
    r"\b(?:ima|imao|imala|imace|imas|imam|imaju|imale|imali|has|have)(?:[ \t]+(?:je|su|sam))?"
    r"(?:[ \t]+(?:sada|sad|now|tek|samo|jedva|oko|skoro|otprilike|nekih|about|around|only|"
    r"just|almost|nearly|maybe|mozda|punih|navrsenih|full))?[ \t]+$"
)
_PRONOUN_SUBJ = (
    r"he|she|they|we|i|you|who|which|client|cl|klijent\w*|partner\w*|brother|sister|son|daughter|"
    r"wife|husband|friend|boyfriend|girlfriend|mother|father|mom|mum|dad|child|kid|boy|girl|"
    r"woman|man|guy|cousin|fiance|fiancee|nephew|niece|roommate|caller|applicant|person|"
    r"on|ona|oni|one|brat|sestra|sin|cerka|kcerka|momak|decko|devojka|djevojka|muz|zena|"
    r"suprug|supruga|dete|dijete|decak|djecak|devojcica|djevojcica|mladic|youngest|oldest|eldest|"
    r"najmladji|najmladja|najstariji|najstarija|ucesnik|ucesnica|participant"
)
_IS_VERB = (
    r"(?:'s|'m|[ \t]+(?:is|was|am|are|were|am[ \t]+now|is[ \t]+now|is[ \t]+only|is[ \t]+almost|"
    r"is[ \t]+about|was[ \t]+only|"
    r"was[ \t]+just|will[ \t]+be|will[ \t]+turn|just[ \t]+turned|turned|turns|is[ \t]+turning|"
    r"is[ \t]+probably|is[ \t]+maybe|seems|looks|appears[ \t]+to[ \t]+be|"
    r"said[ \t]+(?:he|she)[ \t]+(?:is|was)|says[ \t]+(?:he|she)[ \t]+is))"
    r"(?:[ \t]+(?:both|all|each))?[ \t]+$"
)
# "he is 24", "her brother was 19" (run on the lower-cased shadow)
RE_CUE_IS = re.compile(
    r"\b(?:(?:" + _PRONOUN_SUBJ + r")(?:[ \t]+(?:of|among|od|in|u)[ \t]+(?:the[ \t]+)?[a-z]+)?"
    r"|(?:youngest|oldest|eldest|najmladj\w*|najstarij\w*)(?:[ \t]+[a-z]+){1,4})"
    + _IS_VERB
)
# "Shabnam is twenty-six" (case-sensitive: a capitalised word as the subject)
RE_CUE_IS_CAP = re.compile(r"(?<![\w])(?P<cap>[A-Z][a-z]{2,}),?" + _IS_VERB)
def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_NOT_SUBJECT = _wordset(
    "article room page section chapter clan tacka stav level floor grade it this that there "
    "which what table annex prilog figure box step phase round year total number count score "
    "point item paragraph law zakon rule bus line tram route gate bed seat apartment flat stan "
    "house building door unit office kancelarija group team ward"
)
# a clause end (or a conjunction) after a bare number
RE_CLAUSE_END = re.compile(
    r"(?=[ \t]*(?:[.,;:)!?\n]|$)|[ \t]+[-\u2013\u2014][ \t]|"
    r"[ \t]+(?:and|but|or|i|a|ali|ili|pa|when|kad|kada|now|sada|"
    r"in[ \t]+(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|spring|summer|autumn|winter|a|two|few)|next|soon|uskoro|this|ove|ovog|ovo|"
    r"sledec\w*|naredn\w*|iduc\w*|prosl\w*|last|"
    r"too|also|takodje|tho|though|yet|and|so|zato|jer|because)\b)"
)
# gender letters glued to a number: "24M", "24 F", "M/27", "27/M", "(F, 22)"
RE_AGE_GENDER = re.compile(
    r"(?<![\w.,/:+\-])(?P<n>\d{1,2})[ \t]?(?:[MFZ](?![\w])|[mf](?=[ \t]*[,)/;]|[ \t]*$))"
    r"|(?<![\w])(?:[MFZmf])[ \t]?/[ \t]?(?P<n2>\d{1,2})(?![\d\w])"
    r"|(?<![\w.,/:+\-])(?P<n3>\d{1,2})[ \t]?/[ \t]?(?:[MFZmf])(?![\w])"
    r"|\((?:[MFZmf]|male|female|musko|zensko|muski|zenski)[ \t]*,[ \t]*(?P<n4>\d{1,2})[ \t]*\)"
)
# a short bracket of person attributes: "(both 19)", "(Kenya, 30)", "(obojica po 19)"
RE_AGE_BRACKET = re.compile(r"\((?P<in>[^()\n]{1,40})\)")
_BRACKET_OK_LOWER = _wordset(
    "m f z zh male female musko zensko muski zenski trans cis gay lesbian bi both each all "
    "obojica obe oboje obje obadvoje po svaki svaka about approx approximately around circa ca "
    "cca oko otprilike age aged dob god g y yo godina godine godinu years year yrs old and i & "
    "from iz sa with"
)
_BRACKET_BAD_CAP = _NOT_SUBJECT | frozenset(
    "art br no nr str page p tel ext vol q step"
)
# "At 17 she left home", "Sa 17 je pobegao"
RE_AGE_AT = re.compile(
    r"(?:^|(?<=[.!?\n;,]))[ \t]*(?:at|with|sa|s)[ \t]+(?P<n>\d{1,2}|" + _NUMW_EN + r"|" + _NUMW_SH
    + r")(?=[ \t]*,|[ \t]+(?:she|he|they|i|we|je|sam|smo|su|se)\b)",
    re.MULTILINE,
)
_LC_AGE_AT = lower_compile(RE_AGE_AT)


# "17 i po godina", "17 and a half years old", "17,5 godina", "17½"
RE_HALF = re.compile(
    r"(?:[ \t]+(?:i|and)[ \t]+(?:po|pol|a[ \t]+half)|[ \t]?\u00bd|[.,]5|-?ish)(?![\w])"
)  # "-ish" (20ish) is an approximate age, kept with its number


def half_after(low: str, e: int) -> int:
    """End of "i po" / "and a half" right after a number ending at ``e`` (else ``e``)."""
    m = RE_HALF.match(low, e)
    return m.end() if m else e


def age_unit_after(low: str, e: int) -> tuple[int, bool] | None:
    """(end, strong) of an age unit right after a number ending at ``e``."""
    e = half_after(low, e)
    m = RE_UNIT_STRONG.match(low, e)
    if m:
        return m.end(), True
    m = RE_UNIT_WEAK.match(low, e)
    return (m.end(), False) if m else None


# Cheap gates for the regexes below: the window before a number is searched
# only when one of its last words can start a duration, a cue or a predicate.
_RE_TAIL_WORDS = re.compile(r"[a-z']+")
_DURATION_HEADS = _wordset(
    "for over past last since within during after before pre prije vec tokom nakon posle "
    "poslije proteklih poslednjih posljednjih narednih sledecih evo izmedju between trajanju "
    "do up until till za in cca svakih every each than nego od unutar period rok kaznu "
    "sentence zatvora more less vise manje under ispod iznad older younger stariji mladji "
    "stariju mladju starije mladje preko"
)
_CUE_PREFIXES = (
    "age", "dob", "uzrast", "starost", "star", "napun", "puni", "turn", "vozrast", "navrs",
    "look", "seem", "appear", "izgled", "deluj", "djeluj", "mu", "joj", "im",
)  # fmt: skip
_HAS_HEADS = _wordset("ima imao imala imace imas imam imaju imale imali has have")
_IS_HEADS = _wordset(
    "is was will turned turns turning seems looks appears said says just be s m am are were"
)


def _tail(low: str, s: int) -> list[str]:
    return _RE_TAIL_WORDS.findall(low, max(0, s - 40), s)[-5:]


def is_duration_before(low: str, s: int) -> bool:
    """True when the words before position ``s`` make a duration or a bound."""
    if not any(w in _DURATION_HEADS for w in _tail(low, s)):
        return False
    return RE_DURATION_BEFORE.search(low, max(0, s - 40), s) is not None


def age_cue_before(low: str, s: int) -> str:
    """'strong', 'has' or '' for the cue words right before position ``s``."""
    a = max(0, s - 40)
    tail = _tail(low, s)
    if any(w.startswith(_CUE_PREFIXES) for w in tail) and RE_CUE_STRONG.search(low, a, s):
        return "strong"
    if any(w in _HAS_HEADS for w in tail) and RE_CUE_HAS.search(low, a, s):
        return "has"
    return ""


def is_subject_before(t: str, low: str, s: int) -> bool:
    """'He is 24', 'Shabnam is 26': a person (not 'Room', 'Article') before the verb."""
    if not any(w in _IS_HEADS or w.endswith(("'s", "'m")) for w in _tail(low, s)):
        return False
    a = max(0, s - 40)
    if RE_CUE_IS.search(low, a, s):
        return True
    m = RE_CUE_IS_CAP.search(t, a, s)
    return m is not None and m.group("cap").lower() not in _NOT_SUBJECT


def bracket_age(inner: str) -> bool:
    """True when a bracket holds one age and only person attributes around it."""
    toks = re.findall(r"[A-Za-z]+|\d+", inner)
    nums = [x for x in toks if x.isdigit()]
    if not 1 <= len(nums) <= 2 or any(len(x) > 2 for x in nums):
        return False
    if re.search(r"[%:$€]|\d[.,/]\d", inner):
        return False
    for w in toks:
        if w.isdigit():
            continue
        lw = w.lower()
        if lw in _BRACKET_OK_LOWER:
            continue
        if w[0].isupper() and lw not in _BRACKET_BAD_CAP and len(w) > 1:
            continue  # a country, a nationality or a name: "(Kenya, 30)"
        if re.fullmatch(r"\d{1,2}[mfz]", lw):
            continue
        return False
    return True


def general_ages(t: str, low: str, out: list[Cand]) -> None:
    """The general age pass (see the comment above RE_NUM_TOKEN)."""
    for m in RE_NUM_TOKEN.finditer(low):
        s, e = m.start(), m.end()
        digit = m.group("d") is not None
        nv = _num_value(m.group())
        if nv is None or not 1 <= nv <= 99:
            continue
        unit = age_unit_after(low, e)
        if unit and unit[1] and not is_duration_before(low, s):
            if digit or nv >= 12 or _RE_CHILD_AFTER.match(t, unit[0]):
                _add_age(out, t, s, unit[0], nv, P_AGE - 1)
            continue
        if is_duration_before(low, s):
            continue
        cue = age_cue_before(low, s)
        if unit:  # a weak unit: "years", "godina"
            if cue != "strong" and RE_DURATION_AFTER.match(low, unit[0]):
                continue
            glued = low[e : e + 1].isalpha()  # "24yrs," is written like an age
            if (
                cue
                or (nv >= 14 and _RE_PERSON_COMMA_BEFORE.search(t, max(0, s - 3), s))
                or (nv >= 12 and is_subject_before(t, low, s))
                or (glued and nv >= 14 and RE_CLAUSE_END.match(low, unit[0]))
            ):
                _add_age(out, t, s, unit[0], nv, P_AGE - 1)
            continue
        mo = RE_UNIT_MONTHS.match(low, e) if nv <= 24 else None
        if mo:
            if mo.group("old") or cue == "strong" or RE_BABY_BEFORE.search(low, max(0, s - 30), s):
                _add_age(out, t, s, mo.end(), 1, P_AGE - 1)
            continue
        e = half_after(low, e)
        if not RE_CLAUSE_END.match(low, e):
            continue  # "ima 3 sestre", "is 20 minutes away"
        if (
            cue == "strong"
            or (cue == "has" and nv >= 12)
            or (nv >= 12 and is_subject_before(t, low, s))
            or (
                nv >= 12
                and low[e : e + 1] == ","
                and not low[e + 1 : e + 3].strip()[:1].isdigit()  # not a list of counts
                and RE_PERSON_NOUN_COMMA.search(low, max(0, s - 30), s)
            )
        ):
            _add_age(out, t, s, e, nv, P_AGE - 1)
    if re.search(r"\d", t):
        for m in RE_AGE_GENDER.finditer(t):
            k = next(g for g in ("n", "n2", "n3", "n4") if m.group(g))
            nv = int(m.group(k))
            if 12 <= nv <= 99:
                _add_age(out, t, m.start(k), m.end(k), nv, P_AGE - 1)
    if "(" in t:
        for m in RE_AGE_BRACKET.finditer(t):
            inner = m.group("in")
            if not bracket_age(inner):
                continue
            child = RE_CHILD_WORD_BEFORE.search(low, max(0, m.start() - 25), m.start()) is not None
            for nm in re.finditer(r"(?<![\w])\d{1,2}(?=[mfzMFZ]?(?![\w]))", inner):
                nv = int(nm.group())
                if 12 <= nv <= 99 or (child and 1 <= nv < 12):
                    a = m.start("in") + nm.start()
                    e = a + len(nm.group())
                    unit = age_unit_after(low, e)  # "(approx 9 yrs)": the unit goes too
                    _add_age(out, t, a, min(unit[0], m.end("in")) if unit else e, nv, P_AGE - 1)
    if "|" in t or "\t" in t:
        table_ages(t, low, out)
    for m in _LC_AGE_AT.finditer(low):
        nv = _num_value(m.group("n"))
        if nv is not None and 10 <= nv <= 99:
            _add_age(out, t, m.start("n"), m.end("n"), nv, P_AGE - 1)


_RE_PERSON_COMMA_BEFORE = re.compile(r"[A-Za-z)],[ \t]$")
# a number in apposition after a person noun: "a minor, sixteen, says ...", "momak, 19, iz ..."
RE_PERSON_NOUN_COMMA = re.compile(
    r"\b(?:minor|boy|girl|woman|man|guy|client|kid|child|teen\w*|youth|lady|"
    r"klijent\w*|maloletn\w*|maloljetn\w*|decak|djecak|devojka|djevojka|devojcica|momak|mladic|"
    r"zena|muskarac|dete|dijete)[ \t]*,[ \t]*$"
)
# a table column headed "age" / "godine" / "starost": its cells are ages
RE_AGE_HEADER = re.compile(
    r"(?:age|ages|godine|godina|god\.?|starost|uzrast|dob|vozrast|years|yrs|years\s+old)"
)
RE_TABLE_AGE_CELL = re.compile(
    r"[ \t]*(?P<n>\d{1,2})(?P<u>[ \t]*(?:y\.?o\.?|yrs?|god\.?|g\.|godin[aeiu]|years?))?[ \t]*"
)


def table_ages(t: str, low: str, out: list[Cand]) -> None:
    """Numbers in the "age" column of a pipe or tab table."""
    col: int | None = None
    sep = ""
    pos = 0
    for line in low.split("\n"):
        start = pos
        pos += len(line) + 1
        for sp in ("|", "\t"):
            if line.count(sp) >= 2 or (sp == "\t" and line.count(sp) >= 1):
                break
        else:
            col = None
            continue
        cells = line.split(sp)
        heads = [i for i, c in enumerate(cells) if RE_AGE_HEADER.fullmatch(c.strip())]
        if heads:
            col, sep = heads[0], sp
            continue
        if col is None or sp != sep or col >= len(cells):
            continue
        off = start + sum(len(c) + 1 for c in cells[:col])
        m = RE_TABLE_AGE_CELL.fullmatch(low, off, off + len(cells[col]))
        if m:
            nv = int(m.group("n"))
            _add_age(out, t, m.start("n"), m.end("u") if m.group("u") else m.end("n"), nv, P_AGE)


def _drop_durations(low: str, out: list[Cand], start: int) -> None:
    """Remove ages of this note that follow a duration word ("vec 2 godine")."""
    keep = [
        c
        for c in out[start:]
        if c.kind != "AGE" or not is_duration_before(low, c.s) or _starts_strong(low, c)
    ]
    out[start:] = keep


def _starts_strong(low: str, c: Cand) -> bool:
    """A unit that only ages have ("-year-old", "-godisnji") beats a duration word."""
    m = re.match(r"\d{1,2}|[a-z]+(?:[- ][a-z]+)?", low[c.s : c.e])
    if not m:
        return True
    rest = low[c.s + m.end() : c.e]
    return bool(re.search(r"old|godisnj|y\.?o|y/o", rest))


def _trim_cue_address(t: str, s: int, e: int) -> int:
    """End of an address captured after a cue word: right after the house number
    (and flat / postcode), so "Vojvode Stepe 155, kod tetke" keeps "kod tetke".
    An address that starts with its number ("14 Green Street, London") ends at
    the first comma."""
    m = _RE_HOUSE_IN_CUE.search(t, s, e)
    if m is None:
        return e
    if m.start() == s:
        c = t.find(",", s, e)
        return c if c > 0 else e
    return m.end()


def find_addresses(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    for rx in (RE_ADDR_SH, RE_ADDR_SUFFIX, RE_ADDR_EN, RE_ADDR_TITLE, RE_ADDR_PERSON):
        for m in rx.finditer(t):
            if rx is RE_ADDR_SUFFIX:
                w = m.group("w").lower()
                if w in lexicon.BIG_PLACES or lexicon.place_stem(w) in lexicon.BIG_PLACE_STEMS:
                    continue  # "u Turskoj 2 godine", "Nemacka 3"
            out.append(Cand(m.start(), m.end(), "ADDRESS", P_ADDRESS))
    dates = [(c.s, c.e) for c in out if c.kind == "DATE"]
    for m in RE_ADDR_CUE.finditer(t):
        s, e = m.start("a"), m.end("a")
        if any(a <= s < b for a, b in dates):
            continue  # "moved to Wednesday 12th at 3pm" is a date, not an address
        e = _strip_trailing(t, s, _trim_cue_address(t, s, e))
        out.append(Cand(s, e, "ADDRESS", P_ADDRESS - 1))
    if (
        _RE_DIGIT.search(t)
        and len(_RE_CAP_WORD.findall(t)) < 0.03 * (t.count(" ") + 1)
        and _lower_mode([(0, 0, w) for w in RE_WORD.findall(t)])
    ):
        for m in RE_ADDR_LOWER.finditer(t):
            g = "a" if m.group("a") else "b"
            out.append(Cand(m.start(g), m.end(g), "ADDRESS", P_ADDRESS - 1))


_RE_CAP_WORD = re.compile(r"\b[A-Z]")
# the town of an address: "Cara Lazara bb, Šid", "Gavrila Principa 12/4, Zemun", "21000 Novi Sad"
_RE_AFTER_ADDRESS = re.compile(r"[\w.][ \t]*,?[ \t]*$")


def _lower_mode(words: list[tuple[int, int, str]]) -> bool:
    alpha = [w for w in words if len(w[2]) > 1]
    if len(alpha) < 6:
        return False
    caps = sum(1 for w in alpha if w[2][0].isupper() and not w[2].isupper())
    return caps / len(alpha) < 0.03


def find_places(sh: Shadow, out: list[Cand]) -> None:
    t = sh.text
    words = [(m.start(), m.end(), m.group()) for m in RE_WORD.finditer(t)]
    n = len(words)
    lower_mode = _lower_mode(words)
    addr_ends = sorted(c.e for c in out if c.kind == "ADDRESS")
    i = 0
    while i < n:
        w0 = words[i][2]
        if not w0[0].isupper() and not lower_mode:
            i += 1
            continue
        st0 = lexicon.place_stem(w0.lower())
        if st0 not in lexicon.PLACE_FIRST and w0.lower() not in lexicon.PLACE_FIRST:
            i += 1
            continue
        matched = None
        for ln in range(min(lexicon.PLACE_MAXLEN, n - i), 0, -1):
            seg = words[i : i + ln]
            # words must be adjacent (only spaces / hyphen between)
            if any(
                not re.fullmatch(r"[\s-]{1,2}", t[seg[k][1] : seg[k + 1][0]]) for k in range(ln - 1)
            ):
                continue
            if ln > 1 and not lower_mode and not all(x[2][0].isupper() for x in seg):
                continue
            for key in (
                tuple(lexicon.place_stem(x[2].lower()) for x in seg),
                tuple(x[2].lower() for x in seg),
            ):
                if key in lexicon.PLACES:
                    matched = (ln, lexicon.PLACES[key])
                    break
            if matched:
                break
        if not matched:
            i += 1
            continue
        ln, (canon, region) = matched
        s, e = words[i][0], words[i + ln - 1][1]
        if (
            ln == 1
            and lexicon.place_stem(w0.lower()) in lexicon.BIG_PLACE_STEMS
            and w0.lower() != lexicon.fold_key(canon).lower()
        ):
            i += 1  # "u Kijevu" is Kyiv rather than the village Kijevo
            continue
        # ambiguous single words need a locative preposition or centre cue
        stem = lexicon.place_stem(w0.lower())
        if ln == 1 and (
            len(stem) <= 3
            or stem in lexicon.AMBIGUOUS_PLACES
            or (lower_mode and lexicon.is_common_any(w0.lower()))
            or lexicon.name_key(w0.lower()) in lexicon.NAME_KEYS
            or lexicon.name_key(stem) in lexicon.NAME_KEYS
        ):
            prev = words[i - 1][2].lower() if i > 0 else ""
            prev2 = words[i - 2][2].lower() if i > 1 else ""
            nxt = words[i + 1][2].lower() if i + 1 < n else ""
            # the town right after an address: "Cara Lazara bb, Šid"
            addr_end = max((x for x in addr_ends if x <= s), default=-99)
            if not (
                prev in _LOC_PREP
                or prev in _PLACE_CUE_WORDS
                or prev2 in _PLACE_CUE_WORDS
                or nxt in _PLACE_CUE_WORDS
                or nxt in ("camp", "centre", "center", "kamp", "centar")
                or (s - 4 <= addr_end <= s and _RE_AFTER_ADDRESS.search(t, max(0, s - 12), s))
            ):
                i += 1
                continue
            if canon == "Lipa" and prev in ("na",) and nxt and nxt[0].isdigit():
                i += 1
                continue
        out.append(Cand(s, e, "PLACE", P_PLACE, region))
        i += ln
    for m in RE_VILLAGE.finditer(t):
        p = m.group("p")
        low = p.lower()
        if lexicon.place_stem(low) in lexicon.BIG_PLACE_STEMS or low in lexicon.BIG_PLACES:
            continue
        key = (lexicon.place_stem(low),)
        region = lexicon.PLACES.get(key, (None, None))[1]
        out.append(Cand(m.start("p"), m.end("p"), "PLACE", P_PLACE - 1, region))
