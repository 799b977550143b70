"""Moderation and member safety: reports, the queue, actions, suspensions, blocks."""
