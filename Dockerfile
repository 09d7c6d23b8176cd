# The snapshotha image: the operator (default command) and the merge Job entry point (`snapshotha merge ...`).
# /app/snapshotha is the Native AOT build (operator/SnapshotHa.Native): it runs `merge` and `repo` itself, without the
# ~110 ms .NET host start, and execs the managed operator in /app/operator/ for every other command (`operator`, ...).
# /app is on PATH, so the merge Job's command `snapshotha` is /app/snapshotha.
#
#   docker build -t snapshotha:dev .                                  full build in the .NET SDK image
#   buildah bud --target prebuilt --build-arg BASE=... -t ... .       image from a host-side `dotnet publish`
#   hack/build-image.sh [--full]                                      offline builds on a debootstrap base (the
#                                                                     prebuilt target, or --full with a local SDK)
#
# The image runs as the numeric non-root user 10001, needs no writable path but /tmp (mount an emptyDir there when
# the root filesystem is read-only) and serves /healthz, /readyz and /metrics on port 8080.
ARG SDK=mcr.microsoft.com/dotnet/sdk:10.0
ARG BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0

FROM ${BASE} AS runtime-base
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1 \
    HOME=/tmp \
    PATH=/app:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /app
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["/app/snapshotha"]
CMD ["operator"]

# Offline variant: copies the output of
#   dotnet publish operator/SnapshotHa.Operator -c Release -r linux-x64 --self-contained -o artifacts/publish/operator
#   dotnet publish operator/SnapshotHa.Native -c Release -r linux-x64 -o artifacts/publish
FROM runtime-base AS prebuilt
ARG PUBLISH_DIR=artifacts/publish
COPY --chown=0:0 ${PUBLISH_DIR}/ /app/

FROM ${SDK} AS build
ARG RID=linux-x64
# Native AOT links with clang and needs zlib's headers.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish operator/SnapshotHa.Operator/SnapshotHa.Operator.csproj -c Release -r ${RID} --self-contained \
      -p:DebugType=none -o /out/operator \
 && dotnet publish operator/SnapshotHa.Native/SnapshotHa.Native.csproj -c Release -r ${RID} -p:DebugType=none \
      -p:CopyOutputSymbolsToPublishDirectory=false -o /out

FROM runtime-base AS runtime
COPY --from=build --chown=0:0 /out/ /app/
