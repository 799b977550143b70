"""Inbound email: replies that become letters or thread replies, and unsubscribing by mail."""
