#!/usr/bin/env bash
# Makes the two local images deploy/Dockerfile starts from, where no container registry is
# reachable (our machines and CI; see docs/containers.md):
#
#   deploy/images.sh base      localhost/debian:bookworm-slim, debootstrapped from the Debian archive
#                              apt already uses, trimmed the way the official slim image is
#   deploy/images.sh builder   localhost/swift:6.3-bookworm, that base plus the Swift toolchain
#                              installed on this machine (found from `swift` on PATH) and what it
#                              needs to run, standing in for the official swift:6.3-bookworm
#
# Both are skipped when the image already exists (FORCE=1 remakes it). The names are the official
# images' names under localhost/, so `FROM debian:bookworm-slim` and `FROM swift:6.3-bookworm`
# in the Dockerfile find them here and the real ones where a registry is reachable.
# Needs podman and debootstrap (tools/apt-install.sh podman debootstrap) and CONTAINERS_CONF set
# as in deploy/podman/containers.conf.
set -euo pipefail

BASE_IMAGE=localhost/debian:bookworm-slim
BUILDER_IMAGE=localhost/swift:6.3-bookworm
here=$(cd "$(dirname "$0")" && pwd)

# The archive apt on this machine uses, so debootstrap and apt inside builds reach the same mirror.
debian_mirror() {
    local sources=/etc/apt/sources.list.d/debian.sources uri=""
    if [ -f "$sources" ]; then
        uri=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' "$sources")
    elif [ -f /etc/apt/sources.list ]; then
        uri=$(awk '/^deb / && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list)
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

exists() { [ "${FORCE:-0}" != 1 ] && podman image exists "$1"; }

make_base() {
    if exists "$BASE_IMAGE"; then
        echo "base image $BASE_IMAGE: already there"
        return
    fi
    local mirror rootfs
    mirror=$(debian_mirror)
    rootfs=$(mktemp -d /tmp/sj-bookworm-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' RETURN
    echo "base image $BASE_IMAGE: debootstrap --variant=minbase bookworm from $mirror (about a minute)"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || {
        tail -20 "$rootfs.log"
        rm -f "$rootfs.log"
        echo "debootstrap failed" >&2
        return 1
    }
    rm -f "$rootfs.log"
    # What the official slim image leaves out: apt's lists and caches, documentation, man pages
    # and locales. dpkg is told to keep leaving them out of later installs.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
        "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/log/*.log
    find "$rootfs"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF
    # Without these apt keeps downloaded packages and translations inside every image layer.
    cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Acquire::Languages "none";
APT::Install-Recommends "false";
EOF
    rm -f "$rootfs/etc/apt/sources.list"
    cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    tar -C "$rootfs" -c . | podman import --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
    echo "base image $BASE_IMAGE: made ($(podman image inspect --format '{{.Size}}' "$BASE_IMAGE" | numfmt --to=si)B)"
}

make_builder() {
    make_base
    if exists "$BUILDER_IMAGE"; then
        echo "builder image $BUILDER_IMAGE: already there"
        return
    fi
    local swift toolchain
    swift=$(command -v swift) || {
        echo "no swift on PATH: the builder image is made from the installed toolchain" >&2
        return 1
    }
    # .../usr/bin/swift -> the toolchain root, the directory holding usr/.
    toolchain=$(dirname "$(dirname "$(dirname "$(readlink -f "$swift")")")")
    echo "builder image $BUILDER_IMAGE: $BASE_IMAGE + the toolchain in $toolchain ($(swift --version 2>/dev/null | head -1))"
    # The toolchain comes in through a build-time volume, not the build context: podman would
    # otherwise tar all of it (gigabytes) before the first step. The context is an empty directory.
    local context
    context=$(mktemp -d /tmp/sj-builder-context.XXXXXX)
    trap 'rmdir "$context"' RETURN
    podman build --pull=never --format docker --volume "$toolchain:/toolchain:ro" \
        -f "$here/builder.Containerfile" -t "$BUILDER_IMAGE" "$context"
    echo "builder image $BUILDER_IMAGE: made ($(podman image inspect --format '{{.Size}}' "$BUILDER_IMAGE" | numfmt --to=si)B)"
}

case "${1:-}" in
base) make_base ;;
builder) make_builder ;;
*)
    echo "usage: deploy/images.sh base|builder   (see the comment at the top)" >&2
    exit 64
    ;;
esac
