"""Check a PBX's AMI access: connect, log in, ask the Asterisk version."""
import asyncio

from .ami import AMIClient, AMIError, AuthenticationError


class ProbeError(Exception):
    """The PBX could not be used; the message says what to check."""


async def _probe(host, port, username, secret, timeout):
    client = AMIClient(host, port, username, secret, events="off", timeout=timeout)
    try:
        await client.connect()
        settings = await client.send_action("CoreSettings")
        return {"banner": client.banner or client.parser.banner or "",
                "version": settings.get("AsteriskVersion", "")}
    finally:
        await client.close()


def probe(host, port, username, secret, timeout=5.0):
    """{'banner', 'version'} of the PBX, or ProbeError with a sentence for an
    administrator. Runs its own event loop, so it can be called from Odoo."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(
            asyncio.wait_for(_probe(host, port, username, secret, timeout), timeout * 2))
    except AuthenticationError:
        raise ProbeError(
            "The PBX refused the AMI user %r: check the user and secret in "
            "manager.conf." % username)
    except ConnectionRefusedError:
        raise ProbeError(
            "Nothing answers at %s:%s (connection refused): check the host, the "
            "port and that AMI is enabled in manager.conf." % (host, port))
    except asyncio.TimeoutError:
        raise ProbeError("No answer from %s:%s within %.0f s." % (host, port, timeout))
    except AMIError as error:
        raise ProbeError("The PBX answered with an error: %s" % (
            error.response.get("Message") or "unknown error"))
    except OSError as error:
        raise ProbeError("Cannot reach %s:%s: %s" % (host, port, error))
    finally:
        loop.close()
