#!/usr/bin/env python3
"""`make container-test`: builds the runtime image with podman and runs what deploy/ describes.

Step by step: installs podman and debootstrap if missing; points podman at
deploy/podman/containers.conf; makes the Debian base image if missing (deploy/images.sh base);
builds the binaries and packages them into localhost/shuangjiang:dev; runs intake, assessment and
accountability as three containers on the host network and waits until `podman healthcheck run`
passes for each; makes real gRPC calls through each (grpcurl, over 127.0.0.1 only) that cross from
container to container; replaces the intake container and checks its data outlived it on the
volume; runs deploy/compose.yaml under podman-compose and checks the same; validates every
Kubernetes manifest in deploy/k8s with `kubernetes-validate --strict -k 1.30.0`. Whatever it
started (containers, volumes, the compose project) is removed on the way out, failed or not.

    tools/container-test.py                      release binaries built on the host (what CI runs)
    tools/container-test.py --binaries debug     reuse `make test`'s debug build (a quick loop)
    tools/container-test.py --binaries container build the Swift stage inside podman as well
                                                 (deploy/Dockerfile's default target; slow here)

docs/containers.md says what this proves and what it does not (nothing is deployed to a cluster).
"""

import argparse
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
VENV_BIN = ROOT / ".venv" / "bin"
IMAGE = "localhost/shuangjiang:dev"
PACKAGES = ["podman", "buildah", "runc", "fuse-overlayfs", "slirp4netns", "uidmap", "debootstrap"]
# Generous: the machine is two cores shared with other builds, and nothing here is timed.
HEALTHY_WITHIN = 180
SERVICES = {
    "intake": "shuangjiang.intake.v1.IntakeService",
    "assessment": "shuangjiang.assessment.v1.AssessmentService",
    "accountability": "shuangjiang.accountability.v1.AccountabilityService",
}
# The binaries the image holds; the Dockerfile's runtime-prebuilt stage names the same two.
PRODUCTS = ["shuangjiang-server", "sj-health-probe"]


class Failure(Exception):
    pass


class Run:
    """The steps, their timings for the closing summary, and what to undo on the way out."""

    def __init__(self):
        self.started = time.monotonic()
        self.timings = []
        self.cleanups = []
        self.number = 0

    def step(self, title):
        run = self

        class Step:
            def __enter__(self):
                run.number += 1
                self.began = time.monotonic()
                print(f"\n==> {run.number}. {title}", flush=True)

            def __exit__(self, kind, error, trace):
                seconds = time.monotonic() - self.began
                run.timings.append((title, seconds, kind is None))
                print(f"    {'done' if kind is None else 'FAILED'} ({seconds:.0f} s)", flush=True)

        return Step()

    def on_exit(self, description, action):
        # A container replaced under the same name is removed once.
        if all(description != known for known, _ in self.cleanups):
            self.cleanups.append((description, action))

    def clean_up(self):
        if not self.cleanups:
            return
        print("\n==> cleaning up", flush=True)
        for description, action in reversed(self.cleanups):
            try:
                action()
                print(f"    removed {description}")
            except Exception as error:  # keep going: the rest must still be removed
                print(f"    could not remove {description}: {error}")
        self.cleanups.clear()

    def summary(self, planned):
        print("\n==> summary")
        for title, seconds, ok in self.timings:
            print(f"    {'ok    ' if ok else 'FAILED'} {seconds:6.0f} s  {title}")
        print(f"    total {time.monotonic() - self.started:.0f} s")
        passed = sum(1 for _, _, ok in self.timings if ok)
        failed = len(self.timings) - passed
        # The plain "N passed, N failed" line CI reads as a test run's result; steps never
        # reached after a failure are skipped.
        skipped = planned - len(self.timings)
        print(f"container-test: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))


LOGS = pathlib.Path(f"/tmp/sj-container-test-{os.getpid()}")


def sh(*command, check=True, capture=False, env=None, timeout=1800, log=None):
    """Runs a command, echoing it; with capture, returns its standard output. With log, a noisy
    command's output goes to that file instead, and its last lines are shown if it fails."""
    print("    $ " + " ".join(str(part) for part in command), flush=True)
    output = None
    if log:
        LOGS.mkdir(exist_ok=True)
        output = open(LOGS / log, "w")
        print(f"      (output in {LOGS / log})", flush=True)
    try:
        done = subprocess.run([str(part) for part in command], cwd=ROOT, env=env, text=True, timeout=timeout,
                              stdout=subprocess.PIPE if capture else output,
                              stderr=subprocess.PIPE if capture else (subprocess.STDOUT if log else None))
    finally:
        if output:
            output.close()
    if check and done.returncode != 0:
        detail = f"\n{done.stdout}{done.stderr}" if capture else ""
        if log:
            detail = "\n" + "\n".join((LOGS / log).read_text(errors="replace").splitlines()[-40:])
        raise Failure(f"`{' '.join(str(p) for p in command)}` exited {done.returncode}{detail}")
    return done.stdout if capture else done.returncode


def quiet(*command, timeout=120):
    """A command whose output is data, not progress (podman inspect, healthcheck polls)."""
    return subprocess.run([str(part) for part in command], cwd=ROOT, text=True, capture_output=True,
                          timeout=timeout)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def grpcurl(port, method=None, body=None, expect_error=None):
    """One call over 127.0.0.1 through server reflection; the response as JSON (or the list)."""
    command = [VENV_BIN / "grpcurl", "-plaintext", "-max-time", "60"]
    if body is not None:
        command += ["-d", json.dumps(body, ensure_ascii=False)]
    command += [f"127.0.0.1:{port}"] + (["list"] if method is None else [method])
    print("    $ " + " ".join(str(part) for part in command), flush=True)
    done = subprocess.run([str(part) for part in command], text=True, capture_output=True, timeout=120)
    if expect_error:
        if done.returncode == 0 or expect_error not in done.stderr:
            raise Failure(f"expected {expect_error} from {method}, got exit {done.returncode}: "
                          f"{done.stdout}{done.stderr}")
        print(f"      -> {expect_error}, as expected")
        return None
    if done.returncode != 0:
        raise Failure(f"{method or 'list'} on 127.0.0.1:{port} failed: {done.stderr.strip()}")
    if method is None:
        return done.stdout.split()
    return json.loads(done.stdout)


def wait_healthy(containers):
    """Polls `podman healthcheck run` (interval checks never fire without systemd) until each
    container passes; fails early, with its log, if one stops."""
    deadline = time.monotonic() + HEALTHY_WITHIN
    pending = list(containers)
    while pending:
        for name in list(pending):
            state = quiet("podman", "inspect", "--format", "{{.State.Status}}", name).stdout.strip()
            if state not in ("running", "created", "configured"):
                raise Failure(f"container {name} is {state or 'gone'}:\n{logs(name)}")
            check = quiet("podman", "healthcheck", "run", name)
            if check.returncode == 0:
                print(f"    {name}: healthy", flush=True)
                pending.remove(name)
        if pending and time.monotonic() > deadline:
            raise Failure(f"not healthy after {HEALTHY_WITHIN} s: {', '.join(pending)}\n" +
                          "\n".join(logs(name) for name in pending))
        if pending:
            time.sleep(1)


def logs(name):
    output = quiet("podman", "logs", "--tail", "40", name)
    return f"--- last log lines of {name}:\n{output.stdout}{output.stderr}"


def exercise(ports):
    """Real calls through each service, each crossing to another container: assessment must have
    followed intake's feed, accountability must ask intake about a region."""
    for name, service in SERVICES.items():
        listed = grpcurl(ports[name])
        if service not in listed or "grpc.health.v1.Health" not in listed:
            raise Failure(f"{name} on port {ports[name]} lists {listed}, not {service}")
        print(f"      -> {name} serves {service}")
    request_id = f"container-test-{uuid.uuid4()}"
    region = grpcurl(ports["intake"], "shuangjiang.intake.v1.IntakeService/CreateRegion",
                     {"request_id": request_id, "name": "宿迁市", "region_kind": "REGION_KIND_CITY",
                      "division_code": "321300"})
    print(f"      -> intake created {region['id']}")
    head = int(grpcurl(ports["intake"], "shuangjiang.intake.v1.IntakeService/GetFeedHead").get("sequence", "0"))
    if head < 1:
        raise Failure(f"intake's feed head is {head} after a create")
    indicators = grpcurl(ports["assessment"], "shuangjiang.assessment.v1.AssessmentService/GetIndicators",
                         {"scope": {"city": {}}, "period": {"kind": "PERIOD_KIND_YEAR", "year": 2024},
                          "min_intake_sequence": head})
    applied = int(indicators.get("intakeSequence", "0"))
    if applied < head:
        raise Failure(f"assessment answered at intake sequence {applied}, below the {head} it was asked for")
    print(f"      -> assessment has applied intake's feed to {applied} (asked for {head})")
    stats = grpcurl(ports["accountability"],
                    "shuangjiang.accountability.v1.AccountabilityService/GetAccountabilityStats",
                    {"period": {"kind": "PERIOD_KIND_YEAR", "year": 2024}, "region_id": region["id"]})
    print(f"      -> accountability answered stats for {region['id']} ({len(stats)} fields set)")
    grpcurl(ports["accountability"], "shuangjiang.accountability.v1.AccountabilityService/GetAccountabilityStats",
            {"period": {"kind": "PERIOD_KIND_YEAR", "year": 2024}, "region_id": "region-999999"},
            expect_error="NotFound")
    return region


def build_binaries(mode, toolchain_lib):
    """Builds the two executables on the host and lays out deploy/.prebuilt as the Dockerfile's
    runtime-prebuilt stage expects, with any toolchain library they still link in lib/."""
    if mode == "release":
        # Its own scratch path: --static-swift-stdlib relinks everything, and a developer's
        # .build/release should not flip between the two.
        base = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-container"]
    else:
        # `make test`'s own flags: other flags would rebuild its tree now and again after.
        base = ["swift", "build", "-Xswiftc", "-warnings-as-errors"]
    for product in PRODUCTS:
        sh(*base, "--product", product, log=f"swift-build-{product}.log")
    bin_dir = pathlib.Path(sh(*base, "--show-bin-path", capture=True).strip())
    prebuilt = DEPLOY / ".prebuilt"
    shutil.rmtree(prebuilt, ignore_errors=True)
    (prebuilt / "bin").mkdir(parents=True)
    (prebuilt / "lib").mkdir()
    needed = set()
    for product in PRODUCTS:
        shutil.copy2(bin_dir / product, prebuilt / "bin" / product)
        for line in quiet("ldd", bin_dir / product).stdout.splitlines():
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith(str(toolchain_lib)):
                needed.add(parts[1].split()[0])
    if mode == "release" and needed:
        raise Failure(f"--static-swift-stdlib binaries still link toolchain libraries: {sorted(needed)}")
    for library in sorted(needed):
        shutil.copy2(library, prebuilt / "lib")
    size = sum(p.stat().st_size for p in prebuilt.rglob("*") if p.is_file())
    print(f"    deploy/.prebuilt: {', '.join(PRODUCTS)}"
          f"{f' and {len(needed)} Swift runtime libraries' if needed else ' (Swift runtime linked in)'}, "
          f"{size / 1e6:.0f} MB")
    return prebuilt


def dangling_images():
    return set(quiet("podman", "images", "-q", "--no-trunc", "--filter", "dangling=true").stdout.split())


def build_image(*arguments):
    """podman build, then removes the untagged images the build left: the image it took the tag
    from and, for the whole Dockerfile, the Swift stage (2.6 GB). Otherwise every run on a CI
    machine would keep them."""
    before = dangling_images()
    sh("podman", "build", "--pull=never", "--format", "docker", "-f", DEPLOY / "Dockerfile", "-t", IMAGE,
       *arguments, log="podman-build.log")
    for image in sorted(dangling_images() - before):
        quiet("podman", "rmi", image)
        print(f"    removed the untagged image {image.removeprefix('sha256:')[:12]} this build left")


def check_image():
    image = json.loads(quiet("podman", "image", "inspect", IMAGE).stdout)[0]
    config = image["Config"]
    problems = []
    if config.get("User") != "10001:10001":
        problems.append(f"user is {config.get('User')!r}, not the non-root 10001:10001")
    # podman reports the Docker-format HEALTHCHECK beside Config, not in it.
    healthcheck = image.get("Healthcheck") or config.get("Healthcheck") or {}
    if "sj-health-probe" not in " ".join(healthcheck.get("Test", [])):
        problems.append(f"health check is {healthcheck!r}")
    if "50051/tcp" not in config.get("ExposedPorts", {}):
        problems.append(f"exposed ports are {config.get('ExposedPorts')!r}")
    if "/var/lib/shuangjiang" not in config.get("Volumes", {}):
        problems.append(f"volumes are {config.get('Volumes')!r}")
    if problems:
        raise Failure(f"{IMAGE}: " + "; ".join(problems))
    size = quiet("podman", "image", "inspect", "--format", "{{.Size}}", IMAGE).stdout.strip()
    print(f"    {IMAGE}: user 10001, HEALTHCHECK sj-health-probe, EXPOSE 50051, VOLUME /var/lib/shuangjiang, "
          f"{int(size) / 1e6:.0f} MB")


def run_container(run, prefix, name, ports, volume):
    """One service on the host network, listening on 127.0.0.1 only, as compose and Kubernetes
    run it: read-only root, the data volume, the rules file."""
    environment = {"SJ_SERVICES": name, "SJ_HOST": "127.0.0.1", "SJ_PORT": str(ports[name]),
                   "SJ_CONFIG": "/etc/shuangjiang/rules.json", "SJ_HEALTH_SERVICE": SERVICES[name]}
    if name != "intake":
        environment["SJ_INTAKE_ADDRESS"] = f"127.0.0.1:{ports['intake']}"
    if name == "accountability":
        environment["SJ_ASSESSMENT_ADDRESS"] = f"127.0.0.1:{ports['assessment']}"
    container = f"{prefix}-{name}"
    command = ["podman", "run", "-d", "--name", container, "--network", "host", "--read-only", "--tmpfs", "/tmp",
               "-v", f"{volume}:/var/lib/shuangjiang", "-v", f"{DEPLOY / 'rules.json'}:/etc/shuangjiang/rules.json:ro"]
    for key, value in environment.items():
        command += ["-e", f"{key}={value}"]
    sh(*command, IMAGE, capture=True)
    run.on_exit(f"container {container}", lambda: quiet("podman", "rm", "-f", "-t", "15", container))
    return container


def podman_run_step(run, prefix):
    ports = {name: free_port() for name in SERVICES}
    volumes = {name: f"{prefix}-{name}" for name in SERVICES}
    for volume in volumes.values():
        sh("podman", "volume", "create", volume, capture=True)
        run.on_exit(f"volume {volume}", lambda volume=volume: quiet("podman", "volume", "rm", "-f", volume))
    containers = [run_container(run, prefix, name, ports, volumes[name]) for name in SERVICES]
    print(f"    ports: {', '.join(f'{n} 127.0.0.1:{p}' for n, p in ports.items())}")
    wait_healthy(containers)
    region = exercise(ports)

    # The data lives on the volume, not in the container: a new container finds it.
    print("    replacing the intake container; the region must still be there")
    sh("podman", "rm", "-f", "-t", "15", f"{prefix}-intake", capture=True)
    wait_healthy([run_container(run, prefix, "intake", ports, volumes["intake"])])
    again = grpcurl(ports["intake"], "shuangjiang.intake.v1.IntakeService/GetRegion", {"id": region["id"]})
    if again.get("name") != region["name"]:
        raise Failure(f"after replacing intake, {region['id']} is {again}")
    print(f"      -> {region['id']} {again['name']} survived on volume {volumes['intake']}")
    memory = quiet("podman", "stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}", *containers).stdout
    print("    memory: " + "; ".join(memory.strip().splitlines()))
    run.clean_up()


def compose_step(run, prefix):
    ports = {name: free_port() for name in SERVICES}
    environment = dict(os.environ, SJ_IMAGE=IMAGE, SJ_INTAKE_PORT=str(ports["intake"]),
                       SJ_ASSESSMENT_PORT=str(ports["assessment"]), SJ_ACCOUNTABILITY_PORT=str(ports["accountability"]))
    compose = [VENV_BIN / "podman-compose", "-p", prefix, "-f", DEPLOY / "compose.yaml"]
    run.on_exit(f"compose project {prefix} and its volumes",
                lambda: subprocess.run([str(p) for p in compose + ["down", "-v", "-t", "15"]], env=environment,
                                       cwd=ROOT, capture_output=True, timeout=300))
    sh(*compose, "up", "-d", env=environment, log="compose-up.log")
    names = quiet("podman", "ps", "-a", "--filter", f"label=io.podman.compose.project={prefix}",
                  "--format", "{{.Names}}").stdout.split()
    services = {name: next((c for c in names if c.startswith(f"{prefix}_{name}_")), None) for name in SERVICES}
    if None in services.values():
        raise Failure(f"compose started {names}, not a container for each of {list(SERVICES)}")
    print(f"    ports: {', '.join(f'{n} 127.0.0.1:{p}' for n, p in ports.items())} (published by {prefix}_network_1)")
    wait_healthy(list(services.values()))
    exercise(ports)
    run.clean_up()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binaries", choices=["release", "debug", "container"], default="release",
                        help="how the image gets its binaries (default: release, built on the host)")
    arguments = parser.parse_args()
    os.environ["CONTAINERS_CONF"] = str(DEPLOY / "podman" / "containers.conf")

    # A CI timeout or a kill sends SIGTERM: turn it into an exception so the cleanup still runs.
    def stopped(number, frame):
        raise Failure(f"stopped by signal {number}")

    signal.signal(signal.SIGTERM, stopped)
    prefix = f"sjct{os.getpid()}"
    run = Run()
    passed = False
    try:
        with run.step("packages: podman, runc, debootstrap (tools/apt-install.sh; skipped when present)"):
            sh(ROOT / "tools" / "apt-install.sh", *PACKAGES)
            for tool in ("grpcurl", "podman-compose", "kubernetes-validate"):
                if not (VENV_BIN / tool).exists():
                    raise Failure(f".venv/bin/{tool} is missing: run `make deps` (tools/requirements.txt)")
        with run.step("podman settings: CONTAINERS_CONF=deploy/podman/containers.conf"):
            print(quiet("podman", "info", "--format",
                        "    runtime {{.Host.OCIRuntime.Name}}, cgroups {{.Host.CgroupManager}} "
                        "v{{.Host.CgroupsVersion}}, podman {{.Version.Version}}").stdout.rstrip())
        with run.step("base image localhost/debian:bookworm-slim (debootstrap when missing)"):
            sh(DEPLOY / "images.sh", "base")
        if arguments.binaries == "container":
            with run.step("builder image localhost/swift:6.3-bookworm from the installed toolchain"):
                sh(DEPLOY / "images.sh", "builder", log="builder-image.log")
            with run.step(f"image {IMAGE}: the whole Dockerfile, Swift stage included"):
                # The build resolves swift-argument-parser and swift-log from SwiftPM's cache on
                # this machine, as the host build does: GitHub is not reachable here.
                cache = pathlib.Path.home() / ".cache" / "org.swift.swiftpm"
                build_image("--volume", f"{cache}:/root/.cache/org.swift.swiftpm", ROOT)
        else:
            toolchain_lib = pathlib.Path(json.loads(sh("swift", "-print-target-info", capture=True))
                                         ["paths"]["runtimeLibraryPaths"][0])
            with run.step(f"binaries: {arguments.binaries} build on the host"):
                prebuilt = build_binaries(arguments.binaries, toolchain_lib)
            with run.step(f"image {IMAGE}: runtime stage around the host-built binaries"):
                build_image("--target", "runtime-prebuilt", prebuilt)
        with run.step("image: non-root user, health check, port and volume"):
            check_image()
        with run.step("podman run: three containers on the host network, healthy, real calls, data on a volume"):
            podman_run_step(run, prefix)
        with run.step("podman-compose: deploy/compose.yaml, healthy, the same calls through published ports"):
            compose_step(run, prefix)
        with run.step("Kubernetes manifests: kubernetes-validate --strict -k 1.30.0"):
            manifests = sorted((DEPLOY / "k8s").glob("*.yaml"))
            sh(VENV_BIN / "kubernetes-validate", "--strict", "-k", "1.30.0", *manifests)
        passed = True
    except Failure as failure:
        print(f"\ncontainer-test: {failure}", file=sys.stderr, flush=True)
    except subprocess.TimeoutExpired as timeout:
        print(f"\ncontainer-test: timed out: {timeout}", file=sys.stderr, flush=True)
    finally:
        run.clean_up()
        run.summary(planned=9)  # either way: 3 set-up steps, 2 for the image, 4 checks
        if passed:
            shutil.rmtree(LOGS, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
