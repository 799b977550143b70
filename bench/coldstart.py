"""Cold-start cost: importing `app` versus importing its bare dependencies.

Each import runs in a fresh interpreter (as a cold Lambda does), ten times; the figure
is the median import time of app divided by the median of chalice, boto3/botocore,
pynamodb and jinja2 alone. Target: at most 1.3.
"""
import compileall
import os
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _env  # noqa: E402

RUNS = 10
TARGET = 1.3
TIMER = ("import time, sys; sys.path.insert(0, {root!r}); t = time.perf_counter(); {imports}; "
         "print(time.perf_counter() - t)")
BARE = "import chalice, boto3, botocore.session, pynamodb.models, pynamodb.attributes, jinja2"
APP = "import app"


def import_seconds(imports):
    env = {**os.environ, **_env.BENCH_ENV}
    env.pop("AWS_ENDPOINT_URL", None)
    output = subprocess.run([sys.executable, "-X", "frozen_modules=on", "-c",
                             TIMER.format(root=_env.ROOT, imports=imports)],
                            cwd=_env.ROOT, env=env, capture_output=True, text=True, check=True)
    return float(output.stdout.strip().splitlines()[-1])


def measure(runs=RUNS):
    # The dependencies were byte-compiled by pip; compile Lantern too, so both are measured alike.
    compileall.compile_dir(os.path.join(_env.ROOT, "chalicelib"), quiet=1)
    compileall.compile_file(os.path.join(_env.ROOT, "app.py"), quiet=1)
    bare, full = [], []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        bare.append(import_seconds(BARE))
        full.append(import_seconds(APP))
    return statistics.median(bare), statistics.median(full)


def main():
    bare, full = measure()
    ratio = full / bare
    print(f"{'import':<28}{'median of ' + str(RUNS):>14}")
    print(f"{'bare dependencies':<28}{bare * 1000:>11.1f} ms")
    print(f"{'app (all of Lantern)':<28}{full * 1000:>11.1f} ms")
    print(f"cold-start ratio app / dependencies: {ratio:.2f} (target <= {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
