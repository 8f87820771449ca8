# syntax=docker/dockerfile:1
# The production image: the same commands as scripts/smoke.py (collectstatic, gunicorn).

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements/base.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_MEDIA_ROOT=/app/media
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin armorpt
WORKDIR /app
COPY --from=build /venv /venv
COPY . .
# The key only lets settings load for these two; the running container gets its own.
RUN export DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    && python manage.py compile_translations \
    && python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown armorpt /app/media
USER armorpt
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "scripts/healthcheck.py"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "armorpt.wsgi"]
