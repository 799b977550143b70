"""Notifications: what happened that concerns a member (replies, @mentions, quotes, "I hear
you", letters waiting, moderators' decisions), fed by the table streams only."""
