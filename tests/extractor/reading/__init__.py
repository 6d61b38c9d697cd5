"""Tests for the reading stage."""
