from pathlib import Path

import pytest

from metrics import load_instrument
from metrics.instrument import default_favorable

# The contract's item list, committed; tests/real_exports checks it still equals ../shared/docs/items.csv.
CONTRACT_ITEMS = Path(__file__).resolve().parent / "default_items.csv"


def test_default_instrument_matches_the_contract_items():
    import csv

    instrument = load_instrument()
    with CONTRACT_ITEMS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(i.code, i.domain, i.text, i.reverse_coded) for i in instrument.items] == [
        (r["code"], r["domain"], r["text"], r["reverse_coded"] == "true") for r in rows
    ]
    assert instrument.domain_codes == ["VIS", "LEAD", "ALN", "CAP", "RES", "COM", "ACC", "SHD", "TRU", "PAR"]
    assert (instrument.scale.lo, instrument.scale.hi, instrument.scale.favorable) == (1, 5, (4, 5))
    assert instrument.scale.neutral == 3
    assert (instrument.tiers.strength, instrument.tiers.developing, instrument.tiers.emerging) == (75, 62.5, 50)


@pytest.mark.parametrize(
    ("lo", "hi", "favorable", "neutral"),
    [(1, 4, (3, 4), None), (1, 5, (4, 5), 3), (1, 6, (4, 5, 6), None), (1, 7, (5, 6, 7), 4), (0, 3, (2, 3), None)],
)
def test_agency_instrument_scales(tmp_path, lo, hi, favorable, neutral):
    path = tmp_path / "agency.toml"
    labels = ", ".join(f'"p{p}"' for p in range(lo, hi + 1))
    path.write_text(
        f'name = "Agency"\n[scale]\nlo = {lo}\nhi = {hi}\nlabels = [{labels}]\n'
        "[tiers]\nstrength = 80\ndeveloping = 60\nemerging = 40\n"
        '[[domains]]\ncode = "X"\nname = "Ex"\n'
        '[[items]]\ncode = "X1"\ndomain = "X"\ntext = "t"\nreverse_coded = true\n',
        encoding="utf-8",
    )
    instrument = load_instrument(path)
    assert instrument.scale.favorable == favorable == default_favorable(lo, hi)
    assert instrument.scale.neutral == neutral
    assert instrument.items[0].reverse_coded
    assert instrument.tiers.strength == 80


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[scale]\nlo = 1\nhi = 3\n[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="X"\n', "3-point"),
        ('[scale]\nlo = 1\nhi = 8\n[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="X"\n', "8-point"),
        (
            '[scale]\nlo = 1\nhi = 5\nlabels=["a"]\n'
            '[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="X"\n',
            "labels",
        ),
        (
            "[scale]\nlo = 1\nhi = 5\nfavorable=[6]\n"
            '[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="X"\n',
            "favourable",
        ),
        ('[scale]\nlo = 1\nhi = 5\n[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="Y"\n', "undeclared"),
        (
            '[scale]\nlo = 1\nhi = 5\n[[domains]]\ncode="X"\nname="x"\n[[items]]\ncode="X1"\ndomain="X"\n'
            '[[items]]\ncode="X1"\ndomain="X"\n',
            "repeats",
        ),
        (
            '[scale]\nlo = 1\nhi = 5\n[[domains]]\ncode="X"\nname="x"\n[[domains]]\ncode="Y"\nname="y"\n'
            '[[items]]\ncode="X1"\ndomain="X"\n',
            "no items",
        ),
        ("[scale]\nlo = 1\n", "lacks"),
        ("not = = toml", "not valid TOML"),
    ],
)
def test_bad_instrument_files_are_refused_with_a_reason(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_instrument(path)
