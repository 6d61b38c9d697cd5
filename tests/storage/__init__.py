"""Tests for the storage layer (models, migrations, repositories, corrections)."""
