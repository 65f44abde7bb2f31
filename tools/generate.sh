#!/usr/bin/env bash
# Regenerates everything derived from proto/ into OUT (default: the repository itself):
#   protoc-c          -> Sources/CProtos/{include,generated}   C structs and descriptors
#   protoc-gen-sjswift -> Sources/Messages/Generated           Swift value types
#                        Sources/ProtoSamples/Generated       sample values for tests
#                        Sources/CProtos/...                  descriptor table and descriptor set
# Usage: tools/generate.sh [OUT]. Needs protoc, protoc-c and a Python with `protobuf` ($PYTHON).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root}" && cd "${1:-$root}" && pwd)
python=${PYTHON:-$root/.venv/bin/python}

# The well-known types our protos import; protobuf-c ships no C for them, so we generate it.
wkt="google/protobuf/timestamp.proto google/protobuf/duration.proto google/protobuf/wrappers.proto google/protobuf/empty.proto"
cd "$root/proto"
protos=$(find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)

rm -rf "$out/Sources/CProtos/generated" "$out/Sources/Messages/Generated" "$out/Sources/ProtoSamples/Generated"
find "$out/Sources/CProtos/include" -mindepth 1 -not -name 'sj_proto_support.h' -delete 2>/dev/null || true
mkdir -p "$out/Sources/CProtos/include" "$out/Sources/CProtos/generated"

# protoc-c writes .h and .c side by side; headers go to the public include/, sources beside it.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
protoc-c -I . -I /usr/include --c_out="$scratch" $wkt $protos
(cd "$scratch" && find . -name '*.pb-c.h' -exec cp --parents {} "$out/Sources/CProtos/include/" \;)
(cd "$scratch" && find . -name '*.pb-c.c' -exec cp --parents {} "$out/Sources/CProtos/generated/" \;)

# The plugin needs the venv's protobuf; protoc runs it through this wrapper.
plugin="$scratch/protoc-gen-sjswift"
printf '#!/bin/sh\nexec "%s" "%s"\n' "$python" "$root/tools/protoc-gen-sjswift" > "$plugin"
chmod +x "$plugin"
protoc -I . -I /usr/include --plugin=protoc-gen-sjswift="$plugin" --sjswift_out="$out" $wkt $protos
