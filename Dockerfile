# Fabrique — production image: slim, non-root, static files collected at build, gunicorn.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=fabrique.settings.production \
    FABRIQUE_SERVE_MEDIA=true \
    PORT=8000

# DejaVu draws the accented titles of the demo's generated images (Pillow's own font has
# no accents).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 fabrique
WORKDIR /app

COPY pyproject.toml README.md ./
RUN pip install .

COPY --chown=fabrique:fabrique . .
# collectstatic needs settings to load, not a real secret, cache or mail server: these
# values exist only during the build. At run time gunicorn.conf.py masks private links in
# the access log and the application serves var/media itself (FABRIQUE_SERVE_MEDIA=false
# when a web server, a CDN or object storage does); REDIS_URL (or FABRIQUE_CACHE) and EMAIL_HOST (or EMAIL_BACKEND) are required.
RUN DJANGO_SECRET_KEY=build-time-only-collectstatic-key-000000000000000000000000 \
    FABRIQUE_CACHE=locmem EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
    DJANGO_SETTINGS_MODULE=fabrique.settings.production \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p var/media && chown -R fabrique:fabrique var

USER fabrique
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && exec gunicorn fabrique.wsgi:application --config gunicorn.conf.py --bind 0.0.0.0:${PORT}"]
