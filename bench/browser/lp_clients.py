"""The rest of the floor for the screen-pop bench: agents logged in over
plain HTTP (asyncio streams, no HTTP library), each holding a
``/longpolling/poll`` request the way Odoo 11's web client does (same
JSON-RPC body, ``bus_inactivity`` option, a new poll as soon as one
answers), so the long-polling process serves the whole floor. On a pop they
also ask the server what the web client asks after the bus message
(``after_pop``), so the HTTP workers carry a full floor's load too.

Everything runs in one thread with its own event loop; the bench reads
``arrivals`` (extension, call id, arrival time in ms since the epoch)."""
import asyncio
import json
import threading
import time
import urllib.parse

POP = "crm_callcenter.pop"


class HttpError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection to nginx (a browser's)."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None
        self.lock = asyncio.Lock()  # one request at a time, as on a browser's connection

    async def post_json(self, path, payload, cookie=None, timeout=70):
        async with self.lock:
            try:
                return await asyncio.wait_for(self._post_json(path, payload, cookie), timeout)
            except asyncio.TimeoutError:
                self.close()
                raise HttpError("no answer from %s in %d s" % (path, timeout))

    async def _post_json(self, path, payload, cookie=None):
        body = json.dumps(payload).encode()
        head = ["POST %s HTTP/1.1" % path, "Host: %s:%d" % (self.host, self.port),
                "Content-Type: application/json", "Content-Length: %d" % len(body),
                "Connection: keep-alive"]
        if cookie:
            head.append("Cookie: session_id=%s" % cookie)
        request = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        for attempt in (1, 2):  # nginx may have closed an idle connection
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(request)
                await self.writer.drain()
                return await self._response()
            except (ConnectionError, asyncio.IncompleteReadError, ValueError):
                self.close()
                if attempt == 2:
                    raise

    async def _response(self):
        status = (await self.reader.readuntil(b"\r\n")).decode()
        headers, cookies = {}, {}
        while True:
            line = (await self.reader.readuntil(b"\r\n")).decode().strip()
            if not line:
                break
            name, _sep, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            headers[name] = value
            if name == "set-cookie":
                key, _sep, rest = value.partition("=")
                cookies[key] = rest.split(";")[0]
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if not size:
                    break
                chunks.append(chunk[:-2])
            body = b"".join(chunks)
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", 0)))
        if headers.get("connection", "").lower() == "close":
            self.close()
        code = int(status.split()[1])
        if code != 200:
            raise HttpError("%s %s" % (code, body[:200]))
        answer = json.loads(body.decode() or "null")
        if isinstance(answer, dict) and answer.get("error"):
            raise HttpError(json.dumps(answer["error"])[:300])
        return answer, cookies

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Agent:
    def __init__(self, floor, login):
        self.floor, self.login = floor, login
        self.extension = login.rsplit("_", 1)[1]
        self.session = None
        self.last = 0
        self.poll_cnx = Connection(floor.host, floor.port)
        self.rpc_cnx = Connection(floor.host, floor.port)

    async def log_in(self):
        answer, cookies = await self.rpc_cnx.post_json("/web/session/authenticate", {
            "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
                "db": self.floor.db, "login": self.login, "password": self.login}})
        assert answer["result"].get("uid"), "login %s refused" % self.login
        self.session = cookies["session_id"]

    async def poll_forever(self):
        started = time.time() * 1000.0
        while not self.floor.stopping:
            try:
                answer, _cookies = await self.poll_cnx.post_json("/longpolling/poll", {
                    "jsonrpc": "2.0", "method": "call", "id": 2, "params": {
                        "channels": [], "last": self.last,
                        "options": {"bus_inactivity": int(time.time() * 1000.0 - started)}}},
                    self.session)
            except (HttpError, OSError, asyncio.IncompleteReadError) as error:
                self.floor.errors.append("%s: %s" % (self.login, error))
                await asyncio.sleep(1.0)  # the web client waits before polling again
                continue
            now = time.time() * 1000.0
            for notification in answer["result"] or ():
                self.last = max(self.last, notification["id"])
                message = notification["message"]
                if isinstance(message, dict) and message.get("type") == POP:
                    self.floor.arrivals.append((self.extension, message["call_id"], now))
                    if self.floor.after_pop:
                        asyncio.ensure_future(self._after_pop(message))

    async def _after_pop(self, message):
        try:
            await self.floor.after_pop(self, message)
        except (HttpError, OSError, asyncio.IncompleteReadError) as error:
            self.floor.errors.append("%s after pop: %s" % (self.login, error))

    async def call_kw(self, model, method, args, kwargs=None):
        answer, _cookies = await self.rpc_cnx.post_json(
            "/web/dataset/call_kw/%s/%s" % (model, method), {
                "jsonrpc": "2.0", "method": "call", "id": 3, "params": {
                    "model": model, "method": method, "args": args,
                    "kwargs": kwargs or {}}}, self.session)
        return answer["result"]


class Floor:
    """``logins`` polling through ``url`` (nginx) in a thread of their own.
    ``after_pop(agent, message)``: a coroutine run on each pop (the RPCs the
    web client makes after the bus message), or None."""

    def __init__(self, url, db, logins, after_pop=None, logins_at_once=4):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port, self.db = parsed.hostname, parsed.port, db
        self.logins, self.after_pop, self.logins_at_once = logins, after_pop, logins_at_once
        self.arrivals, self.errors = [], []
        self.stopping = False
        self.failure = None
        self.agents = []
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())

    async def _main(self):
        gate = asyncio.Semaphore(self.logins_at_once)

        async def log_in(agent):
            async with gate:
                await agent.log_in()

        self.agents = [Agent(self, login) for login in self.logins]
        try:
            await asyncio.gather(*(log_in(agent) for agent in self.agents))
        except Exception as error:  # the bench reports it
            self.failure = error
            self.ready.set()
            raise
        self.pollers = [asyncio.ensure_future(agent.poll_forever()) for agent in self.agents]
        self.ready.set()
        await asyncio.gather(*self.pollers, return_exceptions=True)

    def stop(self):
        self.stopping = True
        for task in getattr(self, "pollers", ()):
            self.loop.call_soon_threadsafe(task.cancel)
        self.thread.join(10)
        for agent in self.agents:
            agent.poll_cnx.close()
            agent.rpc_cnx.close()
