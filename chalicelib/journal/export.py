"""The journal in a member's data export (JSON and CSV), and its deletion with the account."""
import csv
import io

from chalicelib.core import medications
from chalicelib.journal import store
from chalicelib.models.journal import JournalItem

CSV_COLUMNS = ("date", "entry", "medication", "dose", "unit", "dose_note", "overall_day",
               "sleep", "symptoms", "note")


def export_for(member_id):
    """Everything in the member's journal as plain JSON-ready data (two Queries)."""
    journal = store.load_journal(member_id, consistent=True)
    names = {m.medication_id: m for m in journal.medications}
    settings = journal.settings
    return {
        "settings": {"symptoms": list(settings.symptoms), "sharing": settings.sharing,
                     "introduction_thread_id": settings.intro_thread_id,
                     "signature_on": bool(settings.signature_on),
                     "time_zone": settings.time_zone or "UTC",
                     "signature": journal.card.signature if journal.card else None},
        "medications": [{"id": m.medication_id, "name": m.name, "class": m.drug_class,
                         "class_label": medications.class_label(m.drug_class),
                         "unit": m.unit, "added_at": m.created_at.isoformat()}
                        for m in journal.medications],
        "dose_changes": [{"date": d.day, "medication_id": d.medication_id,
                          "medication": names[d.medication_id].name
                          if d.medication_id in names else None,
                          "daily_dose": d.dose,
                          "unit": names[d.medication_id].unit if d.medication_id in names
                          else None, "note": d.note} for d in journal.doses],
        "check_ins": [{"date": c.day, "overall_day": int(c.overall), "sleep": int(c.sleep),
                       "symptoms": {s.name: int(s.score) for s in c.symptoms},
                       "note": c.note} for c in journal.check_ins],
    }


def export_csv(member_id, data=None):
    """One CSV, a row per dose change or check-in, in date order (doses first on a day)."""
    data = data or export_for(member_id)
    rows = [(d["date"], 0, {"date": d["date"], "entry": "dose change",
                            "medication": d["medication"], "dose": d["daily_dose"],
                            "unit": d["unit"], "dose_note": d["note"]})
            for d in data["dose_changes"]]
    rows += [(c["date"], 1, {"date": c["date"], "entry": "check-in",
                             "overall_day": c["overall_day"], "sleep": c["sleep"],
                             "symptoms": "; ".join(f"{name}: {score}" for name, score
                                                   in c["symptoms"].items()),
                             "note": c["note"]}) for c in data["check_ins"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for _, _, row in sorted(rows, key=lambda row: row[:2]):
        writer.writerow(row)
    return out.getvalue()


def delete_for(member_id):
    """Delete every item of the member's journal (one Query of keys, batched deletes).

    Idempotent: running it twice deletes nothing the second time. Returns the count.
    """
    deleted = 0
    with JournalItem.batch_write() as batch:
        for item in JournalItem.query(member_id, consistent_read=True,
                                      attributes_to_get=["member_id", "item_key", "kind"]):
            batch.delete(item)
            deleted += 1
    return deleted


def export_member_data(member):
    return {"journal": export_for(member.member_id)}


def delete_member_data(member, now, keep_posts):
    delete_for(member.member_id)
