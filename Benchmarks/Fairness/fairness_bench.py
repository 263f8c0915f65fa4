#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fairness benchmark: how much fairer the optimiser is than rosters made the usual ways.

    swift build -c release            # from the repository root
    python3 Benchmarks/Fairness/fairness_bench.py [--time-limit 60] [--oncall .build/release/oncall]

For each instance (network, month) it makes three rosters, all holding every hard rule:
  round-robin  each pool in turn through its members   (oncall roster baseline --method round-robin)
  greedy       each duty to the least loaded member    (oncall roster baseline --method greedy)
  optimised    the GLPK solve                          (oncall roster solve)
and measures each with `oncall fairness --format json`. Per instance and method it prints the
largest pool spread, the mean Gini and the mean Jain index over the pools (normalised loads),
and the wall-clock seconds of the command that made the roster (process start included).
Needs only the standard library. Generated networks are written to a temporary folder.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def generated_network(name, physicians, districts, seed):
    """A rural-style network: clinics of 1-2 physicians in districts, a night shift every day and a
    day shift on sundays and holidays, primary and backup from another clinic, some part-timers,
    days off and requests drawn with a fixed seed for 2027-01 .. 2027-02."""
    rng = random.Random(seed)
    lines = [f"name: {name}", "timezone: Asia/Tokyo",
             "shifts:",
             '  - {id: night, name: 夜間, start: "18:00", end: "09:00", on: [weekday, saturday, sunday, holiday], weight: 1.0}',
             '  - {id: holiday-day, name: 休日日中, start: "09:00", end: "18:00", on: [sunday, holiday], weight: 1.5}',
             "districts:"]
    lines += [f"  - {{id: d{d}, name: 地区{d}}}" for d in range(districts)]
    facilities, members = [], []
    i = 0
    while i < physicians:
        c = len(facilities)
        facilities.append(f"  - {{id: c{c}, name: 診療所{c}, kind: clinic, district: d{c % districts}}}")
        for _ in range(min(rng.choice([1, 1, 1, 2]), physicians - i)):
            fte = rng.choice([1, 1, 1, 1, 0.5])
            off = sorted({f"2027-{rng.randint(1, 2):02d}-{rng.randint(1, 28):02d}" for _ in range(rng.randint(0, 4))})
            pref = sorted({f"2027-{rng.randint(1, 2):02d}-{rng.randint(1, 28):02d}" for _ in range(rng.randint(0, 2))})
            members.append(f"  - {{id: p{i}, facility: c{c}, role: physician, fte: {fte}, off: {json.dumps(off)}, prefer_off: {json.dumps(pref)}}}")
            i += 1
    lines += ["facilities:"] + facilities + ["members:"] + members + ["pools:"]
    lines += [f"  - {{id: north-{d}, role: physician, district: d{d}, shifts: [night, holiday-day], primary: 1, backup: 1}}"
              for d in range(districts)]
    lines += ["rules: {min_rest_days: 1, max_duties_per_day: 1}", ""]
    return "\n".join(lines)


def run(cmd):
    start = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True)
    return result, time.monotonic() - start


def measure(oncall, network, month, roster):
    result, _ = run([oncall, "fairness", network, roster, "--month", month, "--format", "json"])
    if result.returncode != 0:
        sys.exit(f"fairness failed: {result.stderr}")
    report = json.loads(result.stdout)
    pools = [p for p in report["pools"] if p["members"] > 0]
    if report["violations"]:
        sys.exit(f"{roster} breaks hard rules: {report['violations'][0]['message']}")
    return (max(p["spread"] for p in pools), sum(p["gini"] for p in pools) / len(pools),
            sum(p["jain"] for p in pools) / len(pools))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oncall", default=str(ROOT / ".build/release/oncall"))
    parser.add_argument("--time-limit", default="60")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fairness-bench-"))
    (work / "gen-60.yaml").write_text(generated_network("generated 60", 60, 2, 60))
    (work / "gen-150.yaml").write_text(generated_network("generated 150", 150, 3, 150))
    instances = [
        ("rural 2026-12", str(ROOT / "Samples/rural.yaml"), "2026-12"),
        ("rural 2027-01", str(ROOT / "Samples/rural.yaml"), "2027-01"),
        ("city 2026-12", str(ROOT / "Samples/city.yaml"), "2026-12"),
        ("city 2027-01", str(ROOT / "Samples/city.yaml"), "2027-01"),
        ("gen-60 2027-01", str(work / "gen-60.yaml"), "2027-01"),
        ("gen-150 2027-02", str(work / "gen-150.yaml"), "2027-02"),
    ]
    print("| instance | method | largest spread | mean Gini | mean Jain | seconds |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, network, month in instances:
        for method in ["round-robin", "greedy", "optimised"]:
            roster = str(work / f"{name.replace(' ', '_')}-{method}.csv")
            if method == "optimised":
                cmd = [args.oncall, "roster", "solve", network, "--month", month, "--out", roster,
                       "--time-limit", args.time_limit, "--quiet"]
            else:
                cmd = [args.oncall, "roster", "baseline", network, "--month", month, "--method", method, "--out", roster]
            result, seconds = run(cmd)
            if result.returncode != 0:
                print(f"| {name} | {method} | no roster (exit {result.returncode}) | | | {seconds:.2f} |", flush=True)
                continue
            spread, gini, jain = measure(args.oncall, network, month, roster)
            print(f"| {name} | {method} | {spread:.2f} | {gini:.3f} | {jain:.3f} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
