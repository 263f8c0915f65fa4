#!/usr/bin/env python3
"""Capacity check of a network file, month by month (needs only PyYAML).

    python3 Samples/check_capacity.py Samples/rural.yaml [FROM [TO]]

FROM and TO are months (YYYY-MM); the default is 2026-01 .. 2036-12. For each pool the
script prints its worst month: duties against the members' capacity, holiday-type duties
against the holiday cap, tier-skill duties against the skilled members, and the smallest
spare on one date. Then it builds a greedy roster under all hard rules for every month
(a few seeded restarts). A greedy roster proves the month feasible; a greedy failure does
not prove it infeasible, but a sample should never come close. Exit status 1 on failure.

Japanese holidays follow the rules of the holiday law for 2022-2099 (no special years).
"""
import math
import random
import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta

import yaml


class Loader(yaml.SafeLoader):
    """PyYAML reads `on`, `off`, `yes` and `no` as booleans (YAML 1.1); the solver's YAML
    library does not when they are keys, so keep only true/false as booleans here."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))

# ---------------------------------------------------------------- calendar


def nth_weekday(year, month, weekday, n):
    """The n-th given weekday (Monday = 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def jp_holidays(year):
    """National holidays, substitute holidays and citizens' holidays of one year."""
    if not 2022 <= year <= 2099:
        raise ValueError(f"holiday rules are implemented for 2022-2099, not {year}")
    dy = year - 1980
    vernal = math.floor(20.8431 + 0.242194 * dy - math.floor(dy / 4))
    autumnal = math.floor(23.2488 + 0.242194 * dy - math.floor(dy / 4))
    nat = {
        date(year, 1, 1), nth_weekday(year, 1, 0, 2), date(year, 2, 11), date(year, 2, 23),
        date(year, 3, vernal), date(year, 4, 29), date(year, 5, 3), date(year, 5, 4),
        date(year, 5, 5), nth_weekday(year, 7, 0, 3), date(year, 8, 11),
        nth_weekday(year, 9, 0, 3), date(year, 9, autumnal), nth_weekday(year, 10, 0, 2),
        date(year, 11, 3), date(year, 11, 23),
    }
    hol = set(nat)
    for d in nat:
        if d.weekday() == 6:  # substitute: first following day that is not a national holiday
            n = d + timedelta(days=1)
            while n in nat:
                n += timedelta(days=1)
            hol.add(n)
    for d in nat:  # citizens' holiday: a day between two national holidays
        mid, after = d + timedelta(days=1), d + timedelta(days=2)
        if after in nat and mid not in nat:
            hol.add(mid)
    return hol


class Calendar:
    def __init__(self, spec):
        spec = spec or {}
        self.jp = spec.get("holidays", "jp") == "jp"
        self.year_end = spec.get("year_end", True)
        self.extra = {parse_date(s) for s in spec.get("extra_holidays") or []}
        self._years = {}

    def day_type(self, d):
        if d in self.extra:
            return "holiday"
        if self.year_end and ((d.month == 12 and d.day >= 29) or (d.month == 1 and d.day <= 3)):
            return "holiday"
        if self.jp:
            if d.year not in self._years:
                self._years[d.year] = jp_holidays(d.year)
            if d in self._years[d.year]:
                return "holiday"
        return {5: "saturday", 6: "sunday"}.get(d.weekday(), "weekday")


def parse_date(s):
    return date.fromisoformat(str(s))


def month_dates(year, month):
    d = date(year, month, 1)
    while d.month == month:
        yield d
        d += timedelta(days=1)


# ---------------------------------------------------------------- network


class Member:
    def __init__(self, spec, facilities, rules):
        self.id = spec["id"]
        self.facility = spec["facility"]
        fac = facilities[self.facility]
        self.kind, self.district, self.team = fac["kind"], fac.get("district"), fac.get("team")
        self.role = spec["role"]
        self.skills = set(spec.get("skills") or [])
        self.fte = float(spec.get("fte", 1.0))
        self.max_duties = int(spec.get("max_duties", rules["max_duties"]))
        self.off_days, self.off_shifts = set(), set()
        for entry in spec.get("off") or []:
            entry = str(entry)
            if "/" in entry:
                day, shift = entry.split("/")
                self.off_shifts.add((parse_date(day), shift))
            elif ".." in entry:
                first, last = map(parse_date, entry.split(".."))
                while first <= last:
                    self.off_days.add(first)
                    first += timedelta(days=1)
            else:
                self.off_days.add(parse_date(entry))

    def is_off(self, d, shift):
        return d in self.off_days or (d, shift) in self.off_shifts


class Pool:
    def __init__(self, spec, members):
        self.id = spec["id"]
        self.shifts = list(spec["shifts"])
        self.tiers = {"primary": int(spec.get("primary", 1)), "backup": int(spec.get("backup", 0))}
        require = spec.get("require") or {}
        self.require = {t: set(require.get(t) or []) for t in self.tiers}
        self.same_team = bool(spec.get("backup_same_team", False))
        kinds = spec.get("facility_kinds")
        self.members = [
            m for m in members
            if m.role == spec["role"] and m.fte > 0
            and (kinds is None or m.kind in kinds)
            and ("district" not in spec or m.district == spec["district"])
            and ("facilities" not in spec or m.facility in spec["facilities"])
            and ("team" not in spec or m.team == spec["team"])
        ]


class Network:
    def __init__(self, doc):
        self.rules = doc["rules"]
        self.calendar = Calendar(doc.get("calendar"))
        self.shift_days = {s["id"]: set(s["on"]) for s in doc["shifts"]}
        facilities = {f["id"]: f for f in doc["facilities"]}
        self.members = [Member(m, facilities, self.rules) for m in doc["members"]]
        self.pools = [Pool(p, self.members) for p in doc["pools"]]

    def slots(self, d):
        """(pool, shift, tier) for every position to fill on date d, primaries first."""
        kind = self.calendar.day_type(d)
        out = []
        for pool in self.pools:
            for shift in pool.shifts:
                if kind in self.shift_days[shift]:
                    for tier in ("primary", "backup"):
                        out += [(pool, shift, tier)] * pool.tiers[tier]
        return out


# ---------------------------------------------------------------- arithmetic


def most_duties(member, days, rest):
    """How many of these dates one member can take at most, given days off and rest days."""
    count, last = 0, None
    for d in days:
        if d not in member.off_days and (last is None or (d - last).days > rest):
            count, last = count + 1, d
    return count


def bounds(net, year, month):
    """Per pool: (duties, capacity), (holiday duties, holiday cap), (skill duties, skilled cap), min spare.

    A capacity sums over the pool's members min(their cap, the dates they can take)."""
    rest = net.rules.get("min_rest_days", 0)
    max_hol = net.rules.get("max_holiday_duties", 10**6)
    dates = list(month_dates(year, month))
    holiday_dates = [d for d in dates if net.calendar.day_type(d) != "weekday"]
    per_date = {d: Counter(id(p) for p, _, _ in net.slots(d)) for d in dates}
    result = {}
    for pool in net.pools:
        demand = [per_date[d][id(pool)] for d in dates]
        capacity = sum(min(m.max_duties, most_duties(m, dates, rest)) for m in pool.members)
        hol = sum(per_date[d][id(pool)] for d in holiday_dates)
        hol_cap = sum(min(m.max_duties, max_hol, most_duties(m, holiday_dates, rest)) for m in pool.members)
        skilled = [m for m in pool.members if pool.require["primary"] <= m.skills]
        primaries = sum(pool.tiers["primary"] for d in dates for s in pool.shifts
                        if net.calendar.day_type(d) in net.shift_days[s])
        skill_cap = sum(min(m.max_duties, most_duties(m, dates, rest)) for m in skilled)
        spare = min((sum(d not in m.off_days for m in pool.members) - n
                     for d, n in zip(dates, demand) if n), default=0)
        result[pool.id] = ((sum(demand), capacity), (hol, hol_cap), (primaries, skill_cap), spare)
    return result


# ---------------------------------------------------------------- greedy roster


def greedy(net, year, month, rng):
    """A roster for one month under all hard rules, or the first date it could not fill."""
    rules = net.rules
    rest, per_day = rules.get("min_rest_days", 0), rules.get("max_duties_per_day", 1)
    max_hol = rules.get("max_holiday_duties", 10**6)
    other_fac = rules.get("backup_other_facility", False)
    load, hol, last = Counter(), Counter(), {}
    for d in month_dates(year, month):
        holiday = net.calendar.day_type(d) != "weekday"
        today = Counter()
        open_slots = net.slots(d)
        filled = defaultdict(list)  # (pool id, shift) -> [(member, tier)]

        def candidates(slot):
            pool, shift, tier = slot
            taken = filled[(pool.id, shift)]
            primaries = [m for m, t in taken if t == "primary"]
            if tier == "backup" and len(primaries) < pool.tiers["primary"]:
                return None  # fill the primaries of this shift first
            out = []
            for m in pool.members:
                if (today[m.id] >= per_day or any(m is x for x, _ in taken) or m.is_off(d, shift)
                        or not pool.require[tier] <= m.skills or load[m.id] >= m.max_duties
                        or (holiday and hol[m.id] >= max_hol)
                        or (m.id in last and last[m.id] != d and (d - last[m.id]).days <= rest)):
                    continue
                if tier == "backup":
                    if other_fac and any(m.facility == p.facility for p in primaries):
                        continue
                    if pool.same_team and any(m.team is None or m.team != p.team for p in primaries):
                        continue
                out.append(m)
            return out

        while open_slots:
            options = [(slot, candidates(slot)) for slot in open_slots]
            options = [(s, c) for s, c in options if c is not None]
            slot, cands = min(options, key=lambda sc: len(sc[1]))
            if not cands:
                return d
            pool, shift, tier = slot
            waste = pool.require["primary"] if tier == "backup" else set()

            def score(m):
                s = load[m.id] / m.max_duties + 0.5 * bool(waste & m.skills)
                if holiday:
                    s += hol[m.id] / max_hol
                return (s, rng.random())

            m = min(cands, key=score)
            filled[(pool.id, shift)].append((m, tier))
            open_slots.remove(slot)
            today[m.id] += 1
            load[m.id] += 1
            hol[m.id] += holiday
            last[m.id] = d
    return None


# ---------------------------------------------------------------- main


def months(first, last):
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    while (y, m) <= (ly, lm):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        net = Network(yaml.load(f, Loader=Loader))
    first = argv[2] if len(argv) > 2 else "2026-01"
    last = argv[3] if len(argv) > 3 else (argv[2] if len(argv) > 2 else "2036-12")

    worst = {}
    failures = []
    span = list(months(first, last))
    for year, month in span:
        for pool_id, figures in bounds(net, year, month).items():
            ratios = [a / b if b else math.inf for a, b in figures[:3]]
            prev = worst.setdefault(pool_id, [None] * 4)
            for i in range(3):
                if prev[i] is None or ratios[i] > prev[i][0]:
                    prev[i] = (ratios[i], figures[i], f"{year}-{month:02d}")
            if prev[3] is None or figures[3] < prev[3][0]:
                prev[3] = (figures[3], f"{year}-{month:02d}")
        for attempt in range(8):
            stuck = greedy(net, year, month, random.Random(attempt))
            if stuck is None:
                break
        else:
            failures.append(f"{year}-{month:02d} (stuck on {stuck})")

    print(f"{argv[1]}: {len(net.members)} members, {len(net.pools)} pools, "
          f"months {span[0][0]}-{span[0][1]:02d} .. {span[-1][0]}-{span[-1][1]:02d}")
    print(f"{'pool':<16}{'members':>8}  {'duties/cap (month)':<26}{'holiday/cap (month)':<26}"
          f"{'primary-skill/cap':<24}{'min spare'}")
    for pool in net.pools:
        w = worst[pool.id]
        cells = [f"{a}/{b} {r:4.0%} {when}" for r, (a, b), when in w[:3]]
        print(f"{pool.id:<16}{len(pool.members):>8}  {cells[0]:<26}{cells[1]:<26}{cells[2]:<24}"
              f"{w[3][0]} ({w[3][1]})")
    if failures:
        print("greedy roster FAILED:", ", ".join(failures))
        return 1
    print(f"greedy roster found for all {len(span)} months")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
