"""Lotus Notes / Domino: "Failure Reasons" and "Returned Message" sections."""
from ._plain import plain_format

NAME = "notes"
parse = plain_format(NAME, r"^-+ ?Failure Reasons|was not delivered to:",
                     original=r"^-+ ?Returned Message")
REASONS = (
    ("userunknown", r"ディレクトリのリストにありません|ディレクトリには見つかりません|not found in the (domino )?directory"),
)
