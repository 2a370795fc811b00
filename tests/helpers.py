"""Small mailboxes made on the fly for the tests."""
from __future__ import annotations


def message(subject: str = "hello", body: str = "body line\n", **headers: str) -> str:
    """A small RFC 5322 message with LF endings."""
    fields = {"From": "Alice <Alice@Example.ORG>", "To": "bob@example.net", "Subject": subject,
              "Date": "Tue, 05 Mar 2024 10:00:00 +0100", "Message-ID": f"<{abs(hash(subject))}@example.org>"}
    fields.update({k.replace("_", "-"): v for k, v in headers.items()})
    return "".join(f"{k}: {v}\n" for k, v in fields.items()) + "\n" + body


def mbox(*messages: str) -> str:
    return "".join(f"From sender@example.org Tue Mar  5 10:00:00 2024\n{m}\n" for m in messages)
