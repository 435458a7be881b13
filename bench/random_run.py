"""A random run over every route of the API, as an attacker's probe would send it (issue 24): methods, paths and path
tricks, headers (forged X-Forwarded-For, principal headers, origins, content types and charsets), cookies of two
people, tampered and none, and bodies valid, mutated, truncated, random or huge. Every request goes over its own raw
socket, so that nothing is tidied on the way. A finding is a 5xx other than a 503 problem, an error answer over 16 KB,
or no answer at all. Run by random-run.sh, which starts the app; prints a summary and exits 1 on any finding."""
import argparse
import collections
import concurrent.futures
import json
import random
import socket
import threading
import time
import urllib.parse

DISEASES = ["heart", "diabetes", "liver", "lung", "kidney"]
PATIENTS = {
    "heart": {"age": 63, "sex": 1, "cp": 1, "trestbps": 145, "chol": 233, "fbs": 1, "restecg": 2, "thalach": 150, "exang": 0,
              "oldpeak": 2.3, "slope": 3, "ca": 0, "thal": 6},
    "diabetes": {"pregnancies": 2, "glucose": 138, "blood_pressure": 62, "skin_thickness": 35, "insulin": 0, "bmi": 33.6,
                 "diabetes_pedigree": 0.127, "age": 47},
    "liver": {"age": 65, "gender": 0, "total_bilirubin": 0.7, "direct_bilirubin": 0.1, "alkaline_phosphotase": 187,
              "alamine_aminotransferase": 16, "aspartate_aminotransferase": 18, "total_proteins": 6.8, "albumin": 3.3,
              "albumin_globulin_ratio": 0.9},
    "lung": {"age": 55, "smoking_status": 1, "area_air_quality_index": 120, "alcohol_consumption": 0, "bmi": 27.5,
             "family_history": 1, "physical_activity_level": 2, "occupation_exposure": 0},
    "kidney": {"age": 48, "bp": 80},
}
MAX_ERROR_BYTES = 16 * 1024
EVIL_ORIGINS = ["https://evil.example", "null", "http://127.0.0.1:1", "http://site.test", ""]


class Run:
    def __init__(self, host, port, seed):
        self.host, self.port = host, port
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.by_route = collections.defaultdict(collections.Counter)
        self.findings = []
        self.cookies = {}
        self.ids = {}

    # --- one request over a raw socket -------------------------------------------------------------------------
    def send(self, method, target, headers, body=b"", declared_length=None, timeout=60):
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: close"]
        for name, value in headers:
            lines.append(f"{name}: {value}")
        if body or method in ("POST", "PUT", "PATCH") or declared_length is not None:
            lines.append(f"Content-Length: {len(body) if declared_length is None else declared_length}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "surrogateescape")
        with socket.create_connection((self.host, self.port), timeout=timeout) as connection:
            try:
                connection.sendall(head + body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed before the whole body went (a refused body): read its answer
            received = bytearray()
            while True:
                try:
                    chunk = connection.recv(65536)
                except ConnectionResetError:
                    break
                if not chunk:
                    break
                received += chunk
        return parse(bytes(received))

    # --- the people and their data -----------------------------------------------------------------------------
    def setup(self):
        for person in ("a", "b"):
            status, headers, _ = self.send("POST", "/.auth/login/aad", [("Content-Type", "application/x-www-form-urlencoded")],
                                           f"user_id=random-run-{person}&user_name={person}@example.org".encode())
            assert status == 302, status
            self.cookies[person] = headers["set-cookie"].split(";")[0]
            self.ids[person] = []
            for disease in DISEASES[:3]:
                status, _, body = self.send("POST", f"/api/predict/{disease}", [("Content-Type", "application/json"), ("Cookie", self.cookies[person])],
                                            json.dumps(PATIENTS[disease]).encode())
                answer = json.loads(body)
                if answer.get("history", {}).get("saved"):
                    self.ids[person].append(answer["history"]["id"])

    # --- random requests ---------------------------------------------------------------------------------------
    def one(self, number):
        r = random.Random(self.random.random() + number)
        route, method, target, headers, body, declared = self.build(r)
        try:
            status, answer_headers, answer = self.send(method, target, headers, body, declared, timeout=90)
        except (socket.timeout, OSError) as error:
            self.record(route, "no answer", f"{method} {target[:120]}: {type(error).__name__}")
            return
        self.check(route, method, target, status, answer_headers, answer)

    def build(self, r):
        routes = ["predict", "schema", "what-if", "health", "openapi", "chat", "suggestions", "me", "profile", "predictions",
                  "prediction", "suggestion", "export", "auth", "admin", "refresh", "unknown",
                  "page-predict", "page-what-if", "page-chat", "page-suggestions", "page-history", "page-saved"]
        route = r.choice(routes)
        disease = r.choice(DISEASES + ["HEART", "spleen", "heart%2f..", "..%2fhealth", ""])
        person = r.choice(["a", "b", None, "tampered", "garbage"])
        cookie = {"a": self.cookies["a"], "b": self.cookies["b"], None: None,
                  "tampered": self.cookies["a"][:-3] + "AAA", "garbage": "AppServiceAuthSession=" + "x" * r.randint(0, 5000)}[person]
        owner = r.choice(["a", "b"])
        some_id = r.choice(self.ids[owner] + ["0" * 27, "x", "../me", "%2e%2e", "9" * 19 + "zzzzzzzz", "a" * 400]) if self.ids[owner] else "0" * 27
        method = r.choice(["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]) if r.random() < 0.3 else None
        query = ""
        body = b""
        kind = r.choice(["json", "form", "multipart", "random", "none"])
        if route == "predict":
            method = method or "POST"
            path = f"/api/predict/{disease}"
            query = r.choice(["", "?save=false", "?save=maybe", "?explain=false", "?save=true&save=false", "?explain=1&explain=0"])
            body = self.patient_body(r, disease, kind)
        elif route == "schema":
            method, path = method or "GET", f"/api/predict/{disease}"
        elif route == "what-if":
            method, path = method or "POST", f"/api/predict/{disease}/what-if"
            body = self.json_body(r, {"patient": PATIENTS.get(disease, {}), "changes": {"chol": r.choice([180, -1, "x", None])}})
            kind = "json"
        elif route == "page-predict":
            method, path = method or "POST", f"/api/pages/predict/{disease}"
            query = r.choice(["", "?save=false", "?save=maybe", "?explain=false"])
            kind = r.choice(["form", "multipart", "random", "json"])
            body = self.patient_body(r, disease, kind)
        elif route == "page-what-if":
            method, path = method or "POST", f"/api/pages/predict/{disease}/what-if"
            kind = r.choice(["form", "random"])
            body = self.patient_body(r, disease, "form") + r.choice([b"&change_chol=180", b"&change_chol=x", b"", b"&change_" + b"y" * 300 + b"=1"])
        elif route == "page-chat":
            method, path = method or "POST", "/api/pages/chat"
            body, kind = self.chat_form(r, some_id), "form"
        elif route == "page-suggestions":
            method, path = method or "POST", "/api/pages/suggestions"
            body = r.choice([f"predictionId={some_id}", "prediction=" + urllib.parse.quote(json.dumps({"disease": disease, "riskPercentage": 40, "inputs": {"age": 50}})),
                             "prediction=%7B", ""]).encode()
            kind = "form"
        elif route == "page-history":
            method, path = method or "GET", "/api/pages/history"
            query = "?" + urllib.parse.urlencode({"pageSize": r.choice(["1", "100", "101", "-1", "x"]), "continuation": some_id,
                                                  "disease": r.choice(DISEASES + ["x", "<b>"])})
        elif route == "page-saved":
            method, path = method or "GET", f"/api/pages/predictions/{some_id}"
        elif route == "health":
            method, path = method or "GET", "/api/health"
        elif route == "openapi":
            method, path = method or "GET", "/api/openapi.json"
        elif route == "chat":
            method, path = method or "POST", "/api/chat"
            body, kind = self.chat_body(r, some_id)
        elif route == "suggestions":
            method, path = method or "POST", "/api/chat/suggestions"
            body = self.json_body(r, r.choice([{"predictionId": some_id}, {"prediction": {"disease": disease, "riskPercentage": r.choice([12.5, 200, "x"]),
                                                                                            "inputs": {"age": 40}}}, {}]))
            kind = "json"
        elif route == "me":
            method, path = method or r.choice(["GET", "DELETE"]), "/api/me"
        elif route == "profile":
            method, path = method or "PUT", "/api/me/profile"
            body = self.json_body(r, {"dateOfBirth": r.choice(["1961-03-15", "2999-01-01", "x", None]), "sex": r.choice(["female", "x", None]),
                                      "bloodGroup": r.choice(["O+", "Z", None])})
            kind = "json"
        elif route == "predictions":
            method, path = method or "GET", "/api/me/predictions"
            query = "?" + urllib.parse.urlencode({"pageSize": r.choice(["1", "100", "101", "-1", "x"]), "continuation": some_id,
                                                  "disease": r.choice(DISEASES + ["x"])})
        elif route == "prediction":
            method, path = method or r.choice(["GET", "DELETE"]), f"/api/me/predictions/{some_id}"
        elif route == "suggestion":
            method, path = method or "PATCH", f"/api/me/predictions/{some_id}/suggestions/{r.choice(['00', '03', '99', 'x'])}"
            body = self.json_body(r, {"read": r.choice([True, False, "yes", None])})
            kind = "json"
        elif route == "export":
            method, path = method or "GET", "/api/me/export"
        elif route == "auth":
            method = method or r.choice(["GET", "POST"])
            path = r.choice(["/.auth/login/aad", "/.auth/me", "/.auth/logout", "/.auth/login/google", "/.auth/x"])
            query = r.choice(["", "?post_login_redirect_uri=https://evil.example/", "?post_login_redirect_uri=//evil", "?post_logout_redirect_uri=/x"])
            body = r.choice([b"user_id=x&user_name=y", b"user_id=&user_name=", bytes(r.getrandbits(8) for _ in range(r.randint(0, 200)))])
            kind = r.choice(["form", "multipart", "random"])
        elif route == "admin":
            method, path = method or r.choice(["GET", "POST"]), r.choice(["/admin/host/status", "/admin/functions/WarmUp", "/admin/x"])
        elif route == "refresh":
            method, path = method or "POST", "/api/models/refresh"
        else:
            method = method or r.choice(["GET", "POST"])
            path = r.choice(["/api/", "/api//predict//heart", "/api/predict/heart/", "/api/%2e%2e/admin/host/status", "/api/me/predictions/" + "x" * 3000,
                             "/api/predict/heart/what-if/x", "/", "/favicon.ico", "/api/predict/%E2%98%83"])

        headers = []
        content_type = {"json": "application/json", "form": "application/x-www-form-urlencoded",
                        "multipart": "multipart/form-data; boundary=" + r.choice(["b", "x" * 80, "", "\"q\""]),
                        "random": r.choice(["text/plain", "application/json; charset=utf-16", "application/json; charset=latin1", "application/xml", "*/*"]),
                        "none": None}[kind]
        if content_type:
            headers.append(("Content-Type", content_type))
        if kind == "multipart" and route == "predict" and r.random() < 0.5:
            body = multipart(PATIENTS.get(disease, {}), "b")
            headers[-1] = ("Content-Type", "multipart/form-data; boundary=b")
        headers.append(("Accept", r.choice(["application/json", "text/html", "text/event-stream", "*/*", "text/html;q=0.1, application/json"])))
        if cookie:
            headers.append(("Cookie", cookie))
        if r.random() < 0.3:
            headers.append(("X-Forwarded-For", r.choice(["198.51.100.7", "203.0.113.9, 10.0.0.1", "unknown", "x" * 500])))
        if r.random() < 0.15:
            headers.append(("X-MS-CLIENT-PRINCIPAL-ID", r.choice(["random-run-a", "random-run-b", "admin"])))
            headers.append(("X-MS-CLIENT-PRINCIPAL-IDP", "aad"))
        if r.random() < 0.3:
            origin = r.choice(EVIL_ORIGINS)
            if origin:
                headers.append(("Origin", origin))
            headers.append(("Sec-Fetch-Site", r.choice(["cross-site", "same-site", "same-origin", "none"])))
        if r.random() < 0.05:
            headers.append(("X-Probe", r.choice(["caf\udce9", "\udcff\udcfe", "a\tb"])))  # bytes outside visible ASCII
        if r.random() < 0.05:
            headers.append(("X-Long", "y" * r.randint(1000, 40000)))  # past 32 KB of headers: Kestrel's 431
        declared = None
        if r.random() < 0.002 and body:
            declared = len(body) + r.randint(1, 20)  # a body that stops short of its length: a stall, answered 408
        if method in ("GET", "HEAD", "OPTIONS", "DELETE") and r.random() < 0.8:
            body = b""
        return route, method, path + query, headers, body, declared

    def patient_body(self, r, disease, kind):
        patient = dict(PATIENTS.get(disease, PATIENTS["heart"]))
        if kind == "form":
            pairs = list(patient.items())
            if r.random() < 0.5:
                pairs.append((r.choice(["age", "x" * 300, "", "%%"]), r.choice(["", "abc", "1e308", "-5", "\u00e9"])))
            return "&".join(f"{k}={v}" for k, v in pairs).encode("utf-8")
        if kind == "random":
            return bytes(r.getrandbits(8) for _ in range(r.randint(0, 3000)))
        shape = r.random()
        if shape < 0.1:
            return json.dumps([patient] * r.randint(0, 1200)).encode()
        if shape < 0.15:
            return ("[" * r.randint(1, 200) + "]" * r.randint(0, 200)).encode()
        if shape < 0.2:
            return json.dumps({f"f{i}": i for i in range(r.randint(100, 20000))}).encode()
        return self.json_body(r, patient)

    def chat_form(self, r, some_id):
        turn = r.choice(["'" * 1000, "a" * 800, "x", "<script>alert(1)</script>"])
        form = "message=" + r.choice(["hi", "", "a" * 2500]) + "".join(f"&history_user={turn}&history_model={turn}" for _ in range(r.randint(0, 40)))
        if r.random() < 0.3:
            form += f"&predictionId={some_id}"
        if r.random() < 0.2:
            form += "&prediction=" + r.choice(["%7B", urllib.parse.quote(json.dumps({"disease": "heart", "riskPercentage": 40, "inputs": {"age": 50}}))])
        return form.encode()

    def chat_body(self, r, some_id):
        if r.random() < 0.2:
            return self.chat_form(r, some_id), "form"
        request = {"message": r.choice(["How can I sleep better?", "", "a" * 2500, None, 5]),
                   "history": [{"role": r.choice(["user", "model", "system"]), "text": r.choice(["hi", "x" * 900])} for _ in range(r.randint(0, 25))]}
        if r.random() < 0.3:
            request["predictionId"] = some_id
        if r.random() < 0.2:
            request["prediction"] = {"disease": r.choice(DISEASES), "riskPercentage": 40, "inputs": {"age": 50}}
        return self.json_body(r, request), "json"

    def json_body(self, r, value):
        text = json.dumps(value).encode()
        roll = r.random()
        if roll < 0.55:
            return text
        if roll < 0.7:
            return text[: r.randint(0, len(text))]
        if roll < 0.85:
            mutated = bytearray(text)
            for _ in range(r.randint(1, 8)):
                if mutated:
                    mutated[r.randrange(len(mutated))] = r.getrandbits(8)
            return bytes(mutated)
        if roll < 0.92:
            return text.replace(b'"', b'"\\ud800', 1)  # a lone surrogate in a name
        return b"\xef\xbb\xbf" + text  # a byte order mark

    # --- checks ------------------------------------------------------------------------------------------------
    def check(self, route, method, target, status, headers, body):
        problem = None
        if status is None:
            problem = "no status line"
        elif status >= 500:
            if status == 503 and "problem+json" in headers.get("content-type", "") and headers.get("content-length", "1") != "0":
                pass  # documented: a model or people's storage that cannot be reached now, a worker restarting
            else:
                problem = f"{status}: {body[:300]!r}"
        if status is not None and status >= 400 and len(body) > MAX_ERROR_BYTES:
            problem = f"{status} of {len(body)} bytes"
        self.record(route, status, None if problem is None else f"{method} {target[:120]}: {problem}")

    def record(self, route, status, finding):
        with self.lock:
            self.statuses[status] += 1
            self.by_route[route][status] += 1
            if finding:
                self.findings.append(finding)


def parse(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None, {}, raw
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        decoded, rest = bytearray(), body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            size = int(size_line.split(b";")[0] or b"0", 16)
            if size == 0:
                break
            decoded += rest[:size]
            rest = rest[size + 2:]
        body = bytes(decoded)
    return status, headers, body


def multipart(fields, boundary):
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n" for k, v in fields.items()]
    return ("".join(parts) + f"--{boundary}--\r\n").encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    run = Run("127.0.0.1", args.port, args.seed)
    run.setup()
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(args.concurrency) as pool:
        list(pool.map(run.one, range(args.requests)))
    seconds = time.monotonic() - started
    five = sum(n for s, n in run.statuses.items() if isinstance(s, int) and s >= 500)
    print(f"{args.requests} requests in {seconds:.0f} s (seed {args.seed}, concurrency {args.concurrency}): "
          f"{len(run.findings)} findings; 5xx {five} (all 503 problems unless listed); statuses "
          + ", ".join(f"{s}: {n}" for s, n in sorted(run.statuses.items(), key=lambda i: str(i[0]))))
    for route in sorted(run.by_route):
        print(f"  {route:12} " + ", ".join(f"{s}: {n}" for s, n in sorted(run.by_route[route].items(), key=lambda i: str(i[0]))))
    for finding in run.findings[:50]:
        print("FINDING " + finding)
    raise SystemExit(1 if run.findings else 0)


if __name__ == "__main__":
    main()
