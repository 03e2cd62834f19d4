# Polyplex, PostgreSQL variant. db-kind is fixed at build time, so the image is built with it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline -Ppostgresql
COPY src src
RUN ./mvnw -B -q package -DskipTests -Ppostgresql

FROM eclipse-temurin:17-jre
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/quarkus-app/ /app/
# the launcher sets the JVM options the memory bounds are sized for (README, "Running it")
COPY bin/polyplex /app/bin/polyplex
ENV POLYPLEX_APP=/app
RUN mkdir -p /app/data /app/config
VOLUME ["/app/data"]
# HTTP; RTMP publishing (OBS, ffmpeg); RTMPS when a certificate is configured
EXPOSE 8080 1935 1936
ENTRYPOINT ["/app/bin/polyplex"]
