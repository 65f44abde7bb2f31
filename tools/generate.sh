#!/usr/bin/env bash
# Regenerates everything derived from proto/ into OUT (default: the repository itself):
#   protoc-c          -> Sources/CProtos/{include,generated}   C structs and descriptors
#   protoc-gen-sjswift -> Sources/Messages/Generated           Swift value types
#                        Sources/ProtoSamples/Generated       sample values for tests
#                        Sources/Stubs/Generated              service protocols and typed clients
#                        Sources/CProtos/...                  descriptor table and descriptor set
# Usage: tools/generate.sh [OUT]. Needs protoc, protoc-c and a Python with `protobuf` ($PYTHON).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root}" && cd "${1:-$root}" && pwd)
python=${PYTHON:-$root/.venv/bin/python}
# Absolute, but without resolving the venv's symlink (that would leave the venv).
case "$python" in /*) ;; */*) python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")" ;; esac

# The well-known types our protos import; protobuf-c ships no C for them, so we generate it.
wkt="google/protobuf/timestamp.proto google/protobuf/duration.proto google/protobuf/wrappers.proto google/protobuf/empty.proto google/protobuf/any.proto"
cd "$root/proto"
protos=$(find . -name '*.proto' | sed 's|^\./||' | LC_ALL=C sort)

# Everything is generated into a scratch tree first and swapped in only if all steps succeed.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fresh="$scratch/out"
mkdir -p "$scratch/c" "$fresh/Sources/CProtos/include" "$fresh/Sources/CProtos/generated"

# protoc-c writes .h and .c side by side; headers go to the public include/, sources beside it.
protoc-c -I . -I /usr/include --c_out="$scratch/c" $wkt $protos
(cd "$scratch/c" && find . -name '*.pb-c.h' -exec cp --parents {} "$fresh/Sources/CProtos/include/" \;)
(cd "$scratch/c" && find . -name '*.pb-c.c' -exec cp --parents {} "$fresh/Sources/CProtos/generated/" \;)

# The plugin needs the venv's protobuf; protoc runs it through this wrapper.
plugin="$scratch/protoc-gen-sjswift"
printf '#!/bin/sh\nexec "%s" "%s"\n' "$python" "$root/tools/protoc-gen-sjswift" > "$plugin"
chmod +x "$plugin"
protoc -I . -I /usr/include --plugin=protoc-gen-sjswift="$plugin" --sjswift_out="$fresh" $wkt $protos

# Swap in: generated directories are replaced whole; include/ keeps the hand-written header.
for dir in Sources/CProtos/generated Sources/Messages/Generated Sources/ProtoSamples/Generated Sources/Stubs/Generated; do
    rm -rf "${out:?}/$dir"
    mkdir -p "$(dirname "$out/$dir")"
    cp -R "$fresh/$dir" "$out/$dir"
done
mkdir -p "$out/Sources/CProtos/include"
find "$out/Sources/CProtos/include" -mindepth 1 -not -name 'sj_proto_support.h' -delete
cp -R "$fresh/Sources/CProtos/include/." "$out/Sources/CProtos/include/"
