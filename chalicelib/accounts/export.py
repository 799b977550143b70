"""Export my data: everything Lantern keeps about a member, as one JSON document.

Each feature adds its own sections through chalicelib.platform.member_data.
"""
from chalicelib.core import clock
from chalicelib.platform import member_data


def profile(member):
    return {"handle": member.handle, "email": member.email, "role": member.role,
            "email_verified": member.email_verified, "created_at": member.created_at.isoformat(),
            "consented_at": member.consented_at.isoformat() if member.consented_at else None}


def build_export(member, now):
    data = {"format": "lantern-export-1", "exported_at": clock.iso(now)}
    data["profile"] = profile(member)
    data.update(member_data.export_all(member))
    return data
