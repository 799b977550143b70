"""`make run`: moto in-process, tables and demo content, and the forum on localhost.

Everything runs in this one process: a moto server on a loopback port stands in for
DynamoDB (and its table streams), SES, SQS, SNS and SSM; Chalice's local server serves
the app; small threads run the scheduled jobs on their schedule, consume the digest queue
and read the table streams into their handlers (ops/localstreams.py), as Lambda's
triggers do in AWS; an SMTP server on 127.0.0.1 takes incoming mail as SES does
(ops/localinbound.py). Ctrl-C stops all of it.
"""
import argparse
import os
import socket
import sys
import threading
import time


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_is_free(host, port):
    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def start_backend(port):
    from moto.server import ThreadedMotoServer

    import logging

    from ops import backend

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # The web server's, the streams', the queue's and the jobs' threads all write at once.
    for handler, call_action in backend.atomic_dynamodb_handlers().items():
        setattr(handler, "call_action", call_action)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server


def prepare_backend():
    """Tables, the sender identity and demo content (idempotent)."""
    from ops import backend, seed

    backend.create_local_resources()
    seed.seed_demo_content()


def run_schedules(stop):
    """Run each job at its local interval until ``stop`` is set."""
    import logging

    from chalicelib import jobs

    log = logging.getLogger("lantern.devserver")
    next_run = {name: time.monotonic() + interval
                for name, interval in jobs.LOCAL_INTERVALS.items()}
    while not stop.wait(5):
        for name, interval in jobs.LOCAL_INTERVALS.items():
            if time.monotonic() >= next_run[name]:
                next_run[name] = time.monotonic() + interval
                try:
                    jobs.run_job(name)
                except Exception:
                    log.exception("scheduled job %s failed", name)


def consume_digest_queue(stop):
    """Stand in for Lambda's SQS trigger: feed queued messages to the same handler."""
    import logging

    from chalicelib.subscriptions import digests, queue

    log = logging.getLogger("lantern.devserver")
    while not stop.is_set():
        try:
            queue.receive_and_handle(digests.handle_message)
        except Exception:
            log.exception("reading the digest queue failed")
            stop.wait(5)


def caught_up_streams():
    """A stream reader past every record written so far: the demo content's reactions
    (notifications, follows, the unanswered and newcomer lists) are in place before the
    first page is served, not a few seconds into the first visit (imported late: settings
    come first)."""
    from ops import localstreams

    reader = localstreams.StreamReader()
    reader.drain()
    return reader


def read_streams(stop, reader):
    """Stand in for Lambda's stream triggers, going on from ``reader``'s positions."""
    from ops import localstreams

    localstreams.run_forever(stop, reader=reader)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run Lantern locally.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--backend-port", type=int, default=0)
    parser.add_argument("--smtp-port", type=int, default=int(os.environ.get("SMTP_PORT", "0")),
                        help="port of the local inbound SMTP server (default: a free one)")
    parser.add_argument("--state-dir", default=None,
                        help="where the secret, outbox and backend address live (.local/)")
    args = parser.parse_args(argv)

    from ops import localenv

    state_dir = os.path.abspath(args.state_dir or localenv.DEFAULT_STATE_DIR)
    try:
        localenv.claim_state_dir(state_dir)
    except localenv.AlreadyRunning as running:
        sys.exit(str(running))
    if not port_is_free(args.host, args.port):
        sys.exit(f"Port {args.port} is taken by another program: try make run PORT={args.port + 1}")
    backend_port = args.backend_port or free_port()
    endpoint = f"http://127.0.0.1:{backend_port}"
    site_url = f"http://{args.host}:{args.port}"
    environment = localenv.local_environment(endpoint, site_url, state_dir)
    os.environ.update(environment)

    moto_server = start_backend(backend_port)
    prepare_backend()
    streams_reader = caught_up_streams()
    localenv.write_backend_file(environment, state_dir)

    from chalice.config import Config
    from ops.localgateway import create_server

    sys.path.insert(0, localenv.PROJECT_ROOT)
    from app import app

    server = create_server(app, Config.create(chalice_stage="local", app_name="lantern",
                                              project_dir=localenv.PROJECT_ROOT),
                           args.host, args.port)
    stop = threading.Event()
    threading.Thread(target=run_schedules, args=(stop,), daemon=True).start()
    threading.Thread(target=consume_digest_queue, args=(stop,), daemon=True).start()
    threading.Thread(target=read_streams, args=(stop, streams_reader), daemon=True).start()
    from ops import localinbound

    smtp = localinbound.start("127.0.0.1", args.smtp_port)
    print(f"""
Lantern is running.
  Forum:   {site_url}/
  Outbox:  {site_url}/dev/outbox   (every email sent and received, also in {environment["LANTERN_OUTBOX_DIR"]})
  Inbound mail: smtp://127.0.0.1:{smtp.port}
           replies to emails' reply+...@{os.environ.get("LANTERN_INBOUND_DOMAIN", "reply.lantern.invalid")} addresses go through the SES path's handler
  Streams: posts, threads, blocks, suppressions, reactions and letters read every 0.3 s into
           their handlers (reply notices, follows, unanswered and newcomer lists,
           notifications: docs/streams.md)
  Jobs:    {site_url}/dev/jobs     or, in another terminal:
           .venv/bin/python -m ops.cli run-job close-stale [--now 2026-12-31T00:00:00Z]
           .venv/bin/python -m ops.cli run-job digests [--now ...]
  Demo logins: keeper (admin), willow (moderator), juniper, harbor;
               password: lantern-demo-password
Press Ctrl-C to stop.
""", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nStopping Lantern…")
    finally:
        stop.set()
        smtp.stop()
        server.server.server_close()
        moto_server.stop()
        localenv.forget_backend(state_dir)


if __name__ == "__main__":
    main()
