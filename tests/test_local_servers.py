"""Two `make run` in one checkout: the second says where the first is, or runs apart; the
CLI reaches the server whose folder it names, and a stale record never misleads it."""
import json
import os
import socket
import subprocess
import sys

import pytest

from ops import localenv

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def listening():
    """A port something answers on, standing in for a running moto backend."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


def _record(state_dir, endpoint, pid, site="http://127.0.0.1:8000"):
    localenv.write_backend_file({"AWS_ENDPOINT_URL": endpoint, "LANTERN_SITE_URL": site},
                                str(state_dir), pid=pid)


def _dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_second_server_in_the_same_folder_says_where_the_first_is(tmp_path, listening):
    _record(tmp_path, listening, os.getpid())
    result = subprocess.run([sys.executable, "-m", "ops.devserver", "--port", "0",
                             "--state-dir", str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert "already running from this checkout at http://127.0.0.1:8000/" in result.stderr
    assert f"process {os.getpid()}" in result.stderr
    assert "STATE_DIR=" in result.stderr  # how to run a second one apart


def test_a_stale_record_is_removed_and_never_reached(tmp_path, listening):
    _record(tmp_path, listening, _dead_pid())
    assert localenv.running_backend(str(tmp_path)) is None
    assert not (tmp_path / "backend.json").exists()
    localenv.claim_state_dir(str(tmp_path))  # nothing in the way any more


def test_a_record_whose_backend_does_not_answer_is_stale(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    _record(tmp_path, closed, os.getpid())
    assert localenv.running_backend(str(tmp_path)) is None


def test_stopping_leaves_a_later_servers_record_alone(tmp_path, listening):
    _record(tmp_path, listening, os.getpid())
    localenv.forget_backend(str(tmp_path), pid=os.getpid() + 1)
    assert json.loads((tmp_path / "backend.json").read_text())["LANTERN_DEVSERVER_PID"] == \
        str(os.getpid())
    localenv.forget_backend(str(tmp_path), pid=os.getpid())
    assert not (tmp_path / "backend.json").exists()


def test_servers_with_their_own_folders_run_apart(tmp_path, listening):
    first, second = tmp_path / "first", tmp_path / "second"
    _record(first, listening, os.getpid(), site="http://127.0.0.1:8000")
    _record(second, listening, os.getpid(), site="http://127.0.0.1:8001")
    assert localenv.running_backend(str(first))["LANTERN_SITE_URL"].endswith(":8000")
    assert localenv.running_backend(str(second))["LANTERN_SITE_URL"].endswith(":8001")


def test_the_cli_names_the_folder_it_looked_in(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ops.cli", "--state-dir", str(tmp_path),
                             "run-job", "close-stale"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert f"No local Lantern is running from {tmp_path}" in result.stderr


def test_a_failing_transaction_loses_no_write_made_meanwhile():
    """`make run` shares one moto among its web, stream, queue and job threads: a stream
    handler's transaction failing its condition must not put back a copy of the table
    taken before another thread's write (the lock of ops/backend.py, docs/pitfalls.md #19;
    without it about one write in a hundred was lost here)."""
    import threading

    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client("dynamodb", region_name="eu-west-1")
    client.create_table(TableName="race", BillingMode="PAY_PER_REQUEST",
                        KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}])
    for number in range(100):  # a table worth copying: the copy takes a while
        client.put_item(TableName="race", Item={"k": {"S": f"filler-{number}"}})
    stop = threading.Event()

    def failing_transactions():
        while not stop.is_set():
            try:
                client.transact_write_items(TransactItems=[{"Update": {
                    "TableName": "race", "Key": {"k": {"S": "other"}},
                    "UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"S": "1"}},
                    "ConditionExpression": "attribute_exists(k)"}}])
            except (ClientError, RuntimeError):  # cancelled (or, unlocked, moto's copy failing)
                pass

    worker = threading.Thread(target=failing_transactions)
    worker.start()
    try:
        lost = []
        for number in range(200):
            client.put_item(TableName="race", Item={"k": {"S": f"write-{number}"}})
            if "Item" not in client.get_item(TableName="race", Key={"k": {"S": f"write-{number}"}}):
                lost.append(number)
    finally:
        stop.set()
        worker.join()
    assert lost == []
