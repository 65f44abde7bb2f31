"""Generated code is committed; regenerating it from proto/ must not change a byte."""

import filecmp
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GENERATED = [
    "Sources/CProtos/include",
    "Sources/CProtos/generated",
    "Sources/Messages/Generated",
    "Sources/ProtoSamples/Generated",
    "Sources/Stubs/Generated",
]


def tree(path):
    return {str(p.relative_to(path)) for p in path.rglob("*") if p.is_file()}


def test_regenerating_from_proto_changes_nothing(tmp_path):
    env = dict(os.environ, PYTHON=sys.executable)
    subprocess.run([ROOT / "tools/generate.sh", tmp_path], check=True, env=env)
    stale = []
    for d in GENERATED:
        committed, fresh = ROOT / d, tmp_path / d
        # sj_proto_support.h is hand-written and lives beside the generated headers.
        a, b = tree(committed) - {"sj_proto_support.h"}, tree(fresh)
        stale += [f"{d}/{p}: not generated any more" for p in sorted(a - b)]
        stale += [f"{d}/{p}: missing" for p in sorted(b - a)]
        stale += [f"{d}/{p}: differs" for p in sorted(a & b) if not filecmp.cmp(committed / p, fresh / p, shallow=False)]
    assert not stale, "generated code is stale; run `make proto`:\n" + "\n".join(stale)
