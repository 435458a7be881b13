"""The export phase's helpers for bench/memory/bench.sh (standard library only):

  save BASE COOKIE COUNT BODIES [CLIENTS]  saves COUNT predictions to the signed-in person's history through the API
                                           (POST /api/predict/{disease}, as the site sends them: with the explanation),
                                           the five diseases' example patients in turn from CLIENTS connections; fails
                                           unless every answer is 200 with history.saved
  peak PID HOST_PID                        polls the worker's resident set (VmRSS, RssAnon, RssFile, RssShmem) and
                                           private bytes, and DevHost's VmRSS, every 20 ms until SIGTERM, then prints
                                           the highest of each (MB, tab-separated, in that order)
  count FILE...                            checks that each export is one whole JSON document of the export format
                                           and prints its predictions, distinct ids, suggestions and size (bytes)

Nothing of a body or an answer is printed beyond counts: the patients are the API's own examples, but the rule that
health data never reaches a log holds here too."""
import http.client
import json
import os
import signal
import sys
import threading
import time
import urllib.parse

DISEASES = ["heart", "diabetes", "liver", "lung", "kidney"]


def save(base, cookie, count, bodies, clients=4):
    url, count = urllib.parse.urlsplit(base), int(count)
    payloads = {d: open(os.path.join(bodies, f"{d}.body"), "rb").read() for d in DISEASES}
    lock = threading.Lock()
    state = {"next": 0, "saved": 0, "failed": None}
    started = time.monotonic()

    def client():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        while True:
            with lock:
                if state["failed"] or state["next"] >= count:
                    return
                i = state["next"]
                state["next"] += 1
            disease = DISEASES[i % len(DISEASES)]
            connection.request("POST", f"/api/predict/{disease}", body=payloads[disease],
                               headers={"Content-Type": "application/json", "Cookie": cookie})
            response = connection.getresponse()
            answer = response.read()
            history = json.loads(answer).get("history", {}) if response.status == 200 else {}
            with lock:
                if not history.get("saved"):
                    # The status and the app's reason (a budget, storage): never a value of the patient.
                    state["failed"] = f"save {i + 1} ({disease}): HTTP {response.status}, saved={history.get('saved')}, reason={history.get('reason')}"
                    return
                state["saved"] += 1
                if state["saved"] % 1000 == 0:
                    print(f"  saved {state['saved']} in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)

    threads = [threading.Thread(target=client) for _ in range(int(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if state["failed"] or state["saved"] != count:
        sys.exit(state["failed"] or f"{state['saved']} of {count} saved")
    print(f"{state['saved']} predictions saved through the API in {time.monotonic() - started:.0f} s")


def peak(pid, host_pid):
    keys = ["VmRSS:", "RssAnon:", "RssFile:", "RssShmem:"]
    highest = [0.0] * (len(keys) + 2)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def kb(path, wanted):
        found = dict.fromkeys(wanted, 0)
        with open(path) as f:
            for line in f:
                name = line.split(":", 1)[0] + ":"
                if name in found:
                    found[name] += int(line.split()[1])
        return found

    while not stop.is_set():
        try:
            status = kb(f"/proc/{pid}/status", keys)
            rollup = kb(f"/proc/{pid}/smaps_rollup", ["Private_Clean:", "Private_Dirty:"])
            host = kb(f"/proc/{host_pid}/status", ["VmRSS:"])
        except (FileNotFoundError, ProcessLookupError):
            break
        now = [status[k] for k in keys] + [rollup["Private_Clean:"] + rollup["Private_Dirty:"], host["VmRSS:"]]
        highest = [max(h, n / 1024) for h, n in zip(highest, now)]
        stop.wait(0.02)
    print("\t".join(f"{h:.1f}" for h in highest))


def count(*files):
    for name in files:
        with open(name, "rb") as f:
            document = json.load(f)  # a document cut short does not parse
        if document.get("format") != "healthoracle-export/1":
            sys.exit(f"{name}: not an export (format {document.get('format')!r})")
        predictions = document["predictions"]
        ids = len({p["id"] for p in predictions})
        suggestions = sum(len(p.get("suggestions", [])) for p in predictions)
        print(f"{len(predictions)}\t{ids}\t{suggestions}\t{os.path.getsize(name)}")


if __name__ == "__main__":
    {"save": save, "peak": peak, "count": count}[sys.argv[1]](*sys.argv[2:])
