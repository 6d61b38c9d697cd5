"""Test package (lets tests import `tests.fixtures`)."""
