"""`instrument_toml` writes an instrument as a file that `parse_instrument` / `load_instrument` read back equal."""

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics import (
    COLLECTIVE_ROLES,
    Domain,
    Instrument,
    Item,
    Scale,
    Tiers,
    instrument_toml,
    load_instrument,
    parse_instrument,
)
from metrics.instrument import CANONICAL_COLUMNS, TOML_HEADER

SATISFIED_4 = ("Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied")


def four_point() -> Instrument:
    return Instrument(
        "Riverside office survey 2025",
        Scale(1, 4, ("Strongly disagree", "Disagree", "Agree", "Strongly agree"), (3, 4)),
        (
            Domain("AIM", "Shared aims", "We know what we are trying to achieve."),
            Domain("VOICE", "Voice", "", SATISFIED_4),
            Domain("WKL", "Workload"),
        ),
        (
            Item("AIM1", "AIM", "I can explain our goals."),
            Item("AIM2", "AIM", "Our priorities change with every new request.", True),
            Item("VOICE1", "VOICE", "How satisfied are you with your say in decisions?"),
            Item("WKL1", "WKL", 'My "workload" lets me do my job well.', True),
        ),
        Tiers(80.0, 60.0, 40.0),
        (("vision", "AIM"), ("decisions", "VOICE")),
    )


def seven_point() -> Instrument:
    points = ("1", "2", "3", "4", "5", "6", "7")
    return Instrument(
        "Seven \\ points\nsecond line",
        Scale(0, 6, points, (4, 5, 6)),
        (Domain("A", "Aims"), Domain("B", "Bonds", "Trust\tand help", ("a", "b", "c", "d", "e", "f", "g"))),
        (Item("A1", "A", "Emoji 🙂 and # hash"), Item("B1", "B", 'Triple """ quotes', True), Item("B2", "B", "")),
        Tiers(70.05, 55.55, 0.1 + 0.2),  # 0.30000000000000004 must come back exactly
        (("partnership", "B"), ("trust", "B"), ("communication", "A"), ("decisions", "A"), ("vision", "B")),
    )


def test_default_instrument_round_trips(default_instrument):
    text = instrument_toml(default_instrument)
    assert text.startswith(TOML_HEADER)
    assert parse_instrument(text) == default_instrument
    assert "[collective]" not in text  # only written when the instrument names roles
    assert "labels" not in text.split("[[domains]]", 1)[1]  # nor domain labels when a domain has none


@pytest.mark.parametrize("make", [four_point, seven_point])
def test_own_instruments_round_trip(tmp_path, make):
    instrument = make()
    text = instrument_toml(instrument)
    assert parse_instrument(text) == instrument
    path = tmp_path / "own.toml"
    path.write_text(text, encoding="utf-8")
    assert load_instrument(path) == instrument
    raw = tomllib.loads(text)
    assert raw["collective"] == dict(instrument.collective)
    assert [d.get("labels", []) for d in raw["domains"]] == [list(d.labels) for d in instrument.domains]
    assert [i["reverse_coded"] for i in raw["items"]] == [i.reverse_coded for i in instrument.items]


def test_written_file_is_readable():
    text = instrument_toml(four_point())
    assert '[collective]\n# The domains that play the collective-leadership roles.\nvision = "AIM"\n' in text
    assert 'decisions = "VOICE"\n' in text
    assert 'labels = ["Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"]\n' in text
    assert 'text = "My \\"workload\\" lets me do my job well."\nreverse_coded = true\n' in text
    assert "strength = 80.0\ndeveloping = 60.0\nemerging = 40.0\n" in text
    seven = instrument_toml(seven_point())
    assert 'name = "Seven \\\\ points\\nsecond line"\n' in seven  # one line: backslash and newline escaped
    assert 'text = "Emoji 🙂 and # hash"' in seven  # Unicode kept as it is
    assert 'description = "Trust\\tand help"' in seven
    assert "emerging = 0.30000000000000004\n" in seven


@pytest.mark.parametrize(
    ("instrument", "message"),
    [
        (  # the loader sorts favourable points, so unsorted ones would come back changed
            Instrument("x", Scale(1, 4, ("a", "b", "c", "d"), (4, 3)), (Domain("A", "a"),), (Item("A1", "A", ""),)),
            "its scale would change",
        ),
        (
            Instrument(
                "x", Scale(1, 4, ("a", "b", "c", "d"), (3, 4)), (Domain("A", "a", "", ("x",)),), (Item("A1", "A", ""),)
            ),
            "domain A has 1 labels for 4 scale points",
        ),
        (
            Instrument(
                "x",
                Scale(1, 4, ("a", "b", "c", "d"), (3, 4)),
                (Domain("A", "a"),),
                (Item("A1", "A", ""),),
                collective=(("decisions", "B"),),
            ),
            "not a declared domain",
        ),
        (
            Instrument(
                "x", Scale(1, 4, ("a", "b", "c", "d"), (3, 4)), (Domain("A", "a"),), (Item("A1", "A", "\ud800"),)
            ),
            "lone surrogate",
        ),
        (
            Instrument(
                "x",
                Scale(1, 4, ("a", "b", "c", "d"), (3, 4)),
                (Domain("A", "a"),),
                (Item("A1", "A", ""),),
                Tiers(50, 60),
            ),
            "tier cut points out of order",
        ),
    ],
)
def test_an_instrument_that_would_not_read_back_is_refused(instrument, message):
    with pytest.raises(ValueError, match=message):
        instrument_toml(instrument)


# ------------------------------------------------------------------------------------------ the property

SPECIAL = ['"', '"""', "'''", "\\", "\\n", "\\u0041", "\n", "\r\n", "\t", "#", "# not a comment", "=", "[x]", "🙂"]
SPECIAL += ["\x00", "\x1f", "\x7f", "\x85", "\u2028", "\ufeff", "é", "\u200d", " ", ""]
TEXT = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(SPECIAL)), max_size=4).map("".join)
# A code has something besides spaces, and an item is never called like a respondent column.
CODE = TEXT.filter(lambda code: code.strip() and code not in CANONICAL_COLUMNS)


@st.composite
def instruments(draw) -> Instrument:
    lo = draw(st.integers(-3, 3))
    size = draw(st.integers(4, 7))
    points = list(range(lo, lo + size))
    favorable = tuple(sorted(draw(st.sets(st.sampled_from(points), min_size=1))))
    scale = Scale(lo, lo + size - 1, tuple(draw(st.lists(TEXT, min_size=size, max_size=size))), favorable)
    cuts = draw(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=3, max_size=3))
    tiers = Tiers(*sorted(cuts, reverse=True))
    codes = draw(st.lists(CODE, min_size=1, max_size=4, unique=True))
    names = draw(st.lists(TEXT, min_size=len(codes), max_size=len(codes), unique=True))  # each domain its own
    domains = tuple(
        Domain(
            code,
            name,
            draw(TEXT),
            draw(st.one_of(st.just(()), st.lists(TEXT, min_size=size, max_size=size).map(tuple))),
        )
        for code, name in zip(codes, names, strict=True)
    )
    owners = [code for code in codes for _ in range(draw(st.integers(1, 3)))]
    item_codes = draw(st.lists(CODE, min_size=len(owners), max_size=len(owners), unique=True))
    items = [Item(code, owner, draw(TEXT), draw(st.booleans())) for code, owner in zip(item_codes, owners, strict=True)]
    items = tuple(draw(st.permutations(items)))
    roles = draw(st.permutations(COLLECTIVE_ROLES))[: draw(st.integers(0, len(COLLECTIVE_ROLES)))]
    collective = tuple((role, draw(st.sampled_from(codes))) for role in roles)
    return Instrument(draw(TEXT), scale, domains, items, tiers, collective)


@given(instruments())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_instrument_round_trips(instrument):
    text = instrument_toml(instrument)
    assert parse_instrument(text) == instrument
    text.encode("utf-8")  # storable as a file
