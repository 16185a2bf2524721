"""Paths and URLs from the PBX are served only from the configured roots
(telephony/files.py). Plain unittest: no database needed."""
import os
import shutil
import tempfile
import unittest

try:
    from ..telephony import files
except (ImportError, ValueError):  # run outside Odoo: add-on folder on sys.path
    from telephony import files


class TestResolveUnder(unittest.TestCase):

    def setUp(self):
        super().setUp()
        self.base = tempfile.mkdtemp()
        self.root = os.path.join(self.base, "monitor")
        os.makedirs(os.path.join(self.root, "20261203"))
        self.inside = os.path.join(self.root, "20261203", "1.wav")
        with open(self.inside, "wb") as handle:
            handle.write(b"RIFF")
        self.secret = os.path.join(self.base, "odoo.conf")
        with open(self.secret, "w") as handle:
            handle.write("admin_passwd = x")

    def tearDown(self):
        shutil.rmtree(self.base)
        super().tearDown()

    def test_inside(self):
        self.assertEqual(files.resolve_under(self.inside, self.root), self.inside)
        self.assertEqual(files.resolve_under(self.inside, ["/nowhere", self.root + "/"]),
                         self.inside)

    def test_refused(self):
        cases = [
            "/etc/passwd", self.secret,
            os.path.join(self.root, "..", "odoo.conf"),
            self.root,                                  # the root itself
            self.root + "-other/x.wav",                 # a sibling sharing the prefix
            "20261203/1.wav",                           # relative
            self.inside + "\0",
            "", None,
        ]
        for path in cases:
            with self.assertRaises(files.OutsideRoot, msg="%r must be refused" % (path,)):
                files.resolve_under(path, self.root)

    def test_symlink_out_of_the_root(self):
        link = os.path.join(self.root, "20261203", "2.wav")
        os.symlink(self.secret, link)
        with self.assertRaises(files.OutsideRoot):
            files.resolve_under(link, self.root)

    def test_no_root_configured(self):
        for roots in (None, "", [], ["relative/dir"], [""]):
            with self.assertRaises(files.OutsideRoot):
                files.resolve_under(self.inside, roots)

    def test_read_capped(self):
        with open(self.inside, "ab") as handle:
            handle.write(b"0123456789")
        self.assertEqual(files.read_capped(self.inside, 4, cap=3), (b"012", 4))
        self.assertEqual(files.read_capped(self.inside, 99, cap=4), (b"RIFF", 0),
                         "a shorter (rotated) file is read from its start")


class TestUrlUnder(unittest.TestCase):

    BASE = "https://pbx.example.com/recordings/"

    def test_inside(self):
        url = "https://pbx.example.com/recordings/20261203/1.wav"
        self.assertEqual(files.url_under(url, self.BASE), url)
        self.assertEqual(files.url_under(url, "https://PBX.example.com/recordings"), url)

    def test_refused(self):
        for url in ["https://evil.example/recordings/1.wav",
                    "https://pbx.example.com.evil.example/recordings/1.wav",
                    "https://pbx.example.com@evil.example/recordings/1.wav",
                    "http://pbx.example.com/recordings/1.wav",
                    "https://pbx.example.com/other/1.wav",
                    "https://pbx.example.com/recordings-x/1.wav",
                    "https://pbx.example.com/recordings/../admin",
                    "javascript:alert(1)//https://pbx.example.com/recordings/",
                    "https://pbx.example.com/recordings/1.wav\r\nSet-Cookie: x",
                    "//evil.example/recordings/1.wav", "", None]:
            with self.assertRaises(files.OutsideRoot, msg="%r must be refused" % (url,)):
                files.url_under(url, self.BASE)

    def test_no_base(self):
        with self.assertRaises(files.OutsideRoot):
            files.url_under("https://pbx.example.com/recordings/1.wav", "")
