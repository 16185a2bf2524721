"""Phone numbers: normalise what users type (or what the PBX sends) to E.164,
and describe a number's region and carrier (号码归属地).

Plain Python on top of ``phonenumbers``, so the model code, the AMI listener
and the importer share one definition of "the same number"."""
import functools
import re
import unicodedata

import phonenumbers
from phonenumbers import carrier, geocoder

DEFAULT_REGION = "CN"
# how Chinese users write an extension: 010-62345678转123, 分机 123
EXTENSION_WORDS = re.compile(r"\s*(?:转|轉|分机|分機)\s*")
NON_DIGITS = re.compile(r"\D+")
EXTENSION = re.compile(r"(?i)ext|[x#]")
# what a number typed in a search box is made of (after clean())
LOOKS_LIKE_NUMBER = re.compile(r"^[+\d\s().\-/]+((?i:ext|x|#)\.?\s*\d*)?$")
# fewer trailing digits than this find too many numbers to be a search
MIN_SUFFIX_DIGITS = 4


def _(message):
    """Mark ``message`` as a sentence for the user: Odoo's term extraction
    finds ``_("...")`` calls, and the Odoo code that shows the message
    translates it (docs/ARCHITECTURE.md, "Messages of the plain
    packages"). Plain Python has no user language to translate into."""
    return message


class Message:
    """A sentence for the user: ``template`` (marked with :func:`_`) and the
    ``params`` that fill it in; ``str()`` is the English sentence. Odoo
    shows ``_(message.template) % message.params``."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params

    def __str__(self):
        return self.template % self.params

    def __repr__(self):
        return "Message(%r)" % str(self)


def clean(number):
    """What the user typed, in the characters ``phonenumbers`` reads:
    full-width digits, plus signs and brackets (１３８, ＋８６, （０１０）)
    become ASCII and Chinese extension words become 'ext'."""
    if not number:
        return ""
    text = unicodedata.normalize("NFKC", str(number)).strip()
    return EXTENSION_WORDS.sub(" ext ", text)


@functools.lru_cache(maxsize=20000)
def _parse(number, region):
    text = clean(number)
    if not text:
        return None
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException:
        return None


@functools.lru_cache(maxsize=20000)
def normalize(number, region=None):
    """Return the E.164 form of ``number`` ('+8613800138000'), or None when
    it is empty or not a possible number. ``region`` (ISO code) is used for
    numbers typed without their country code."""
    parsed = _parse(number, region) if number else None
    if parsed is None or not phonenumbers.is_possible_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display(number, region=None, home=None):
    """The one form numbers are shown in: the national format of ``region``
    for its own numbers ('138 0013 8000', '010 6234 5678'), the
    international format for the others ('+44 20 7946 0958'), an extension
    kept ('010 6234 5678 ext. 123'). ``region`` reads numbers typed
    without their country code, ``home`` (default: ``region``) is the
    country whose numbers are shown in national format. None when the
    number is not a valid one: the caller keeps what was typed."""
    parsed = _parse(number, region) if number else None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return None
    home = phonenumbers.country_code_for_region((home or region or DEFAULT_REGION).upper())
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == home
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(parsed, style)


def reversed_digits(number):
    """'+8613800138000' -> '0008310083168': the digits read from the end,
    so that 'ends with 8000' is the indexable 'starts with 0008'."""
    return NON_DIGITS.sub("", number or "")[::-1]


def search_key(text, region=None):
    """(e164, suffix) to search for a number typed in any format: ``e164``
    is matched exactly against E.164 columns, ``suffix`` (reversed digits)
    against the start of the reversed columns, i.e. numbers ending in the
    digits typed. A valid full number gives only ``e164``; a possible one
    both (it may be stored without the area code); a partial one (the last
    digits an agent remembers) only ``suffix``; (None, None) when the text
    is not a number or holds too few digits to search by."""
    if not text or not LOOKS_LIKE_NUMBER.match(clean(text)):
        return None, None
    parsed = _parse(text, region)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None
    if parsed is not None and phonenumbers.is_possible_number_with_reason(
            parsed) == phonenumbers.ValidationResult.IS_POSSIBLE:
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        return e164, reversed_digits(str(parsed.national_number))
    digits = NON_DIGITS.sub("", EXTENSION.split(clean(text))[0])
    if len(digits) < MIN_SUFFIX_DIGITS:
        return None, None
    return None, digits[::-1]


def check(number, region=None):
    """(e164, error) for a user-typed number: error is a :class:`Message`
    for the user when the number cannot be a phone number, else None."""
    if not number:
        return None, None
    e164 = normalize(number, region)
    if e164 is None:
        return None, Message(_("%(number)s is not a valid phone number."), number=number)
    return e164, None


@functools.lru_cache(maxsize=20000)
def quality(number, region=None):
    """How good a typed number is: 'valid' (a number of a real range of its
    country), 'invalid' (the right length, but no such range: a 10-digit
    mobile), 'impossible' (libphonenumber: not a full number of any
    country, e.g. 12345, which only a local exchange could dial), or None
    when there is no number."""
    if not number:
        return None
    parsed = _parse(number, region)
    if parsed is None or phonenumbers.is_possible_number_with_reason(
            parsed) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return "impossible"
    return "valid" if phonenumbers.is_valid_number(parsed) else "invalid"


@functools.lru_cache(maxsize=20000)
def describe(e164, lang="zh"):
    """'北京市 中国移动' for a mobile, '湖北省武汉市' for a landline; '' when
    unknown."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ""
    place = geocoder.description_for_number(parsed, lang)
    operator = carrier.name_for_number(parsed, lang)
    return " ".join(part for part in (place, operator) if part)


def dial_digits(number, region=None, home_country_code=None):
    """The digits to dial for a user-typed ``number``, built from the parsed
    number alone (any extension or trailing text the parser tolerated is
    left out): the national number for the home country
    (``home_country_code``, e.g. 86), ``00`` + country code + national
    number for any other. None when it is not a possible phone number."""
    if not number:
        return None
    text = str(number).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    bare = phonenumbers.PhoneNumber(
        country_code=parsed.country_code, national_number=parsed.national_number,
        italian_leading_zero=parsed.italian_leading_zero,
        number_of_leading_zeros=parsed.number_of_leading_zeros)
    if home_country_code and parsed.country_code == int(home_country_code):
        national = phonenumbers.format_number(bare, phonenumbers.PhoneNumberFormat.NATIONAL)
        return "".join(char for char in national if char.isdigit())
    international = phonenumbers.format_number(bare, phonenumbers.PhoneNumberFormat.E164)
    return "00" + international[1:]


#: characters that would end or split a CallerID / MemberName field or a
#: dialplan argument: quotes and angle brackets (caller ID syntax), commas
#: and ``|`` (application arguments), line breaks (AMI)
_NAME_UNSAFE = set('<>"\r\n,|;\\')


def clean_name(name, limit=40):
    """A person's name made safe for CallerID/MemberName: the unsafe
    characters and control characters removed, spaces collapsed, at most
    ``limit`` characters."""
    text = "".join(char for char in (name or "")
                   if char not in _NAME_UNSAFE and (ord(char) >= 32 and ord(char) != 127))
    return " ".join(text.split())[:limit]


def is_extension(text):
    """True for what an internal extension looks like (1 to 10 digits)."""
    return bool(text) and text.isdigit() and text.isascii() and len(text) <= 10
