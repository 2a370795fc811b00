"""The blind world (benchmarks/blind): deterministic, one label per message as an mbox reader counts them,
products from the vocabulary, every kind present."""
from __future__ import annotations

import hashlib
import json
import mailbox
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package
from benchmarks.blind import generate  # noqa: E402
from benchmarks.blind.takeout import MBOX_NAME  # noqa: E402
from toolkit.products import PRODUCTS  # noqa: E402

KINDS = {"bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report", "ham", "sent"}
FIELDS = {"mailbox", "position", "message_id", "received", "kind", "is_backscatter", "campaign", "style", "product",
          "reason", "status", "recipient", "original", "origin_ip", "origin_country", "relay_ip", "forged_hops",
          "bouncer_ip", "bouncer_host", "bouncer_domain", "bouncer_org", "orig_message_id", "orig_subject"}
SCALE = 0.25


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("blind")
    generate(out, seed=3, days=30, scale=SCALE)
    return out


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_seed_same_bytes(world, tmp_path):
    generate(tmp_path, seed=3, days=30, scale=SCALE)
    assert _digest(tmp_path / "mail" / MBOX_NAME) == _digest(world / "mail" / MBOX_NAME)
    assert _digest(tmp_path / "labels.jsonl") == _digest(world / "labels.jsonl")


def test_other_seed_other_world(world, tmp_path):
    generate(tmp_path, seed=4, days=30, scale=SCALE)
    assert _digest(tmp_path / "labels.jsonl") != _digest(world / "labels.jsonl")


def test_one_label_per_message_in_mbox_order(world):
    labels = [json.loads(line) for line in (world / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    box = mailbox.mbox(world / "mail" / MBOX_NAME, create=False)
    assert len(box) == len(labels)
    assert [row["position"] for row in labels] == list(range(len(labels)))
    assert all(set(row) == FIELDS for row in labels)
    ids = [(msg["Message-ID"] or msg["Message-Id"]) for msg in box]
    matched = sum(i == row["message_id"] for i, row in zip(ids, labels))
    assert matched >= len(labels) - 3  # only the few deliberately damaged messages may lose their header


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_occurs(world, kind):
    labels = [json.loads(line) for line in (world / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(row["kind"] == kind for row in labels)


def test_products_are_in_the_vocabulary_and_backscatter_has_a_campaign(world):
    labels = [json.loads(line) for line in (world / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["product"] for row in labels} - {None} <= set(PRODUCTS)
    assert all(row["campaign"] for row in labels if row["is_backscatter"])
    assert all(row["is_backscatter"] is None for row in labels if row["kind"] == "sent")


def test_sent_mail_is_labelled_sent_by_takeout(world):
    box = mailbox.mbox(world / "mail" / MBOX_NAME, create=False)
    labels = [json.loads(line) for line in (world / "labels.jsonl").read_text(encoding="utf-8").splitlines()]
    for msg, row in zip(box, labels):
        assert ("Sent" in (msg["X-Gmail-Labels"] or "").split(",")) == (row["kind"] == "sent")
