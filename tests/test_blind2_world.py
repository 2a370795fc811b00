"""The blind2 world (benchmarks/blind2): deterministic per seed, one label per message as an mbox reader counts
them, positions in mbox order, products from the vocabulary, every kind present."""
from __future__ import annotations

import hashlib
import json
import mailbox
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package
from benchmarks.blind2 import generate  # noqa: E402
from benchmarks.blind2.takeout import MBOX_NAME  # noqa: E402
from benchmarks.blind2.world import LABEL_FIELDS  # noqa: E402
from toolkit.products import PRODUCTS  # noqa: E402

KINDS = {"bounce", "autoreply", "challenge", "virus_notice", "spam_notice", "feedback_report", "ham", "sent"}
SCALE = 0.3


def _digest(folder: Path) -> str:
    return hashlib.sha256((folder / "mail" / MBOX_NAME).read_bytes() + (folder / "labels.jsonl").read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    out = tmp_path_factory.mktemp("blind2")
    generate(out, seed=5, days=30, scale=SCALE)
    return out


@pytest.fixture(scope="module")
def labels(world):
    return [json.loads(line) for line in (world / "labels.jsonl").read_text(encoding="utf-8").splitlines()]


def test_same_seed_same_world(world, tmp_path):
    generate(tmp_path, seed=5, days=30, scale=SCALE)
    assert _digest(tmp_path) == _digest(world)


def test_other_seed_other_world(world, tmp_path):
    generate(tmp_path, seed=6, days=30, scale=SCALE)
    assert _digest(tmp_path) != _digest(world)


def test_one_label_per_message_in_mbox_order(world, labels):
    box = mailbox.mbox(str(world / "mail" / MBOX_NAME))
    assert len(box) == len(labels)
    assert [row["position"] for row in labels] == list(range(len(labels)))
    for row, message in zip(labels, box):  # the label's Message-ID is the one the message carries
        assert row["message_id"] == (message["Message-ID"] or "").strip().strip("<>") or (row["message_id"] is None and message["Message-ID"] is None)


def test_labels_have_exactly_the_fields(labels):
    assert all(set(row) == set(LABEL_FIELDS) for row in labels)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_occurs(labels, kind):
    assert any(row["kind"] == kind for row in labels)


def test_products_in_vocabulary(labels):
    named = {row["product"] for row in labels if row["product"] is not None}
    assert named and named <= set(PRODUCTS)


def test_backscatter_belongs_to_a_campaign_and_genuine_notices_do_not(labels):
    for row in labels:
        if row["is_backscatter"]:
            assert row["campaign"] and row["orig_message_id"]
        elif row["kind"] not in ("ham", "sent"):
            assert row["campaign"] is None


def test_owner_flags_written(world):
    owner = json.loads((world / "owner.json").read_text(encoding="utf-8"))
    assert owner["domains"] and all("@" in a for a in owner["addresses"])
