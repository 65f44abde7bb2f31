"""Shared fixtures: Python stubs generated from proto/ with grpc_tools, and the built Swift tools."""

import importlib
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROTO = ROOT / "proto"


def swift_bin_dir():
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return pathlib.Path(out)


@pytest.fixture(scope="session")
def swift_tool():
    """Path of a built executable product; `make test` builds them before pytest runs."""
    bin_dir = swift_bin_dir()

    def path(name):
        p = bin_dir / name
        if not p.exists():
            subprocess.run(["swift", "build", "--product", name], cwd=ROOT, check=True)
        return p

    return path


@pytest.fixture(scope="session")
def pb2(tmp_path_factory):
    """Compiles proto/ with grpc_tools.protoc and returns a lookup from full message name to class.

    Classes come from a descriptor pool rather than imported `_pb2` modules because our copies of
    the standard protos live in the package `grpc`, which would shadow grpcio's own `grpc` module.
    """
    from grpc_tools import protoc
    import grpc_tools
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    out = tmp_path_factory.mktemp("pb2")
    # The same well-known types tools/generate.sh compiles for Swift.
    protos = sorted(str(p.relative_to(PROTO)) for p in PROTO.rglob("*.proto")) + [
        f"google/protobuf/{name}.proto" for name in ("timestamp", "duration", "wrappers", "empty")]
    wkt = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    fds_path = out / "all.fds"
    code = protoc.main(["protoc", f"-I{PROTO}", f"-I{wkt}", f"--descriptor_set_out={fds_path}",
                        "--include_imports"] + protos)
    assert code == 0, "grpc_tools.protoc failed on proto/"
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_pb2.FileDescriptorSet.FromString(fds_path.read_bytes()).file:
        pool.Add(file)

    # Our own packages do not collide with grpcio, so for them use real generated stubs: the
    # `_pb2` modules grpc_tools.protoc writes, exactly what an agency's Python client imports.
    ours = [p for p in protos if p.startswith("shuangjiang/")]
    code = protoc.main(["protoc", f"-I{PROTO}", f"-I{wkt}", f"--python_out={out}", f"--grpc_python_out={out}"] + ours)
    assert code == 0, "grpc_tools.protoc --python_out failed on proto/shuangjiang"
    sys.path.insert(0, str(out))
    stubs = {}
    for proto in ours:
        module = importlib.import_module(proto[:-len(".proto")].replace("/", ".") + "_pb2")
        for name in module.DESCRIPTOR.message_types_by_name:
            stubs[f"{module.DESCRIPTOR.package}.{name}"] = getattr(module, name)

    def message_class(full_name):
        top = ".".join(full_name.split(".")[:4])  # shuangjiang.<service>.v1.<Message>
        if full_name.startswith("shuangjiang.") and top in stubs:
            cls = stubs[top]
            for nested in full_name.split(".")[4:]:
                cls = getattr(cls, nested)
            return cls
        return message_factory.GetMessageClass(pool.FindMessageTypeByName(full_name))

    message_class.stub = stubs.get
    return message_class
