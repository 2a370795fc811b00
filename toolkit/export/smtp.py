"""Send abuse reports through an SMTP server the user names, slowly and only when asked.

Credentials come from the environment (BACKSCATTER_SMTP_USER, BACKSCATTER_SMTP_PASSWORD) and
are never written anywhere. STARTTLS is used unless explicitly turned off (for a local relay).
"""
from __future__ import annotations

import os
import smtplib
import ssl
import time
from email.parser import BytesParser
from email.policy import compat32
from pathlib import Path

from ..errors import ToolkitError


def send(files: list[Path], host: str, port: int = 587, *, starttls: bool = True, per_minute: float = 10,
         timeout: float = 30, sleep=time.sleep, to: list[str] | None = None) -> list[str]:
    """Send each .eml; returns the recipients, in order. Waits 60/per_minute seconds between messages.

    ``to``: the recipient of each file (the contacts the user confirmed); it replaces the file's To
    and is the only envelope recipient, whatever the file says.
    """
    if to is not None and len(to) != len(files):
        raise ValueError("one recipient per file")
    user, password = os.environ.get("BACKSCATTER_SMTP_USER"), os.environ.get("BACKSCATTER_SMTP_PASSWORD")
    sent = []
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as server:
            server.ehlo()
            if starttls:
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if user and password:
                server.login(user, password)
            for index, path in enumerate(files):
                if index:
                    sleep(60.0 / per_minute)
                message = BytesParser(policy=compat32).parsebytes(path.read_bytes())
                if to is not None:
                    del message["To"]
                    message["To"] = to[index]
                server.send_message(message, to_addrs=[to[index]] if to is not None else None)
                sent.append(str(message["To"]))
    except (OSError, smtplib.SMTPException) as exc:
        raise ToolkitError(f"sending through {host}:{port} failed after {len(sent)} message(s): {exc}") from exc
    return sent
