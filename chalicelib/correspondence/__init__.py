"""Consented private correspondence between two members: requests, letters, notifications."""
