"""The failed addresses a notice lists under a sentence that says delivery failed.

Most plain notices of the 1990s-2000s share one layout whatever wrote them:
a failure sentence that introduces a list ("The following addresses had
permanent fatal errors", "could not be delivered to the following
recipients", "Delivery to the following recipients failed", "did not reach
the following recipient(s)"), then one recipient per item, each perhaps
followed by lines of its own error text. An item is an address (bare, in
<>, after a label such as "Recipient address:"), a display name that the
returned original's To/Cc resolve to an address (Exchange 5.5/2000), or a bare
local name (AOL screen names, sendmail's local users) that belongs to the
domain of the system that reports it.
"""
from __future__ import annotations

import re
from email.message import Message

from ... import headers as h
from ...folding import Sign
from ...trace import org_domain
from ..context import Context
from ..model import Delivery
from ..status import command_in, reply_code_in, status_in
from ..text import ADDR, CODE, coded_line

_LISTED = r"(?:e-?mail\s+)?(?:addresses|address(?:\(es\))?|recipients?|recipient\(s\)|users?|user\(s\)|destinations?)"
_FAILED = (r"(?:fail|error|could\s?n[o']?t|can\s?n[o']?t|unable|undeliverable|not\s+(?:be\s+)?(?:delivered|reached|"
           r"accepting|deliverable)|did\s+not\s+reach|rejected|unknown|invalid|problem)")
# The sentence that opens the list: a failure and "the following <recipients>" in either order, bounded.
_INTRO = re.compile(rf"\b(?:following|these)\s+{_LISTED}\b[^\n]{{0,160}}?{_FAILED}|"
                    rf"{_FAILED}[^\n]{{0,160}}?\b(?:following|these)\s+{_LISTED}|"
                    rf"\b(?:undeliverable|not\s+delivered|could\s?n[o']?t\s+be\s+delivered)\s+to:\s*$|"
                    rf"{_FAILED}[^\n]{{0,160}}?\bto\s+the\s+following\s*:\s*$", re.I)  # GroupWise
# The yes/no test asked of every line: over ASCII lines lower-cased, behind the words every match holds
# ("following", "these", "undeliverable", "delivered"), so most lines cost a few substring checks.
_OPENS_LIST = Sign(_INTRO.pattern)
_LABEL = r"(?:(?:final-|original-)?recipient(?:\s+address)?|address|rcpt\s+to|to|user|smtp)\s*:\s*"
_ITEM_ADDR = re.compile(rf"^[\s*\u2022>-]*(?:{_LABEL})?<?({ADDR})>?(.*)$", re.I)
# Exchange: 'Name' on DATE, the date numeric or led by a weekday ("on Fri, 14 Sep 2007")
_ITEM_NAME = re.compile(r"^\s*'?([^\s'@<>:()][^'@<>:()\n]{0,78}?)'?\s+on\s+(?:[A-Za-z]{3},?\s+)?\d.*$")
# A local part alone (sendmail's local user), perhaps with its cause in parentheses (GroupWise)
_ITEM_LOCAL = re.compile(r"^\s*<?([A-Za-z][\w.+-]{1,63})>?(?:\s+\(([^()\n]{1,120})\))?\s*$")
_ITEM_SCREEN = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 ]{1,30}[A-Za-z0-9])\s*$")  # AOL screen names may hold spaces
_ON_DATE = re.compile(r"^\s*on\s+(?:[A-Za-z]{3},?\s+)?\d")  # the time stamp Exchange puts after an item
_QUOTE = re.compile(r"^(\s*)['\"]")  # 'addr' on DATE (Exchange 2000)
_RULER = re.compile(r"^\s*-{3,}|^\s*={3,}")
_SKIP_LOCAL = re.compile(r"^(mailer-daemon|postmaster|abuse)$", re.I)
_BLANKS_BEFORE_LIST = 2
_DELAYED = re.compile(r"delayed|not yet been delivered|will (continue|keep) (to )?(try|retry)|transient|temporar",
                      re.I)


def failed_list(ctx: Context, notice: str, exclude: set[str], original: Message | None = None,
                spaced_names: bool = False) -> list[Delivery]:
    """Deliveries for the items listed under the first failure sentence that lists any."""
    lines = notice.split("\n")
    names = _display_names(original)
    known = _known_addresses(ctx, original)
    domain = org_domain(ctx.from_addr.split("@")[-1]) if "@" in ctx.from_addr else None
    for index, line in enumerate(lines):
        start = _list_start(lines, index)
        if start is None:
            continue
        items, end = _items(lines, start, names, known, domain, spaced_names)
        action = "delayed" if _DELAYED.search(" ".join(lines[index:start])) else "failed"
        deliveries = _deliveries(items, exclude, _shared_text(lines, index, end), lines, action)
        if deliveries:
            return deliveries
    return []


def _list_start(lines: list[str], index: int) -> int | None:
    """Where the list begins when the line at index (or it with the next, a wrapped sentence) opens one."""
    line = lines[index]
    if len(line) > 300:
        return None
    if _OPENS_LIST.found(line):
        return index + 1
    if index + 1 < len(lines) and lines[index + 1].strip() and line.strip() and not line.rstrip().endswith((":", ".")):
        if _OPENS_LIST.found(f"{line.strip()} {lines[index + 1].strip()}") and not _OPENS_LIST.found(lines[index + 1]):
            return index + 2
    return None


def _item(line: str, names: dict[str, str], known: dict[str, str], domain: str | None,
          spaced: bool) -> tuple[str | None, str, bool] | None:
    """(address, rest of the line, named by an address) when the line is a list item.

    The address is None for a display name the original does not resolve.
    """
    if _RULER.match(line):
        return None
    match = _ITEM_ADDR.match(_QUOTE.sub(r"\1 ", line, count=1))
    if match:
        rest = match.group(2).strip("'\"")
        return match.group(1).lower().strip(".'"), "" if _ON_DATE.match(rest) else rest, True
    match = _ITEM_NAME.match(line)
    if match:
        return names.get(_name_key(match.group(1))), "", False
    match = _ITEM_LOCAL.match(line) or (_ITEM_SCREEN.match(line) if spaced else None)
    if match is None:
        return None
    local = match.group(1).replace(" ", "").lower()
    cause = (match.group(2) or "") if match.re is _ITEM_LOCAL else ""
    if local in known:
        return known[local], cause, False
    return (f"{local}@{domain}", cause, False) if domain else None


def _items(lines: list[str], start: int, names: dict[str, str], known: dict[str, str], domain: str | None,
           spaced: bool) -> tuple[list[tuple[str | None, list[str]]], int]:
    """Each item with its own text (the rest of its line and the lines under it, up to a blank line),
    and the index of the line after the list.

    Under an item that already has text, only an address starts the next item: a line of
    words there is more of the error, not a local name.
    """
    items: list[tuple[str | None, list[str]]] = []
    blanks = 0
    in_item = False
    end = start
    for end in range(start, min(len(lines), start + 200)):
        line = lines[end]
        if not line.strip():
            blanks += 1
            in_item = False
            if not items and blanks > _BLANKS_BEFORE_LIST:
                break
            continue
        found = _item(line, names, known, domain, spaced)
        if found is not None and (found[2] or not (in_item and items[-1][1])):
            rest = found[1].strip(" :<>-")
            items.append((found[0], [rest] if rest else []))
            in_item, blanks = True, 0
            continue
        if in_item:
            items[-1][1].append(line.strip())
            continue
        break  # a line of other text after the list (or instead of one)
    else:
        end = min(len(lines), start + 200)
    return items, end


def _deliveries(items, exclude: set[str], shared: str, lines: list[str], action: str) -> list[Delivery]:
    """Items become deliveries; an item with no text of its own gets the text around the list."""
    out, seen = [], set()
    for address, own in items:
        if address is not None and (address in exclude or address in seen or _SKIP_LOCAL.match(address.split("@")[0])):
            continue
        seen.add(address)
        text = " ".join(own) or shared
        if not CODE.search(text):
            text = f"{text} {coded_line(lines) or ''}".strip()  # the error stands apart from the list
        out.append(Delivery(address, action, status_in(text), reply_code_in(text), text[:1000],
                            command=command_in(text)))
    return out


def _shared_text(lines: list[str], intro: int, end: int) -> str:
    """The failure sentence and the first paragraph after the list: the error when items carry none."""
    after: list[str] = []
    for line in lines[end:end + 40]:
        if not line.strip():
            if after:
                break
            continue
        if _RULER.match(line) and not after:
            continue
        after.append(line.strip())
    return " ".join([lines[intro].strip(), *after])[:1000]


_FOR = re.compile(rf"\bfor\s+<?({ADDR})>?", re.I)


def _known_addresses(ctx: Context, original: Message | None) -> dict[str, str]:
    """Local part -> address of the recipients the message itself records (the original's To/Cc and
    the "for" clause of its Received lines, X-Failed-Recipients): a bare local name in the list is one
    of them before it is an address at the reporting domain."""
    found = [a.strip() for v in ctx.msg.get_all("X-Failed-Recipients") or [] for a in str(v).split(",")]
    if original is not None:
        found += h.addresses(original, "To", "Cc")
        found += [m.group(1) for v in original.get_all("Received", []) for m in _FOR.finditer(h.raw_text(v))]
    out: dict[str, str] = {}
    for address in found:
        if address and "@" in address:
            out.setdefault(address.split("@")[0].lower(), address.lower())
    return out


def _name_key(name: str) -> str:
    return " ".join(name.strip(" '\"").lower().split())


def _display_names(original: Message | None) -> dict[str, str]:
    """Display name -> address of the original's To and Cc, to resolve Exchange's name-only items."""
    if original is None:
        return {}
    from email.utils import getaddresses
    values = [h.raw_text(v) for name in ("To", "Cc") for v in original.get_all(name, [])]
    return {_name_key(n): a.lower() for n, a in getaddresses(values) if n and "@" in a}
