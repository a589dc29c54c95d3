"""Text utilities: normalisation, accent folding, sentences."""
