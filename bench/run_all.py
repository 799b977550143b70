"""`make bench`: every bench runs, even after one falls short, then one table of figure, bar
and verdict. Each bench reports its figures through ``_env.report`` (one JSON line each, into
the file named by BENCH_RESULTS); a bench that crashes or reports nothing is a row too.
Exits non-zero when any figure falls short.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHES = ["requests_per_page.py", "coldstart.py", "enumeration.py", "jobs.py",
           "journal_chart.py", "long_threads.py", "search.py", "cost.py"]


def main():
    rows = []
    for name in BENCHES:
        with tempfile.NamedTemporaryFile("r", suffix=".jsonl") as results:
            print(f"\n=== bench/{name}", flush=True)
            code = subprocess.run([sys.executable, os.path.join(HERE, name)],
                                  env={**os.environ, "BENCH_RESULTS": results.name}).returncode
            reported = [json.loads(line) for line in results.read().splitlines() if line]
        rows += reported
        if not reported or (code and all(row["ok"] for row in reported)):
            rows.append({"figure": f"{name}: exit status", "value": code, "bar": 0, "ok": False})
    width = max(len(row["figure"]) for row in rows) + 2
    # Columns as wide as their longest entry plus a gap, so no two run together.
    value_width = max(len(str(row["value"])) for row in rows + [{"value": "value"}]) + 2
    bar_width = max(len(str(row["bar"])) for row in rows + [{"bar": "bar"}]) + 2
    print(f"\n{'figure':<{width}}{'value':>{value_width}}{'bar':>{bar_width}}  verdict")
    for row in rows:
        print(f"{row['figure']:<{width}}{str(row['value']):>{value_width}}"
              f"{str(row['bar']):>{bar_width}}  {'meets' if row['ok'] else 'FALLS SHORT'}")
    short = [row for row in rows if not row["ok"]]
    print(f"\n{len(rows) - len(short)} of {len(rows)} figures meet their bar.")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
