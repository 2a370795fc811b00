"""OpenSMTPD: "Hi! This is the MAILER-DAEMON", then `addr: reason` lines."""
from ._plain import plain_format

NAME = "opensmtpd"
parse = plain_format(NAME, r"This is the MAILER-DAEMON, please DO NOT REPLY|"
                           r"An error has occurred while attempting to deliver a message")
