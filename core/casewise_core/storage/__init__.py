"""Persistence for the service: rows (models), engines and migrations (db), queries (repositories).

Files at rest (``files``) and the job state machine (``jobs``) live beside these modules.
"""
