#!/usr/bin/env bash
# Builds the snapshotha image offline and runs `snapshotha --version`, `merge --help` and `operator --help` in it.
#
# Registries are not reachable here, so the Dockerfile's default path (publish inside mcr.microsoft.com/dotnet/sdk,
# run on mcr.microsoft.com/dotnet/runtime-deps) cannot pull its images. This script takes the Dockerfile's `prebuilt`
# target instead: the base image is a Debian bookworm minbase made with debootstrap (cached as a local image), and
# the application is a host-side self-contained `dotnet publish`. Needs root (rootful buildah and podman); slow the
# first time (measured on a loaded 2-core machine: 8 minutes with debootstrap, 4 minutes with the base image cached,
# of which buildah takes about 10 s and podman 1 s; --full 3 minutes), so it is a script, not a CI check.
#
# With --full it builds the Dockerfile's default target instead (publish inside the SDK stage), with SDK set to a
# local image holding the host's .NET SDK and CA bundle (for NuGet behind a TLS-inspecting proxy; the bundle stays
# in the build stage, not in the result).
#
#   hack/build-image.sh [--full] [TAG]        default TAG localhost/snapshotha:dev
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${SNAPSHOTHA_CACHE:-$root/hack/.cache}"
full=false
if [ "${1:-}" = "--full" ]; then full=true; shift; fi
tag="${1:-localhost/snapshotha:dev}"
base="localhost/snapshotha-base:bookworm-minbase"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
[ "$(id -u)" -eq 0 ] || { echo "hack/build-image.sh needs root (rootful buildah/podman)" >&2; exit 1; }

step() { printf '==> %s (%ss)\n' "$1" "$SECONDS"; }
# Removes a debootstrap target even when debootstrap stopped with /proc or /sys still mounted inside it.
remove_rootfs() {
  local dir="$1" mount
  [ -d "$dir" ] || return 0
  for mount in $(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r); do umount -l "$mount" || true; done
  rm -rf --one-file-system "$dir"
}

needed=()
for tool in buildah podman debootstrap runc; do command -v "$tool" >/dev/null || needed+=("$tool"); done
if [ ${#needed[@]} -gt 0 ]; then
  step "installing ${needed[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" fuse-overlayfs uidmap
fi

if ! podman image exists "$base"; then
  step "debootstrap bookworm minbase -> $base"
  rootfs="$(mktemp -d "$cache/rootfs.XXXXXX")"
  trap 'remove_rootfs "$rootfs"' EXIT
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --quiet --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  remove_rootfs "$rootfs"
  trap - EXIT
fi

if [ "$full" = true ]; then
  sdk="localhost/snapshotha-sdk:host"
  if ! podman image exists "$sdk"; then
    step "local SDK image from the host's .NET SDK -> $sdk"
    context="$(mktemp -d)"
    trap 'rm -rf "$context"' EXIT
    cp -a "$(dirname "$(readlink -f "$(command -v dotnet)")")" "$context/dotnet"
    cp /etc/ssl/certs/ca-certificates.crt "$context/"
    printf '%s\n' "FROM $base" 'COPY dotnet/ /usr/share/dotnet/' \
      'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt' 'RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet' \
      'ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1' > "$context/Containerfile"
    buildah bud --quiet --isolation chroot --pull=never -f "$context/Containerfile" -t "$sdk" "$context" >/dev/null
    rm -rf "$context"
    trap - EXIT
  fi
  step "buildah bud (default target: publish in the SDK stage) -> $tag"
  buildah bud --quiet --isolation chroot --pull=never --layers=false --build-arg "SDK=$sdk" --build-arg "BASE=$base" \
    -f "$root/Dockerfile" -t "$tag" "$root" >/dev/null
else
  step "dotnet publish (operator: self-contained, linux-x64; snapshotha: Native AOT)"
  rm -rf "$root/artifacts/publish"
  dotnet publish "$root/operator/SnapshotHa.Operator/SnapshotHa.Operator.csproj" -c Release -r linux-x64 --self-contained \
    -p:DebugType=none -o "$root/artifacts/publish/operator" -v quiet -nologo
  dotnet publish "$root/operator/SnapshotHa.Native/SnapshotHa.Native.csproj" -c Release -r linux-x64 \
    -p:DebugType=none -p:CopyOutputSymbolsToPublishDirectory=false -o "$root/artifacts/publish" -v quiet -nologo

  step "buildah bud --target prebuilt -> $tag"
  buildah bud --quiet --isolation chroot --pull=never --layers=false --target prebuilt --build-arg "BASE=$base" \
    -f "$root/Dockerfile" -t "$tag" "$root" >/dev/null
fi

step "podman run $tag --version (read-only root, non-root, no network)"
run=(podman --runtime runc run --rm --network none --read-only --tmpfs /tmp --cap-drop ALL
  --security-opt no-new-privileges --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
version="$("${run[@]}" "$tag" --version)"
user="$(podman image inspect --format '{{.Config.User}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}' "$tag")"
echo "snapshotha --version: $version"
echo "image user/entrypoint/cmd: $user"
[ -n "$version" ] || { echo "snapshotha --version printed nothing" >&2; exit 1; }
[ "${user%% *}" = "10001:10001" ] || { echo "image user is not 10001:10001" >&2; exit 1; }
step "podman run: the merge Job's command 'snapshotha' (on PATH, native) and 'operator --help' (exec to /app/operator)"
"${run[@]}" --entrypoint snapshotha "$tag" merge --help | grep -- '--disk' > /dev/null || { echo "snapshotha merge --help failed in the image" >&2; exit 1; }
"${run[@]}" "$tag" operator --help | grep -- '--repository-root' > /dev/null || { echo "snapshotha operator --help did not reach /app/operator/snapshotha" >&2; exit 1; }
step "done"
