"""The README's guided tour, run as written: every `sjctl` line of the "A guided tour" section,
against a server that loaded the demo city as `make run` does, with the alert watch in the
background. The ids the tour names (case-4994, referral-513) are those of a fresh demo city; the
case id is checked literally, and the referral is found the way the tour finds it."""

import os
import pathlib
import re
import shlex
import subprocess
import threading
import time

from test_intake import Server, server_bin  # noqa: F401 (fixture)
from test_sjctl import sjctl_bin  # noqa: F401 (fixture)

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
TIMEOUT = 120


def tour_commands():
    text = README.read_text()
    section = text.split("## A guided tour", 1)[1].split("\n## ", 1)[0]
    commands, current = [], ""
    for line in section.splitlines():
        if not line.startswith("    "):
            continue
        current += line.strip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        if current.startswith("sjctl "):
            commands.append(current)
        current = ""
    return commands


def eventually(what, check, seconds=TIMEOUT):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_the_guided_tour_runs_as_the_readme_writes_it(server_bin, sjctl_bin, tmp_path):
    commands = tour_commands()
    assert len(commands) >= 8, commands
    server = Server([server_bin, "--port", "0", "--data-dir", tmp_path / "data", "--demo-city"])
    env = {**os.environ, "SJ_SERVER": f"127.0.0.1:{server.port}"}
    watch = None
    referral = "the referral the tour's list found"
    try:
        eventually("the demo city", lambda: any("demo city loaded" in line for line in list(server.output)),
                   seconds=300)

        def shell(command):
            # The tour's `alias sjctl=...`, and its one pipe (`| grep 9001`), through a real shell.
            line = command.replace("sjctl ", f"{shlex.quote(str(sjctl_bin))} ", 1)
            return subprocess.run(["bash", "-c", line], cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=TIMEOUT)

        figures = next(c for c in commands if c.startswith("sjctl assessment indicators"))
        expected = re.search(r"# 败诉率 (\S+ \(\S+\))", figures).group(1)
        # Assessment follows intake's load in the background: wait until the year is complete.
        eventually("assessment to catch up", lambda: expected in shell(figures.split("#")[0]).stdout)

        watched = []
        for command in commands:
            if command.startswith("sjctl watch alerts"):
                line = command.replace("sjctl ", f"{shlex.quote(str(sjctl_bin))} ", 1)
                watch = subprocess.Popen(["bash", "-c", "exec " + line], cwd=tmp_path, env=env,
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                threading.Thread(target=lambda: watched.extend(watch.stdout), daemon=True).start()
                eventually("the watch to start", lambda: any("watching alerts" in w for w in watched))
                continue
            command = command.split("  #")[0].strip()
            if "referral-513" in command:
                command = command.replace("referral-513", referral)
            run = shell(command)
            assert run.returncode == 0, f"{command}\n{run.stdout}\n{run.stderr}"
            if command.startswith("sjctl intake cases file"):
                assert re.search(r"^id\s+case-4994$", run.stdout, re.M), run.stdout
            if command.startswith("sjctl intake cases record-event concluded"):
                eventually("the case-lost alert on the watch",
                           lambda: any("case-lost" in w and "case-4994" in w for w in watched))
                assert sum("case-lost" in w and "case-4994" in w for w in watched) == 1
            if "| grep 9001" in command:
                def found():
                    listed = shell(command)
                    match = re.search(r"^(referral-\d+)\s+referred", listed.stdout, re.M)
                    return match and match.group(1)
                referral = eventually("the referral", found)
            if "advance investigate" in command:
                assert "investigating" in run.stdout, run.stdout
        assert (tmp_path / "report.html").read_text().count("<svg") >= 2
    finally:
        if watch:
            watch.terminate()
            watch.wait(timeout=15)
        server.stop()
