#!/usr/bin/env python3
"""A local Shuangjiang cluster: intake, assessment and accountability, each in its own process.

    tools/cluster.py start     (`make cluster`)       start what is not running, wait until healthy
    tools/cluster.py stop      (`make cluster-stop`)  SIGTERM each service, wait, report
    tools/cluster.py status                           what runs where

This is the deployed shape (one service per process, talking gRPC over loopback), as opposed to
`make run`, which hosts all three on one port. Each service gets `DIR/<service>/` for its SQLite
database, `DIR/<service>.log` for its output, and `DIR/<service>.pid` and `DIR/<service>.address`
while it runs (DIR is data/cluster by default). Intake is started with --demo-city, so an empty
intake loads the synthetic demo city in the background; a second start reuses the data.

The end-to-end suite (Tests/python/test_cluster_e2e.py) drives the same `Cluster` class on free
ports in a temporary directory. Run it with the venv's Python (`make deps`): it needs grpcio and
grpcio-health-checking. See docs/cluster.md.
"""

import argparse
import os
import pathlib
import re
import signal
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

# In start order: each service's upstreams come before it.
SERVICES = ("intake", "assessment", "accountability")
DEFAULT_PORTS = {"intake": 50061, "assessment": 50062, "accountability": 50063}
# The name each service answers to in grpc.health.v1 (Check on it proves the right service is on the port).
GRPC_NAMES = {
    "intake": "shuangjiang.intake.v1.IntakeService",
    "assessment": "shuangjiang.assessment.v1.AssessmentService",
    "accountability": "shuangjiang.accountability.v1.AccountabilityService",
}
UPSTREAMS = {"intake": (), "assessment": ("intake",), "accountability": ("intake", "assessment")}
HOST = "127.0.0.1"
LISTENING = re.compile(r"^shuangjiang-server listening on (\S+):(\d+)$", re.MULTILINE)
# The server drains calls in flight for up to 10 s after SIGTERM, then closes its databases.
STOP_SECONDS = 30


class ClusterError(Exception):
    """A service would not start or stop; the message says which and where its log is."""


def server_binary():
    """The debug build's shuangjiang-server (what `make build` produces)."""
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                         text=True).stdout.strip()
    return pathlib.Path(out) / "shuangjiang-server"


class Cluster:
    """The three services as background processes under one directory.

    `ports` maps a service to its port; 0 lets the system choose (the tests do this), and the
    port it got is kept for a restart, so the services that follow it can reconnect. `config` is a
    rules file passed to assessment and accountability (--config); `extra_args` are added to every
    service's command line.
    """

    def __init__(self, directory, binary, ports=None, demo_city=True, demo_city_scale=None, config=None,
                 extra_args=(), out=print):
        self.directory = pathlib.Path(directory).resolve()
        self.binary = pathlib.Path(binary)
        self.ports = dict(DEFAULT_PORTS if ports is None else ports)
        self.demo_city = demo_city
        self.demo_city_scale = demo_city_scale
        self.config = config
        self.extra_args = list(extra_args)
        self.out = out
        # Processes this object started, so they can be reaped (a SIGKILLed child stays a zombie,
        # and a zombie still has its pid, until its parent waits for it).
        self.children = {}

    # Where things live.

    def data_dir(self, name):
        return self.directory / name

    def log_path(self, name):
        return self.directory / f"{name}.log"

    def pid_path(self, name):
        return self.directory / f"{name}.pid"

    def address_path(self, name):
        return self.directory / f"{name}.address"

    def address(self, name):
        """HOST:PORT where the service listens, as recorded when it started; None if unknown."""
        try:
            return self.address_path(name).read_text().strip() or None
        except FileNotFoundError:
            return None

    def port(self, name):
        address = self.address(name)
        return int(address.rsplit(":", 1)[1]) if address else None

    def pid(self, name):
        """The pid of the service if it is running, else None (a stale pid file is ignored)."""
        try:
            pid = int(self.pid_path(name).read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if self._is_our_server(pid, name) else None

    def _is_our_server(self, pid, name):
        # The pid must be alive, not a zombie, and our shuangjiang-server on this service's data
        # directory: pids are reused, and a stale file must never make us signal someone else.
        child = self.children.get(name)
        if child is not None and child.pid == pid and child.poll() is not None:
            return False
        try:
            stat = pathlib.Path(f"/proc/{pid}/stat").read_text()
            cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            return False
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
        args = [a.decode(errors="replace") for a in cmdline]
        return bool(args) and args[0].endswith("shuangjiang-server") and str(self.data_dir(name)) in args

    # Starting.

    def command(self, name, port):
        argv = [str(self.binary), "--services", name, "--host", HOST, "--port", str(port),
                "--data-dir", str(self.data_dir(name)), "--log-format", "text"]
        for upstream in UPSTREAMS[name]:
            address = self.address(upstream)
            if address is None:
                raise ClusterError(f"{name} needs {upstream}'s address, and {upstream} is not running")
            argv += [f"--{upstream}-address", address]
        if name == "intake" and self.demo_city:
            argv.append("--demo-city")
            if self.demo_city_scale:
                argv += ["--demo-city-scale", self.demo_city_scale]
        if name != "intake" and self.config:
            argv += ["--config", str(self.config)]
        return argv + self.extra_args

    def start(self, services=SERVICES, timeout=120):
        """Starts every service in `services` that is not running, in order, each once its upstreams
        listen, and returns when each answers its health check SERVING. Returns the services it
        started (those already running are reported and left alone)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        started = []
        for name in services:
            pid = self.pid(name)
            if pid is not None:
                self.out(f"{name:<15} already running (pid {pid}) on {self.address(name)}")
                continue
            self.start_service(name, timeout=timeout)
            started.append(name)
        return started

    def start_service(self, name, timeout=120):
        """Starts one service (on the port it had, if it ran before under a chosen port) and waits
        until it is healthy."""
        if self.pid(name) is not None:
            raise ClusterError(f"{name} is already running (pid {self.pid(name)})")
        port = self.ports.get(name, 0) or self.port(name) or 0
        data = self.data_dir(name)
        data.mkdir(parents=True, exist_ok=True)
        log_path = self.log_path(name)
        offset = log_path.stat().st_size if log_path.exists() else 0
        with open(log_path, "ab") as log:
            # A session of its own: a Ctrl-C in the terminal that ran `make cluster` does not reach it.
            process = subprocess.Popen(self.command(name, port), stdin=subprocess.DEVNULL, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
        self.children[name] = process
        self.pid_path(name).write_text(f"{process.pid}\n")
        deadline = time.monotonic() + timeout
        try:
            address = self._wait_listening(name, process, offset, deadline)
            self.address_path(name).write_text(address + "\n")
            self._wait_serving(name, process, address, deadline)
        except ClusterError:
            if process.poll() is None:
                process.kill()
                process.wait()
            self.pid_path(name).unlink(missing_ok=True)
            raise
        self.out(f"{name:<15} listening on {address} (pid {process.pid}), log {self._shown(log_path)}")
        return process

    def _wait_listening(self, name, process, offset, deadline):
        # The first line the server prints on standard output names the address it bound.
        while True:
            with open(self.log_path(name), "rb") as log:
                log.seek(offset)
                text = log.read().decode(errors="replace")
            match = LISTENING.search(text)
            if match:
                return f"{match.group(1)}:{match.group(2)}"
            self._check_alive(name, process)
            if time.monotonic() > deadline:
                raise ClusterError(f"{name} did not start listening in time; see {self._shown(self.log_path(name))}")
            time.sleep(0.05)

    def _wait_serving(self, name, process, address, deadline):
        import grpc
        from grpc_health.v1 import health_pb2, health_pb2_grpc

        with grpc.insecure_channel(address) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            while True:
                try:
                    status = health.Check(health_pb2.HealthCheckRequest(service=GRPC_NAMES[name]), timeout=5).status
                    if status == health_pb2.HealthCheckResponse.SERVING:
                        return
                except grpc.RpcError:
                    pass  # not answering yet: poll again until the deadline
                self._check_alive(name, process)
                if time.monotonic() > deadline:
                    raise ClusterError(f"{name} on {address} did not report SERVING in time; "
                                       f"see {self._shown(self.log_path(name))}")
                time.sleep(0.1)

    def _check_alive(self, name, process):
        code = process.poll()
        if code is not None:
            tail = self.log_path(name).read_text(errors="replace").splitlines()[-15:]
            raise ClusterError(f"{name} exited with status {code} while starting; the end of "
                               f"{self._shown(self.log_path(name))}:\n" + "\n".join(tail))

    # Stopping.

    def kill(self, name, sig=signal.SIGKILL):
        """Sends `sig` to a running service (the tests' kill -9) and, for SIGKILL, waits until it
        is gone. The pid file is removed: the service no longer runs."""
        pid = self.pid(name)
        if pid is None:
            raise ClusterError(f"{name} is not running")
        os.kill(pid, sig)
        if sig == signal.SIGKILL:
            self._wait_gone(name, pid, STOP_SECONDS)
            self.pid_path(name).unlink(missing_ok=True)

    def stop(self, services=tuple(reversed(SERVICES)), timeout=STOP_SECONDS):
        """SIGTERMs every running service (downstream first), waits for each to exit and reports.
        A service still there after `timeout` seconds is killed, and the report says so. Returns
        {service: exit status} for the services that were running (None when the status cannot be
        known: a process another invocation started, or one that had to be killed)."""
        running = {}
        for name in services:
            pid = self.pid(name)
            if pid is None:
                self.pid_path(name).unlink(missing_ok=True)
                continue
            os.kill(pid, signal.SIGTERM)
            running[name] = pid
        if not running:
            self.out(f"nothing was running under {self._shown(self.directory)}")
            return {}
        codes = {}
        for name, pid in running.items():
            code = self._wait_gone(name, pid, timeout)
            if code is None and self._is_our_server(pid, name):
                os.kill(pid, signal.SIGKILL)
                self._wait_gone(name, pid, timeout)
                self.out(f"{name:<15} did not stop within {timeout} s of SIGTERM; killed (pid {pid}). "
                         "Acknowledged writes are on disk; see its log")
                code = None
            elif code not in (None, 0):
                self.out(f"{name:<15} stopped (pid {pid}) with exit status {code}; see "
                         f"{self._shown(self.log_path(name))}")
            else:
                self.out(f"{name:<15} stopped (pid {pid})")
            self.pid_path(name).unlink(missing_ok=True)
            codes[name] = code
        return codes

    def _wait_gone(self, name, pid, timeout):
        """Waits until `pid` has exited; returns its exit status when it is our child, else None."""
        deadline = time.monotonic() + timeout
        child = self.children.get(name)
        if child is not None and child.pid == pid:
            try:
                return child.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
        while self._is_our_server(pid, name) and time.monotonic() < deadline:
            time.sleep(0.1)
        return None

    # Reporting.

    def status(self):
        """(service, pid or None, address or None) for each service."""
        return [(name, self.pid(name), self.address(name) if self.pid(name) else None) for name in SERVICES]

    def hint(self):
        """How to point sjctl (and grpcurl) at the running services."""
        env = " ".join(f"SJ_{name.upper()}_SERVER={self.address(name)}" for name in SERVICES)
        sjctl = self._shown(self.binary.parent / "sjctl")
        return (f"sjctl:   {env} {sjctl} <command>\n"
                f"grpcurl: grpcurl -plaintext {self.address('intake')} list")

    def _shown(self, path):
        try:
            return str(pathlib.Path(path).relative_to(pathlib.Path.cwd()))
        except ValueError:
            return str(path)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Runs intake, assessment and accountability as three processes on 127.0.0.1 "
                    "(make cluster / make cluster-stop). See docs/cluster.md.")
    parser.add_argument("action", choices=("start", "stop", "status"),
                        help="start what is not running, stop what is, or show what runs where")
    parser.add_argument("--dir", default=os.environ.get("CLUSTER_DIR", "data/cluster"),
                        help="where data, logs and pid files go (default: data/cluster, or $CLUSTER_DIR)")
    for name in SERVICES:
        variable = f"{name.upper()}_PORT"
        parser.add_argument(f"--{name}-port", type=int, default=int(os.environ.get(variable, DEFAULT_PORTS[name])),
                            help=f"{name}'s port (default: {DEFAULT_PORTS[name]}, or ${variable})")
    parser.add_argument("--bin", help="the shuangjiang-server to run (default: the debug build's)")
    parser.add_argument("--no-demo-city", action="store_true", help="do not load the demo city into an empty intake")
    parser.add_argument("--demo-city-scale", choices=("full", "small"),
                        default=os.environ.get("DEMO_CITY_SCALE") or None,
                        help="full (default) or small; only read when intake is empty")
    parser.add_argument("--config", default=os.environ.get("CLUSTER_CONFIG") or None,
                        help="a rules file for assessment and accountability (docs/assessment.md)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for each service (default 120)")
    args = parser.parse_args(argv)

    ports = {name: getattr(args, f"{name}_port") for name in SERVICES}
    binary = pathlib.Path(args.bin) if args.bin else None
    if args.action == "start" and binary is None:
        binary = server_binary()
    if args.action == "start" and not binary.exists():
        print(f"cluster: {binary} does not exist; run `make build` first", file=sys.stderr)
        return 1
    cluster = Cluster(args.dir, binary or "shuangjiang-server", ports=ports, demo_city=not args.no_demo_city,
                      demo_city_scale=args.demo_city_scale, config=args.config)
    try:
        if args.action == "start":
            started = cluster.start(timeout=args.timeout)
            if not started:
                print("the cluster is already running; `make cluster-stop` stops it")
            print(cluster.hint())
            if "intake" in started and cluster.demo_city:
                log = cluster._shown(cluster.log_path("intake"))
                print(f"an empty intake loads the demo city in the background: tail -f {log}")
        elif args.action == "stop":
            cluster.stop()
        else:
            for name, pid, address in cluster.status():
                print(f"{name:<15} " + (f"running (pid {pid}) on {address}" if pid else "not running"))
    except ClusterError as error:
        print(f"cluster: {error}", file=sys.stderr)
        if any(pid for _, pid, _ in cluster.status()):
            print("cluster: the services that did start are still running; `make cluster-stop` stops them",
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
