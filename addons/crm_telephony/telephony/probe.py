"""Check a PBX's AMI access: connect, log in, ask the Asterisk version."""
import asyncio

from .ami import AMIClient, AMIError, AuthenticationError


def _(message):
    """Mark ``message`` as a sentence for the user: Odoo's term extraction
    finds ``_("...")`` calls, and the Odoo code that shows the error
    translates it (docs/ARCHITECTURE.md, "Messages of the plain
    packages"). Plain Python has no user language to translate into."""
    return message


class ProbeError(Exception):
    """The PBX could not be used. ``template`` says what to check (marked
    with :func:`_`), ``params`` fills it in; ``str()`` is the English
    sentence. Odoo shows ``_(error.template) % error.params``."""

    def __init__(self, template, **params):
        self.template = template
        self.params = params
        super().__init__(template % params)


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
        raise ProbeError(_(
            "The PBX refused the AMI user %(user)r: check the user and secret in "
            "manager.conf."), user=username)
    except ConnectionRefusedError:
        raise ProbeError(_(
            "Nothing answers at %(host)s:%(port)s (connection refused): check the host, "
            "the port and that AMI is enabled in manager.conf."), host=host, port=port)
    except asyncio.TimeoutError:
        raise ProbeError(_("No answer from %(host)s:%(port)s within %(timeout).0f s."),
                         host=host, port=port, timeout=timeout)
    except AMIError as error:
        if not error.response.get("Message"):
            raise ProbeError(_("The PBX answered with an unknown error."))
        raise ProbeError(_("The PBX answered with an error: %(error)s"),
                         error=error.response["Message"])
    except OSError as error:
        raise ProbeError(_("Cannot reach %(host)s:%(port)s: %(error)s"),
                         host=host, port=port, error=error)
    finally:
        loop.close()
