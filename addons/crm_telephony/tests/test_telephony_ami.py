"""AMI parser and action serialisation, on the stream recorded from
Asterisk 22.10 (tests/data/ami). Plain unittest: no database needed."""
import os
import unittest

try:
    from ..telephony import ami
except (ImportError, ValueError):  # run outside Odoo: add-on folder on sys.path
    from telephony import ami

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "ami")
RECORDING = os.path.join(DATA, "asterisk-22.10-ami-queue-calls.txt")


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def shape(messages):
    return [(m.kind, list(m.items()), {k: m.getall(k) for k in m}) for m in messages]


class TestParser(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recording = read(RECORDING)

    def test_recording(self):
        parser = ami.Parser()
        messages = parser.feed(self.recording)
        self.assertEqual(parser.errors, 0, "the real stream must parse cleanly")
        self.assertEqual(parser.banner, "Asterisk Call Manager/11.0.0")
        self.assertEqual([m.kind for m in messages[:4]],
                         ["banner", "response", "event", "event"])
        self.assertEqual(messages[1]["Message"], "Authentication accepted")
        self.assertEqual((messages[2].name, messages[2]["Uptime"]), ("FullyBooted", "59"))
        self.assertEqual(len(messages), 202, "banner + 201 messages are recorded")
        self.assertEqual(messages[-1].name, "Goodbye")
        originate = [m for m in messages if m.name == "OriginateResponse"]
        self.assertEqual(len(originate), 3)
        self.assertEqual(originate[0].kind, "event", "Event wins over its Response key")
        paused = [m for m in messages if m.name == "QueueMemberPause"][0]
        self.assertEqual(paused["PausedReason"], "Lunch")
        member = [m for m in messages if m.name == "QueueMember"][0]
        self.assertEqual(member["PausedReason"], "", "an empty value stays an empty string")

    def test_split_at_every_byte(self):
        sample = self.recording[:3500]
        expected = shape(ami.Parser().feed(sample))
        self.assertGreater(len(expected), 8)
        for cut in range(1, len(sample)):
            parser = ami.Parser()
            got = parser.feed(sample[:cut]) + parser.feed(sample[cut:])
            self.assertEqual(shape(got), expected, "split at byte %d changed the result" % cut)
            self.assertEqual(parser.errors, 0)

    def test_byte_by_byte(self):
        sample = self.recording[:3000]
        parser = ami.Parser()
        got = []
        for index in range(len(sample)):
            got.extend(parser.feed(sample[index:index + 1]))
        self.assertEqual(shape(got), shape(ami.Parser().feed(sample)))

    def test_value_with_colon_and_repeated_keys(self):
        data = (b"Event: VarSet\r\nMessage: a: b: c\r\nCallerID: \"x\" <+86138>\r\n"
                b"ChanVariable: A=1\r\nChanVariable: B=2\r\nEmpty:\r\n\r\n")
        message = ami.Parser().feed(data)[0]
        self.assertEqual(message["Message"], "a: b: c")
        self.assertEqual(message["CallerID"], '"x" <+86138>')
        self.assertEqual(message.getall("ChanVariable"), ["A=1", "B=2"])
        self.assertEqual(message["ChanVariable"], "A=1")
        self.assertEqual(message["Empty"], "")
        self.assertEqual(message.getall("Missing"), [])

    def test_garbage_reported_and_following_messages_kept(self):
        reported = []
        parser = ami.Parser(on_error=lambda reason, line: reported.append(reason))
        data = (b"Event: A\r\nUniqueid: 1\r\n\r\n"
                b"garbage without colon\r\n\r\n"
                b"Event: B\r\nthis line is junk\r\nUniqueid: 2\r\n\r\n"
                b"Foo: bar\r\n\r\n"
                b"\r\n\r\n"
                b"Event: C\r\nUniqueid: 3\r\n\r\n")
        messages = parser.feed(data)
        self.assertEqual([(m.name, m["Uniqueid"]) for m in messages],
                         [("A", "1"), ("B", "2"), ("C", "3")])
        self.assertEqual(parser.errors, 3, reported)
        self.assertIn("message without Event or Response", reported)

    def test_non_utf8_bytes(self):
        reported = []
        parser = ami.Parser(on_error=lambda reason, line: reported.append(reason))
        data = (b"Event: Newchannel\r\nCallerIDName: \xd5\xc5\xc8\xfd\r\nUniqueid: 1\r\n\r\n"
                b"Event: Hangup\r\nCallerIDName: \xe5\xbc\xa0\xe4\xb8\x89\r\n\r\n")
        first, second = parser.feed(data)
        self.assertEqual(first["Uniqueid"], "1")
        self.assertIn("\ufffd", first["CallerIDName"])
        self.assertEqual(second["CallerIDName"], "张三")
        self.assertEqual(reported, ["not UTF-8"])

    def test_bare_newlines_and_overlong_line(self):
        parser = ami.Parser()
        self.assertEqual(parser.feed(b"Event: A\nX: 1\n\n")[0]["X"], "1")
        self.assertEqual(parser.feed(b"x" * (ami.MAX_LINE + 1)), [])
        self.assertEqual(parser.errors, 1, "an endless line is dropped, not buffered")
        self.assertEqual(parser.feed(b"\r\nEvent: B\r\n\r\n")[0].name, "B")


class TestFormatAction(unittest.TestCase):

    def test_format(self):
        data = ami.format_action("Originate", "o-1", Channel="PJSIP/1001", Async=True,
                                 Variable=["A=1", "B=2"], Account=None)
        self.assertEqual(data, b"Action: Originate\r\nActionID: o-1\r\nChannel: PJSIP/1001\r\n"
                               b"Async: true\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n")
        parsed = ami.Parser().feed(b"Response: Success\r\n" + data.split(b"\r\n", 1)[1])[0]
        self.assertEqual(parsed.getall("Variable"), ["A=1", "B=2"])

    def test_line_break_refused(self):
        with self.assertRaises(ValueError):
            ami.format_action("QueuePause", Reason="x\r\n\r\nAction: Logoff")
