"""Settings of the telephony add-on that several of its files read (the
call records, the live monitor, the statistics and their summaries, the
phone system's form). Plain Python (no Odoo import). The listener's own
vocabulary (agent states, call results) is in telephony/calls.py."""

#: an inbound call answered within this many seconds of waiting counts in
#: the service level (the monitor, the statistics and their summaries);
#: the labels "Answered within 20 s" say it too
SERVICE_LEVEL_SECONDS = 20
#: default minutes after which a live call is stale (each phone system can
#: say otherwise): the listener missed its end
STALE_RINGING_MINUTES = 15
STALE_TALKING_MINUTES = 240
