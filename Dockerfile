# Image of the application, built from this repository (used by docker-compose.yml).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --create-home --home-dir /app app
WORKDIR /app
COPY --from=build /src/target/compute-loan-*.jar /app/compute-loan.jar
USER app
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/compute-loan.jar"]
