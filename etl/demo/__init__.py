"""The demo data generator: fictional agencies' files, submitted through the same ingest as real ones."""
