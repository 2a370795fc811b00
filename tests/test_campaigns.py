"""Spam runs by content: each fact about real backscatter, a corpus showing it and the runs it must give.

The corpora are frames (`messages` and `originals` rows) built here: campaigns with their own pitch,
subjects and links, sent through rented zombies, bounced by shared bouncers, mixed in time.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

import polars as pl
import pytest

from toolkit import campaigns, sketch
from toolkit.schemas import ORIGINALS, UTC_TIME

T0 = dt.datetime(2024, 3, 5, 8, tzinfo=dt.timezone.utc)
FOOTER = "You received this message because you subscribed. To unsubscribe click here. All rights reserved."
WORDS = "alpha brook cedar delta ember fjord grove harbor inlet jasper kestrel lumen meadow nectar orbit".split()


@dataclass
class Campaign:
    """A spam campaign: its subjects (spintax `{a|b}` allowed), its pitch, its links."""
    name: str
    subjects: list[str]
    pitch: str
    urls: list[str]
    start_h: float = 0.0
    hours: float = 10.0
    size: int = 12
    zombies: list[str] = field(default_factory=list)
    bouncers: list[str] = field(default_factory=list)
    headers_only: float = 0.0     # share of notifications carrying no body (headers or subject only)
    always: list[str] = field(default_factory=list)  # links every spam carries (pixels, DTDs, shared footers)
    footer: str = FOOTER
    waves: int = 1                # sent in this many waves (each `hours` long) ...
    wave_gap_h: float = 0.0       # ... starting this many hours apart


def _spin(rng: random.Random, text: str) -> str:
    """Expand spintax {a|b|c}, {name} and {n} the way ratware does."""
    out, rest = [], text
    while "{" in rest:
        head, _, tail = rest.partition("{")
        body, _, rest = tail.partition("}")
        out.append(head)
        out.append(rng.choice(["Anna", "Boris", "Clara", "Dmitri", "Elena"]) if body == "name"
                   else str(rng.randrange(10, 999)) if body == "n" else rng.choice(body.split("|")))
    return "".join(out) + rest


def corpus(*runs: Campaign, seed: int = 1) -> tuple[pl.DataFrame, pl.DataFrame, dict[str, str]]:
    """messages, originals and msg_key -> campaign name for the given campaigns."""
    rng = random.Random(seed)
    messages, originals, truth = [], [], {}
    for run in runs:
        for i in range(run.size):
            key = f"{run.name}-{i:03d}"
            wave = i % run.waves
            when = T0 + dt.timedelta(hours=run.start_h + wave * run.wave_gap_h + rng.random() * run.hours)
            subject = _spin(rng, rng.choice(run.subjects))
            url = _spin(rng, rng.choice(run.urls)) if run.urls else None
            busters = " ".join(rng.choice(WORDS) + rng.choice(WORDS) for _ in range(6))
            body = f"{_spin(rng, run.pitch)}\n{url or ''}\n{busters}\n{run.footer}\n"
            bodiless = rng.random() < run.headers_only
            messages.append({"msg_key": key, "is_backscatter": True, "received_date": when, "date": when,
                             "bouncer_ip": rng.choice(run.bouncers) if run.bouncers else f"198.51.100.{rng.randrange(250)}"})
            urls = [] if bodiless or url is None else [url, *(_spin(rng, u) for u in run.always)]
            originals.append({
                "msg_key": key, "orig_source": "headers" if bodiless else "rfc822", "orig_subject": subject,
                "orig_urls": urls, "orig_url_domains": [u.split("/")[2].split(".", u.count(".") - 1)[-1] for u in urls],
                "origin_ip": rng.choice(run.zombies) if run.zombies else f"203.0.113.{rng.randrange(250)}",
                "orig_body_sketch": [] if bodiless else sketch.sketch(body), "has_body": not bodiless})
            truth[key] = run.name
    frame = pl.DataFrame(messages, schema={"msg_key": pl.String, "is_backscatter": pl.Boolean,
                                           "received_date": UTC_TIME, "date": UTC_TIME, "bouncer_ip": pl.String})
    orig = ORIGINALS.frame(originals)
    return frame, orig, truth


def runs_of(messages: pl.DataFrame, originals: pl.DataFrame, truth: dict[str, str]) -> dict[str, set[str]]:
    """campaign name -> the run ids its notifications were put in."""
    found = campaigns.assign(messages, originals)
    assert found.height == messages.height, "every backscatter notification gets a run"
    out: dict[str, set[str]] = {}
    for key, run in found.iter_rows():
        out.setdefault(truth[key], set()).add(run)
    return out


BOTNET = [f"192.0.2.{i}" for i in range(1, 6)]
BOUNCERS = ["198.51.100.7", "198.51.100.8"]
PILLS = Campaign("pills", ["Cheap {Viagra|Cialis} without prescription {n}", "{Viagra|Cialis} {n}mg - 80% OFF"],
                 "Order genuine pills from our licensed online pharmacy, shipped discreetly worldwide overnight.",
                 ["http://rxdeals{n}.ru/shop/{n}"])
WATCHES = Campaign("watches", ["Replica {Rolex|Omega} from ${n}", "Luxury {Rolex|Omega} for {n}$ only"],
                   "Swiss made replica watches with sapphire glass and automatic movement at a fraction of the price.",
                   ["http://swisscopies.cn/store/item{n}"])


def _with(run: Campaign, **changes) -> Campaign:
    return Campaign(**{**run.__dict__, **changes})


# fact -> the campaigns; every case must come out as exactly one run per campaign.
FACTS = {
    "a shared botnet does not merge two campaigns": (
        _with(PILLS, zombies=BOTNET), _with(WATCHES, zombies=BOTNET)),
    "shared bouncers do not merge two campaigns": (
        _with(PILLS, bouncers=BOUNCERS), _with(WATCHES, bouncers=BOUNCERS)),
    "boilerplate, shortener and free-host links do not merge": (
        _with(PILLS, urls=["http://www.w3.org/1999/xhtml", "http://bit.ly/Rx{n}a", "https://fonts.googleapis.com/css"]),
        _with(WATCHES, urls=["http://www.w3.org/1999/xhtml", "http://bit.ly/Wt{n}b", "https://fonts.googleapis.com/css"])),
    "campaigns overlapping in time stay apart": (
        _with(PILLS, zombies=BOTNET, bouncers=BOUNCERS, hours=6),
        _with(WATCHES, zombies=BOTNET, bouncers=BOUNCERS, hours=6, start_h=1)),
    "different campaigns with the same generic subject stay apart when content differs": (
        _with(PILLS, subjects=["Hello", "Re: hi"], zombies=BOTNET),
        _with(WATCHES, subjects=["Hello", "Re: hi"], zombies=BOTNET)),
    "spintax subject variants of one campaign join": (
        _with(PILLS, subjects=["{Hi|Hello|Hey} {name}, {cheap|discount|low-cost} {meds|pills} {today|now}",
                               "[SPAM] Re: {name}: your {order|parcel} #{n}", "Fwd: {Best|Top} {pharmacy|drugstore} deals"],
              size=20),),
    "a footer and a tracking pixel no list names, sent with short pitches, merge nothing": tuple(
        Campaign(name, [subject], pitch, [url], hours=40 if i == 0 else 8, size=80 if i == 0 else 8, start_h=4 * i,
                 zombies=BOTNET, bouncers=BOUNCERS, always=["http://px.mailstat-cdn.net/o.gif?c={n}"],
                 footer=FOOTER if i < 5 else "")
        for i, (name, subject, pitch, url) in enumerate([
            ("pills", "Cheap meds {n}", "Pills shipped tonight.", "http://rxdeals.ru/shop/{n}"),
            ("watches", "Replica watches {n}", "Swiss replicas here.", "http://swisscopies.cn/store/{n}"),
            ("loans", "Approved loan {n}", "Cash within a day.", "http://quickcred.xyz/apply/{n}"),
            ("stocks", "Stock alert {n}", "This ticker will soar.", "http://pennymove.info/alert/{n}"),
            ("casino", "Free spins {n}", "Claim your bonus.", "http://luckyspin.bet/promo/{n}"),
            ("dating", "Anna sent you {n} photos", "I saw your profile and want to know you better, write me back.",
             "http://meetlocal.click/u/{n}"),
            ("seo", "SEO audit for your site", "We can bring your website to the first page of every search engine.",
             "http://rankboost.in/offer/{n}")])),
    "one template sent by two affiliates with their own domains and subjects stays two runs": (
        _with(PILLS, urls=["http://rxdeals.ru/shop/{n}"], zombies=BOTNET),
        _with(PILLS, name="affiliate", subjects=["{Hi|Hello} {name}, your {meds|pills} are waiting",
                                                  "Re: {name}: refill reminder"],
              urls=["http://medzone-online.com/shop/{n}"], zombies=BOTNET, start_h=11),
        _with(WATCHES, zombies=BOTNET)),
    "one kit (template and subjects) sent by two affiliates from their own botnets stays two runs": (
        _with(PILLS, urls=["http://rxdeals.ru/shop/{n}"], zombies=[f"192.0.2.{i}" for i in range(1, 60)], size=30),
        _with(PILLS, name="affiliate", urls=["http://medzone-online.com/shop/{n}"], start_h=3, size=30,
              zombies=[f"198.18.0.{i}" for i in range(1, 60)])),
    "a campaign rotating its domains, one per spam, stays one run": (
        _with(PILLS, urls=["http://rxdeals.ru/shop/{n}", "http://pillbarn.com/shop/{n}",
                           "http://medcrate.net/shop/{n}"],
              zombies=[f"192.0.2.{i}" for i in range(1, 30)], size=40),),
    "a campaign sent in waves days apart is one run": (
        _with(PILLS, waves=4, wave_gap_h=24 * 6, hours=5, size=32, zombies=BOTNET),
        _with(WATCHES, start_h=24 * 3, hours=8, zombies=BOTNET)),
    "a campaign sending a little every day for three weeks is one run": (
        _with(PILLS, waves=21, wave_gap_h=24, hours=3, size=42, headers_only=0.3),),
    "two campaigns in waves over the same days from one botnet and bouncers are two runs": (
        _with(PILLS, waves=3, wave_gap_h=24 * 5, hours=6, size=30, zombies=BOTNET, bouncers=BOUNCERS),
        _with(WATCHES, waves=3, wave_gap_h=24 * 5, hours=6, size=30, start_h=2, zombies=BOTNET, bouncers=BOUNCERS)),
    "a campaign whose every spam names another numbered domain links by their page": (
        _with(PILLS, subjects=["{n}"], pitch="{Anna|Boris|Clara|Dmitri|Elena}", footer="", size=20),
        _with(WATCHES, subjects=["{n}"], pitch="{Anna|Boris|Clara|Dmitri|Elena}", footer="", start_h=30, size=40)),
    "campaigns each publishing their pitch on telegra.ph stay apart": (
        _with(PILLS, urls=["https://telegra.ph/Cheap-meds-tonight-09-15"], pitch="", footer=""),
        _with(WATCHES, urls=["https://telegra.ph/Swiss-replicas-09-16"], pitch="", footer="", start_h=2),
        *(_with(WATCHES, name=name, subjects=[subject], pitch="", footer="", urls=[url], start_h=4 * i)
          for i, (name, subject, url) in enumerate([
              ("loans", "Approved loan {n}", "http://quickcred.xyz/apply/{n}"),
              ("stocks", "Stock alert {n}", "http://pennymove.info/alert/{n}"),
              ("casino", "Free spins {n}", "http://luckyspin.bet/promo/{n}"),
              ("dating", "Anna sent you {n} photos", "http://meetlocal.click/u/{n}")]))),
    "headers-only copies join their campaign by subject": (
        _with(PILLS, subjects=["Cheap Viagra without prescription {n}"], headers_only=0.4, size=20),
        _with(WATCHES, subjects=["Replica Rolex from ${n}"], headers_only=0.4, size=20)),
}


@pytest.mark.parametrize("fact", FACTS)
def test_each_campaign_is_one_run(fact):
    runs = runs_of(*corpus(*FACTS[fact]))
    assert all(len(found) == 1 for found in runs.values()), runs
    assert len(set().union(*runs.values())) == len(runs), f"campaigns merged: {runs}"


CASINO = Campaign("casino", ["Kostenlose Freispiele {n}"],
                  "Dein Willkommensbonus im besten Online-Casino wartet auf dich, jetzt anmelden und sofort spielen.",
                  ["http://gluecksrad{n}.bet/bonus/{n}"], hours=240, size=1,
                  footer="Sie erhalten diese Nachricht, weil Sie sich angemeldet haben. Abmelden hier.")


def test_copies_without_a_body_join_the_run_whose_only_body_with_their_subject_came_back():
    """Each of the casino run's three bodies came back with another subject; five copies without a
    body, days apart, carry one of them: they are that run, not the busier run around each of them."""
    bodies = [_with(CASINO, name=f"casino{i}", subjects=[subject], start_h=24 * 3 * i)
              for i, subject in enumerate(["Kostenlose Freispiele {n}", "Ihr Bonus von {n} Euro wartet",
                                           "Glückwunsch, Sie haben gewonnen"])]
    copies = _with(CASINO, name="casino-copies", headers_only=1.0, size=5)
    busy = _with(WATCHES, hours=240, size=80, zombies=BOTNET)
    messages, originals, truth = corpus(*bodies, copies, busy)
    runs = runs_of(messages, originals, {key: "casino" if name.startswith("casino") else name
                                         for key, name in truth.items()})
    assert len(runs["casino"]) == 1 and runs["casino"].isdisjoint(runs["watches"]), runs


def test_a_notification_matching_nothing_is_kept_apart():
    messages, originals, truth = corpus(PILLS, _with(WATCHES, name="lone", size=1, start_h=24 * 5))
    found = campaigns.assign(messages, originals)
    lone = found.filter(pl.col("msg_key") == "lone-000")["campaign_id"].item()
    assert found.filter(pl.col("campaign_id") == lone).height == 1
    table = campaigns.table(messages.join(found, on="msg_key"), originals, pl.DataFrame(
        schema={"origin_ip": pl.String, "country_iso": pl.String, "asn": pl.UInt32}))
    flags = dict(table.select("campaign_id", "is_run").iter_rows())
    assert flags[lone] is False and sum(flags.values()) == 1


def test_each_run_says_why_its_members_belong():
    messages, originals, truth = corpus(_with(PILLS, subjects=["Cheap Viagra without prescription {n}"], size=15))
    found = campaigns.assign(messages, originals)
    table = campaigns.table(messages.join(found, on="msg_key"), originals, pl.DataFrame(
        schema={"origin_ip": pl.String, "country_iso": pl.String, "asn": pl.UInt32}))
    row = table.row(0, named=True)
    assert row["is_run"] and row["messages"] == 15 and row["linked"] == 15
    assert row["subject_templates"] == ["cheap viagra without prescription"]
    assert any(k.startswith("t:cheap viagra without prescription (weight") for k in row["link_keys"])
    assert all(path.startswith("rxdeals#.ru/shop/#") for path in row["url_paths"])


@pytest.mark.parametrize("subject,template", [
    ("Re: Fwd: Cheap Viagra 50mg", "cheap viagra"),
    ("[SPAM] RE: your order #4411 is ready", "your order is ready"),
    ("***SPAM*** Hot stock alert: QXRZ set to soar!", "hot stock alert set to soar"),
    ("AW: WG: Rechnung 2024-03-05", "rechnung"),
    (None, ""),
])
def test_subject_template(subject, template):
    found = pl.select(campaigns.subject_template(pl.lit(subject, pl.String))).item()
    assert found == template


def test_sketch_shares_most_hashes_for_one_pitch_and_few_across_pitches():
    one = sketch.sketch(f"{PILLS.pitch}\nalphabrook cedarember\n{FOOTER}")
    again = sketch.sketch(f"{PILLS.pitch}\n<b>orbitlumen</b> 123 groveinlet\n{FOOTER}")
    other = sketch.sketch(f"{WATCHES.pitch}\nalphabrook cedarember\n{FOOTER}")
    assert len(one) == sketch.SKETCH_SIZE
    assert len(set(one) & set(again)) >= len(set(one) & set(other)) + 4  # the footer is shared by both
    assert sketch.sketch("") == [] and sketch.sketch("<p>12 34</p>") == []


def test_a_lone_subject_narrows_placement_by_time_to_the_runs_sharing_its_rarest_key():
    """ "Re: your Xanax order": the run that also sent "xanax" beats a busier one that sent "your"."""
    subject = pl.DataFrame({"node": [100, 100, 1, 2, 2, 3, 4, 5, 200],
                            "key": ["w:your", "w:xanax", "w:your", "w:your", "w:xanax", "w:your", "w:your", "w:your",
                                    "w:hello"]})
    near = pl.DataFrame({"node": [100, 100, 100, 200, 200], "label": [1, 1, 2, 1, 2], "member": [1, 3, 2, 1, 2]})
    shared = near.join(subject, on="node").join(subject.rename({"node": "member"}), on=["member", "key"], how="semi")
    holders = subject.group_by("key").agg(df=pl.len())
    narrowed = campaigns._sent_its_rarest(near, shared, holders).sort("node", "label")
    assert narrowed.rows() == [(100, 2), (200, 1), (200, 2)]  # node 200 shares nothing: both stay


# links (a, b) -> the links kept: a link two otherwise linked notifications share with no common neighbour is
# chance (one phrase, one page); a pair linked to nothing else, and a path's end, keep theirs.
SUPPORT_CASES = [
    ([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)],
     [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)]),                 # two campaigns and a chance link
    ([(0, 1)], [(0, 1)]),                                                # a campaign of two
    ([(0, 1), (1, 2), (0, 2), (2, 3)], [(0, 1), (1, 2), (0, 2), (2, 3)]),  # a member linked to one other only
    ([(0, 1), (1, 2), (2, 3)], [(0, 1), (2, 3)]),                        # a chain: its middle link has no support
]


@pytest.mark.parametrize("links, kept", SUPPORT_CASES, ids=["bridge", "pair", "pendant", "chain"])
def test_a_link_between_two_linked_notifications_needs_a_common_neighbour(links, kept):
    from toolkit.campaigns import _supported
    frame = pl.DataFrame({"a": [a for a, _ in links], "b": [b for _, b in links],
                          "score": [1.0] * len(links)}, schema={"a": pl.UInt32, "b": pl.UInt32, "score": pl.Float64})
    assert sorted(_supported(frame).select("a", "b").iter_rows()) == sorted(kept)


def test_candidate_pairs_are_each_holders_next_holders_of_the_same_key_in_time():
    """Holders of two keys interleaved in time: each holder is paired with its next NEIGHBOURS (3)
    holders of the same key, never across the end of one key into the next; support keys pair nothing."""
    hour = dt.timedelta(hours=1)
    nodes = pl.DataFrame({"node": list(range(7)), "sent": [T0 + hour * h for h in (6, 0, 5, 1, 4, 2, 3)]},
                         schema={"node": pl.UInt32, "sent": UTC_TIME})
    keys = pl.DataFrame({"node": [0, 1, 2, 3, 4, 5, 6, 1, 3, 5],
                         "key": [1, 1, 1, 1, 1, 2, 2, 3, 3, 3],
                         "family": ["text"] * 7 + ["support"] * 3},
                        schema={"node": pl.UInt32, "key": pl.UInt32, "family": campaigns.FAMILIES})
    # key 1 in time: 1 (0h), 3 (1h), 4 (4h), 2 (5h), 0 (6h); key 2: 5 (2h), 6 (3h)
    expected = {(1, 1, 3), (1, 1, 4), (1, 1, 2), (1, 3, 4), (1, 2, 3), (1, 0, 3), (1, 2, 4), (1, 0, 4), (1, 0, 2),
                (2, 5, 6)}
    found = campaigns._candidates(nodes, keys)
    assert set(found.select("key", "a", "b").iter_rows()) == expected and found.height == len(expected)


def test_pairs_pack_into_one_number_and_back():
    pairs = pl.DataFrame({"a": [0, 7, 2**32 - 2], "b": [1, 2**31, 2**32 - 1]}, schema={"a": pl.UInt32, "b": pl.UInt32})
    assert campaigns._unpacked(pairs.select(campaigns._pair()).to_series()).rows() == pairs.rows()


@pytest.mark.parametrize("strings,codes", [
    (["t:b", "c:9", "t:b", "u:a", "c:10"], [3, 2, 3, 4, 1]),  # the strings' order: "c:10" < "c:9"
    ([], []),
])
def test_keys_are_coded_by_their_strings_order(strings, codes):
    keys = pl.DataFrame({"node": range(len(strings)), "key": strings, "family": ["text"] * len(strings)},
                        schema={"node": pl.UInt32, "key": pl.String, "family": pl.String})
    coded, names = campaigns._encoded(keys)
    assert coded["key"].dtype == pl.UInt32 and coded["key"].to_list() == codes
    assert coded.join(names, on="key", how="left", maintain_order="left")["name"].to_list() == strings


def test_notifications_that_carry_nothing_of_their_originals_still_get_runs():
    """No keys at all (auto-replies and bounces that name nothing): every notification still gets a run."""
    messages, originals, _ = corpus(_with(PILLS, size=3, headers_only=1.0, subjects=["{n}"]))
    originals = originals.with_columns(orig_subject=pl.lit(None, pl.String))
    found = campaigns.assign(messages, originals)
    assert found.height == 3 and found["campaign_id"].null_count() == 0
