#!/bin/sh
# Makes a base image for the Dockerfile from Debian's packages and the JDK in $JAVA_HOME, for a machine that reaches
# no container registry: a minimal Debian 12 root (mmdebstrap) with a Java runtime cut by jlink. Needs root,
# podman and mmdebstrap. Usage: base-image.sh NAME, then: podman build --build-arg BASE=NAME -t chat .
set -eu
name=${1:?usage: base-image.sh NAME}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mmdebstrap --quiet --variant=minbase bookworm "$work/debian.tar"
podman import --quiet "$work/debian.tar" "$name-debian" >/dev/null
"$JAVA_HOME/bin/jlink" --output "$work/java" --strip-debug --no-header-files --no-man-pages \
    --add-modules java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.unsupported
printf 'FROM %s\nCOPY java /opt/java\nENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin\n' \
    "$name-debian" > "$work/Containerfile"
podman build --quiet --format docker -t "$name" "$work" >/dev/null
echo "$name"
