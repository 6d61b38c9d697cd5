"""Tests for the clinical NLP pipeline."""
