"""Lantern: a serverless peer-support forum (domain code behind app.py)."""
