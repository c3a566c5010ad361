FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# The translations, compiled from the .po files (the .mo files are not in the repository).
RUN python -m btech.translations compile --force
# collectstatic needs settings to load; these values exist only for this build step.
RUN DEBUG=false SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
    DATABASE_URL=postgresql://build/build REDIS_URL=redis://build:6379/0 \
    python manage.py collectstatic --no-input \
 && useradd --create-home --uid 10001 btech && mkdir -p /data && chown btech /data
USER btech
EXPOSE 8000
