#!/bin/sh
# Builds custom-gcl, golangci-lint v2.15.0 with fsmvet's plugin, as
# 'golangci-lint custom' does, but from the module proxy's copy of
# golangci-lint's source instead of a git clone of its repository.
#
#   sh build-custom-gcl.sh FSMVET DEST
#
# FSMVET is a checkout of fsmvet (a directory) or a version of
# github.com/fsmvet/fsmvet (v1.2.3); DEST is where custom-gcl is written.
set -eu
fsmvet=$1
dest=$(cd "$2" && pwd)
case $fsmvet in
v*) ;;
*) fsmvet=$(cd "$fsmvet" && pwd) ;;
esac
version=v2.15.0
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cd "$work"
# The module cache's copy of golangci-lint's source, made writable.
go mod download github.com/golangci/golangci-lint/v2@$version
cp -R "$(go env GOMODCACHE)/github.com/golangci/golangci-lint/v2@$version" golangci-lint
chmod -R u+w golangci-lint
cd golangci-lint
# What 'golangci-lint custom' does after its clone: the plugin's import in
# cmd/golangci-lint/plugins.go, the plugin's module, go mod tidy, go build.
cat >cmd/golangci-lint/plugins.go <<'GO'
package main

import (
	_ "github.com/fsmvet/fsmvet/golangci"
)
GO
case $fsmvet in
v*) go get github.com/fsmvet/fsmvet@"$fsmvet" ;;
*) go mod edit -replace github.com/fsmvet/fsmvet="$fsmvet" ;;
esac
go mod tidy
go build -ldflags "-s -w -X 'main.version=$version-custom-gcl-fsmvet' -X 'main.date=$(date -u +%FT%TZ)'" -o "$dest/custom-gcl" ./cmd/golangci-lint
