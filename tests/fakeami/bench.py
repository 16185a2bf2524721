"""Throughput of the telephony package (and panoramisk, if installed).

Run from the repository's ``tests`` folder with the runtime's Python::

    ../.venv/bin/python -m fakeami.bench [--events 50000]

Figures: parser alone on the recorded Asterisk 22.10 stream repeated; parser
plus call tracker; end to end from this fake server over loopback TCP into
the client and the tracker (server and client share one event loop, so the
server's own cost is included: a real PBX link is faster than this).
"""
import argparse
import asyncio
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ADDON = os.path.join(HERE, "..", "..", "addons", "crm_telephony")
sys.path.insert(0, ADDON)

from telephony import ami, calls  # noqa: E402

try:
    from .server import FakeAMIServer
except ImportError:
    from server import FakeAMIServer

RECORDING = os.path.join(ADDON, "tests", "data", "ami", "asterisk-22.10-ami-queue-calls.txt")


def recorded_stream(count):
    """The recording's messages (banner dropped) repeated to ``count``."""
    with open(RECORDING, "rb") as handle:
        data = handle.read()
    body = data.split(b"\r\n", 1)[1]
    per_copy = body.count(b"\r\n\r\n")
    return body * max(1, count // per_copy), per_copy * max(1, count // per_copy)


def bench_parser(count):
    data, events = recorded_stream(count)
    chunks = [data[i:i + 65536] for i in range(0, len(data), 65536)]
    start = time.perf_counter()
    parser = ami.Parser()
    parsed = sum(len(parser.feed(chunk)) for chunk in chunks)
    elapsed = time.perf_counter() - start
    assert parsed == events, (parsed, events)
    tracker = calls.CallTracker()
    start = time.perf_counter()
    parser = ami.Parser()
    for chunk in chunks:
        for message in parser.feed(chunk):
            if "Event" in message:
                tracker.feed(message)
    tracked = time.perf_counter() - start
    return events, events / elapsed, events / tracked


async def bench_own_client(count):
    server = await FakeAMIServer().start()
    events = server.throughput_events(count)
    tracker = calls.CallTracker()
    done = asyncio.Event()
    seen = [0]

    def on_event(message):
        tracker.feed(message)
        seen[0] += 1
        if seen[0] >= len(events) + 1:  # + FullyBooted
            done.set()

    client = ami.AMIClient("127.0.0.1", server.port, "callcenter", "s3cret", on_event=on_event)
    await client.connect()
    start = time.perf_counter()
    await server.blast(events)
    await asyncio.wait_for(done.wait(), 120)
    elapsed = time.perf_counter() - start
    await client.close()
    await server.stop()
    return len(events), len(events) / elapsed


async def bench_panoramisk(count):
    from panoramisk import Manager

    server = await FakeAMIServer().start()
    events = server.throughput_events(count)
    tracker = calls.CallTracker()
    done = asyncio.Event()
    seen = [0]

    def on_event(manager, message):
        tracker.feed(message)
        seen[0] += 1
        if seen[0] >= len(events):
            done.set()

    manager = Manager(loop=asyncio.get_event_loop(), host="127.0.0.1", port=server.port,
                      username="callcenter", secret="s3cret", ping_delay=3600)
    manager.register_event("*", on_event)
    await manager.connect()
    await server.wait_logins(1)
    await asyncio.sleep(0.2)  # let FullyBooted through before counting
    seen[0] = 0
    start = time.perf_counter()
    await server.blast(events)
    await asyncio.wait_for(done.wait(), 120)
    elapsed = time.perf_counter() - start
    manager.close()
    await server.stop()
    return len(events), len(events) / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=50000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("Python %s" % sys.version.split()[0])
    best = max(bench_parser(args.events) for _ in range(args.runs))
    print("parser: %d messages, %.0f msg/s; parser + tracker %.0f msg/s" % best)
    loop = asyncio.get_event_loop()
    own = max(loop.run_until_complete(bench_own_client(args.events)) for _ in range(args.runs))
    print("end to end, telephony.ami client + tracker: %d events, %.0f ev/s" % own)
    try:
        import panoramisk  # noqa: F401
    except ImportError:
        print("panoramisk not installed: skipped")
        return
    pan = max(loop.run_until_complete(bench_panoramisk(args.events)) for _ in range(args.runs))
    print("end to end, panoramisk 1.4 + tracker: %d events, %.0f ev/s" % pan)


if __name__ == "__main__":
    main()
