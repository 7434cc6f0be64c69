from pathlib import Path

import pytest

from metrics import COLLECTIVE_ROLES, load_instrument, parse_instrument
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


# ------------------------------------------------------------------ [collective], domain labels, parse_instrument

SMALL = (
    'name = "Small"\n[scale]\nlo = 1\nhi = 4\nlabels = ["SD", "D", "A", "SA"]\n'
    '[[domains]]\ncode = "AIM"\nname = "Aims"\n[[domains]]\ncode = "VOICE"\nname = "Voice"\n'
    '[[items]]\ncode = "AIM1"\ndomain = "AIM"\n[[items]]\ncode = "VOICE1"\ndomain = "VOICE"\n'
)


def test_collective_table_and_domain_labels_are_read():
    text = SMALL.replace(
        'name = "Voice"\n',
        'name = "Voice"\nlabels = ["Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"]\n',
    )
    text += '[collective]\ndecisions = "VOICE"\nvision = "AIM"\n'
    instrument = parse_instrument(text)
    assert instrument.collective == (("decisions", "VOICE"), ("vision", "AIM"))  # the file's order
    assert instrument.role_domain("decisions") == "VOICE" and instrument.role_domain("vision") == "AIM"
    assert instrument.role_domain("trust") is None
    assert instrument.domains[0].labels == ()
    assert instrument.domains[1].labels == ("Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied")


def test_without_a_collective_table_roles_go_by_the_default_codes(default_instrument):
    assert default_instrument.collective == ()
    assert [default_instrument.role_domain(r) for r in COLLECTIVE_ROLES] == ["VIS", "SHD", "TRU", "COM", "PAR"]
    assert parse_instrument(SMALL).role_domain("decisions") is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[collective]\nleadership = "AIM"\n', "unknown role 'leadership'"),
        ('[collective]\ndecisions = "SHD"\n', "gives the decisions role to 'SHD', which is not a declared domain"),
        ("[collective]\ndecisions = 3\n", "not a declared domain"),
        ('[collective]\ndecisions = ["AIM"]\n', "not a declared domain"),
        ('collective = "AIM"\n', r"\[collective\] must be a table"),
    ],
)
def test_bad_collective_tables_are_refused(extra, message):
    text = extra + SMALL if not extra.startswith("[") else SMALL + extra
    with pytest.raises(ValueError, match=message):
        parse_instrument(text, "small.toml")


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ('["a", "b", "c"]', "domain VOICE has 3 labels for 4 scale points"),
        ('["a", "b", "c", "d", "e"]', "domain VOICE has 5 labels for 4 scale points"),
        ("[]", "domain VOICE has 0 labels for 4 scale points"),
        ('"abcd"', "labels of domain VOICE are not a list"),
    ],
)
def test_domain_labels_need_one_per_point(labels, message):
    text = SMALL.replace('name = "Voice"\n', f'name = "Voice"\nlabels = {labels}\n')
    with pytest.raises(ValueError, match=message):
        parse_instrument(text, "small.toml")


def test_reverse_coded_must_be_true_or_false():
    text = SMALL.replace('domain = "AIM"\n', 'domain = "AIM"\nreverse_coded = "false"\n')
    with pytest.raises(ValueError, match="reverse_coded of item AIM1 is not true or false"):
        parse_instrument(text)


def test_parse_instrument_reads_text_as_load_instrument_reads_the_file(tmp_path, default_instrument):
    from metrics.instrument import DEFAULT_INSTRUMENT

    assert parse_instrument(DEFAULT_INSTRUMENT.read_text(encoding="utf-8")) == default_instrument
    assert parse_instrument(SMALL.replace('name = "Small"\n', ""), "stored.toml").name == "stored.toml"
    with pytest.raises(ValueError, match="The instrument file stored.toml is not valid TOML"):
        parse_instrument("not = = toml", "stored.toml")
    path = tmp_path / "latin1.toml"
    path.write_bytes(SMALL.replace("Small", "Caf\xe9").encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8 text"):
        load_instrument(path)
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.encode("utf-8"))  # a byte-order mark, as some editors write
    assert load_instrument(path) == parse_instrument(SMALL)


@pytest.mark.parametrize(
    ("domains", "items", "refusal"),
    [
        ([{"code": " ", "name": "A"}], [{"code": "A1", "domain": " "}], "has a domain without a code"),
        ([{"code": "A", "name": "A"}], [{"code": "", "domain": "A"}], "has an item without a code"),
        ([{"code": "A", "name": "A"}], [{"code": "unit", "domain": "A"}], "names an item 'unit'"),
        (
            [{"code": "A", "name": "Goals"}, {"code": "B", "name": "Goals"}],
            [{"code": "A1", "domain": "A"}, {"code": "B1", "domain": "B"}],
            "names two domains 'Goals'",
        ),
    ],
)
def test_codes_and_names_must_be_given_once_and_never_a_respondent_column(domains, items, refusal):
    from metrics.instrument import instrument_from_dict

    raw = {"scale": {"lo": 1, "hi": 4}, "domains": domains, "items": items}
    with pytest.raises(ValueError, match=refusal):
        instrument_from_dict(raw, "own.toml")
