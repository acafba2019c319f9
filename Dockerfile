FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY liaison ./liaison
COPY loaders ./loaders
COPY explorer ./explorer
COPY cypher ./cypher
COPY corpus ./corpus
RUN pip install --no-cache-dir -e .
ENV LIAISON_HOME=/app
EXPOSE 8501
CMD ["liaison", "explore", "--address", "0.0.0.0"]
