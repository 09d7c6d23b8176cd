{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "snapshot-ha.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name of the release's objects. */}}
{{- define "snapshot-ha.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "snapshot-ha.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object but the component. */}}
{{- define "snapshot-ha.baseLabels" -}}
helm.sh/chart: {{ include "snapshot-ha.chart" . }}
app.kubernetes.io/name: {{ include "snapshot-ha.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: snapshotha
{{- end }}

{{/* Labels of the operator's objects. */}}
{{- define "snapshot-ha.labels" -}}
{{ include "snapshot-ha.baseLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "snapshot-ha.selectorLabels" -}}
app.kubernetes.io/name: {{ include "snapshot-ha.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "snapshot-ha.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "snapshot-ha.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "snapshot-ha.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{- define "snapshot-ha.repositoryClaimName" -}}
{{- if .Values.repository.persistence.existingClaim }}
{{- .Values.repository.persistence.existingClaim }}
{{- else }}
{{- .Values.repository.persistence.claimName }}
{{- end }}
{{- end }}

{{/* Combinations values.schema.json cannot express; fails the rendering with the offending key. */}}
{{- define "snapshot-ha.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.operator.leaderElection.enabled) }}
{{- fail "operator.leaderElection.enabled must be true when replicaCount > 1: only the Lease holder may reconcile" }}
{{- end }}
{{- if and (not .Values.serviceAccount.create) (not .Values.serviceAccount.name) }}
{{- fail "serviceAccount.name must name an existing service account when serviceAccount.create is false" }}
{{- end }}
{{- end }}
