"""Operator and local tools: the CLI, `make run`, deploy, backups and seed data. Never shipped to Lambda."""
