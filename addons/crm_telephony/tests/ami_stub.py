"""A minimal AMI server for the Odoo tests of the phone bar: the banner,
Login, Logoff, CoreShowChannels with the channels given, and Success for
every other action (recorded in ``actions``). The full protocol-faithful
fake PBX is tests/fakeami (outside the add-on, used by the end-to-end
tests); this one only has to answer the phone bar's short sessions."""
import socket
import socketserver
import threading

CRLF = "\r\n"


def _block(*lines):
    return (CRLF.join(lines) + CRLF + CRLF).encode()


class _Handler(socketserver.BaseRequestHandler):

    def handle(self):
        stub = self.server.stub
        self.request.sendall(("Asterisk Call Manager/11.0.0" + CRLF).encode())
        buffer = b""
        while True:
            try:
                data = self.request.recv(65536)
            except OSError:
                return
            if not data:
                return
            buffer += data
            while b"\r\n\r\n" in buffer:
                raw, buffer = buffer.split(b"\r\n\r\n", 1)
                action = {}
                for line in raw.decode("utf-8", "replace").split(CRLF):
                    key, _, value = line.partition(": ")
                    action.setdefault(key, value)
                if not self.answer(stub, action):
                    return

    def answer(self, stub, action):
        name, action_id = action.get("Action", ""), action.get("ActionID", "")
        head = "ActionID: %s" % action_id
        with stub.lock:
            stub.actions.append(action)
        send = self.request.sendall
        if name == "Login":
            ok = action.get("Secret") == stub.secret
            send(_block("Response: %s" % ("Success" if ok else "Error"), head,
                        "Message: Authentication %s" % ("accepted" if ok else "failed")))
            if ok:
                send(_block("Event: FullyBooted", "Privilege: system,all", "Uptime: 5",
                            "LastReload: 5", "Status: Fully Booted"))
            return ok
        if name == "Logoff":
            send(_block("Response: Goodbye", head, "Message: Thanks for all the fish."))
            return False
        if name == "CoreShowChannels":
            send(_block("Response: Success", head, "EventList: start",
                        "Message: Channels will follow"))
            for channel, uniqueid, linkedid in stub.channels:
                send(_block("Event: CoreShowChannel", head, "Channel: %s" % channel,
                            "Uniqueid: %s" % uniqueid, "Linkedid: %s" % linkedid))
            send(_block("Event: CoreShowChannelsComplete", head, "EventList: Complete",
                        "ListItems: %d" % len(stub.channels)))
            return True
        send(_block("Response: Success", head, "Message: %s accepted" % name))
        return True


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class AmiStub:
    """``with AmiStub() as stub:`` listens on ``stub.port`` (127.0.0.1)."""

    def __init__(self, secret="s3cret", channels=()):
        self.secret = secret
        #: (channel, uniqueid, linkedid) listed by CoreShowChannels
        self.channels = list(channels)
        self.actions = []
        self.lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.stub = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def sent(self, since=0):
        """Actions after the first ``since``, without the session's own."""
        with self.lock:
            return [a for a in self.actions[since:]
                    if a.get("Action") not in ("Login", "Logoff", "CoreShowChannels")]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


#: the stub's live call: the agent on 1001 talks to a caller on the trunk
TRUNK, MINE = "PJSIP/trunk-00000000", "PJSIP/1001-00000001"


def stub_pbx(env, name, **vals):
    """A started AmiStub with the agent's call listed, and the company's only
    active phone system pointing at it: ``(stub, pbx)``; stop the stub with
    ``stub.__exit__(None, None, None)``."""
    stub = AmiStub(channels=[(TRUNK, "1.0", "1.0"), (MINE, "1.1", "1.0")]).__enter__()
    env["crm.pbx"].search([]).write({"active": False})
    values = {"name": name, "host": "127.0.0.1", "port": stub.port,
              "username": "callcenter", "secret": "s3cret", "timeout": 5.0}
    values.update(vals)
    return stub, env["crm.pbx"].create(values)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
