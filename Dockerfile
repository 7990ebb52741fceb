# The chat server's image. After mvn -B package -DskipTests (which makes the jar and its start script):
#   docker build -t chat .            or    podman build -t chat .
# BASE is any image with a Java 21+ runtime in $JAVA_HOME and bash: Eclipse Temurin's JRE by default;
# chat-app/src/test/sh/base-image.sh makes one from Debian's packages where no registry can be reached.
ARG BASE=eclipse-temurin:21-jre
FROM ${BASE}
# A user of its own, by number, so that the base needs no useradd.
RUN mkdir -p /var/lib/chat && chown 10001:10001 /var/lib/chat
COPY chat-app/target/chat-app.jar chat-app/target/chat-server chat-app/src/main/sh/healthcheck /opt/chat/
ENV HOST=0.0.0.0 PORT=8080 DATA_DIR=/var/lib/chat
VOLUME /var/lib/chat
WORKDIR /var/lib/chat
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD ["/opt/chat/healthcheck"]
# The start script execs the JVM with the options the figures were measured with: the JVM is PID 1, so SIGTERM
# (docker stop) is the graceful stop: goodbye, 1001 (1012 on a node of a cluster), exit 0.
ENTRYPOINT ["/opt/chat/chat-server"]
