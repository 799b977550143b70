"""Peer profiles: what a member shares with other members, and Find peers."""
