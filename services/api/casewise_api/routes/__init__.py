"""API routes, one module per concept; each exposes ``router``."""
