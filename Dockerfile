# The dashboard as a container: one replica per container. The extracts are mounted
# read-only at /data, each replica keeps its own cache in /cache, and several replicas
# share the question log and the audit log through PostgreSQL (IMPACT_DATABASE_URL).
# See docs/deploy.md.
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    IMPACT_DATA_DIR=/data \
    IMPACT_CACHE_DIR=/cache

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY dashboard.py ./
COPY impact ./impact
COPY queries ./queries
COPY views ./views
COPY .streamlit ./.streamlit

RUN useradd --system --uid 10001 --home-dir /app impact \
    && mkdir -p /data /cache \
    && chown impact /cache
USER 10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "impact", "ready"]
# streamlit run dashboard.py with these flags, warmed before the first visit (ready says when).
CMD ["python", "-m", "impact", "serve", \
     "--server.address=0.0.0.0", "--server.port=8501", \
     "--server.fileWatcherType=poll", "--browser.gatherUsageStats=false"]
