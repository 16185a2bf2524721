"""Phone numbers: normalise what users type (or what the PBX sends) to E.164,
and describe a number's region and carrier (号码归属地).

Plain Python on top of ``phonenumbers``, so the model code, the AMI listener
and the importer share one definition of "the same number"."""
import functools

import phonenumbers
from phonenumbers import carrier, geocoder

DEFAULT_REGION = "CN"


@functools.lru_cache(maxsize=20000)
def normalize(number, region=None):
    """Return the E.164 form of ``number`` ('+8613800138000'), or None when
    it is empty or not a possible number. ``region`` (ISO code) is used for
    numbers typed without their country code."""
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
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def check(number, region=None):
    """(e164, error) for a user-typed number: error is a sentence for the
    user when the number cannot be a phone number, else None."""
    if not number:
        return None, None
    e164 = normalize(number, region)
    if e164 is None:
        return None, "%s is not a valid phone number" % number
    return e164, None


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
