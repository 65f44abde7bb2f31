"""Backup and restore of a running service's SQLite database, exactly as docs/operations.md says.

Starts intake on a data directory, keeps filing cases through gRPC from a writer thread, takes an
online backup of `intake.sqlite` with sqlite3.Connection.backup while the writes go on, checks it
with PRAGMA integrity_check and renames it into place, stops the server, restores the copy into a
fresh data directory (old -wal/-shm gone, the file copied in under a temporary name and renamed),
starts a server on it and checks that every write acknowledged before the backup began is there,
that the restored feed is whole, and that the restored database passes PRAGMA integrity_check.
"""

import os
import pathlib
import shutil
import sqlite3
import threading

import grpc

from test_intake import TIMEOUT, Server, filing, intake, server_bin, setup_region_and_agency  # noqa: F401 (fixtures)

# Generous: the machine is shared; conditions are polled, never timed.
DEADLINE = 120


class Writer(threading.Thread):
    """Files cases one after another until told to stop, recording each acknowledged one in order."""

    def __init__(self, pb, stub, district, agency):
        super().__init__(daemon=True)
        self.pb, self.stub, self.district, self.agency = pb, stub, district, agency
        self.acknowledged = []  # (request_id, case) in acknowledgement order
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.progress = threading.Condition(self.lock)
        self.error = None

    def run(self):
        n = 0
        try:
            while not self.stopping.is_set():
                n += 1
                request_id = f"case-{n}"
                case = self.stub.FileCase(
                    filing(self.pb, self.district, self.agency, docket=f"(2024)苏03行初{n}号", request_id=request_id),
                    timeout=TIMEOUT)
                with self.progress:
                    self.acknowledged.append((request_id, case))
                    self.progress.notify_all()
        except Exception as error:  # noqa: BLE001 (reported by the test)
            self.error = error
            with self.progress:
                self.progress.notify_all()

    def count(self):
        with self.lock:
            return len(self.acknowledged)

    def wait_for(self, count):
        """Blocks until `count` writes are acknowledged (or the writer failed)."""
        with self.progress:
            ok = self.progress.wait_for(lambda: len(self.acknowledged) >= count or self.error, timeout=DEADLINE)
        assert self.error is None, f"a write failed: {self.error!r}"
        assert ok, f"only {self.count()} of {count} writes acknowledged within {DEADLINE} s"

    def snapshot(self):
        with self.lock:
            return list(self.acknowledged)


def online_backup(database, destination):
    """docs/operations.md, Backup: the backup API in one step (one read transaction), to a
    `.partial` name, checked with integrity_check, then renamed to its final name."""
    partial = destination.with_name(destination.name + ".partial")
    source = sqlite3.connect(database)
    target = sqlite3.connect(partial)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    check = sqlite3.connect(partial)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        check.close()
    os.rename(partial, destination)


def restore(backup, data_dir, service):
    """docs/operations.md, Restore steps 2-3 (the server is stopped): the old database and its
    -wal and -shm gone, the backup copied in under a temporary name in the directory, renamed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    database = data_dir / f"{service}.sqlite"
    for path in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        path.unlink(missing_ok=True)
    temporary = data_dir / f".{service}.sqlite.restoring"
    shutil.copyfile(backup, temporary)
    os.rename(temporary, database)


def test_an_online_backup_taken_during_writes_restores_every_write_acknowledged_before_it(
        server_bin, intake, tmp_path):
    pb = intake
    live_dir, backup_dir, restored_dir = tmp_path / "data", tmp_path / "backups", tmp_path / "restored"
    backup_dir.mkdir()
    backup = backup_dir / "intake.sqlite"

    server = Server([server_bin, "--services", "intake", "--port", "0", "--data-dir", live_dir])
    try:
        stub = pb.grpc.IntakeServiceStub(server.channel)
        district, agency = setup_region_and_agency(pb, stub)
        writer = Writer(pb, stub, district, agency)
        writer.start()
        writer.wait_for(50)

        # Everything acknowledged up to here must be in the backup; what is acknowledged while it
        # runs may or may not be.
        before = writer.snapshot()
        online_backup(live_dir / "intake.sqlite", backup)
        during = writer.count()
        # The writes went on past the backup: it did not stop or block the writer.
        writer.wait_for(during + 20)
        writer.stopping.set()
        writer.join(timeout=DEADLINE)
        assert not writer.is_alive() and writer.error is None, f"writer: {writer.error!r}"
        everything = writer.snapshot()
    finally:
        server.stop()
    assert len(everything) > len(before) + 20, "writes continued during and after the backup"

    restore(backup, restored_dir, "intake")
    server = Server([server_bin, "--services", "intake", "--port", "0", "--data-dir", restored_dir])
    try:
        stub = pb.grpc.IntakeServiceStub(server.channel)
        for request_id, case in before:
            try:
                restored_case = stub.GetCase(pb.cases.GetCaseRequest(id=case.id), timeout=TIMEOUT)
            except grpc.RpcError as error:
                raise AssertionError(f"{case.id} ({request_id}), acknowledged before the backup began, is missing "
                                     f"after the restore: {error.code()}") from error
            assert restored_case == case, request_id
        # The idempotency records came back with the data: a retry of an acknowledged request
        # replays its first answer instead of filing again or failing.
        request_id, case = before[-1]
        n = int(request_id.split("-")[1])
        assert stub.FileCase(filing(pb, district, agency, docket=f"(2024)苏03行初{n}号", request_id=request_id),
                             timeout=TIMEOUT) == case

        # The restored data is one consistent moment: a prefix of the acknowledged writes (the
        # writer waits for each answer, so commits follow acknowledgement order), and the feed
        # holds every change of it, numbered from 1 without a gap.
        restored_ids = []
        request = pb.cases.ListCasesRequest(page_size=500)
        while True:
            page = stub.ListCases(request, timeout=TIMEOUT)
            restored_ids += [c.id for c in page.cases]
            if not page.next_page_token:
                break
            request.page_token = page.next_page_token
        acknowledged_ids = [case.id for _, case in everything]
        assert len(before) <= len(restored_ids) <= len(acknowledged_ids)
        assert set(restored_ids) == set(acknowledged_ids[:len(restored_ids)])
        feed = list(stub.WatchEvents(pb.events.WatchEventsRequest(after_sequence=0, stop_at_head=True),
                                     timeout=DEADLINE))
        assert [e.sequence for e in feed] == list(range(1, len(feed) + 1))
        assert sum(1 for e in feed if e.WhichOneof("change") == "case_filed") == len(restored_ids)
        head = stub.GetFeedHead(pb.events.GetFeedHeadRequest(), timeout=TIMEOUT)
        assert head.sequence == len(feed)
    finally:
        server.stop()

    restored = sqlite3.connect(restored_dir / "intake.sqlite")
    try:
        assert restored.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert restored.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        restored.close()

