"""The sender against a real receiver on 127.0.0.1: headers, no redirects, timeouts, keep-alive."""

from __future__ import annotations

import threading

from services.webhooks.guard import GuardPolicy, parse_nets
from services.webhooks.sender import Request, Sender
from tests.support.receiver import Receiver

LOCAL = GuardPolicy(parse_nets(["127.0.0.0/8"]), allow_http=True)


def send(sender: Sender, url: str, count: int = 1, endpoint_id: int = 1):
    requests = [Request(i, endpoint_id, url, {"webhook-id": f"msg_{i}", "content-type": "application/json"},
                        b'{"type":"ping"}') for i in range(count)]
    done, running = sender.send_all(requests, wait=30)
    assert not running
    return done


def test_headers_body_and_keep_alive():
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=5, connections_per_endpoint=2)
    with Receiver() as receiver:
        results = send(sender, receiver.url, count=10)
        assert {r.status_code for r in results} == {200} and all(r.error is None for r in results)
        got = receiver.received()
        assert len(got) == 10 and got[0].body == b'{"type":"ping"}'
        port = receiver.url.split(":")[2].split("/")[0]
        assert got[0].headers["host"] == f"127.0.0.1:{port}" and got[0].headers["user-agent"].startswith("Annals")
        assert got[0].headers["content-type"] == "application/json"
        assert len(sender.lanes) == 1  # one endpoint: two lanes, their connections reused for all ten


def test_redirects_are_not_followed():
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=5)
    with Receiver(default=302) as receiver:
        receiver.script = [(302, {"Location": "http://169.254.169.254/"})]
        [result] = send(sender, receiver.url)
        assert result.status_code == 302 and len(receiver.received()) == 1


def test_retry_after_is_passed_on():
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=5)
    with Receiver() as receiver:
        receiver.script = [(503, {"Retry-After": "7"})]
        [result] = send(sender, receiver.url)
        assert (result.status_code, result.retry_after) == (503, "7")


def test_a_receiver_that_never_answers_times_out_and_the_sender_goes_on():
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=0.5)
    hold = threading.Event()
    with Receiver(hold=hold) as slow, Receiver() as fast:
        [late] = send(sender, slow.url)
        assert late.status_code is None and late.error.startswith("timed out") and 400 < late.latency_ms < 3000
        hold.set()
        assert send(sender, fast.url, endpoint_id=2)[0].status_code == 200
        slow.hold = None
        assert send(sender, slow.url)[0].status_code == 200  # a new connection replaced the abandoned one


def test_connection_refused_is_an_error_not_a_crash():
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=2)
    with Receiver() as receiver:
        url = receiver.url
    [result] = send(sender, url)  # the receiver is gone
    assert result.status_code is None and result.error.startswith("connection failed")


def test_the_deadline_starts_when_a_request_is_sent_not_while_it_waits_for_a_connection():
    # one connection per endpoint, each answer takes 0.6 s: the third request waits 1.2 s for its turn, longer
    # than the 1 s deadline, yet each exchange itself takes 0.6 s and must succeed
    sender = Sender(LOCAL, connect_timeout=1, total_timeout=1.0, connections_per_endpoint=1)
    with Receiver(delay=0.6) as receiver:
        results = send(sender, receiver.url, count=3)
    assert [r.status_code for r in results] == [200, 200, 200], [r.error for r in results]
    assert all(r.latency_ms < 1000 for r in results), "latency counted the wait for a connection"
