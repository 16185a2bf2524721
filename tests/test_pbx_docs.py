"""Issue 16, item 4: docs/PBX.md is a tested recipe. Its configuration
blocks are the files under docs/pbx/ (checked verbatim), those files hold
what a real Asterisk 20 needed, and the documented dialplan reaches every
extension the CRM dials: the fake PBX, loaded with it, accepts the phone
bar's transfers, and refuses them with the dialplan of the old page."""
import configparser
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]

from fakeami import dialplan  # noqa: E402
from fakeami.server import ThreadedFakeAMI  # noqa: E402

DOC = ROOT / "docs" / "PBX.md"
FLAVOURS = ("asterisk20-chan_sip", "asterisk22-pjsip")
#: the dialplan the page documented before issue 16
OLD_DIALPLAN = """
[from-internal]
exten => _0X.,1,Dial(PJSIP/${EXTEN}@trunk,60)
 same => n,Hangup()
[survey]
exten => 7000,1,Answer()
"""


def conf(path):
    parser = configparser.ConfigParser(strict=False, inline_comment_prefixes=(";",),
                                       comment_prefixes=(";",), delimiters=("=>", "="))
    parser.optionxform = str
    parser.read_string(re.sub(r"^\[(\w+)\]\(.*$", r"[\1]", path.read_text(), flags=re.M))
    return parser


def test_every_block_is_its_file():
    text = DOC.read_text()
    blocks = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```\n", text, flags=re.S)
    named = {name for name, _ in blocks}
    expected = {str(path.relative_to(ROOT)) for path in (ROOT / "docs" / "pbx").rglob("*.conf")}
    assert named == expected, "every file of docs/pbx is shown, and only those"
    for name, body in blocks:
        assert body == (ROOT / name).read_text(), "%s in PBX.md differs from the file" % name


def test_what_asterisk_20_needed():
    common = ROOT / "docs" / "pbx" / "common"
    cdr = conf(common / "cdr.conf")
    assert cdr["csv"]["loguniqueid"] == "yes" and cdr["csv"]["newcdrcolumns"] == "yes"
    assert "cdr_csv.conf`)" not in DOC.read_text(), "no cdr_csv.conf instruction"
    assert conf(common / "features.conf")["featuremap"]["atxfer"].strip() == "*2"
    queues = conf(common / "queues.conf")
    assert queues["general"]["persistentmembers"] == "yes"
    assert queues["general"]["autofill"] == "yes"
    assert "member" not in queues["support"], "static members refuse QueueAdd/QueueRemove"
    assert conf(common / "cdr_manager.conf")["general"]["enabled"] == "yes"
    assert conf(common / "confbridge.conf")["default_bridge"]["type"] == "bridge"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_dialplan_reaches_what_the_crm_dials(flavour):
    text = (ROOT / "docs" / "pbx" / flavour / "extensions.conf").read_text()
    contexts = dialplan.parse(text)
    for exten in ("1002", "7000", "013912345678"):
        assert dialplan.reaches(contexts, "from-internal", exten), exten
    assert not dialplan.reaches(contexts, "from-internal", "9999")
    for context, needle in (("crm-hold", "MusicOnHold"), ("crm-conference", "ConfBridge"),
                            ("survey", "CrmSurvey"), ("crm-voicemail", "CrmVoicemail"),
                            ("support", "office_hours"), ("support", "Queue(support,t"),
                            ("support", "UserEvent(CrmRecording,File: ${MIXMONITOR_FILENAME})")):
        assert context in contexts, context
        section = text.split("[%s]" % context, 1)[1].split("\n[", 1)[0]
        assert needle in section, "%s has no %s" % (context, needle)
    device = "SIP/${EXTEN}" if "chan_sip" in flavour else "PJSIP/${EXTEN}"
    assert "Dial(%s,20)" % device in text


def transfers(text):
    """What the fake PBX, loaded with ``text``, answers to the phone bar's
    blind transfer to 1002, the survey (7000) and an attended transfer."""
    fake = ThreadedFakeAMI(style="sip", dialplan=text).start()
    try:
        server = fake.server
        fake.call(server.play(server.pbx.talking()))
        mine = next(name for name in server._channel_names() if name.startswith("SIP/1001-"))
        from telephony import ami  # noqa: E402 (the add-on's client)
        answers = []
        with ami.BlockingClient("127.0.0.1", fake.port, "callcenter", "s3cret") as client:
            for action, exten in (("BlindTransfer", "1002"), ("BlindTransfer", "7000"),
                                  ("Atxfer", "1002")):
                try:
                    client.send_action(action, Channel=mine, Exten=exten,
                                       Context="from-internal")
                    answers.append("ok")
                except ami.AMIError as error:
                    answers.append(str(error))
        return answers
    finally:
        fake.stop()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_fake_pbx_accepts_the_documented_transfers(flavour):
    sys.path.insert(0, str(ROOT / "addons" / "crm_telephony"))
    text = (ROOT / "docs" / "pbx" / flavour / "extensions.conf").read_text()
    assert transfers(text) == ["ok", "ok", "ok"]
    assert transfers(OLD_DIALPLAN) == ["Extension does not exist"] * 3
