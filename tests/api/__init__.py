"""Tests for the FastAPI service."""
