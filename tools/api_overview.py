#!/usr/bin/env python3
"""Writes docs/api-overview.md from the comments in proto/shuangjiang.

Usage: .venv/bin/python tools/api_overview.py [OUTPUT]   (default: docs/api-overview.md; `make api-docs`)

The protos are the source of truth and their comments are the reference; this page only gathers
them in one place: per service, every RPC with its request and response and its comment, and each
request message's fields with theirs. It compiles proto/ with grpc_tools.protoc (the venv's, so
every machine uses the same compiler) into a descriptor set with `--include_source_info`, which
carries every comment with the location it belongs to. The output depends on nothing but proto/:
no dates, no paths of this machine, declaration order throughout, so a test can check it is fresh
(Tests/python/test_api_overview.py).
"""

import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
PROTO = ROOT / "proto"
DEFAULT_OUTPUT = ROOT / "docs" / "api-overview.md"
COMMAND = ".venv/bin/python tools/api_overview.py   # or: make api-docs"

# Field numbers inside descriptor.proto, which is how SourceCodeInfo paths name things.
FILE_SYNTAX = 12
FILE_MESSAGE = 4
FILE_SERVICE = 6
MESSAGE_FIELD = 2
MESSAGE_NESTED = 3
MESSAGE_ONEOF = 8
SERVICE_METHOD = 2


def compile_protos():
    """Every proto under proto/shuangjiang, with imports, as a FileDescriptorSet with comments."""
    import grpc_tools
    from grpc_tools import protoc
    from google.protobuf import descriptor_pb2

    files = sorted(str(p.relative_to(PROTO)) for p in (PROTO / "shuangjiang").rglob("*.proto"))
    wkt = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / "api.fds"
        code = protoc.main(["protoc", f"-I{PROTO}", f"-I{wkt}", f"--descriptor_set_out={out}",
                            "--include_imports", "--include_source_info"] + files)
        if code != 0:
            sys.exit(f"api_overview: grpc_tools.protoc failed on proto/ (exit {code})")
        return descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())


class Comments:
    """The comments of one file, by location path."""

    def __init__(self, file):
        self.by_path = {tuple(loc.path): loc for loc in file.source_code_info.location}

    def leading(self, *path):
        loc = self.by_path.get(tuple(path))
        if loc is None:
            return ""
        # A trailing comment (`int32 x = 1;  // ...`) is used where there is no leading one.
        return clean(loc.leading_comments or loc.trailing_comments)

    def header(self):
        """The comment above `syntax = ...`: the file's own description."""
        loc = self.by_path.get((FILE_SYNTAX,))
        if loc is None:
            return ""
        return "\n\n".join(clean(c) for c in loc.leading_detached_comments) or clean(loc.leading_comments)


def clean(comment):
    """protoc keeps the text after `//` with its leading space; drop that one space per line."""
    lines = [line[1:] if line.startswith(" ") else line for line in comment.splitlines()]
    return "\n".join(lines).strip()


def one_line(text):
    """A comment for a table cell: one line, no cell breaks."""
    return " ".join(text.split()).replace("|", "\\|")


class Index:
    """Every message in the set by full name, with the file it is in and its location path."""

    def __init__(self, fds):
        self.files = {f.name: f for f in fds.file}
        self.comments = {f.name: Comments(f) for f in fds.file}
        self.messages = {}
        for file in fds.file:
            for i, message in enumerate(file.message_type):
                self._add(file, f"{file.package}.{message.name}", message, (FILE_MESSAGE, i))

    def _add(self, file, name, message, path):
        self.messages[name] = (file, message, path)
        for i, nested in enumerate(message.nested_type):
            self._add(file, f"{name}.{nested.name}", nested, path + (MESSAGE_NESTED, i))

    def message(self, type_name):
        return self.messages[type_name.lstrip(".")]


SCALARS = {
    1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32",
    8: "bool", 9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32", 16: "sfixed64",
    17: "sint32", 18: "sint64",
}
TYPE_MESSAGE, TYPE_ENUM = 11, 14
LABEL_REPEATED = 3


def short_name(type_name, package):
    """A type as the reader of this package would write it: bare in the same package."""
    name = type_name.lstrip(".")
    if name.startswith(package + "."):
        return name[len(package) + 1:]
    if name.startswith("shuangjiang."):
        return name[len("shuangjiang."):]
    return name


def field_type(field, index, package):
    if field.type in SCALARS:
        base = SCALARS[field.type]
    else:
        base = short_name(field.type_name, package)
        if field.type == TYPE_MESSAGE:
            _, entry, _ = index.message(field.type_name)
            if entry.options.map_entry:
                key, value = entry.field
                return f"map<{field_type(key, index, package)}, {field_type(value, index, package)}>"
    return f"repeated {base}" if field.label == LABEL_REPEATED else base


def message_fields(index, type_name, package):
    file, message, path = index.message(type_name)
    comments = index.comments[file.name]
    rows = []
    seen_oneofs = set()
    for i, field in enumerate(message.field):
        kind = field_type(field, index, package)
        text = comments.leading(*path, MESSAGE_FIELD, i)
        if field.HasField("oneof_index") and not field.proto3_optional:
            oneof = field.oneof_index
            name = message.oneof_decl[oneof].name
            if oneof not in seen_oneofs:
                # The oneof's own comment says what choosing among its fields means.
                seen_oneofs.add(oneof)
                rows.append((f"oneof {name}", "the fields marked with its name below",
                             comments.leading(*path, MESSAGE_ONEOF, oneof)))
            kind += f" ({name})"
        if not text and field.type == TYPE_MESSAGE:
            # A oneof member often goes without a comment; its message says what it is.
            text = message_comment(index, field.type_name)
        rows.append((field.name, kind, text))
    return rows


def message_comment(index, type_name):
    file, _, path = index.message(type_name)
    return index.comments[file.name].leading(*path)


def render(fds):
    index = Index(fds)
    ours = sorted((f for f in fds.file if f.package.startswith("shuangjiang.")), key=flow_order)
    out = [
        "# API overview",
        "",
        "<!-- Generated by tools/api_overview.py from the comments in proto/; do not edit by hand.",
        f"     Regenerate: {COMMAND} -->",
        "",
        "Every RPC of the Shuangjiang services with its request and response, gathered from the",
        "comments in `proto/shuangjiang` (the protos stay the reference: this page is regenerated",
        "from them, and a test fails when it is stale). Every server also answers the standard",
        "`grpc.health.v1.Health` and server reflection (docs/health-and-reflection.md), so",
        "`grpcurl -plaintext 127.0.0.1:50051 describe <name>` shows any of these from a running server.",
        "Types without a package are in the service's own package; `common.v1.X` is",
        "`shuangjiang.common.v1.X`.",
        "",
    ]
    common = next((f for f in ours if f.package == "shuangjiang.common.v1"), None)
    if common is not None:
        out += ["## Conventions (common.v1)", "", f"From `{common.name}`:", "",
                index.comments[common.name].header(), ""]

    services = [(f, i, s) for f in ours for i, s in enumerate(f.service)]
    out += ["## Services", ""]
    for file, _, service in services:
        out.append(f"- [`{file.package}.{service.name}`](#{anchor(file.package + '.' + service.name)}) "
                   f"({len(service.method)} RPCs, `{file.name}`)")
    out.append("")

    for file, s, service in services:
        package = file.package
        comments = index.comments[file.name]
        full = f"{package}.{service.name}"
        out += [f"## {full}", "", f"`proto/{file.name}`", ""]
        if comments.header():
            out += [comments.header(), ""]
        if comments.leading(FILE_SERVICE, s):
            out += [comments.leading(FILE_SERVICE, s), ""]
        out += ["| RPC | request | response |", "|---|---|---|"]
        for method in service.method:
            out.append(f"| [{method.name}](#{anchor(service.name + '.' + method.name)}) "
                       f"| {signature_part(method.input_type, method.client_streaming, package)} "
                       f"| {signature_part(method.output_type, method.server_streaming, package)} |")
        out.append("")
        for m, method in enumerate(service.method):
            request = short_name(method.input_type, package)
            response = short_name(method.output_type, package)
            out += [f"### {service.name}.{method.name}", "",
                    f"`rpc {method.name}({'stream ' if method.client_streaming else ''}{request}) returns "
                    f"({'stream ' if method.server_streaming else ''}{response})`", ""]
            comment = comments.leading(FILE_SERVICE, s, SERVICE_METHOD, m)
            out += [comment or "(no comment in the proto)", ""]
            out += [f"**Request** `{request}`" + described(message_comment(index, method.input_type)), ""]
            rows = message_fields(index, method.input_type, package)
            if rows:
                out += ["| field | type | meaning |", "|---|---|---|"]
                out += [f"| {code(name)} | {kind} | {one_line(text)} |" for name, kind, text in rows]
            else:
                out.append("No fields.")
            out += ["", f"**Response** `{response}`" + described(message_comment(index, method.output_type)), ""]

    # The conventions and the service files' headers are printed above already.
    shown = {common.name if common else None} | {file.name for file, _, _ in services}
    files = [f for f in ours if index.comments[f.name].header() and f.name not in shown]
    out += ["## Files", "", "What the other proto files say of themselves (their opening comments).", ""]
    for file in files:
        out += [f"### {file.name}", "", index.comments[file.name].header(), ""]
    return "\n".join(out).rstrip() + "\n"


# Services in the order data flows through them (README, docs/architecture.md), then any other.
FLOW = ["shuangjiang.common.v1", "shuangjiang.intake.v1", "shuangjiang.assessment.v1",
        "shuangjiang.accountability.v1"]


def flow_order(file):
    rank = FLOW.index(file.package) if file.package in FLOW else len(FLOW)
    return (rank, file.package, file.name)


def described(comment):
    return f": {one_line(comment)}" if comment else ""


def code(name):
    """`field`, or `oneof` followed by the oneof's name, both as code."""
    return " ".join(f"`{word}`" for word in name.split())


def signature_part(type_name, streaming, package):
    return ("stream " if streaming else "") + f"`{short_name(type_name, package)}`"


def anchor(heading):
    """GitHub's heading anchor: lower case, punctuation other than - and _ dropped."""
    return "".join(c for c in heading.lower() if c.isalnum() or c in "-_ ").replace(" ", "-")


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if len(argv) == 2 else 2
    output = pathlib.Path(argv[1]) if len(argv) == 2 else DEFAULT_OUTPUT
    text = render(compile_protos())
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
