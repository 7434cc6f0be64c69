"""The survey as the pages and the board pack read it: every wave's rows once, and each view's tables once.

`Survey` holds the stored responses (never copied per reader: treat every table it hands out as read-only), each
wave's census (the counts §7.4 needs) and reliability, and the views asked for so far. A `View` is one wave with
an agency or all, a unit or all and a role level or all; it works out its refusal and each indicator table the
first time a page asks, then keeps it. Both are safe to share between threads: two readers asking for the same
table at once wait for one computation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

import metrics
from metrics.rates import DEFAULT_CAUTION, response_rates
from metrics.responses import NOT_REPORTED, attribute_labels
from metrics.trends import domain_trend

VIEWS_KEPT = 128  # views remembered per survey; the least recently used beyond this are worked out again


@dataclass(frozen=True)
class Settings:
    """The admin's settings every view applies: minimum group size, comment minimum, response-rate caution line
    and tier cut points (None: the instrument's own)."""

    min_n: int = metrics.DEFAULT_MIN_N
    comment_min_n: int = metrics.DEFAULT_COMMENT_MIN_N
    caution: float = DEFAULT_CAUTION
    tiers: metrics.Tiers | None = None


@dataclass(frozen=True)
class Filters:
    """One view: a wave, and an agency, unit and role level (None = all; "Not reported" picks the blank ones)."""

    wave: str
    agency: str | None = None
    unit: str | None = None
    role: str | None = None

    @property
    def scope(self) -> dict[str, str | None]:
        """The filters as `metrics` names them."""
        return {"agency": self.agency, "unit": self.unit, "role_level": self.role}


class _Memo:
    """Values worked out once per key; concurrent askers of one key wait for the first to finish."""

    def __init__(self, kept: int | None = None):
        self._values: OrderedDict = OrderedDict()
        self._locks: dict = {}
        self._guard = threading.Lock()
        self._kept = kept

    def get(self, key, compute: Callable):
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            with self._guard:
                if key in self._values:
                    return self._values[key]
            value = compute()
            with self._guard:
                self._values[key] = value
                self._locks.pop(key, None)
                if self._kept is not None and len(self._values) > self._kept:
                    self._values.popitem(last=False)
            return value


class Survey:
    """Every stored wave, each scored with its own instrument (`wave_instruments`; `instrument`, the default, for a
    wave not named there) under `settings`, whose tier cut points apply to the default instrument (an agency's own
    instrument carries its own); the roster, comments and theme lexicon are optional (pages without them say
    so). The lexicon may hold keywords for the domains of several instruments: each view uses those of its own."""

    def __init__(
        self,
        responses: pd.DataFrame,
        instrument: metrics.Instrument,
        settings: Settings = Settings(),
        *,
        roster: pd.DataFrame | None = None,
        comments: pd.DataFrame | None = None,
        lexicon: pd.DataFrame | None = None,
        wave_instruments: Mapping[str, metrics.Instrument] | None = None,
    ):
        labels = attribute_labels(responses["wave"]) if len(responses) else np.array([], dtype=object)
        if len(labels) and not all(labels[:-1] <= labels[1:]):  # one sort, so that each wave is a slice
            order = np.argsort(labels, kind="stable")
            responses, labels = responses.iloc[order].reset_index(drop=True), labels[order]
        self.responses = responses
        self.settings = settings
        tiers = settings.tiers
        self.instrument = instrument if tiers is None or tiers == instrument.tiers else replace(instrument, tiers=tiers)
        self.wave_instruments = dict(wave_instruments or {})
        self.roster = roster
        self.comments = comments
        self.lexicon = lexicon
        self.waves: list[str] = sorted(set(labels.tolist()))  # as text: "2024 Spring" < "2025 Spring"
        self._slices = {
            wave: slice(int(np.searchsorted(labels, wave, "left")), int(np.searchsorted(labels, wave, "right")))
            for wave in self.waves
        }
        self._memo = _Memo()
        self._views = _Memo(kept=VIEWS_KEPT)

    def keep(self, key, compute: Callable):
        """Something made from the survey's tables (a chart, a display table), made once per `key` and kept."""
        return self._memo.get(("kept", key), compute)

    def wave_rows(self, wave: str) -> pd.DataFrame:
        """The wave's rows (a slice of the survey, no copy)."""
        where = self._slices.get(wave, slice(0, 0))
        return self.responses.iloc[where]

    def instrument_of(self, wave: str) -> metrics.Instrument:
        """The instrument that scores a wave: its own, else the default."""
        return self.wave_instruments.get(wave, self.instrument)

    def lexicon_of(self, wave: str) -> pd.DataFrame | None:
        """The theme keywords of the wave's instrument's domains, checked (`metrics.check_lexicon`); None when
        there is no lexicon."""
        if self.lexicon is None:
            return None
        instrument = self.instrument_of(wave)

        def checked() -> pd.DataFrame:
            own = self.lexicon[self.lexicon["domain"].isin(instrument.domain_codes)]
            return metrics.check_lexicon(own, instrument)

        return self._memo.get(("lexicon", instrument.name, tuple(instrument.domain_codes)), checked)

    @property
    def instruments(self) -> list[metrics.Instrument]:
        """The default instrument, then every other one a stored wave is scored with."""
        found = {self.instrument.name: self.instrument}
        for wave in self.waves:
            found.setdefault(self.instrument_of(wave).name, self.instrument_of(wave))
        return list(found.values())

    def checked_lexicon(self, table: pd.DataFrame) -> pd.DataFrame:
        """A lexicon an admin edited, checked (`metrics.check_lexicon`) against the instruments in use: a keyword
        may name a domain code of any of them, in that instrument's order; ValueError for any other code."""
        codes = {code for instrument in self.instruments for code in instrument.domain_codes}
        unknown = sorted(set(table["domain"].dropna().astype(str).str.strip()) - codes - {""})
        if unknown:
            raise ValueError(
                f"The lexicon names the domain '{unknown[0]}', which no instrument in use has "
                f"(their domains are {', '.join(sorted(codes))})."
            )
        parts, seen = [], set()
        for instrument in self.instruments:
            own = [code for code in instrument.domain_codes if code not in seen]
            seen |= set(own)
            part = table[table["domain"].astype(str).str.strip().isin(own) | table["domain"].isna()]
            parts.append(metrics.check_lexicon(part, instrument))
        return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)

    def wave_comments(self, wave: str) -> pd.DataFrame | None:
        """The comments of one wave (every view of the wave reads only these)."""
        if self.comments is None:
            return None
        return self._memo.get(
            ("comments", wave),
            lambda: self.comments[attribute_labels(self.comments["wave"]) == wave].reset_index(drop=True),
        )

    def wave_themes(self, wave: str) -> pd.DataFrame:
        """The theme coding (`metrics.code_themes`) of the wave's comments, worked out once for all its views."""
        return self._memo.get(
            ("themes", wave),
            lambda: metrics.code_themes(self.wave_comments(wave)["text"], self.lexicon_of(wave)),
        )

    def roles_asked(self, wave: str) -> bool:
        """Whether anyone in the wave gave a role level: a survey that never asked it has no leaders or staff."""

        def asked() -> bool:
            rows = self.wave_rows(wave)
            return "role_level" in rows.columns and bool((attribute_labels(rows["role_level"]) != NOT_REPORTED).any())

        return self._memo.get(("roles_asked", wave), asked)

    def census(self, wave: str) -> metrics.Census:
        """The wave's counts by agency, unit and role level, from which every refusal of its views follows."""
        return self._memo.get(("census", wave), lambda: metrics.Census(self.wave_rows(wave)))

    def alpha(self, wave: str) -> pd.DataFrame:
        """Cronbach's alpha over the whole wave (§3.7: it describes the instrument, not a group)."""
        return self._memo.get(
            ("alpha", wave), lambda: metrics.cronbach_alpha(self.wave_rows(wave), self.instrument_of(wave))
        )

    def view(self, filters: Filters) -> View:
        return self._views.get(filters, lambda: View(self, filters))

    def refusal(self, filters: Filters) -> str:
        """Why the view may not be shown ("" when it may): a code of `metrics.view_refusal`."""
        if filters.wave not in self._slices:
            return metrics.EMPTY
        return self.census(filters.wave).refusal(filters.agency, filters.unit, filters.role, self.settings.min_n)

    def trend(
        self, agency: str | None, unit: str | None, role: str | None, waves: Sequence[str], reference: str
    ) -> pd.DataFrame:
        """`domain_trend` of the view in each of `waves` (each wave scored on its own, with its own instrument, §7
        within the wave), in the domains of the `reference` wave's instrument: a wave whose instrument asked a
        domain differently has no row for it (§5)."""

        def compute() -> pd.DataFrame:
            parts = [self.view(Filters(wave, agency, unit, role)).rows for wave in waves]
            return domain_trend(
                _joined(parts, self.responses),
                self.instrument_of(reference),
                min_n=self.settings.min_n,
                wave_instruments={wave: self.instrument_of(wave) for wave in waves},
            )

        return self._memo.get(("trend", agency, unit, role, tuple(waves), reference), compute)

    def comparable(self, wave: str, reference: str) -> list[str]:
        """The domains of `reference`'s instrument that `wave`'s instrument asks the same way (§5)."""
        return metrics.comparable_domains(self.instrument_of(wave), self.instrument_of(reference))

    def changed_domains(self, wave_from: str, wave_to: str) -> list[str]:
        """The domains of `wave_to`'s instrument whose questions differ in `wave_from`'s: no change is computed for
        them (§5)."""
        same = set(self.comparable(wave_from, wave_to))
        return [code for code in self.instrument_of(wave_to).domain_codes if code not in same]

    def change(self, agency: str | None, unit: str | None, role: str | None, wave_from: str, wave_to: str):
        """`domain_change` of the view from one wave to another (§5)."""

        def compute() -> pd.DataFrame:
            parts = [self.view(Filters(wave, agency, unit, role)).rows for wave in (wave_from, wave_to)]
            rows = _joined(parts, self.responses)
            return metrics.domain_change(
                rows,
                self.instrument_of(wave_to),
                wave_from,
                wave_to,
                min_n=self.settings.min_n,
                instrument_from=self.instrument_of(wave_from),
            )

        return self._memo.get(("change", agency, unit, role, wave_from, wave_to), compute)

    def index_change(self, agency: str | None, unit: str | None, role: str | None, wave_from: str, wave_to: str):
        """`index_change` of the view from one wave to another (§5's rule, applied to the index)."""

        def compute() -> pd.DataFrame:
            parts = [self.view(Filters(wave, agency, unit, role)).rows for wave in (wave_from, wave_to)]
            return metrics.index_change(
                _joined(parts, self.responses),
                self.instrument_of(wave_to),
                wave_from,
                wave_to,
                min_n=self.settings.min_n,
                instrument_from=self.instrument_of(wave_from),
            )

        return self._memo.get(("index_change", agency, unit, role, wave_from, wave_to), compute)

    def refused_every_wave(self, by: tuple[str, ...]) -> pd.DataFrame | None:
        """The groups of everyone's breakdown by `by` whose own view is refused, in every wave (`wave, *by`)."""
        if not by:
            return None
        parts = [self.view(Filters(wave)).refused_groups(by).assign(wave=wave) for wave in self.waves]
        return pd.concat(parts, ignore_index=True) if parts else None

    def rates(self, by: tuple[str, ...]) -> pd.DataFrame:
        """Every wave's response rates at one breakdown of everyone (§6), from the roster."""

        def compute() -> pd.DataFrame:
            return response_rates(
                self.responses,
                self.roster,
                by=by,
                min_n=self.settings.min_n,
                caution=self.settings.caution,
                hide_groups=self.refused_every_wave(by),
            )

        return self._memo.get(("rates", by), compute)


def _joined(parts: list[pd.DataFrame], like: pd.DataFrame) -> pd.DataFrame:
    parts = [part for part in parts if len(part)]
    return pd.concat(parts, ignore_index=True) if parts else like.iloc[0:0]


class View:
    """One view's refusal, benchmark and indicator tables, each worked out the first time it is asked for.

    Tables of a refused view are never worked out: asking for one raises ValueError, so a page or a file cannot
    show what the rules hide by mistake."""

    def __init__(self, survey: Survey, filters: Filters):
        self.survey = survey
        self.filters = filters
        self._memo = _Memo()

    def keep(self, key, compute: Callable):
        """Something made from the view's tables (a chart, a display table), made once per `key` and kept."""
        return self._memo.get(("kept", key), compute)

    # -- what the view is --------------------------------------------------------------------------------------

    @property
    def roles_asked(self) -> bool:
        """Whether the view's wave asked people's role level (leader-staff indicators need it)."""
        return self.survey.roles_asked(self.filters.wave)

    @property
    def instrument(self) -> metrics.Instrument:
        """The instrument of the view's wave."""
        return self.survey.instrument_of(self.filters.wave)

    @property
    def min_n(self) -> int:
        return self.survey.settings.min_n

    @property
    def refusal(self) -> str:
        """Why the view may not be shown ("" when it may): a code of `metrics.view_refusal` (EMPTY, TOO_SMALL,
        PROTECTS_SMALL_GROUP), which the page words."""
        return self._memo.get("refusal", lambda: self.survey.refusal(self.filters))

    @property
    def rows(self) -> pd.DataFrame:
        """The view's rows (refused or not: the rules need them, a page never shows them)."""

        def compute() -> pd.DataFrame:
            rows = self.survey.wave_rows(self.filters.wave)
            if any(value is not None for value in self.filters.scope.values()):
                rows = metrics.scope_rows(rows, **self.filters.scope)
            return rows

        return self._memo.get("rows", compute)

    @property
    def unit_count(self) -> int:
        """How many units (agency and unit; "Not reported" left out) the view's rows come from."""

        def compute() -> int:
            rows = self.rows
            return len(rows.loc[rows["unit"].notna(), ["agency", "unit"]].drop_duplicates())

        return self._memo.get("unit_count", compute)

    def group_count(self, column: str) -> int:
        """How many groups of `column` ("Not reported" left out) the view's rows fall into: a breakdown of fewer
        than two compares nothing."""

        def compute() -> int:
            rows = self.rows
            if column not in rows.columns:
                return 0
            return len(set(attribute_labels(rows[column]).tolist()) - {NOT_REPORTED})

        return self._memo.get(("group_count", column), compute)

    @property
    def unit_by(self) -> tuple[str, ...]:
        """The breakdown that lists the view's units: by unit within an agency, by agency and unit across them
        (a unit is its agency and its name)."""
        return ("unit",) if self.filters.agency else ("agency", "unit")

    def benchmark(self) -> tuple[View | None, str]:
        """The wider view this one is set against, and its name: all agencies when a unit or an agency is chosen
        (the unit's own agency when both are); none for a view of everyone or when the wider view is refused."""
        f = self.filters
        if f.unit is not None and f.agency is not None:
            wider, name = replace(f, unit=None), f"all of {f.agency}"
        elif f.unit is not None or f.agency is not None:
            wider, name = replace(f, unit=None, agency=None), "all agencies"
        else:
            return None, ""
        view = self.survey.view(wider)
        return (None, "") if view.refusal else (view, name)

    # -- indicator tables --------------------------------------------------------------------------------------

    def _table(self, key, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        if self.refusal:
            raise ValueError(f"The view {self.filters} is refused ({self.refusal}); it has no tables to show.")
        return self._memo.get(key, compute)

    def _indicator(self, name: str, by: tuple[str, ...] = ()) -> pd.DataFrame:
        """One metrics indicator of the view's rows; a breakdown hides whole the groups whose own view is refused
        (§7.4, last paragraph)."""

        def compute() -> pd.DataFrame:
            function = getattr(metrics, name)
            hide = self.refused_groups(by) if by else None
            return function(self.rows, self.instrument, by=by, min_n=self.min_n, hide_groups=hide)

        return self._table((name, by), compute)

    def refused_groups(self, by: tuple[str, ...]) -> pd.DataFrame:
        """The groups of the view's breakdown by `by` whose own view is refused."""

        def compute() -> pd.DataFrame:
            census = self.survey.census(self.filters.wave)
            return metrics.refused_groups(
                self.rows, self.filters.wave, min_n=self.min_n, by=by, wave_census=census, **self.filters.scope
            )

        return self._memo.get(("refused", by), compute)

    @property
    def index(self) -> pd.DataFrame:
        return self._indicator("effectiveness_index")

    @property
    def domains(self) -> pd.DataFrame:
        return self._indicator("domain_scores")

    @property
    def item_stats(self) -> pd.DataFrame:
        return self._indicator("item_stats")

    @property
    def item_distribution(self) -> pd.DataFrame:
        return self._indicator("item_distribution")

    @property
    def gaps(self) -> pd.DataFrame:
        return self._indicator("perception_gap")

    @property
    def overall_gap(self) -> pd.DataFrame:
        return self._indicator("overall_gap")

    @property
    def composite(self) -> pd.DataFrame:
        return self._indicator("collective_leadership")

    @property
    def influence(self) -> pd.DataFrame:
        return self._indicator("shared_influence")

    @property
    def alpha(self) -> pd.DataFrame:
        return self.survey.alpha(self.filters.wave)

    def breakdown(self, name: str, by: tuple[str, ...]) -> pd.DataFrame:
        """An indicator (`domain_scores`, `perception_gap`, `shared_influence`, `agreement`, ...) by `by`."""
        return self._indicator(name, tuple(by))

    @property
    def coherence(self) -> pd.DataFrame:
        """Coherence across the view's units (pages ask for it within one agency)."""

        def compute() -> pd.DataFrame:
            hide = self.refused_groups(("unit",))
            return metrics.coherence(self.rows, self.instrument, min_n=self.min_n, hide_groups=hide)

        return self._table("coherence", compute)

    @property
    def previous_wave(self) -> str | None:
        """The wave just before the view's, from which its change is counted (None for the first wave)."""
        earlier = [wave for wave in self.survey.waves if wave < self.filters.wave]
        return earlier[-1] if earlier else None

    def change_since(self, wave: str | None) -> pd.DataFrame | None:
        """The view's domain change (`domain_change`) since `wave`; None without a wave, for the view's own wave,
        or when the same view is refused in that wave (§5: a change needs both waves shown)."""
        f = self.filters
        if wave is None or wave == f.wave or wave not in self.survey.waves:
            return None
        if self.survey.view(replace(f, wave=wave)).refusal:
            return None
        return self.survey.change(f.agency, f.unit, f.role, wave, f.wave)

    def index_change(self) -> pd.DataFrame | None:
        """The view's `index_change` since `previous_wave`; None for the first wave or when the view is refused in
        the previous wave (the page says which)."""
        f, since = self.filters, self.previous_wave
        if since is None or self.survey.view(replace(f, wave=since)).refusal:
            return None
        return self._table("index_change", lambda: self.survey.index_change(f.agency, f.unit, f.role, since, f.wave))

    def response_rate(self) -> pd.Series | None:
        """The view's own row of the survey's response rates (§6; the row the Response rates page shows), or None
        when a role level is chosen (a roster counts the people invited, not their roles) or the roster has no
        row of the view's wave."""
        f, roster = self.filters, self.survey.roster
        if f.role is not None or roster is None or roster.empty or not (roster["wave"].astype(str) == f.wave).any():
            return None
        chosen = {column: value for column, value in (("agency", f.agency), ("unit", f.unit)) if value is not None}
        rates = self.survey.rates(tuple(chosen))
        keep = rates["wave"] == f.wave
        for column, value in chosen.items():
            keep &= rates[column] == value
        return rates[keep].iloc[0] if keep.any() else None

    def priorities(self) -> pd.DataFrame:
        """`metrics.priorities` of the view (all roles), its change counted from the wave just before it.
        Agreement within units needs an agency: across agencies, units of one name are different offices."""

        def compute() -> pd.DataFrame:
            f = self.filters
            since = self.previous_wave
            change = self.change_since(since)
            agreement = self.breakdown("agreement", ("unit",)) if f.agency is not None else None
            return metrics.priorities(
                self.domains,
                self.item_stats,
                self.gaps,
                self.influence,
                agreement,
                change,
                self.instrument,
                since=since,
            )

        return self._table("priorities", compute)

    def rates(self, by: tuple[str, ...]) -> pd.DataFrame:
        """The view's response rates (§6) by agency or by agency and unit, from the roster rows of its wave, agency
        and unit (a roster counts people invited, not their roles)."""

        def compute() -> pd.DataFrame:
            f, roster = self.filters, self.survey.roster
            keep = roster["wave"].astype(str) == f.wave
            for column, value in (("agency", f.agency), ("unit", f.unit)):
                if value is not None:
                    keep &= roster[column].astype(str) == value
            settings = self.survey.settings
            return response_rates(
                self.rows,
                roster[keep],
                by=by,
                min_n=settings.min_n,
                caution=settings.caution,
                hide_groups=self.refused_groups(by).assign(wave=f.wave),
            )

        return self._table(("rates", by), compute)

    # -- comments (docs/comments.md) ------------------------------------------------------------------------------

    def _comment_args(self) -> tuple:
        f = self.filters
        settings = self.survey.settings
        comments = self.survey.wave_comments(f.wave)
        return (comments, f.wave, f.agency, f.unit, f.role, settings.min_n, settings.comment_min_n)

    def _comment_view(self) -> tuple[str, pd.DataFrame]:
        return self._memo.get(
            "comment_view",
            lambda: metrics.comment_view(
                self.survey.responses, *self._comment_args(), wave_census=self.survey.census(self.filters.wave)
            ),
        )

    @property
    def comment_refusal(self) -> str:
        """Why the view may show no comment ("" when it may): a code of `metrics.comment_view_refusal`."""
        return self._comment_view()[0]

    def comment_counts(self, by: tuple[str, ...] = ()) -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            settings = self.survey.settings
            return metrics.comment_counts(
                self.rows,
                self.survey.wave_comments(self.filters.wave),
                by=by,
                min_n=settings.min_n,
                comment_min_n=settings.comment_min_n,
                hide_groups=self.refused_groups(by) if by else None,
            )

        return self._table(("comment_counts", by), compute)

    def comment_themes(self, by: tuple[str, ...] = ()) -> pd.DataFrame:
        def compute() -> pd.DataFrame:
            settings = self.survey.settings
            wave = self.filters.wave
            return metrics.comment_themes(
                self.rows,
                self.survey.wave_comments(wave),
                self.survey.lexicon_of(wave),
                by=by,
                min_n=settings.min_n,
                comment_min_n=settings.comment_min_n,
                hide_groups=self.refused_groups(by) if by else None,
                coded=self.survey.wave_themes(wave),
            )

        return self._table(("comment_themes", by), compute)

    @property
    def shown_comments(self) -> pd.DataFrame:
        """The comments the view may show (question, text) and `themes`, the domain codes each one mentions."""

        def compute() -> pd.DataFrame:
            shown = self._comment_view()[1]
            coded = metrics.code_themes(shown["text"], self.survey.lexicon_of(self.filters.wave))
            codes = coded.columns.to_numpy()
            return shown.assign(themes=[tuple(codes[flags]) for flags in coded.to_numpy(dtype=bool)])

        return self._table("shown_comments", compute)
