"""A protocol-faithful fake Asterisk Manager Interface for the tests.

:mod:`.scenarios` rebuilds call flows in the dialect recorded from
Asterisk 22.10 (``addons/crm_telephony/tests/data/ami``); :mod:`.server`
serves them over TCP on 127.0.0.1 to a real AMI client.
"""
