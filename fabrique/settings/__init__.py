"""Settings live in one module per environment; ``base`` holds what they share."""
