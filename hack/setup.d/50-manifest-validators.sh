#!/usr/bin/env bash
# Offline validators for rendered manifests (hack/checks.d/6*.sh): the npm kubernetes-models schemas for built-in
# kinds, prometheus-operator and Argo CD kinds, ajv for our own CRDs' openAPIV3Schema, and a YAML parser.
# Installed under $SNAPSHOTHA_CACHE/manifest-validators; skipped when the pinned set is already there.
set -euo pipefail
cache="${SNAPSHOTHA_CACHE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/hack/.cache}"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/npm-pinned.sh"
npm_pinned "$cache/manifest-validators" kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 \
  @kubernetes-models/argo-cd@4.0.0 ajv@8.20.0 ajv-formats@3.0.1 yaml@2.9.1
