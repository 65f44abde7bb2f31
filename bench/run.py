#!/usr/bin/env python3
"""`make bench`: build our echo-server and the reference servers, measure them side by side in one
interleaved run, run the storage group-commit benchmark, and write docs/benchmarks.md.

Python 3 standard library only. Every server is started once, pinned to core 0; h2load is pinned to
core 1. For each load configuration the servers are measured round-robin (BENCH_ROUNDS rounds,
the starting server rotating each round) and the median round is reported, so slow phases of a
noisy, shared machine hit every server alike. Every process started here is ended by its PID.

Knobs (environment or flags): BENCH_ROUNDS (5), BENCH_DURATION seconds per measurement (3),
BENCH_WARMUP seconds before each measurement (1), BENCH_SOAK_SECONDS (60), BENCH_PAYLOAD bytes (16),
BENCH_STORAGE_SECONDS per storage cell (2), BENCH_SKIP_STORAGE=1.
"""

import argparse
import datetime
import os
import platform
import resource
import re
import shlex
import signal
import socket
import statistics
import threading
import struct
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_CORE = "0"
LOAD_CORE = "1"
CONFIGS = [(1, 1), (1, 100), (16, 10)]  # (connections, streams per connection)
CLK_TCK = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024
# What `make bench` installs (BENCH_APT_PACKAGES in the Makefile), for the report.
APT_PACKAGES = ["libgrpc++-dev", "protobuf-compiler-grpc", "golang-go", "golang-google-grpc-dev",
                "golang-goprotobuf-dev", "nghttp2-server", "nghttp2-client", "util-linux"]

# ----------------------------------------------------------------------------------------------
# small helpers


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def quote(argv):
    return " ".join(shlex.quote(str(a)) for a in argv)


class Recorder:
    """Runs commands and remembers them for the "exact commands" section."""

    def __init__(self):
        self.commands = []

    def run(self, argv, section, env=None, cwd=ROOT, timeout=None, capture=False, check=True):
        prefix = ""
        if env:
            prefix = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + " "
        self.commands.append((section, prefix + quote(argv)))
        log(f"$ {prefix}{quote(argv)}")
        full_env = dict(os.environ)
        if env:
            full_env.update(env)
        result = subprocess.run(
            [str(a) for a in argv], cwd=cwd, env=full_env, timeout=timeout,
            stdout=subprocess.PIPE if capture else None,
            stderr=subprocess.STDOUT if capture else None, text=True)
        if check and result.returncode != 0:
            if capture:
                sys.stdout.write(result.stdout[-5000:])
            raise RuntimeError(f"command failed ({result.returncode}): {quote(argv)}")
        return result


def newer(target, sources):
    if not os.path.exists(target):
        return False
    mtime = os.path.getmtime(target)
    return all(os.path.getmtime(s) <= mtime for s in sources)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_server(process):
    """SIGTERM, then SIGKILL if it has not exited within 30 s."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on port {port} after {seconds} s")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_rss(pid):
    """Resets VmHWM to the current RSS (Linux >= 4.0, `echo 5 > clear_refs`)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(fraction * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def fmt_int(value):
    return "—" if value is None else f"{value:,.0f}"


def fmt_us(value):
    return "—" if value is None else f"{value:,.0f} µs"


def fmt_ratio(value):
    return "—" if value is None else f"{value:.2f}"


def fmt_mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f} MiB"


# ----------------------------------------------------------------------------------------------
# build


def build(rec, scratch, work):
    """Builds the three servers; returns their paths. Idempotent."""
    os.makedirs(work, exist_ok=True)
    proto_dir = os.path.join(ROOT, "proto", "bench")
    proto = os.path.join(proto_dir, "echo.proto")

    # Ours: a release build in our own scratch path (others build in .build concurrently).
    rec.run(["swift", "build", "-c", "release", "--product", "echo-server", "--scratch-path", scratch],
            "build", timeout=3600)
    ours = os.path.join(scratch, "release", "echo-server")

    # gRPC C++ 1.51, callback API: generated code in the scratch dir, g++ -O2.
    cpp_dir = os.path.join(work, "cpp")
    os.makedirs(cpp_dir, exist_ok=True)
    cpp_source = os.path.join(ROOT, "bench", "cpp", "echo_server.cc")
    cpp = os.path.join(work, "cpp-echo-server")
    protoc_cpp = ["protoc", f"-I{proto_dir}", f"--cpp_out={cpp_dir}", f"--grpc_out={cpp_dir}",
                  "--plugin=protoc-gen-grpc=/usr/bin/grpc_cpp_plugin", proto]
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "grpc++", "protobuf"],
                           check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    gxx = (["g++", "-O2", "-std=c++17", f"-I{cpp_dir}", "-o", cpp, cpp_source,
            os.path.join(cpp_dir, "echo.pb.cc"), os.path.join(cpp_dir, "echo.grpc.pb.cc")]
           + flags + ["-lpthread"])
    gxx_readable = (f"g++ -O2 -std=c++17 -I{cpp_dir} -o {cpp} {cpp_source} {cpp_dir}/echo.pb.cc "
                    f"{cpp_dir}/echo.grpc.pb.cc $(pkg-config --cflags --libs grpc++ protobuf) -lpthread")
    if newer(cpp, [cpp_source, proto]):
        log("cpp-echo-server is up to date")
        rec.commands += [("build", quote(protoc_cpp)), ("build", gxx_readable)]
    else:
        rec.run(protoc_cpp, "build")
        rec.run(gxx, "build", timeout=1800)
        rec.commands[-1] = ("build", gxx_readable)  # the pkg-config call, not its expansion

    # grpc-go 1.33, offline GOPATH mode; echo.pb.go from Debian's protoc-gen-go 1.3 (plugins=grpc).
    gopath = os.path.join(work, "gopath")
    package_dir = os.path.join(gopath, "src", "benchecho")
    pb_dir = os.path.join(package_dir, "echopb")
    os.makedirs(pb_dir, exist_ok=True)
    go_source = os.path.join(ROOT, "bench", "go", "main.go")
    go = os.path.join(work, "go-echo-server")
    go_env = {"GO111MODULE": "off", "GOPROXY": "off", "GOFLAGS": "",
              "GOPATH": f"{gopath}:/usr/share/gocode", "GOCACHE": os.path.join(work, "gocache")}
    if newer(go, [go_source, proto]):
        rec.commands.append(("build", f"protoc -I{proto_dir} --go_out=plugins=grpc:{pb_dir} {proto}"))
        rec.commands.append(("build", " ".join(f"{k}={v}" for k, v in go_env.items())
                             + f" go build -o {go} benchecho   # main.go copied to {package_dir}"))
        log("go-echo-server is up to date")
    else:
        with open(go_source) as src, open(os.path.join(package_dir, "main.go"), "w") as dst:
            dst.write(src.read())
        rec.run(["protoc", f"-I{proto_dir}", f"--go_out=plugins=grpc:{pb_dir}", proto], "build")
        rec.run(["go", "build", "-o", go, "benchecho"], "build", env=go_env, timeout=1800)
        rec.commands[-1] = ("build", rec.commands[-1][1] + f"   # main.go copied to {package_dir}")
    return ours, cpp, go


# ----------------------------------------------------------------------------------------------
# servers and load


class Server:
    def __init__(self, name, argv, url, grpc, work):
        self.name, self.argv, self.url, self.grpc = name, argv, url, grpc
        self.log_path = os.path.join(work, f"{name}.log")
        self.process = None

    def start(self, rec):
        command = ["taskset", "-c", SERVER_CORE] + self.argv
        rec.commands.append(("servers", quote(command)))
        log(f"starting {self.name}: {quote(command)}")
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(command, stdout=self.log_file, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.kill(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass
        log(f"stopped {self.name} (pid {self.process.pid}, exit {self.process.returncode})")


def h2load_argv(server, connections, streams, duration, warmup, request_file, log_file):
    argv = ["taskset", "-c", LOAD_CORE, "h2load", "-t", "1", "-c", str(connections), "-m", str(streams),
            "-D", str(duration), "--warm-up-time", str(warmup)]
    if server.grpc:
        argv += ["-d", request_file, "-H", "content-type: application/grpc", "-H", "te: trailers"]
    if log_file:
        argv += ["--log-file", log_file]
    return argv + [server.url]


def check_response(server, request_file, expected, work):
    """One call with nghttp: the body must be the expected bytes and, for gRPC, grpc-status 0."""
    argv = ["nghttp", "-v"]
    if server.grpc:
        argv += ["-d", request_file, "-H", "content-type: application/grpc", "-H", "te: trailers"]
    verbose = subprocess.run(argv + [server.url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             timeout=20).stdout
    body = subprocess.run(argv[:1] + argv[2:] + [server.url], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, timeout=20).stdout
    problems = []
    if body != expected:
        problems.append(f"body {body[:64]!r} != expected {expected!r}")
    if server.grpc and b"grpc-status: 0" not in verbose:
        problems.append("no `grpc-status: 0` trailer")
    if b":status: 200" not in verbose:
        problems.append("HTTP status is not 200")
    if problems:
        raise RuntimeError(f"{server.name} answered wrongly: {'; '.join(problems)}")


def measure(server, connections, streams, opts, work, tag):
    log_file = os.path.join(work, "logs", f"{server.name}-{connections}x{streams}-{tag}.tsv")
    argv = h2load_argv(server, connections, streams, opts.duration, opts.warmup, opts.request_file,
                       log_file)
    reset_ok = reset_peak_rss(server.pid)
    started = time.monotonic()
    children0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    h2 = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          start_new_session=True)
    try:
        # CPU is sampled over h2load's main phase: after the warm-up, until h2load exits.
        time.sleep(opts.warmup)
        cpu0, t0 = cpu_seconds(server.pid), time.monotonic()
        output, _ = h2.communicate(timeout=opts.duration + opts.warmup + 60)
        cpu1, t1 = cpu_seconds(server.pid), time.monotonic()
    except subprocess.TimeoutExpired:
        os.killpg(h2.pid, signal.SIGKILL)
        h2.wait()
        raise RuntimeError(f"h2load against {server.name} did not finish")
    finally:
        if h2.poll() is None:
            os.killpg(h2.pid, signal.SIGKILL)
            h2.wait()
    peak_kib = status_kib(server.pid, "VmHWM") if reset_ok else None
    children1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_cpu = (children1.ru_utime + children1.ru_stime) - (children0.ru_utime + children0.ru_stime)
    rps_match = re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", output)
    counts = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed, "
                       r"(\d+) errored, (\d+) timeout", output)
    if not rps_match or not counts:
        raise RuntimeError(f"cannot parse h2load output for {server.name}:\n{output}")
    latencies = []
    statuses_ok = 0
    with open(log_file) as f:
        for line in f:
            parts = line.split("\t")
            if len(parts) >= 3:
                latencies.append(int(parts[2]))
                statuses_ok += parts[1] == "200"
    latencies.sort()
    rps = float(rps_match.group(1))
    cpu = cpu1 - cpu0
    wall = max(t1 - t0, 1e-9)
    result = {
        "server": server.name, "connections": connections, "streams": streams, "tag": tag,
        "rps": rps, "succeeded": int(counts.group(4)), "failed": int(counts.group(5)) + int(counts.group(6))
        + int(counts.group(7)), "non200": len(latencies) - statuses_ok,
        "mean_us": statistics.fmean(latencies) if latencies else None,
        "p99_us": percentile(latencies, 0.99) if latencies else None,
        "cpu_s": cpu, "cpu_util": cpu / wall,
        "cpu_us_per_req": (cpu / wall) / rps * 1e6 if rps > 0 else None,
        "peak_kib": peak_kib, "elapsed": time.monotonic() - started, "argv": argv,
        # h2load's own CPU over its whole run (warm-up included): near 100% means the load
        # generator, not the server, was the limit.
        "load_util": load_cpu / max(time.monotonic() - started, 1e-9),
    }
    os.remove(log_file)  # per-request logs are large; keep only the numbers
    return result


def soak(server, opts, work):
    """Our server at 16×10 for opts.soak seconds, VmRSS sampled every 5 s."""
    argv = h2load_argv(server, 16, 10, opts.soak, 0, opts.request_file, None)
    index = argv.index("--warm-up-time")  # no warm-up: the samples start with the load
    del argv[index:index + 2]
    samples = [(0.0, status_kib(server.pid, "VmRSS"))]
    cpu0 = cpu_seconds(server.pid)
    start = time.monotonic()
    h2 = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          start_new_session=True)
    try:
        next_sample = 5.0
        while h2.poll() is None:
            elapsed = time.monotonic() - start
            if elapsed >= next_sample:
                samples.append((round(next_sample), status_kib(server.pid, "VmRSS")))
                next_sample += 5.0
            if elapsed > opts.soak + 60:
                raise RuntimeError("soak run did not finish")
            time.sleep(0.05)
        output = h2.stdout.read()
        if samples[-1][0] < opts.soak:  # the last sample, as the load ends
            samples.append((round(time.monotonic() - start), status_kib(server.pid, "VmRSS")))
    finally:
        if h2.poll() is None:
            os.killpg(h2.pid, signal.SIGKILL)
            h2.wait()
    time.sleep(1)
    after_idle = status_kib(server.pid, "VmRSS")
    rps_match = re.search(r"finished in [\d.]+\w*, ([\d.]+) req/s", output)
    counts = re.search(r"(\d+) succeeded, (\d+) failed, (\d+) errored", output)
    return {"argv": argv, "samples": samples, "after_idle_kib": after_idle,
            "rps": float(rps_match.group(1)) if rps_match else None,
            "succeeded": int(counts.group(1)) if counts else None,
            "failed": (int(counts.group(2)) + int(counts.group(3))) if counts else None,
            "cpu_s": cpu_seconds(server.pid) - cpu0}


def build_tests(rec, cwd, scratch):
    result = None
    for _attempt in range(3):  # others edit sources while we build: retry that, nothing else
        result = rec.run(["swift", "build", "--build-tests", "--scratch-path", scratch], "build",
                         cwd=cwd, timeout=3600, check=False, capture=True)
        if result.returncode == 0 or "modified during the build" not in result.stdout:
            break
        rec.commands.pop()
    return result


def prepare_storage(rec, scratch, work):
    """Builds the test bundle that holds GroupCommitBenchmark, before anything is measured.

    Returns (cwd, scratch, note, error). The whole test bundle has to compile; when the work tree
    does not (someone's change in progress), the benchmark is built from a clean export of HEAD,
    provided Sources/Storage and Tests/StorageTests are unchanged from HEAD there, and says so.
    """
    result = build_tests(rec, ROOT, scratch)
    if result.returncode == 0:
        return ROOT, scratch, None, None
    tail = "\n".join(result.stdout.splitlines()[-12:])
    error = f"the test build of the work tree failed:\n\n```\n{tail}\n```"
    changed = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "Sources/Storage",
                              "Sources/CSQLite", "Tests/StorageTests"],
                             stdout=subprocess.PIPE, text=True).stdout.strip()
    if changed:
        return None, None, None, error + "\n\nStorage sources differ from HEAD, so HEAD was not used instead."
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                          text=True).stdout.strip()
    export = os.path.join(work, "head-tree")
    subprocess.run(["rm", "-rf", export], check=True)
    os.makedirs(export)
    rec.commands.append(("build", f"git archive HEAD | tar -x -C {export}   # HEAD = {head}"))
    log(f"work tree does not build its tests; building the storage benchmark from HEAD {head} in {export}")
    archive = subprocess.Popen(["git", "-C", ROOT, "archive", "HEAD"], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", export], stdin=archive.stdout, check=True)
    archive.wait()
    head_scratch = os.path.join(scratch, "head-build")
    result = build_tests(rec, export, head_scratch)
    if result.returncode != 0:
        tail = "\n".join(result.stdout.splitlines()[-12:])
        return None, None, None, error + f"\n\nand so did HEAD {head}'s:\n\n```\n{tail}\n```"
    note = (f"The work tree's test bundle did not compile at the time (another change in progress), so this "
            f"table comes from a clean export of HEAD `{head}`, whose Sources/Storage and Tests/StorageTests "
            "are identical to the work tree's.")
    return export, head_scratch, note, None


def storage_benchmark(rec, cwd, scratch, seconds, timeout):
    env = {"SJ_STORAGE_BENCH": "1", "SJ_STORAGE_BENCH_SECONDS": str(seconds)}
    argv = ["swift", "test", "--scratch-path", scratch, "--filter", "GroupCommitBenchmark"]
    try:
        result = rec.run(argv, "storage", env=env, cwd=cwd, timeout=timeout, capture=True, check=False)
    except subprocess.TimeoutExpired:
        return None, f"`{quote(argv)}` did not finish within {timeout} s"
    table = [line for line in result.stdout.splitlines() if line.startswith("|")]
    if result.returncode != 0 or len(table) < 3:
        tail = "\n".join(result.stdout.splitlines()[-15:])
        return None, f"`{quote(argv)}` failed (exit {result.returncode}):\n\n```\n{tail}\n```"
    return table, None


# ----------------------------------------------------------------------------------------------
# report


def intake_benchmark(rec, scratch, work, requests):
    """Issue 5: FileCase and RecordCaseEvent over gRPC against a shuangjiang-server with its own
    data directory, at concurrency 1 and 64, driven by intake-bench (our Swift client). Two data
    directories, one after the other: on the disk (durable: every acknowledgement waits for an
    fdatasync of the WAL) and on tmpfs (the same code, where fdatasync costs nothing: the
    difference is what the disk's flush latency costs). Nothing is pinned: the server's loop,
    writer and syncer threads and the client share both cores. Returns (table lines, raw rows
    of the disk run) or (None, error)."""
    for product in ("shuangjiang-server", "intake-bench"):
        rec.run(["swift", "build", "-c", "release", "--product", product, "--scratch-path", scratch],
                "build", timeout=3600)
    server_bin = os.path.join(scratch, "release", "shuangjiang-server")
    client_bin = os.path.join(scratch, "release", "intake-bench")
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    # Issue 5's figure is intake's own: `--services intake`. The third run is the default server
    # (intake and assessment in one process), where assessment follows every write on the same
    # two cores: what a one-process deployment gets, not what intake can do.
    setups = [("disk", os.path.join(work, "intake-data"), "intake")]
    if shm:
        setups.append(("tmpfs", os.path.join(shm, f"sj-intake-bench-{os.getpid()}"), "intake"))
    setups.append(("disk, assessment following in the same process", os.path.join(work, "intake-data"),
                   "intake,assessment"))
    table = ["| data directory | RPC | concurrency | requests/s | p50 | p99 |", "|---|---|---:|---:|---:|---:|"]
    disk_rows = None
    for label, data, services in setups:
        shutil.rmtree(data, ignore_errors=True)
        port = free_port()
        server = subprocess.Popen([server_bin, "--port", str(port), "--data-dir", data, "--services", services],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, server)
            result = rec.run([client_bin, "--port", str(port), "--requests", str(requests)],
                             "intake", timeout=1800, capture=True, check=False)
        finally:
            stop_server(server)
            if label == "tmpfs":
                shutil.rmtree(data, ignore_errors=True)
        rows = []
        for line in (result.stdout or "").splitlines():
            fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
            if "rps" in fields:
                rows.append((line.split()[0], int(fields["concurrency"]), int(fields["rps"]),
                             int(fields["p50_us"]), int(fields["p99_us"])))
        if result.returncode != 0 or not rows:
            return None, f"intake-bench failed on {label} (exit {result.returncode}): {(result.stdout or '')[-400:]}"
        table += [f"| {label} | {rpc} | {c} | {rps:,} | {p50:,} µs | {p99:,} µs |" for rpc, c, rps, p50, p99 in rows]
        if label == "disk":
            disk_rows = rows
    return table, disk_rows


def assessment_benchmark(rec, scratch):
    """Issue 11: assessment-bench (our Swift tool, release build): replaying intake changes into an
    empty assessment database, following a live intake over gRPC, the delay from an intake write to
    the changed indicator, and GetIndicators / RankUnits at concurrency 64. Returns (table lines,
    rows) or (None, error)."""
    rec.run(["swift", "build", "-c", "release", "--product", "assessment-bench", "--scratch-path", scratch],
            "build", timeout=3600)
    tool = os.path.join(scratch, "release", "assessment-bench")
    result = rec.run([tool], "assessment", timeout=3600, capture=True, check=False)
    rows = {}
    for line in (result.stdout or "").splitlines():
        parts = line.split()
        if not parts:
            continue
        fields = dict(part.split("=", 1) for part in parts[1:] if "=" in part)
        key = parts[0] + (":" + fields["rpc"] if "rpc" in fields else "") + (
            ":" + fields["order"] if "order" in fields else "")
        rows[key] = fields
    if result.returncode != 0 or len(rows) < 7:
        return None, f"assessment-bench failed (exit {result.returncode}): {(result.stdout or '')[-400:]}"
    r = rows
    table = ["| measurement | result | target |", "|---|---:|---:|",
             f"| replay {int(r['replay:chronological']['events']):,} changes into an empty database, "
             f"{int(r['replay:chronological']['batch']):,} a write (the follower's batch), in the order "
             f"a city's history arrives (cases over three years, each change on its day) | "
             f"{int(r['replay:chronological']['events_per_s']):,} changes/s | 200,000 changes/s |",
             f"| the same number of changes with each case's whole life in one burst, on scattered days | "
             f"{int(r['replay:bursts']['events_per_s']):,} changes/s | |",
             f"| the floor under both: {int(r['floor']['rows']):,} upserts of a 19-column row, "
             f"{int(r['floor']['batch']):,} a write, "
             f"nothing else (a changed case writes two such rows) | {int(r['floor']['rows_per_s']):,} rows/s | |",
             f"| follow {int(r['follow']['events']):,} changes from a live intake over gRPC | "
             f"{int(r['follow']['events_per_s']):,} changes/s | |",
             f"| intake write → indicator visible, at {int(r['delay']['rate_per_s']):,} writes/s | "
             f"p50 {int(r['delay']['p50_us']) / 1000:.1f} ms, p99 {int(r['delay']['p99_us']) / 1000:.1f} ms | p99 < 50 ms |",
             f"| GetIndicators at concurrency 64, our client in the server's process (it shares the two cores "
             f"and the loop threads) | {int(r['queries:GetIndicators']['calls_per_s']):,} calls/s | "
             f"(the h2load row below) |",
             f"| RankUnits at concurrency 64, the same | {int(r['queries:RankUnits']['calls_per_s']):,} calls/s | |"]
    external = external_get_indicators(rec, scratch)
    if external:
        table.append(f"| GetIndicators at concurrency 64, h2load on core {LOAD_CORE} (1 connection × 64 streams), "
                     f"the full demo city, server unpinned | {external:,} calls/s | 20,000 calls/s |")
    return table, rows


def external_get_indicators(rec, scratch):
    """GetIndicators for the city and 2023 from h2load, a C client in its own process, against a
    release shuangjiang-server (intake and assessment) holding the full demo city. assessment-bench
    runs its client in the server's process, where it takes CPU the server would have; this is
    the figure for the server alone. Returns calls/s, or None (logged) when it cannot be measured."""
    for product in ("shuangjiang-server", "sjctl"):
        rec.run(["swift", "build", "-c", "release", "--product", product, "--scratch-path", scratch],
                "build", timeout=3600)
    server_bin = os.path.join(scratch, "release", "shuangjiang-server")
    sjctl = os.path.join(scratch, "release", "sjctl")
    port = free_port()
    server = subprocess.Popen([server_bin, "--port", str(port), "--in-memory", "--services", "intake,assessment",
                               "--demo-city"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, server)
        for line in server.stderr:  # the loader's progress lines; the last one says it is done
            if "demo city loaded" in line or "could not be loaded" in line:
                break
        # Keep reading what it logs, so a full pipe never stalls the server being measured.
        threading.Thread(target=lambda: server.stderr.read(), daemon=True).start()
        # --fresh waits until assessment has applied everything intake holds.
        rec.run([sjctl, "assessment", "indicators", "--scope", "city", "--period", "2023", "--fresh",
                 "--server", f"127.0.0.1:{port}"], "assessment", timeout=300, capture=True)
        # GetIndicatorsRequest{scope: {city: {}}, period: {kind: YEAR, year: 2023}}, gRPC-framed.
        message = bytes([0x0A, 0x02, 0x0A, 0x00, 0x12, 0x05, 0x08, 0x03, 0x10, 0xE7, 0x0F])
        request = os.path.join(scratch, "get-indicators.bin")
        with open(request, "wb") as f:
            f.write(b"\x00" + len(message).to_bytes(4, "big") + message)
        result = rec.run(["taskset", "-c", LOAD_CORE, "h2load", "-t", "1", "-c", "1", "-m", "64", "-n", "200000",
                          "-H", "content-type: application/grpc", "-H", "te: trailers", "-d", request,
                          f"http://127.0.0.1:{port}/shuangjiang.assessment.v1.AssessmentService/GetIndicators"],
                         "assessment", timeout=600, capture=True, check=False)
        done = re.search(r"requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded", result.stdout or "")
        rate = re.search(r"finished in [\d.]+m?s, ([\d.]+) req/s", result.stdout or "")
        if result.returncode != 0 or not done or not rate or done.group(1) != done.group(2):
            log(f"external GetIndicators not measured: {(result.stdout or '')[-400:]}")
            return None
        return int(float(rate.group(1)))
    finally:
        stop_server(server)


def machine_facts():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break

    def out(argv):
        try:
            return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    def deb(package):
        return out(["dpkg-query", "-W", "-f=${Version}", package])

    return {
        "nproc": os.cpu_count(), "model": model, "kernel": platform.release(),
        "swift": out(["swift", "--version"]).splitlines()[0] if out(["swift", "--version"]) else "?",
        "gxx": out(["g++", "--version"]).splitlines()[0],
        "go": out(["go", "version"]),
        "grpcxx": f"libgrpc++-dev {deb('libgrpc++-dev')}",
        "grpcgo": f"golang-google-grpc-dev {deb('golang-google-grpc-dev')}",
        "protocgengo": f"protoc-gen-go-1-3 {deb('protoc-gen-go-1-3')}",
        "nghttp2": out(["h2load", "--version"]),
        "commit": out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
        "dirty": bool(out(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"])),
    }


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def median_result(results):
    """The per-metric median over rounds (peak RSS: the maximum)."""
    def med(key):
        values = [r[key] for r in results if r.get(key) is not None]
        return statistics.median(values) if values else None
    peaks = [r["peak_kib"] for r in results if r.get("peak_kib")]
    return {"rps": med("rps"), "mean_us": med("mean_us"), "p99_us": med("p99_us"), "cpu_s": med("cpu_s"),
            "cpu_util": med("cpu_util"), "load_util": med("load_util"),
            "cpu_us_per_req": med("cpu_us_per_req"), "peak_kib": max(peaks) if peaks else None,
            "failed": sum(r["failed"] + r["non200"] for r in results), "rounds": len(results)}


def write_report(path, ctx):
    facts, opts, work = ctx["facts"], ctx["opts"], ctx["work"]
    names = [s.name for s in ctx["servers"]]
    ours = names[0]
    refs = names[1:]
    med = ctx["medians"]
    lines = []
    add = lines.append
    add("# Benchmarks")
    add("")
    add("Written by `make bench` (`bench/run.py`); do not edit by hand, run it again. Not part of `make test`.")
    add("")
    add("> **Read the ratios, not the absolute numbers.** This run was made on a shared, noisy "
        f"{facts['nproc']}-core machine while other engineers' builds were running (load average "
        f"{ctx['load_start']} at the start, {ctx['load_end']} at the end). All servers were started once and "
        "measured interleaved, round-robin, in the same run, so a slow phase of the machine hits every "
        "server alike: the ratios within this one run are what count; absolute figures are not comparable "
        "with other runs or machines.")
    add("")
    add("## Machine and run")
    add("")
    add(f"- date: {ctx['date']}")
    add(f"- machine: {facts['nproc']} cores (`nproc`), CPU `{facts['model']}`, Linux {facts['kernel']}")
    add(f"- commit: `{facts['commit']}`" + (" (with uncommitted changes in the work tree)" if facts["dirty"] else ""))
    add(f"- toolchains: {facts['swift']}; {facts['gxx']}; {facts['go']}")
    add(f"- references: {facts['grpcxx']} (callback API); {facts['grpcgo']} with {facts['protocgengo']}; "
        f"{facts['nghttp2']} (nghttpd, h2load)")
    add(f"- method: each server pinned to core {SERVER_CORE} (`taskset -c {SERVER_CORE}`), h2load (one thread) "
        f"pinned to core {LOAD_CORE}; {opts.rounds} round(s) × each configuration × each server, round-robin with "
        f"the starting server rotating each round; each measurement is {opts.warmup} s of warm-up then "
        f"{opts.duration} s measured (`-D {opts.duration} --warm-up-time {opts.warmup}`); the table shows the "
        "median over rounds (peak RSS: the maximum).")
    add(f"- request: unary `bench.Echo/Unary`, `Msg` with a {opts.payload}-byte payload: "
        f"{ctx['request_size']}-byte gRPC body (5-byte prefix + message); the response is the same "
        f"{ctx['request_size']} bytes, and nghttpd serves a static file of exactly that size (GET).")
    add("- latency: mean and p99 over every request of the measured phase, from h2load's per-request "
        "`--log-file` (third column, µs). Server CPU: utime+stime from `/proc/PID/stat` over the measured "
        "phase; CPU/req = CPU seconds ÷ wall seconds ÷ req/s. Peak RSS: `VmHWM`, reset before each "
        "measurement with `echo 5 > /proc/PID/clear_refs`.")
    add("- every server's answer was checked once with `nghttp` before measuring (body byte-identical to "
        "the request; `grpc-status: 0` for the gRPC servers).")
    add(f"- bench build and measurement phase took {ctx['build_seconds']:.0f} s and "
        f"{ctx['measure_seconds']:.0f} s.")
    add("")
    add("## Echo server: side by side")
    add("")
    add("| config | server | req/s | mean latency | p99 latency | server CPU s (core busy) | CPU/req | peak RSS "
        "| h2load core busy | failed |")
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (c, m) in CONFIGS:
        for name in names:
            r = med.get((name, c, m))
            if r is None:
                add(f"| {c}×{m} | {name} | not measured | | | | | | | |")
                continue
            add(f"| {c}×{m} | {name} | {fmt_int(r['rps'])} | {fmt_us(r['mean_us'])} | {fmt_us(r['p99_us'])} | "
                f"{r['cpu_s']:.2f} ({r['cpu_util']:.0%}) | {fmt_us(r['cpu_us_per_req'])} | {fmt_mib(r['peak_kib'])} | "
                f"{r['load_util']:.0%} | {r['failed']} |")
    add("")
    add("\"core busy\" is CPU seconds ÷ wall seconds of the measured phase (for h2load: of its whole run). "
        "A server well below 100% while h2load is near 100% was limited by the load generator (one thread on "
        "one core), so its req/s is a lower bound: this can concern nghttpd, the ceiling. When both are well "
        "below 100%, the machine's other work was taking the cores.")
    add("")
    add(f"Idle RSS of {ours}: {fmt_mib(ctx['idle_kib'])} after start (before any load; "
        f"{fmt_mib(ctx.get('idle_anon_kib'))} of it anonymous, the rest mapped shared libraries); "
        f"{fmt_mib(ctx.get('idle_after_kib'))} idle again after all the runs.")
    add("")
    add("### Ratios, ours ÷ each reference (same run)")
    add("")
    add("| config | " + " | ".join(f"req/s vs {r}" for r in refs) + " | "
        + " | ".join(f"mean latency vs {r}" for r in refs) + " | "
        + " | ".join(f"CPU/req vs {r}" for r in refs if r != "nghttpd") + " |")
    add("|---|" + "---:|" * (len(refs) * 2 + len([r for r in refs if r != "nghttpd"])))
    for (c, m) in CONFIGS:
        mine = med.get((ours, c, m))
        row = [f"{c}×{m}"]
        for key in ("rps", "mean_us"):
            for ref in refs:
                other = med.get((ref, c, m))
                row.append(fmt_ratio(mine[key] / other[key]) if mine and other and other[key] else "—")
        for ref in refs:
            if ref == "nghttpd":
                continue
            other = med.get((ref, c, m))
            ok = mine and other and mine["cpu_us_per_req"] and other["cpu_us_per_req"]
            row.append(fmt_ratio(mine["cpu_us_per_req"] / other["cpu_us_per_req"]) if ok else "—")
        add("| " + " | ".join(row) + " |")
    add("")
    add("req/s ratio above 1 means ours is faster; latency and CPU/req ratios below 1 mean ours is cheaper.")
    add("")

    soak_result = ctx.get("soak")
    add(f"### Memory over a {opts.soak}-second run of {ours} at 16×10")
    add("")
    if soak_result:
        add("| t (s) | " + " | ".join(str(int(t)) for t, _ in soak_result["samples"]) + " |")
        add("|---|" + "---:|" * len(soak_result["samples"]))
        add("| VmRSS (MiB) | " + " | ".join(f"{kib / 1024:.1f}" for _, kib in soak_result["samples"]) + " |")
        add("")
        add(f"{fmt_int(soak_result['rps'])} req/s over the run, {soak_result['failed']} failed; "
            f"server CPU {soak_result['cpu_s']:.1f} s; RSS idle again afterwards: "
            f"{fmt_mib(soak_result['after_idle_kib'])}. {ctx['flat_note']}")
    else:
        add("Not run: " + ctx.get("soak_error", "skipped"))
    add("")

    add("## Storage: durable writes per second, group commit vs one transaction per write")
    add("")
    if ctx.get("storage_table"):
        add(f"`Tests/StorageTests/GroupCommitBenchmark.swift`, {opts.storage_seconds} s per cell, on-disk "
            "SQLite in WAL mode with `synchronous = FULL`, single-row inserts of 100 bytes; debug build "
            "(Swift Testing does not build with `-c release` here; the fsync dominates). Run after the "
            "echo servers were stopped, so it had the machine to itself apart from other engineers' work.")
        if ctx.get("storage_note"):
            add("")
            add(ctx["storage_note"])
        add("")
        lines.extend(ctx["storage_table"])
    else:
        add("Not measured: " + (ctx.get("storage_error") or "skipped (BENCH_SKIP_STORAGE=1)"))
    add("")

    add("## Intake: durable FileCase and RecordCaseEvent over gRPC (issue 5)")
    add("")
    if ctx.get("intake_table"):
        add("`shuangjiang-server --data-dir --services intake` (release) driven by `intake-bench` (release, "
            "our Swift client), nothing pinned: the server's loop, writer and syncer threads and the client "
            "share the two cores. "
            "Every FileCase files a new case, every RecordCaseEvent appends a hearing to one of them. "
            "**disk** is the durable configuration (each acknowledgement waits for an fdatasync of the WAL); "
            "**tmpfs** runs the same code with the data directory on `/dev/shm`, where fdatasync costs "
            "nothing, to show what the disk's flush latency costs at that concurrency (not durable against "
            "power loss, not a deployment option). The last rows run the default server instead (intake and "
            "assessment in one process), where assessment follows every write on the same two cores; issue "
            "5's target is intake's own figure, the first rows. The client shares the machine with the "
            "server, so these are lower bounds for the server.")
        add("")
        lines.extend(ctx["intake_table"])
    else:
        add("Not measured: " + (ctx.get("intake_error") or "skipped (BENCH_SKIP_INTAKE=1)"))
    add("")

    add("## Assessment (issue 11)")
    add("")
    if ctx.get("assessment_table"):
        add("`assessment-bench` (release build, in one process: intake and assessment hosts on loop threads of their "
            "own, the client beside them, nothing pinned). See docs/performance.md for what bounds each figure.")
        add("")
        lines.extend(ctx["assessment_table"])
    else:
        add(f"Not measured: {ctx.get('assessment_rows')}")
    add("")
    add("## Targets (issues 3, 4 and 5)")
    add("")
    add("| target | measured | met? |")
    add("|---|---|---|")
    for target, measured, met in ctx["targets"]:
        add(f"| {target} | {measured} | {met} |")
    add("")
    add("Reference figures from the issue for this machine class, measured on a quiet machine: grpc-go about "
        "51,000 req/s at 1×100 and 55,000 at 16×10; gRPC C++ about 29,000 and 30,000; nghttpd about 98,000 "
        "and 168,000; all about 150–250 µs mean at 1×1. Under the shared load of this run every figure is "
        "lower; compare the ratios.")
    add("")
    add("Where the server's time goes, what has been done about it and what comes next: "
        "[docs/performance.md](performance.md).")
    add("")

    add("## Exact commands")
    add("")
    add("`make bench` installs the Debian packages it needs if missing (`" + " ".join(ctx["apt"]) + "`), then "
        "runs `python3 bench/run.py`, which ran:")
    add("")
    add("```sh")
    section = None
    for sec, command in ctx["commands"]:
        if sec != section:
            add(f"# {sec}")
            section = sec
        add(command)
    add("# load: for each configuration, each round, each server (round-robin):")
    for name in names:
        for (c, m) in CONFIGS:
            server = next(s for s in ctx["servers"] if s.name == name)
            add(quote(h2load_argv(server, c, m, opts.duration, opts.warmup, opts.request_file,
                                  os.path.join(work, "logs", f"{name}-{c}x{m}-ROUND.tsv"))))
    if soak_result:
        add("# soak, VmRSS from /proc/PID/status every 5 s:")
        add(quote(soak_result["argv"]))
    add("```")
    add("")
    add("Each per-request log is parsed and then deleted (they are large). "
        f"The request body `{os.path.relpath(opts.request_file, ROOT)}` is written by run.py: "
        f"`00 {ctx['request_size'] - 5:08x}` as the prefix (uncompressed, big-endian length), then `0a "
        f"{opts.payload:02x}` and {opts.payload} payload bytes. The grpc-go server's `echo.pb.go` is generated by "
        "Debian's protoc-gen-go 1.3 (`golang-goprotobuf-dev`, `plugins=grpc`) and built with `GO111MODULE=off` "
        "against `/usr/share/gocode` (no module downloads); the C++ server uses the generated "
        "`Echo::CallbackService` with the default reactor. Sources: `bench/go/main.go`, "
        "`bench/cpp/echo_server.cc`, `Sources/echo-server/main.swift`.")
    add("")
    add("### Every measurement (all rounds)")
    add("")
    add("| config | round | server | req/s | mean | p99 | CPU/req | peak RSS |")
    add("|---|---:|---|---:|---:|---:|---:|---:|")
    for r in ctx["all_results"]:
        add(f"| {r['connections']}×{r['streams']} | {r['tag']} | {r['server']} | {fmt_int(r['rps'])} | "
            f"{fmt_us(r['mean_us'])} | {fmt_us(r['p99_us'])} | {fmt_us(r['cpu_us_per_req'])} | "
            f"{fmt_mib(r['peak_kib'])} |")
    if ctx.get("errors"):
        add("")
        add("### Problems during the run")
        add("")
        for e in ctx["errors"]:
            add(f"- {e}")
    add("")
    with open(path, "w") as f:
        f.write("\n".join(lines).replace(ROOT + "/", ""))
    log(f"wrote {os.path.relpath(path, ROOT)}")


def evaluate_targets(ctx):
    med = ctx["medians"]
    ours = ctx["servers"][0].name
    rows = []

    def get(name, c, m, key):
        r = med.get((name, c, m))
        return r[key] if r else None

    for (c, m) in [(1, 100), (16, 10)]:
        mine = get(ours, c, m, "rps")
        official = [(n, get(n, c, m, "rps")) for n in ("grpc-go", "grpc-c++")]
        official = [(n, v) for n, v in official if v]
        if mine and official:
            best_name, best = max(official, key=lambda p: p[1])
            rows.append((f"{c}×{m}: req/s ≥ fastest official gRPC server",
                         f"{mine:,.0f} vs {best_name} {best:,.0f} ({mine / best:.2f}×)",
                         "met" if mine >= best else "**not met**"))
        ceiling = get("nghttpd", c, m, "rps")
        if mine and ceiling:
            rows.append((f"{c}×{m}: req/s ≥ 60% of nghttpd", f"{mine / ceiling:.0%} of {ceiling:,.0f}",
                         "met" if mine >= 0.6 * ceiling else "**not met**"))
    mine = get(ours, 1, 1, "mean_us")
    ceiling = get("nghttpd", 1, 1, "mean_us")
    if mine and ceiling:
        rows.append(("1×1: mean latency within 10% of nghttpd", f"{mine:,.0f} µs vs {ceiling:,.0f} µs "
                     f"({mine / ceiling:.2f}×)", "met" if mine <= 1.10 * ceiling else "**not met**"))
    idle = ctx.get("idle_kib")
    if idle:
        rows.append(("idle RSS < 20 MiB", fmt_mib(idle), "met" if idle < 20 * 1024 else "**not met**"))
    if ctx.get("soak"):
        rows.append((f"memory flat over a {ctx['opts'].soak}-second run", ctx["flat_measured"],
                     "met" if ctx["flat"] else "**not met**"))
    table = ctx.get("storage_table")
    if table:
        for line in table:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if cells and cells[0] == "256":
                grouped, single = float(cells[1]), float(cells[2])
                try:
                    ratio = float(cells[3])  # the benchmark's own, from unrounded figures
                except (IndexError, ValueError):
                    ratio = grouped / single if single else 0
                rows.append(("storage, concurrency 256: group commit ≥ 30,000 durable writes/s",
                             f"{grouped:,.0f}/s", "met" if grouped >= 30000 else "**not met**"))
                rows.append(("storage, concurrency 256: group commit ≥ 10× one transaction per write",
                             f"{ratio:.1f}× ({grouped:,.0f} vs {single:,.0f}/s)",
                             "met" if ratio >= 10 else "**not met**"))
    for rpc, concurrency, rps, _, _ in ctx.get("intake_rows") or []:
        if rpc == "FileCase" and concurrency == 64:
            rows.append(("intake: ≥ 10,000 durable FileCase/s at concurrency 64", f"{rps:,}/s",
                         "met" if rps >= 10000 else "**not met**"))
    ctx["targets"] = rows


# ----------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    env = os.environ.get
    parser.add_argument("--scratch", default=os.path.join(ROOT, ".build-bench"))
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks.md"))
    parser.add_argument("--rounds", type=int, default=int(env("BENCH_ROUNDS", "5")))
    parser.add_argument("--duration", type=int, default=int(env("BENCH_DURATION", "3")))
    parser.add_argument("--warmup", type=int, default=int(env("BENCH_WARMUP", "1")))
    parser.add_argument("--soak", type=int, default=int(env("BENCH_SOAK_SECONDS", "60")))
    parser.add_argument("--payload", type=int, default=int(env("BENCH_PAYLOAD", "16")))
    parser.add_argument("--storage-seconds", type=float, default=float(env("BENCH_STORAGE_SECONDS", "2")))
    parser.add_argument("--skip-storage", action="store_true", default=env("BENCH_SKIP_STORAGE") == "1")
    parser.add_argument("--max-measure-seconds", type=int, default=int(env("BENCH_MAX_SECONDS", "840")),
                        help="stop starting new measurements after this long (builds excluded)")
    parser.add_argument("--apt", nargs="*", default=[])
    opts = parser.parse_args()
    if opts.payload > 127:
        parser.error("--payload must be < 128 (one-byte varint length)")
    if os.cpu_count() < 2:
        parser.error("needs two cores: servers on core 0, h2load on core 1")

    scratch = os.path.abspath(opts.scratch)
    work = os.path.join(scratch, "bench")
    os.makedirs(os.path.join(work, "logs"), exist_ok=True)
    os.makedirs(os.path.join(work, "htdocs"), exist_ok=True)
    rec = Recorder()
    ctx = {"opts": opts, "errors": [], "apt": opts.apt or APT_PACKAGES, "load_start": loadavg(),
           "work": work, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}

    # A SIGTERM/SIGINT (e.g. make interrupted) unwinds through the finally that stops the servers.
    def interrupted(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, interrupted)

    build_start = time.monotonic()
    ours_bin, cpp_bin, go_bin = build(rec, scratch, work)
    ctx["build_seconds"] = time.monotonic() - build_start

    if not opts.skip_storage:
        # Build the storage benchmark's test bundle now, so that building is not measured time.
        storage_cwd, storage_scratch, ctx["storage_note"], ctx["storage_error"] = prepare_storage(
            rec, scratch, work)
        ctx["build_seconds"] = time.monotonic() - build_start
    measure_start = time.monotonic()
    deadline = measure_start + opts.max_measure_seconds

    message = b"\x0a" + bytes([opts.payload]) + bytes((i * 7 + 1) % 256 for i in range(opts.payload))
    body = b"\x00" + struct.pack(">I", len(message)) + message
    opts.request_file = os.path.join(work, "echo-request.bin")
    with open(opts.request_file, "wb") as f:
        f.write(body)
    with open(os.path.join(work, "htdocs", "echo-response.bin"), "wb") as f:
        f.write(body)
    ctx["request_size"] = len(body)

    ports = {}
    for name in ("shuangjiang", "grpc-go", "grpc-c++", "nghttpd"):
        ports[name] = free_port()
    servers = [
        Server("shuangjiang", [ours_bin, "--port", str(ports["shuangjiang"])],
               f"http://127.0.0.1:{ports['shuangjiang']}/bench.Echo/Unary", True, work),
        Server("grpc-go", [go_bin, "--port", str(ports["grpc-go"])],
               f"http://127.0.0.1:{ports['grpc-go']}/bench.Echo/Unary", True, work),
        Server("grpc-c++", [cpp_bin, "--port", str(ports["grpc-c++"])],
               f"http://127.0.0.1:{ports['grpc-c++']}/bench.Echo/Unary", True, work),
        Server("nghttpd", ["nghttpd", "--no-tls", "-a", "127.0.0.1", "-d", os.path.join(work, "htdocs"),
                           str(ports["nghttpd"])],
               f"http://127.0.0.1:{ports['nghttpd']}/echo-response.bin", False, work),
    ]
    ctx["servers"] = servers
    results = []
    try:
        for server in servers:
            server.start(rec)
        for server in servers:
            wait_for_port(int(server.url.split(":")[2].split("/")[0]), server.process)
        time.sleep(1)
        ctx["idle_kib"] = status_kib(servers[0].pid, "VmRSS")
        ctx["idle_anon_kib"] = status_kib(servers[0].pid, "RssAnon")
        for server in servers:
            check_response(server, opts.request_file, body, work)
        log(f"all answers correct; idle RSS of {servers[0].name}: {ctx['idle_kib']} KiB")

        for (c, m) in CONFIGS:
            for round_index in range(opts.rounds):
                order = servers[round_index % len(servers):] + servers[:round_index % len(servers)]
                for server in order:
                    if time.monotonic() > deadline:
                        raise TimeoutError("measurement time budget exhausted")
                    if not server.alive():
                        raise RuntimeError(f"{server.name} died (see {server.log_path})")
                    r = measure(server, c, m, opts, work, str(round_index + 1))
                    results.append(r)
                    log(f"{c}x{m} round {round_index + 1} {server.name}: {r['rps']:,.0f} req/s, "
                        f"mean {r['mean_us']:,.0f} µs, p99 {r['p99_us']:,.0f} µs, "
                        f"{r['cpu_us_per_req'] or 0:,.1f} µs CPU/req, failed {r['failed']}")

        if opts.soak > 0:
            if time.monotonic() + opts.soak + 30 > deadline:
                ctx["soak_error"] = "measurement time budget exhausted"
            else:
                log(f"soak: {servers[0].name} at 16x10 for {opts.soak} s")
                ctx["soak"] = soak(servers[0], opts, work)
        time.sleep(1)
        ctx["idle_after_kib"] = status_kib(servers[0].pid, "VmRSS")
    except (RuntimeError, TimeoutError, OSError, subprocess.SubprocessError) as error:
        ctx["errors"].append(f"echo-server measurements stopped early: {error}")
        log(f"ERROR: {error}")
    finally:
        for server in servers:
            try:
                server.stop()
            except Exception as error:  # keep stopping the others
                log(f"could not stop {server.name}: {error}")

    ctx["all_results"] = results
    ctx["medians"] = {}
    for server in servers:
        for (c, m) in CONFIGS:
            rs = [r for r in results if r["server"] == server.name and (r["connections"], r["streams"]) == (c, m)]
            if rs:
                ctx["medians"][(server.name, c, m)] = median_result(rs)

    soak_result = ctx.get("soak")
    if soak_result:
        samples = soak_result["samples"]
        # Flat: after the first 10 s (buffers and pools filling up), RSS moves by less than
        # max(1 MiB, 5%) and does not end above its post-warm-up level by more than that.
        steady = [kib for t, kib in samples if t >= 10] or [kib for _, kib in samples]
        spread = max(steady) - min(steady)
        allowed = max(1024, 0.05 * steady[0])
        growth = steady[-1] - steady[0]
        ctx["flat"] = spread <= allowed and growth <= allowed
        ctx["flat_measured"] = (f"{steady[0] / 1024:.1f} → {steady[-1] / 1024:.1f} MiB from 10 s to the end "
                                f"(range {spread / 1024:.2f} MiB)")
        ctx["flat_note"] = ("Criterion for flat: from 10 s on, RSS varies by at most max(1 MiB, 5%) and does "
                            f"not grow by more; measured range {spread / 1024:.2f} MiB, growth "
                            f"{growth / 1024:+.2f} MiB.")

    if not opts.skip_storage:
        if ctx["storage_error"]:
            pass
        elif time.monotonic() > deadline:
            ctx["storage_error"] = "measurement time budget exhausted"
        else:
            remaining = max(120, int(deadline - time.monotonic()))
            ctx["storage_table"], error = storage_benchmark(rec, storage_cwd, storage_scratch,
                                                            opts.storage_seconds, remaining)
            if error:
                ctx["storage_error"] = error
    if env("BENCH_SKIP_INTAKE") != "1":
        ctx["intake_table"], ctx["intake_rows"] = intake_benchmark(
            rec, scratch, work, int(env("BENCH_INTAKE_REQUESTS", "10000")))
        if ctx["intake_table"] is None:
            ctx["intake_error"], ctx["intake_rows"] = ctx["intake_rows"], None
    if env("BENCH_SKIP_ASSESSMENT") != "1":
        log("assessment: replay, follow, delay and queries (assessment-bench)")
        ctx["assessment_table"], ctx["assessment_rows"] = assessment_benchmark(rec, scratch)
    ctx["measure_seconds"] = time.monotonic() - measure_start
    ctx["load_end"] = loadavg()
    ctx["commands"] = rec.commands
    ctx["facts"] = machine_facts()
    evaluate_targets(ctx)
    write_report(opts.out, ctx)
    for target, measured, met in ctx["targets"]:
        log(f"{met:>11}  {target}: {measured}")
    return 1 if ctx["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
