"""Swift's encodings decode in Python's protobuf to the same values, and the reverse.

Both sides build the same fully populated sample of every message type (see proto_samples.py and
tools/protoc-gen-sjswift), so every message, field kind and oneof member is covered.
"""

import pathlib
import subprocess

from proto_samples import sample, variants


def test_swift_encodings_decode_in_python_to_the_same_values(tmp_path, swift_tool, pb2):
    subprocess.run([swift_tool("sj-proto-fixtures"), "write", tmp_path], check=True)
    files = sorted(tmp_path.glob("*.bin"))
    assert len(files) >= 46
    mismatches = []
    for f in files:
        name, variant = f.name[:-len(".bin")].rsplit(".", 1)
        cls = pb2(name)
        decoded = cls.FromString(f.read_bytes())
        expected = sample(cls, int(variant))
        if decoded != expected:
            mismatches.append(f"{name} #{variant}:\n  swift:  {decoded}\n  python: {expected}")
    assert not mismatches, "\n".join(mismatches)


def test_python_encodings_decode_in_swift_to_the_same_values(tmp_path, swift_tool, pb2):
    names = subprocess.run([swift_tool("sj-proto-fixtures"), "write", tmp_path / "swift"], check=True,
                           capture_output=True)
    count = 0
    for f in sorted((tmp_path / "swift").glob("*.0.bin")):
        name = f.name[:-len(".0.bin")]
        cls = pb2(name)
        for variant in range(variants(cls.DESCRIPTOR)):
            (tmp_path / f"{name}.{variant}.bin").write_bytes(sample(cls, variant).SerializeToString())
            count += 1
    assert count >= 46
    result = subprocess.run([swift_tool("sj-proto-fixtures"), "check", tmp_path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"checked {count} encodings, 0 mismatches" in result.stdout


def test_python_and_swift_agree_on_a_hand_built_value(tmp_path, swift_tool, pb2):
    # Independent of the sample rules: a value spelled out by hand, decoded by Swift's checker
    # only if it equals Swift's own sample. Guards against both sides sharing one mistake.
    cls = pb2("grpc.testing.EchoStatus")
    value = cls(code=-(1 * 1009 + 7), message="值2·☺😈-message")
    (tmp_path / "grpc.testing.EchoStatus.0.bin").write_bytes(value.SerializeToString())
    result = subprocess.run([swift_tool("sj-proto-fixtures"), "check", tmp_path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_case_event_and_opinion_messages_use_generated_python_stubs(tmp_path, swift_tool, pb2):
    # The domain messages an agency client sends most, built from the grpc_tools-generated stub
    # classes and field by field, then checked by Swift against its own samples.
    for name in ("shuangjiang.intake.v1.Case", "shuangjiang.intake.v1.RecordCaseEventRequest",
                 "shuangjiang.intake.v1.CaseEvent", "shuangjiang.intake.v1.Opinion",
                 "shuangjiang.intake.v1.FileCaseRequest", "shuangjiang.intake.v1.ReportOpinionRequest"):
        stub = pb2.stub(name)
        assert stub is not None and stub.__module__.endswith("_pb2"), name
        for variant in range(variants(stub.DESCRIPTOR)):
            (tmp_path / f"{name}.{variant}.bin").write_bytes(sample(stub, variant).SerializeToString())
    result = subprocess.run([swift_tool("sj-proto-fixtures"), "check", tmp_path], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    # RecordCaseEventRequest's oneof has one variant per life-cycle event.
    assert variants(pb2.stub("shuangjiang.intake.v1.RecordCaseEventRequest").DESCRIPTOR) >= 8


def test_swift_case_encoding_reads_back_in_a_python_stub(tmp_path, swift_tool, pb2):
    subprocess.run([swift_tool("sj-proto-fixtures"), "write", tmp_path], check=True)
    stub = pb2.stub("shuangjiang.intake.v1.Case")
    decoded = stub.FromString((tmp_path / "shuangjiang.intake.v1.Case.0.bin").read_bytes())
    assert decoded == sample(stub, 0)
    assert decoded.docket_number.startswith("值")  # a non-ASCII string crossed intact


def test_decoding_garbage_frees_everything_it_allocates(swift_tool):
    result = subprocess.run([swift_tool("sj-proto-fixtures"), "leak-check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
