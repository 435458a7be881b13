"""Saves one person's first prediction through the API and grows the history to --rows in the table
(seed-history.cs), then measures the worker's resident memory (VmRSS) around concurrent
exports of it: idle before, the peak while the exports stream, and idle after. Run by export-memory.sh."""
import argparse
import concurrent.futures
import json
import statistics
import subprocess
import threading
import time
import urllib.request

HEART = {"age": 63, "sex": 1, "cp": 1, "trestbps": 145, "chol": 233, "fbs": 1, "restecg": 2, "thalach": 150,
         "exang": 0, "oldpeak": 2.3, "slope": 3, "ca": 0, "thal": 6}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(api, person):
    body = f"user_id={person}&user_name={person}@example.org".encode()
    request = urllib.request.Request(f"{api}/.auth/login/aad", data=body, method="POST")
    try:
        urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:  # the 302 that carries the cookie
        cookie = redirect.headers["Set-Cookie"].split(";")[0]
        return cookie
    raise RuntimeError("sign-in did not redirect")


def save(api, cookie):
    request = urllib.request.Request(f"{api}/api/predict/heart?explain=false", data=json.dumps(HEART).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Cookie": cookie})
    with urllib.request.urlopen(request, timeout=120) as response:
        history = json.load(response)["history"]
    if not history["saved"]:
        raise RuntimeError(f"not saved: {history.get('reason')}")
    return history["id"]


def seed(storage, saved_id, rows):
    subprocess.run(["dotnet", "run", "bench/accounts/seed-history.cs", "--", storage, saved_id, str(rows)], check=True)


def export(api, cookie):
    started = time.monotonic()
    request = urllib.request.Request(f"{api}/api/me/export", headers={"Cookie": cookie})
    size = 0
    with urllib.request.urlopen(request, timeout=600) as response:
        while chunk := response.read(64 * 1024):
            size += len(chunk)
    return size, time.monotonic() - started


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def settled_rss(pid, seconds):
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(rss_mb(pid))
        time.sleep(0.1)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--api", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--exports", type=int, default=4)
    parser.add_argument("--person", required=True)
    parser.add_argument("--storage", required=True, help="the connection string of the worker's people table")
    args = parser.parse_args()

    cookie = sign_in(args.api, args.person)
    started = time.monotonic()
    seed(args.storage, save(args.api, cookie), args.rows)
    seeded = time.monotonic() - started

    status = urllib.request.Request(f"{args.api}/admin/host/status", headers={"x-functions-key": "bench-master-key"})
    pid = json.load(urllib.request.urlopen(status))["workerProcessId"]

    size, warm_seconds = export(args.api, cookie)  # compiles the export's code paths; not measured
    time.sleep(5)
    idle = settled_rss(pid, 3)

    peak = idle
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    with concurrent.futures.ThreadPoolExecutor(args.exports) as pool:
        results = list(pool.map(lambda _: export(args.api, cookie), range(args.exports)))
    done.set()
    sampler.join()
    time.sleep(10)
    after = settled_rss(pid, 3)

    sizes = {s for s, _ in results}
    print(f"{args.label}: {args.rows} predictions seeded in {seeded:.0f} s; export {size / 1e6:.1f} MB "
          f"(alone {warm_seconds:.1f} s; {args.exports} at once {max(t for _, t in results):.1f} s, sizes {sorted(sizes)}); "
          f"worker RSS idle {idle:.1f} MB, peak {peak:.1f} MB (+{peak - idle:.1f} MB), "
          f"10 s after {after:.1f} MB ({after - idle:+.1f} MB)")


if __name__ == "__main__":
    main()
