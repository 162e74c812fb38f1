# The image of one Village app: docker compose builds one per app from its jar (build argument JAR), after
# ./mvnw -DskipTests package. Layered as Spring Boot lays the jar out (dependencies, loader, snapshot
# dependencies, the app itself), so a rebuild after a code change replaces only the last layer. Runs as an
# unprivileged user; the heap is 75 % of the container's memory limit.
FROM eclipse-temurin:17-jre AS layers
WORKDIR /build
ARG JAR
COPY ${JAR} app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 village \
    && useradd --system --uid 10001 --gid village --no-create-home --shell /usr/sbin/nologin village \
    && mkdir /data && chown village:village /data
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
