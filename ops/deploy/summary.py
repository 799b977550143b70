"""What a finished deploy prints: where the stage lives and what the operator does next.

Apart from the steps (ops/deploy/command.py) because it only reads: the stack's outputs,
Chalice's deployed values and the app's schedules and consumers, and changes nothing.
"""
from chalicelib.core import config
from ops.deploy import cdn, code, inbound
from ops.deploy.steps import client


def print_summary(stage, deployed, site_api, outputs, out):
    from app import app  # already imported by Chalice while it deployed

    out("")
    out(f"Lantern {stage} is live.")
    out(f"  HTTP API:  {site_api} (CloudFront's origin)")
    out(f"  REST API:  {code.api_url(deployed)} (direct address, not behind the CDN)")
    out(f"  Site URL:  {config.settings.site_url} (LANTERN_SITE_URL in .chalice/config.json)")
    for name, expression in code.schedules(app):
        out(f"  Schedule:  {name} runs at {expression} (UTC)")
    out(f"  Queue:     {outputs['DigestQueue']} (dead letters: "
        f"{outputs['DigestDeadLetterQueue']})")
    out(f"  Bounces:   {outputs['BounceTopic']}")
    out(f"  Inbound:   mail to {config.settings.inbound_domain} is kept 30 days in "
        f"{outputs[inbound.BUCKET]} and read from {outputs[inbound.TOPIC]}")
    out(f"  Streams:   {len(code.stream_consumers(app))} consumers; records that fail every "
        f"retry wait in {outputs['StreamFailureQueue']}")
    out(f"  Failures:  schedules' and SES notifications' failed events wait in "
        f"{outputs['AsyncFailureQueue']}")
    out(f"  Alarms:    {outputs['AlarmTopic']} (subscribe the operators' address: README)")
    out(f"  CDN:       {cdn.describe(client('cloudfront'), outputs)}")
    out("Next steps:")
    out("  - Custom domain: attach it to the CDN (README, 'A custom domain') so links have "
        "no /api prefix; then set LANTERN_SITE_URL and LANTERN_BASE_PATH.")
    out("  - SES: verify the sender's domain and request production access (README).")
    out(f"  - Replies by email: an MX record for {config.settings.inbound_domain} pointing at "
        "SES's inbound endpoint of a receiving region (README, 'Replies by email').")
    out(f"  - First admin: .venv/bin/python -m ops.cli --stage {stage} make-admin HANDLE")
    out(f"  - Categories:  .venv/bin/python -m ops.cli --stage {stage} seed-categories")
    out(f"  - Backups:     .venv/bin/python -m ops.cli --stage {stage} export-backup")
