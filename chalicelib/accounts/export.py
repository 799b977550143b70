"""Export my data: everything Lantern keeps about a member, as one JSON document.

One line per domain: a module that stores member data adds its section here.
"""
from chalicelib import clock
from chalicelib.accounts import authorship
from chalicelib.subscriptions import member_data as subscriptions


def profile(member):
    return {"handle": member.handle, "email": member.email, "role": member.role,
            "email_verified": member.email_verified, "created_at": member.created_at.isoformat(),
            "consented_at": member.consented_at.isoformat() if member.consented_at else None}


def build_export(member, now):
    data = {"format": "lantern-export-1", "exported_at": clock.iso(now)}
    data["profile"] = profile(member)
    data["threads"] = authorship.export_threads(member)
    data["posts"] = authorship.export_posts(member)
    data["subscriptions"] = subscriptions.export_member(member)
    return data
