"""Amounts in Chinese financial uppercase (大写), as printed on orders and
invoices: 1005.5 → 壹仟零伍元伍角整."""
from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


def _(message):
    """Mark ``message`` as a sentence for the user: Odoo's term extraction
    finds ``_("...")`` calls, and the Odoo code that shows the error
    translates it (docs/ARCHITECTURE.md, "Messages of the plain
    packages"). Plain Python has no user language to translate into."""
    return message


class AmountError(ValueError):
    """An amount that cannot be written in uppercase. ``template`` says why,
    for the user (marked with :func:`_`), ``params`` fills it in; ``str()``
    is the English sentence. Odoo shows ``_(error.template) % error.params``."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


def _group_upper(group):
    """A number below 10,000 in uppercase; zeros inside collapse to one
    零, trailing zeros are dropped."""
    text = ""
    pending_zero = False
    for position in (3, 2, 1, 0):
        digit = group // 10 ** position % 10
        if not digit:
            pending_zero = bool(text)
            continue
        if pending_zero:
            text += DIGITS[0]
            pending_zero = False
        text += DIGITS[digit] + UNITS[position]
    return text


def integer_upper(number):
    """A non-negative integer in uppercase, sections of four digits
    (万, 亿)."""
    if number < 0:
        raise ValueError("integer_upper takes a non-negative number")
    if number >= 10000 ** len(SECTIONS):
        raise AmountError(_("The amount has more than %(digits)d digits: it cannot be "
                            "written in Chinese uppercase."), digits=4 * len(SECTIONS))
    if not number:
        return DIGITS[0]
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    text = ""
    gap = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            gap = bool(text)
            continue
        if text and (gap or group < 1000):
            text += DIGITS[0]
        text += _group_upper(group) + SECTIONS[index]
        gap = False
    return text


def rmb_upper(amount):
    """An amount of money in yuan in uppercase: 元, 角 and 分, ending with
    整 when there are no 分; rounded half up to the 分."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    cents = int(abs(value) * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts = []
    if yuan:
        parts.append(integer_upper(yuan) + "元")
    if jiao:
        parts.append(DIGITS[jiao] + "角")
    elif yuan and fen:
        parts.append(DIGITS[0])
    if fen:
        parts.append(DIGITS[fen] + "分")
    if not parts:
        return "零元整"
    text = "".join(parts)
    if not fen:
        text += "整"
    return ("负" if value < 0 else "") + text
