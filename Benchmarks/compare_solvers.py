#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare oncall's solver with other MIP solvers on the same month models.

For each instance (network + month) this script, in one run:

  1. runs `oncall roster solve NET --month M --export-model X.mps --json X.json --time-limit T`:
     that writes the whole month as ONE model (the formulation the solver uses, all pools) and
     solves the month with our solver (GLPK, split into independent parts, heuristic start, bands);
  2. solves the exported model X.mps, as one monolithic MIP, with
       glpsol  (GLPK 5.0 command line, defaults, --tmlim T; single thread),
       CP-SAT  (OR-Tools, num_workers = --threads, exact integer rescaling, see below),
       HiGHS   (highspy, threads = --threads, mip_rel_gap 0),
       CBC     (the cbc binary PuLP ships, -threads --threads, -timeMode elapsed, -ratioGap 0);
  3. prints one table: instance, solver, status, objective, bound, gap, seconds.

All solvers get the same time limit T (default 10 s) and run one after another, never in parallel.

CP-SAT needs integer coefficients. The models are all-integer, but their loads are scaled
normalised loads, so the objective has fractional coefficients (fairness / load scale, e.g.
100/16 = 6.25 in the city) and load rows may have them too. This script rescales every row and
the objective by the least common multiple of its coefficients' denominators (exact: Fraction,
checked to 1e-9), rounds the row bounds inward (exact for integer variables), and divides the
objective and bound CP-SAT reports by the objective's factor, so every solver's objective is in
the same units: fairness x sum of pool spreads + requests x requests broken. If a model has
continuous variables (a network whose loads no scale makes integral), it falls back to OR-Tools'
model_builder import with the CP-SAT backend, which scales approximately; the note says so.

Needs: Python >= 3.9, `pip install ortools highspy pulp` (pulp only for its CBC binary), glpsol
(glpk-utils), the oncall binary (`swift build -c release` at the root) and roster-bench (built
on first use) for the instance list and the generated networks.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SOLVERS = ["ours", "glpsol", "cpsat", "highs", "cbc"]


# ----------------------------------------------------------------------------------------------
# Results


class Result:
    def __init__(self, solver, status, objective=None, bound=None, seconds=None, total=None, note=""):
        self.solver = solver
        self.status = status  # optimal | feasible | infeasible | no_solution | error | skipped
        self.objective = objective
        self.bound = bound
        self.seconds = seconds  # the solver's own time
        self.total = total  # wall time including reading the model (and starting the process)
        self.note = note

    @property
    def gap(self):
        if self.status == "optimal":
            return 0.0
        if self.objective is None or self.bound is None or not math.isfinite(self.bound):
            return None
        return abs(self.objective - self.bound) / max(abs(self.objective), 1e-9)


def fmt(value, digits=2):
    if value is None:
        return "-"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if abs(value - round(value)) < 1e-9:
        return str(int(round(value)))
    return f"{value:.{digits}f}"


COLUMNS = [
    ("instance", 19, False), ("solver", 7, False), ("status", 11, False), ("objective", 10, True),
    ("bound", 10, True), ("gap %", 7, True), ("solve s", 8, True), ("total s", 8, True), ("note", 0, False),
]


def row_text(cells):
    out = []
    for (_, width, right), cell in zip(COLUMNS, cells):
        out.append(cell.rjust(width) if right else cell.ljust(width))
    return "  ".join(out).rstrip()


def result_cells(key, r):
    gap = r.gap
    return [
        key, r.solver, r.status, fmt(r.objective), fmt(r.bound), "-" if gap is None else fmt(gap * 100),
        "-" if r.seconds is None else f"{r.seconds:.2f}", "-" if r.total is None else f"{r.total:.2f}", r.note,
    ]


# ----------------------------------------------------------------------------------------------
# Instances


def find_bench(args):
    if args.bench:
        return Path(args.bench)
    binary = HERE / ".build" / "release" / "roster-bench"
    if not binary.exists():
        print("building roster-bench (swift build -c release) ...", file=sys.stderr, flush=True)
        subprocess.run(["swift", "build", "-c", "release", "--product", "roster-bench"], cwd=HERE, check=True)
    return binary


def list_instances(args, work: Path):
    """(name, month, network path) per instance, from roster-bench, which writes the generated networks."""
    command = [str(find_bench(args)), "--write-networks", str(work / "networks"), "--root", str(ROOT)]
    if args.instances:
        command += ["--only", args.instances]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line.strip()]


# ----------------------------------------------------------------------------------------------
# (a) oncall: solve the month and export its model


def run_ours(args, name, month, network, stem: Path):
    model = stem.with_suffix("." + args.format)
    report = stem.with_suffix(".json")
    for f in (model, report):
        if f.exists():
            f.unlink()
    command = [
        args.oncall, "roster", "solve", network, "--month", month, "--out", str(stem.with_suffix(".csv")),
        "--json", str(report), "--time-limit", str(args.time_limit), "--threads", str(args.threads),
        "--export-model", str(model), "--quiet",
    ]
    start = time.monotonic()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=args.time_limit * 3 + 300)
    total = time.monotonic() - start
    size = ""
    m = re.search(r"\((\d+) variables, (\d+) rows\)", proc.stderr + proc.stdout)
    if m:
        size = f"{m.group(1)} vars, {m.group(2)} rows"
    if not model.exists():
        return Result("ours", "error", total=total, note=f"no model exported (exit {proc.returncode})"), None, size
    if proc.returncode == 3:
        return Result("ours", "infeasible", total=total), model, size
    if proc.returncode == 4:
        return Result("ours", "no_solution", total=total, note="time limit, no roster"), model, size
    if proc.returncode != 0 or not report.exists():
        last = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or [""])[-1]
        return Result("ours", "error", total=total, note=f"exit {proc.returncode}: {last}"), model, size
    data = json.loads(report.read_text())
    status = {"optimal": "optimal", "feasible": "feasible", "infeasible": "infeasible", "time_limit": "no_solution"}.get(
        data["status"], data["status"])
    parts = data.get("parts", [])
    note = f"{len(parts)} part{'s' if len(parts) != 1 else ''}"
    # The JSON seconds are RosterSolver.solve alone; "total" also has the export and process start.
    return Result("ours", status, data.get("objective"), data.get("bound"), data.get("seconds"), total, note), model, size


# ----------------------------------------------------------------------------------------------
# (b) glpsol


def run_glpsol(args, model: Path):
    glpsol = shutil.which("glpsol")
    if not glpsol:
        return Result("glpsol", "skipped", note="glpsol not found (apt install glpk-utils)")
    solution = model.with_suffix(".glpsol.txt")
    fmt_flag = "--freemps" if args.format == "mps" else "--lp"
    tmlim = max(1, int(round(args.time_limit)))
    command = [glpsol, fmt_flag, str(model), "--tmlim", str(tmlim), "-o", str(solution)]
    start = time.monotonic()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=args.time_limit * 3 + 120)
    except subprocess.TimeoutExpired:
        return Result("glpsol", "error", total=time.monotonic() - start, note="did not stop (killed)")
    total = time.monotonic() - start
    log = proc.stdout
    model.with_suffix(".glpsol.log").write_text(log)
    # Last search line: "+  9784: mip =   4.875e+02 >=   3.000e+02  38.5% (1454; 267)"
    bound = None
    for m in re.finditer(r"^\+\s*\d+:\s*(?:mip =|>>>>>).*?>=\s+(tree is empty|\S+)", log, re.M):
        text = m.group(1)
        bound = None if text == "tree is empty" else -math.inf if text == "-inf" else float(text)
    seconds = None
    m = re.search(r"Time used:\s+([0-9.]+) secs", log)
    if m:
        seconds = float(m.group(1))
    objective = None
    sol_status = ""
    if solution.exists():
        text = solution.read_text(errors="replace")
        m = re.search(r"^Status:\s+(.*)$", text, re.M)
        sol_status = m.group(1).strip() if m else ""
        m = re.search(r"^Objective:\s+\S+ = (\S+)", text, re.M)
        if m and sol_status in ("INTEGER OPTIMAL", "INTEGER NON-OPTIMAL"):
            objective = float(m.group(1))
    if "INTEGER OPTIMAL SOLUTION FOUND" in log or sol_status == "INTEGER OPTIMAL":
        status = "optimal"
        bound = objective
    elif "PROBLEM HAS NO INTEGER FEASIBLE SOLUTION" in log or "PROBLEM HAS NO PRIMAL FEASIBLE SOLUTION" in log:
        status = "infeasible"
    elif objective is not None:
        status = "feasible"
    elif "TIME LIMIT EXCEEDED" in log:
        status = "no_solution"
    else:
        last = (log.strip().splitlines() or [""])[-1]
        return Result("glpsol", "error", total=total, note=f"exit {proc.returncode}: {last}")
    if bound is not None and not math.isfinite(bound):
        bound = None
    note = "" if "TIME LIMIT" not in log else "time limit"
    return Result("glpsol", status, objective, bound, seconds, total, note)


# ----------------------------------------------------------------------------------------------
# CP-SAT and HiGHS run in a worker process each: the ortools and highspy wheels both bundle a
# libhighs.so.1, of different versions, and whichever loads second fails with an undefined
# symbol. A worker per solve also keeps a crash or a runaway solve from ending the table.


def run_worker(args, solver, model: Path):
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", solver, "--model", str(model),
               "--time-limit", str(args.time_limit), "--threads", str(args.threads)]
    start = time.monotonic()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=args.time_limit * 3 + 180)
    except subprocess.TimeoutExpired:
        return Result(solver, "error", total=time.monotonic() - start, note="did not stop (killed)")
    total = time.monotonic() - start
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        return Result(solver, "error", total=total, note=f"worker exit {proc.returncode}: {last}")
    data = json.loads(lines[-1])
    return Result(solver, data["status"], data.get("objective"), data.get("bound"), data.get("seconds"), total,
                  data.get("note", ""))


def as_fraction(value: float) -> Fraction:
    f = Fraction(value).limit_denominator(1_000_000)
    if abs(float(f) - value) > 1e-9 * max(1.0, abs(value)):
        raise ValueError(f"coefficient {value!r} has no small exact fraction")
    return f


def integer_scale(values):
    """(factor, integer values): the smallest factor making every value an integer."""
    fractions = [as_fraction(v) for v in values]
    factor = 1
    for f in fractions:
        factor = factor * f.denominator // math.gcd(factor, f.denominator)
    return factor, [int(f * factor) for f in fractions]


# (c) CP-SAT


def worker_cpsat(model: Path, time_limit: float, threads: int):
    try:
        from ortools.linear_solver.python import model_builder as mb
        from ortools.sat.python import cp_model
    except ImportError:
        return {"status": "skipped", "note": "ortools not installed (pip install ortools)"}
    m = mb.Model()
    ok = m.import_from_mps_file(str(model)) if model.suffix == ".mps" else m.import_from_lp_file(str(model))
    if not ok:
        return {"status": "error", "note": "OR-Tools cannot read the model"}
    proto = m.export_to_proto()
    if not all(v.is_integer for v in proto.variable):
        return worker_cpsat_model_builder(m, time_limit, threads)

    big = 10**9  # CP-SAT needs finite domains; no roster variable comes near this
    cp = cp_model.CpModel()
    variables = []
    for j, v in enumerate(proto.variable):
        lo = -big if not math.isfinite(v.lower_bound) or v.lower_bound < -big else math.ceil(v.lower_bound - 1e-9)
        hi = big if not math.isfinite(v.upper_bound) or v.upper_bound > big else math.floor(v.upper_bound + 1e-9)
        variables.append(cp.new_int_var(lo, hi, f"x{j}"))
    scaled_rows = 0
    for c in proto.constraint:
        coefficients = list(c.coefficient)
        if all(v == int(v) for v in coefficients):
            factor, ints = 1, [int(v) for v in coefficients]
        else:
            factor, ints = integer_scale(coefficients)
            scaled_rows += 1
        # Integer variables and coefficients: the row's value is an integer, so round bounds inward.
        expr = cp_model.LinearExpr.weighted_sum([variables[j] for j in c.var_index], ints)
        lo, hi = c.lower_bound, c.upper_bound
        if math.isfinite(lo) and math.isfinite(hi):
            cp.add_linear_constraint(expr, math.ceil(lo * factor - 1e-6), math.floor(hi * factor + 1e-6))
        elif math.isfinite(lo):
            cp.add(expr >= math.ceil(lo * factor - 1e-6))
        elif math.isfinite(hi):
            cp.add(expr <= math.floor(hi * factor + 1e-6))

    objective_factor, objective_ints = integer_scale([v.objective_coefficient for v in proto.variable])
    terms = [(variables[j], c) for j, c in enumerate(objective_ints) if c != 0]
    objective = cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [c for _, c in terms])
    if proto.maximize:
        cp.maximize(objective)
    else:
        cp.minimize(objective)
    offset = proto.objective_offset

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = threads
    solver.parameters.max_time_in_seconds = float(time_limit)
    status = solver.solve(cp)
    note = f"objective x{objective_factor}" if objective_factor != 1 else "integral objective"
    if scaled_rows:
        note += f", {scaled_rows} rows rescaled"
    result = {"seconds": solver.wall_time, "note": note}
    bound = solver.best_objective_bound / objective_factor + offset
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        result.update(status="optimal" if status == cp_model.OPTIMAL else "feasible",
                      objective=solver.objective_value / objective_factor + offset, bound=bound)
    elif status == cp_model.INFEASIBLE:
        result.update(status="infeasible")
    elif status == cp_model.UNKNOWN:
        result.update(status="no_solution", bound=bound if math.isfinite(bound) else None)
    else:
        result.update(status="error", note=f"{solver.status_name(status)}; {note}")
    return result


def worker_cpsat_model_builder(m, time_limit: float, threads: int):
    """Models with continuous variables: CP-SAT through model_builder, which scales approximately."""
    from ortools.linear_solver.python import model_builder as mb

    solver = mb.Solver("sat")
    solver.set_time_limit_in_seconds(float(time_limit))
    solver.set_solver_specific_parameters(f"num_workers:{threads}")
    status = solver.solve(m)
    result = {"seconds": solver.wall_time, "note": "continuous vars: model_builder, CP-SAT's approximate scaling"}
    if status in (mb.SolveStatus.OPTIMAL, mb.SolveStatus.FEASIBLE):
        result.update(status="optimal" if status == mb.SolveStatus.OPTIMAL else "feasible",
                      objective=solver.objective_value, bound=solver.best_objective_bound)
    elif status == mb.SolveStatus.INFEASIBLE:
        result.update(status="infeasible")
    else:
        result.update(status="no_solution", note=f"{status.name}; {result['note']}")
    return result


# (d) HiGHS


def worker_highs(model: Path, time_limit: float, threads: int):
    try:
        import highspy
    except ImportError:
        return {"status": "skipped", "note": "highspy not installed (pip install highspy)"}
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", threads)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    if h.readModel(str(model)) == highspy.HighsStatus.kError:
        return {"status": "error", "note": "HiGHS cannot read the model"}
    start = time.monotonic()
    h.run()
    seconds = time.monotonic() - start
    status = h.getModelStatus()
    info = h.getInfo()
    has_point = info.primal_solution_status == 2  # kSolutionStatusFeasible
    objective = info.objective_function_value if has_point else None
    bound = info.mip_dual_bound if math.isfinite(info.mip_dual_bound) else None
    text = h.modelStatusToString(status).lower()
    if status == highspy.HighsModelStatus.kOptimal:
        return {"status": "optimal", "objective": objective, "bound": objective, "seconds": seconds}
    if status == highspy.HighsModelStatus.kInfeasible:
        return {"status": "infeasible", "seconds": seconds}
    if has_point:
        return {"status": "feasible", "objective": objective, "bound": bound, "seconds": seconds, "note": text}
    return {"status": "no_solution", "bound": bound, "seconds": seconds, "note": text}


def run_cpsat(args, model: Path):
    return run_worker(args, "cpsat", model)


def run_highs(args, model: Path):
    return run_worker(args, "highs", model)


# ----------------------------------------------------------------------------------------------
# (e) CBC


def find_cbc():
    try:
        import pulp

        path = pulp.PULP_CBC_CMD().path
        if path and os.access(path, os.X_OK):
            return path
    except Exception:
        pass
    return shutil.which("cbc")


def run_cbc(args, model: Path):
    cbc = find_cbc()
    if not cbc:
        return Result("cbc", "skipped", note="no cbc binary (pip install pulp)")
    if model.suffix != ".mps":
        return Result("cbc", "skipped", note="cbc run on MPS only")
    note = ""
    with model.open() as source:
        head = [source.readline() for _ in range(12)]
    if any(line.startswith("NAME ") and len(line) > 64 for line in head):
        # CBC 2.10.3 (PuLP's binary) segfaults on a long NAME record; GLPK writes the model's
        # name there, which for the city joins all 19 pool ids. Give CBC a copy with a short name.
        short = model.with_suffix(".cbc.mps")
        with model.open() as source, short.open("w") as target:
            for number, line in enumerate(source):
                target.write("NAME roster\n" if number < 12 and line.startswith("NAME ") else line)
        model, note = short, "NAME shortened"
    command = [cbc, str(model), "-sec", str(args.time_limit), "-threads", str(args.threads), "-timeMode", "elapsed",
               "-ratioGap", "0", "-solve"]
    start = time.monotonic()
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=args.time_limit * 3 + 120)
    except subprocess.TimeoutExpired:
        return Result("cbc", "error", total=time.monotonic() - start, note="did not stop (killed)")
    total = time.monotonic() - start
    log = proc.stdout
    model.with_suffix(".cbc.log").write_text(log)

    def number(pattern):
        m = re.search(pattern, log, re.M)
        return float(m.group(1)) if m else None

    objective = number(r"^Objective value:\s+(\S+)")
    bound = number(r"^Lower bound:\s+(\S+)")
    seconds = number(r"^Total time \(CPU seconds\):.*\(Wallclock seconds\):\s+(\S+)")
    m = re.search(r"^Result - (.*)$", log, re.M)
    result = m.group(1).strip() if m else ""
    sep = "; " if note else ""
    if result.startswith("Optimal solution found"):
        return Result("cbc", "optimal", objective, objective, seconds, total, note)
    if "infeasible" in result.lower():
        return Result("cbc", "infeasible", seconds=seconds, total=total, note=note)
    if result.startswith("Stopped on time"):
        if "No feasible solution found" in log or objective is None or objective > 1e49:
            return Result("cbc", "no_solution", None, bound, seconds, total, note + sep + "time limit")
        return Result("cbc", "feasible", objective, bound, seconds, total, note + sep + "time limit")
    last = (log.strip().splitlines() or [""])[-1]
    return Result("cbc", "error", total=total, note=f"exit {proc.returncode}: {result or last}{sep}{note}")


# ----------------------------------------------------------------------------------------------


def machine_line():
    cpu = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        m = re.search(r"^Model name:\s+(.*)$", out, re.M)
        cpu = m.group(1).strip() if m else ""
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"nproc {os.cpu_count()}; cpu {cpu}; load average {load}"


def versions():
    parts = []
    for module, label in (("ortools", "ortools"), ("highspy", "highspy")):
        try:
            from importlib.metadata import version

            parts.append(f"{label} {version(module)}")
        except Exception:
            pass
    glpsol = shutil.which("glpsol")
    if glpsol:
        out = subprocess.run([glpsol, "--version"], capture_output=True, text=True).stdout.splitlines()
        if out:
            parts.append(out[0].replace("GLPSOL--GLPK LP/MIP Solver", "glpsol").strip())
    cbc = find_cbc()
    if cbc:
        out = subprocess.run([cbc, "-quit"], capture_output=True, text=True, input="").stdout
        m = re.search(r"Version:\s*(\S+)", out)
        parts.append(f"cbc {m.group(1) if m else '?'}")
    return ", ".join(parts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-limit", type=float, default=10, help="seconds per solver and instance (default 10)")
    parser.add_argument("--instances", default="",
                        help="comma-separated names or name@YYYY-MM, as roster-bench --only (default: all of its set)")
    parser.add_argument("--solvers", default=",".join(SOLVERS), help=f"subset of {','.join(SOLVERS)}")
    parser.add_argument("--threads", type=int, default=2, help="threads for ours, CP-SAT, HiGHS and CBC (default 2)")
    parser.add_argument("--format", choices=["mps", "lp"], default="mps", help="exported model format (default mps)")
    parser.add_argument("--oncall", default=str(ROOT / ".build" / "release" / "oncall"), help="the oncall binary")
    parser.add_argument("--bench", help="the roster-bench binary (default: Benchmarks/.build/release/roster-bench)")
    parser.add_argument("--work", help="folder for models, logs and rosters (default: Benchmarks/.work/compare-<time>)")
    parser.add_argument("--worker", choices=["cpsat", "highs"], help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        work = worker_cpsat if args.worker == "cpsat" else worker_highs
        try:
            result = work(Path(args.model), args.time_limit, args.threads)
        except Exception as error:
            result = {"status": "error", "note": f"{type(error).__name__}: {error}"}
        print(json.dumps(result))
        return
    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    unknown = set(solvers) - set(SOLVERS)
    if unknown:
        parser.error(f"unknown solvers {sorted(unknown)}")
    if "ours" not in solvers:
        solvers.insert(0, "ours")  # it writes the model the others read
    if not os.access(args.oncall, os.X_OK):
        parser.error(f"no oncall binary at {args.oncall}: build it with (cd {ROOT} && swift build -c release)")

    work = Path(args.work) if args.work else HERE / ".work" / ("compare-" + time.strftime("%Y%m%d-%H%M%S"))
    work.mkdir(parents=True, exist_ok=True)
    instances = list_instances(args, work)
    if not instances:
        parser.error("no instance matched --instances")

    started = time.monotonic()
    print(f"compare_solvers.py  {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"command: {' '.join([Path(sys.argv[0]).name] + sys.argv[1:])}")
    print(f"machine: {machine_line()}")
    print(f"solvers: {versions()}")
    print(f"time limit {fmt(args.time_limit)} s per solver; threads {args.threads}; model format {args.format}; work {work}")
    print()
    print(row_text([c[0] for c in COLUMNS]))
    sys.stdout.flush()
    runners = {"glpsol": run_glpsol, "cpsat": run_cpsat, "highs": run_highs, "cbc": run_cbc}
    for name, month, network in instances:
        key = f"{name}@{month}"
        stem = work / f"{name}-{month}"
        ours, model, size = run_ours(args, name, month, network, stem)
        print(row_text(result_cells(key, ours)) + (f"; model {size}" if size else ""), flush=True)
        if model is None:
            continue
        for solver in solvers:
            if solver == "ours":
                continue
            try:
                result = runners[solver](args, model)
            except Exception as error:  # one solver's failure must not end the table
                result = Result(solver, "error", note=f"{type(error).__name__}: {error}")
            print(row_text(result_cells(key, result)), flush=True)
        print(flush=True)
    print(f"finished in {time.monotonic() - started:.0f} s; load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("""
ours: oncall roster solve (GLPK via the library; splits the month into independent parts, heuristic start,
      band search); 'solve s' is its JSON seconds, 'total s' adds process start and the model export.
others: the exported whole-month model as ONE MIP. 'solve s' is the solver's own time, 'total s' adds process
      start and reading the model (for CP-SAT also importing OR-Tools and building the CP model).
      gap = |objective - bound| / |objective|; every objective is in the model's units (CP-SAT's divided back).
status no_solution: the time ran out before any roster was found.""")


if __name__ == "__main__":
    main()
