"""The deadline rush of bench/load.sh: a class's trainees answer every question of one assignment within a time box.

    python bench/rush.py http://127.0.0.1:PORT PREPARED.json SENT.json [--within 60] [--seed 13]

Each trainee (a signed-in session from bench/load_data.py) arrives at a random moment in the first third of the
time box, starts the assignment (as My assignments' Start does), and answers each question after a short pause, as a browser without JavaScript
would: GET the attempt page, read the question and a choice from its form, POST the answer (13 requests for 6
questions; the htmx flow would need 8, as its answer is answered with the next question). Every request is
timed. Prints one JSON line (requests, requests/s, p50, p99 in ms, errors) and writes
the answers sent and the answers acknowledged to SENT.json for `load_data.py count`. Standard library only;
every request has a 10 s timeout.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

QUESTION_FIELD = re.compile(r'name="question" value="(\d+)"')
CHOICE_FIELD = re.compile(r'name="choices" value="([0-9a-f]+)"')
ATTEMPT_PATH = re.compile(r"^/quizzes/attempts/(\d+)/$")


@dataclass
class Tally:
    """What every trainee saw, gathered under one lock."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: list[dict[str, int]] = field(default_factory=list)
    accepted: list[dict[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Trainee:
    host: str
    port: int
    cookies: str
    csrf: str
    tally: Tally

    def send(self, method: str, path: str, body: str = "") -> tuple[int, str, str]:
        headers = {"Cookie": self.cookies, "X-CSRFToken": self.csrf, "Host": f"{self.host}:{self.port}"}
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except OSError as error:
            self.record(time.perf_counter() - started, f"{method} {path}: {error}")
            raise
        finally:
            connection.close()
        status = response.status
        self.record(time.perf_counter() - started, None if status < 400 else f"{method} {path}: {status}")
        return status, response.getheader("Location") or "", text

    def record(self, seconds: float, error: str | None) -> None:
        with self.tally.lock:
            self.tally.latencies.append(seconds)
            if error:
                self.tally.errors.append(error)

    def take(self, assignment: int, questions: int, pauses: list[float]) -> None:
        status, location, _ = self.send("POST", f"/assignments/{assignment}/start/")
        match = ATTEMPT_PATH.match(urlsplit(location).path)
        if status != 302 or match is None:
            return
        attempt_path, attempt = match.group(0), int(match.group(1))
        for pause in pauses[:questions]:
            time.sleep(pause)
            _, _, page = self.send("GET", attempt_path)
            question, choice = QUESTION_FIELD.search(page), CHOICE_FIELD.search(page)
            if question is None or choice is None:
                self.record(0.0, f"GET {attempt_path}: no question form")
                return
            answer = {"attempt": attempt, "question": int(question[1])}
            with self.tally.lock:
                self.tally.sent.append(answer)
            status, _, _ = self.send(
                "POST", f"{attempt_path}answer/", f"question={question[1]}&choices={choice[1]}"
            )
            if status in (200, 302):
                with self.tally.lock:
                    self.tally.accepted.append(answer)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("prepared", type=Path)
    parser.add_argument("sent", type=Path)
    parser.add_argument("--within", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=13)
    arguments = parser.parse_args()
    prepared = json.loads(arguments.prepared.read_text())
    address = urlsplit(arguments.base_url)
    host, port = address.hostname or "127.0.0.1", address.port or 80
    assert host in {"127.0.0.1", "localhost"}, "the rush runs on loopback only"
    randomness = random.Random(arguments.seed)
    questions, within = prepared["questions"], arguments.within
    tally = Tally()
    cookie = f"{prepared['csrf_cookie']}={prepared['csrf_secret']}; {prepared['session_cookie']}="

    def trainee_run(session_key: str, arrival: float, pauses: list[float]) -> None:
        time.sleep(arrival)
        trainee = Trainee(host, port, cookie + session_key, prepared["csrf_secret"], tally)
        with contextlib.suppress(OSError):  # counted as an error by send()
            trainee.take(prepared["assignment"], questions, pauses)

    # Arrivals in the first third; the pauses spread the answers so the last lands before the time box ends.
    thinking = (within * 2 / 3 - 2) / questions
    threads = [
        threading.Thread(
            target=trainee_run,
            args=(
                key,
                randomness.uniform(0, within / 3),
                [randomness.uniform(0.2, thinking) for _ in range(questions)],
            ),
        )
        for key in prepared["trainees"]
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=within + 30)
    elapsed = time.perf_counter() - started
    arguments.sent.write_text(json.dumps({"sent": tally.sent, "accepted": tally.accepted}))
    summary = {
        "requests": len(tally.latencies),
        "rps": len(tally.latencies) / elapsed,
        "p50": statistics.median(tally.latencies) * 1000 if tally.latencies else 0.0,
        "p99": percentile(tally.latencies, 0.99) if tally.latencies else 0.0,
        "errors": len(tally.errors),
        "seconds": elapsed,
        "first_errors": tally.errors[:5],
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
