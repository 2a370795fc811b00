"""The blind3 world (benchmarks/blind3): one label per message as an mbox reader counts them, positions in mbox
order, labels in the scorer's vocabulary, the same bytes for the same seed."""
from __future__ import annotations

import hashlib
import json
import mailbox
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package
from benchmarks.blind3 import generate  # noqa: E402
from benchmarks.blind3.takeout import MBOX_NAME  # noqa: E402
from toolkit.products import PRODUCTS  # noqa: E402

KINDS = {"bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report", "ham", "sent"}
ORIGINALS = {"rfc822", "headers", "inline", "subject", "none"}
REQUIRED = {"mailbox", "position", "kind", "is_backscatter", "campaign", "origin_ip", "relay_ip", "forged_hops",
            "bouncer_ip", "product", "original", "style"}
SCALE = 0.15


def _digest(folder: Path) -> str:
    return hashlib.sha256((folder / "mail" / MBOX_NAME).read_bytes() + (folder / "labels.jsonl").read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("blind3")
    generate(out, seed=7, days=30, scale=SCALE)
    labels = [json.loads(line) for line in (out / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    return out, labels


def test_one_label_per_message_in_mbox_order(world):
    out, labels = world
    box = mailbox.mbox(out / "mail" / MBOX_NAME, create=False)
    assert len(box) == len(labels) > 300
    assert [row["position"] for row in labels] == list(range(len(labels)))
    assert {row["mailbox"] for row in labels} == {MBOX_NAME}
    thread_ids = [msg["X-GM-THRID"] for msg in box]
    assert all(thread_ids) and all(msg["X-Gmail-Labels"] is not None for msg in box)


@pytest.mark.parametrize("field, allowed", [
    ("kind", KINDS),
    ("original", ORIGINALS),
    ("product", set(PRODUCTS) | {None}),
])
def test_label_values_come_from_the_scorer_vocabulary(world, field, allowed):
    _, labels = world
    assert {row[field] for row in labels} <= allowed


def test_labels_are_well_formed(world):
    _, labels = world
    for row in labels:
        assert REQUIRED <= row.keys()
        assert isinstance(row["is_backscatter"], bool) and isinstance(row["forged_hops"], int)
        if row["is_backscatter"]:
            assert row["campaign"] and row["bouncer_ip"] and row["kind"] not in ("ham", "sent")
            assert (row["origin_ip"] is not None) == (row["original"] in ("rfc822", "headers", "inline"))
        else:
            assert row["campaign"] is None and row["origin_ip"] is None
    backscatter = [row for row in labels if row["is_backscatter"]]
    assert len({row["campaign"] for row in backscatter}) == 15
    assert {row["kind"] for row in backscatter} >= {"bounce", "autoreply", "spam_notice"}
    assert any(row["kind"] == "sent" for row in labels) and any(row["kind"] == "bounce" and not row["is_backscatter"]
                                                               for row in labels)


def test_owner_flags(world):
    out, _ = world
    owner = json.loads((out / "owner.json").read_text(encoding="utf-8"))
    assert len(owner["addresses"]) == 2 and owner["addresses"][1].endswith("@gmail.com")
    assert owner["addresses"][0].endswith("@" + owner["domains"][0])


def test_deterministic_per_seed(world, tmp_path):
    out, _ = world
    generate(tmp_path / "again", seed=7, days=30, scale=SCALE)
    generate(tmp_path / "other", seed=8, days=30, scale=SCALE)
    assert _digest(tmp_path / "again") == _digest(out)
    assert _digest(tmp_path / "other") != _digest(out)
