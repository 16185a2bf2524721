# size: the whole AMI protocol (parser, actions, two clients), stdlib-only, testable on its own
"""Asterisk Manager Interface (AMI): incremental parser, action
serialisation and a small asyncio client.

Why our own client rather than panoramisk: the listener needs exactly four
things (log in, await responses by ActionID including event lists, hand every
other event to one callback, reconnect with back-off and resynchronise), the
parser must survive the garbage and non-UTF-8 bytes real PBXs send, and the
package must stay standard-library only so it can be tested and ported on its
own. The figures that back this choice are in docs/ARCHITECTURE.md.

Wire format (as recorded from Asterisk 22.10): a banner line
``Asterisk Call Manager/11.0.0`` right after the TCP connect, then messages
made of CRLF-terminated ``Key: Value`` lines and ended by an empty line.
Keys may repeat (``ChanVariable``, ``Output``), values may contain ``": "``.
"""
import asyncio
import itertools
import logging
import socket
import time

_logger = logging.getLogger(__name__)

BANNER_PREFIX = "Asterisk Call Manager/"
#: a buffered line longer than this without a newline is garbage: drop it
MAX_LINE = 64 * 1024


class Message(dict):
    """One AMI message: a dict of the first value of each key, in wire order.

    Repeated keys are kept: :meth:`getall` returns every value of a key.
    ``kind`` is ``"event"``, ``"response"`` or ``"banner"``; an
    ``OriginateResponse`` event carries a ``Response`` key too, so ``Event``
    decides first.
    """

    __slots__ = ("extra", "events")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.extra = None
        #: for an EventList response: the events of the list, in order
        self.events = None

    @property
    def kind(self):
        if "Event" in self:
            return "event"
        if "Response" in self:
            return "response"
        if "Banner" in self:
            return "banner"
        return "unknown"

    @property
    def name(self):
        """Event name (``Hangup``) or response status (``Success``)."""
        return self.get("Event") or self.get("Response") or ""

    @property
    def success(self):
        return self.get("Response", "").lower() in ("success", "follows", "goodbye")

    def add(self, key, value):
        if key in self:
            if self.extra is None:
                self.extra = {}
            self.extra.setdefault(key, []).append(value)
        else:
            self[key] = value

    def getall(self, key):
        """Every value of ``key`` in wire order (``[]`` when absent)."""
        if key not in self:
            return []
        return [self[key]] + ((self.extra or {}).get(key) or [])


class Parser:
    """Incremental AMI parser: ``feed(bytes) -> [Message, ...]``.

    It never raises on bad input: a line that is not ``Key: Value`` (or a
    block with neither ``Event`` nor ``Response``) is counted in ``errors``
    and passed to ``on_error(reason, line)``; parsing carries on with the
    next line, so the good messages that follow are never lost. Bytes that
    are not UTF-8 are decoded with replacement characters (and reported),
    because a caller name from an old PBX must not stop the event stream.
    Bare ``\\n`` line ends are accepted too.
    """

    def __init__(self, on_error=None):
        self.on_error = on_error
        self.errors = 0
        self.banner = None
        self._buffer = b""
        self._current = None

    def reset(self):
        """Forget a half-received message (call it on a new connection)."""
        self._buffer = b""
        self._current = None

    def _error(self, reason, line):
        self.errors += 1
        if self.on_error is not None:
            try:
                self.on_error(reason, line)
            except Exception:  # a reporting hook must not break parsing
                _logger.exception("AMI parser on_error hook failed")

    def feed(self, data):
        buffer = self._buffer + data if self._buffer else data
        end = buffer.rfind(b"\n")
        if end < 0:
            self._buffer = buffer
            if len(buffer) > MAX_LINE:
                self._error("line too long", buffer[:80])
                self._buffer = b""
            return []
        self._buffer = buffer[end + 1:]
        chunk = buffer[:end]
        try:
            lines = chunk.decode("utf-8").split("\n")
        except UnicodeDecodeError:
            lines = []
            for raw in chunk.split(b"\n"):
                try:
                    lines.append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    self._error("not UTF-8", raw)
                    lines.append(raw.decode("utf-8", "replace"))
        return self._parse_lines(lines)

    def _parse_lines(self, lines):
        messages = []
        current = self._current
        for line in lines:
            if line.endswith("\r"):
                line = line[:-1]
            if not line:
                if current:
                    if "Event" in current or "Response" in current:
                        messages.append(current)
                    else:
                        self._error("message without Event or Response", dict(current))
                current = None
                continue
            key, sep, value = line.partition(": ")
            if not sep:
                if current is None and line.startswith(BANNER_PREFIX):
                    self.banner = line
                    messages.append(Message(Banner=line))
                    continue
                key, sep, value = line.partition(":")
            if not sep or not key or " " in key:
                self._error("malformed line", line)
                continue
            if current is None:
                current = Message()
            current.add(key, value)
        self._current = current
        return messages


def format_action(action, action_id=None, **fields):
    """Serialise one action to bytes.

    A list or tuple value is sent as a repeated key (``Variable``). Values
    with CR or LF are refused: they would let a value inject a second action.
    """
    lines = ["Action: %s" % action]
    if action_id is not None:
        lines.append("ActionID: %s" % action_id)
    for key, value in fields.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "true" if item else "false"
            item = str(item)
            if "\r" in item or "\n" in item or "\r" in key or "\n" in key:
                raise ValueError("AMI field %s contains a line break" % key)
            lines.append("%s: %s" % (key, item))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")


class AMIError(Exception):
    """An action answered with ``Response: Error``."""

    def __init__(self, response):
        super().__init__(response.get("Message", "AMI error"))
        self.response = response


class AuthenticationError(AMIError):
    """Login refused: a configuration problem, so the client stops retrying."""


class _Pending:
    __slots__ = ("future", "response")

    def __init__(self, future):
        self.future = future
        self.response = None


class AMIClient:
    """Asyncio AMI client that logs in, keeps the connection and reconnects.

    * ``on_event(message)``: every event that is not part of an action's
      event list (plain function or coroutine function);
    * ``on_connect(client)``: after each successful login, so the caller can
      resynchronise (``QueueStatus``, ``CoreShowChannels``); it runs as its
      own task, so it may await actions;
    * ``on_disconnect(client)``: when an established connection is lost,
      before the back-off wait (the call tracker's "every live call ended");
    * ``on_unreachable(client, error)``: after each failed connection
      attempt (the PBX is down or refuses the TCP connection).

    ``events`` is the Login ``Events`` value (``"on"``, ``"off"`` or a class
    mask such as ``"call,agent"``); ``event_filters`` are sent as
    ``Filter`` actions (``"Event: Queue*"``) so the PBX does not send the
    rest. Reconnect waits double from ``backoff`` up to ``backoff_max``:
    2 s by default, so the client is back within about 2 s of a restarted
    PBX accepting connections (a refused connect costs next to nothing; the
    30 s of old made a PBX back after 10 s wait 15 s more, issue 16). Every
    connection, loss and first failure is logged.
    """

    def __init__(self, host, port, username, secret, on_event=None, on_connect=None,
                 on_disconnect=None, events="on", event_filters=(), timeout=10.0,
                 backoff=0.5, backoff_max=2.0, ping_interval=None, on_unreachable=None):
        self.host, self.port = host, port
        self.username, self.secret = username, secret
        self.on_event, self.on_connect, self.on_disconnect = on_event, on_connect, on_disconnect
        self.on_unreachable = on_unreachable
        self.events, self.event_filters = events, list(event_filters)
        self.timeout = timeout
        self.backoff, self.backoff_max = backoff, backoff_max
        self.ping_interval = ping_interval
        self.banner = None
        # created on first use, inside the running loop: Python 3.7 binds an
        # Event to the loop current when it is built, and a thread of a
        # threaded Odoo server or a greenlet has none (issue 16)
        self._connected = None
        self.connections = 0
        self.parser = Parser(on_error=self._parse_error)
        self._ids = itertools.count(1)
        self._pending = {}
        self._writer = None
        self._closing = False
        self._tasks = set()

    @property
    def connected(self):
        """Set while logged in (an :class:`asyncio.Event` of the running loop)."""
        if self._connected is None:
            self._connected = asyncio.Event()
        return self._connected

    # ----------------------------------------------------------- actions
    async def send_action(self, action, timeout=None, **fields):
        """Send ``action`` and return its response :class:`Message`.

        For event-list actions the response's ``events`` holds the list's
        events once ``EventList: Complete`` arrived. Raises :class:`AMIError`
        on ``Response: Error`` and ``ConnectionError`` if the link drops.
        """
        if self._writer is None:
            raise ConnectionError("AMI not connected")
        action_id = fields.pop("ActionID", None) or "%s-%d" % (action.lower(), next(self._ids))
        future = asyncio.get_event_loop().create_future()
        self._pending[action_id] = _Pending(future)
        try:
            self._writer.write(format_action(action, action_id, **fields))
            response = await asyncio.wait_for(future, timeout or self.timeout)
        finally:
            self._pending.pop(action_id, None)
        if response.get("Response", "").lower() == "error":
            raise AMIError(response)
        return response

    # ---------------------------------------------------------- lifecycle
    async def connect(self):
        """Open one connection, read the banner and log in.

        Raises :class:`AuthenticationError` on a wrong secret and
        ``ConnectionError``/``OSError``/``asyncio.TimeoutError`` otherwise.
        """
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port), self.timeout)
        self.parser.reset()
        self._writer = writer
        reader_task = asyncio.ensure_future(self._read(reader, writer))
        self._reader_task = reader_task
        try:
            response = await self.send_action(
                "Login", Username=self.username, Secret=self.secret, Events=self.events)
        except AMIError as error:
            await self._close_writer()
            raise AuthenticationError(error.response)
        except BaseException:
            await self._close_writer()
            raise
        for event_filter in self.event_filters:
            await self.send_action("Filter", Operation="Add", Filter=event_filter)
        self.connections += 1
        _logger.info("AMI %s:%s connected (%s), connection %d", self.host, self.port,
                     self.banner or "no banner", self.connections)
        self.connected.set()
        if self.on_connect is not None:
            self._spawn(self._call(self.on_connect, self))
        if self.ping_interval:
            self._spawn(self._keepalive(writer))
        return response

    async def run(self):
        """Stay connected until :meth:`close`; reconnect with back-off."""
        delay = self.backoff
        failures = 0
        while not self._closing:
            try:
                await self.connect()
            except AuthenticationError:
                raise
            except (OSError, asyncio.TimeoutError, ConnectionError) as error:
                failures += 1
                # the first failure of an outage is a warning, the retries
                # (every backoff_max seconds) only debug lines
                (_logger.warning if failures == 1 else _logger.debug)(
                    "AMI %s:%s unreachable (%s); retrying every %.1fs at most",
                    self.host, self.port, error or error.__class__.__name__,
                    self.backoff_max)
                if self.on_unreachable is not None:
                    await self._call(self.on_unreachable, self, error)
            else:
                if failures:
                    _logger.info("AMI %s:%s reachable again after %d failed attempts",
                                 self.host, self.port, failures)
                failures = 0
                delay = self.backoff
                await self._reader_task
                if self._closing:
                    _logger.info("AMI %s:%s: logged off", self.host, self.port)
                    break
                _logger.warning("AMI connection to %s:%s lost; reconnecting in %.1fs",
                                self.host, self.port, delay)
            if self._closing:
                break
            await asyncio.sleep(delay)
            delay = min(delay * 2, self.backoff_max)

    async def close(self):
        """Log off politely when possible and stop reconnecting."""
        self._closing = True
        if self._writer is not None:
            try:
                await self.send_action("Logoff", timeout=2)
            except (AMIError, ConnectionError, OSError, asyncio.TimeoutError) as exc:
                _logger.debug("AMI logoff not acknowledged: %s", exc)
        await self._close_writer()
        for task in list(self._tasks):
            task.cancel()

    # ----------------------------------------------------------- internals
    async def _read(self, reader, writer):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                for message in self.parser.feed(data):
                    await self._dispatch(message)
        except (ConnectionError, OSError) as error:
            _logger.info("AMI read failed: %s", error)
        finally:
            lost = self.connected.is_set()
            self.connected.clear()
            if self._writer is writer:
                self._writer = None
            # the peer closed (or reset) the link: close our end too, or each
            # reconnect leaves a socket behind (CLOSE_WAIT)
            writer.close()
            for pending in list(self._pending.values()):
                if not pending.future.done():
                    pending.future.set_exception(ConnectionError("AMI connection closed"))
            if lost and self.on_disconnect is not None:
                await self._call(self.on_disconnect, self)

    async def _dispatch(self, message):
        kind = message.kind
        if kind == "banner":
            self.banner = message["Banner"]
            return
        action_id = message.get("ActionID")
        if kind == "response":
            pending = self._pending.get(action_id) if action_id else self._oldest_pending()
            if pending is None or pending.future.done():
                return
            if message.get("EventList", "").lower() == "start":
                message.events = []
                pending.response = message
            else:
                pending.future.set_result(message)
            return
        pending = self._pending.get(action_id) if action_id else None
        if pending is not None and pending.response is not None:
            if message.get("EventList", "").lower() == "complete":
                pending.future.set_result(pending.response)
            else:
                pending.response.events.append(message)
            return
        if self.on_event is not None:
            try:  # inlined rather than _call(): this is the hot path
                result = self.on_event(message)
                if result is not None and asyncio.iscoroutine(result):
                    await result
            except Exception:
                _logger.exception("AMI event handler failed on %s", message.name)

    def _oldest_pending(self):
        """A response without ActionID answers the oldest action (AMI
        answers in order); Asterisk omits the id when none was sent."""
        for pending in self._pending.values():
            if pending.response is None and not pending.future.done():
                return pending
        return None

    async def _keepalive(self, writer):
        """Ping so that a half-open TCP connection is noticed and dropped."""
        while self._writer is writer:
            await asyncio.sleep(self.ping_interval)
            try:
                await self.send_action("Ping")
            except (AMIError, ConnectionError, asyncio.TimeoutError):
                if self._writer is writer:
                    writer.close()
                return

    async def _close_writer(self):
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except (AttributeError, ConnectionError, OSError) as exc:
                # wait_closed is 3.7+, and a reset socket may complain
                _logger.debug("AMI socket closed uncleanly: %s", exc)

    def _spawn(self, coroutine):
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _call(callback, *args):
        try:
            result = callback(*args)
            if asyncio.iscoroutine(result):
                await result
        except Exception:  # one bad handler must not kill the connection
            _logger.exception("AMI callback %r failed", callback)

    def _parse_error(self, reason, line):
        _logger.warning("AMI: %s: %r", reason, line)


class BlockingClient:
    """One short AMI session on a plain blocking socket, for the phone
    bar's actions sent from an Odoo request.

    No event loop: a threaded Odoo server's request threads and gevent's
    greenlets have no current asyncio loop (``asyncio.Event()`` raises there
    on Python 3.7), and under gevent every greenlet shares one OS thread, so
    two clicks at once would find "another loop running". A blocking socket
    works in each mode (gevent makes it cooperative). The whole session is
    bounded by ``deadline`` seconds; each wait by what is left of it.
    Use it as a context manager: it logs in on enter and off on exit.
    """

    def __init__(self, host, port, username, secret, timeout=5.0, deadline=None):
        self.host, self.port = host, port
        self.username, self.secret = username, secret
        self.timeout = timeout
        self.deadline = time.monotonic() + (deadline or timeout * 2)
        self.parser = Parser(on_error=lambda reason, line: _logger.warning(
            "AMI: %s: %r", reason, line))
        self.banner = None
        self._ids = itertools.count(1)
        self._sock = None
        self._inbox = []

    def __enter__(self):
        self.connect()
        return self

    def __exit__(self, *exc):
        self.close()

    def _left(self):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise socket.timeout("no answer within %.0f s" % (self.timeout * 2))
        return min(left, self.timeout)

    def connect(self):
        """Open the connection, read the banner and log in with events off;
        :class:`AuthenticationError` on a refused login."""
        self._sock = socket.create_connection((self.host, self.port), self._left())
        try:
            response = self.send_action("Login", Username=self.username,
                                        Secret=self.secret, Events="off")
        except AMIError as error:
            self.close(logoff=False)
            raise AuthenticationError(error.response)
        except BaseException:
            self.close(logoff=False)
            raise
        return response

    def send_action(self, action, **fields):
        """Send ``action``; its response :class:`Message` (an event list's
        events in ``events``). :class:`AMIError` on ``Response: Error``."""
        if self._sock is None:
            raise ConnectionError("AMI not connected")
        action_id = "%s-%d" % (action.lower(), next(self._ids))
        self._sock.settimeout(self._left())
        self._sock.sendall(format_action(action, action_id, **fields))
        response = None
        while True:
            message = self._next()
            if message.kind == "banner":
                self.banner = message["Banner"]
                continue
            if message.get("ActionID", action_id) != action_id:
                continue  # an event (FullyBooted) or an older answer
            if response is None:
                if message.kind != "response":
                    continue
                response = message
                if message.get("EventList", "").lower() != "start":
                    break
                response.events = []
            elif message.get("EventList", "").lower() == "complete":
                break
            else:
                response.events.append(message)
        if response.get("Response", "").lower() == "error":
            raise AMIError(response)
        return response

    def _next(self):
        while not self._inbox:
            self._sock.settimeout(self._left())
            data = self._sock.recv(65536)
            if not data:
                raise ConnectionError("AMI connection closed")
            self._inbox.extend(self.parser.feed(data))
        return self._inbox.pop(0)

    def close(self, logoff=True):
        sock, self._sock = self._sock, None
        if sock is None:
            return
        try:
            if logoff:
                self._sock = sock
                try:
                    self.send_action("Logoff")
                except (AMIError, OSError) as exc:
                    _logger.debug("AMI logoff not acknowledged: %s", exc)
                finally:
                    self._sock = None
        finally:
            sock.close()
