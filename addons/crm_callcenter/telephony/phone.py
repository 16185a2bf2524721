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
