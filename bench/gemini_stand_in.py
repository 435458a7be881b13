"""A minimal stand-in for the Gemini API for benchmarks (the tests have the full one, Functions.Tests/TestSupport/GeminiStandIn.cs):
generateContent and streamGenerateContent answer a short reply, or twelve suggestions when JSON output is asked for.
Usage: python3 bench/gemini_stand_in.py <port>"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def candidate(text):
    return {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]}, "finishReason": "STOP", "index": 0}],
            "usageMetadata": {"promptTokenCount": 120, "candidatesTokenCount": 48, "totalTokenCount": 168},
            "modelVersion": "gemini-2.5-flash"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        request = json.loads(self.body() or b"{}")
        wants_json = (request.get("generationConfig") or {}).get("responseMimeType") == "application/json"
        text = json.dumps({"suggestions": [f"Suggestion {i}: talk to your doctor about screening." for i in range(1, 13)]}) if wants_json \
            else "**Stand-in reply.** General information only; see a health professional."
        body = json.dumps(candidate(text)).encode()
        if ":streamGenerateContent" in self.path:
            body = b"data: " + body + b"\r\n\r\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
        else:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def body(self):
        """The request's body, sent with a length or chunked (the .NET client streams its JSON chunked)."""
        if self.headers.get("Transfer-Encoding", "").lower() != "chunked":
            return self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = bytearray()
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(body)
            body += self.rfile.read(size)
            self.rfile.readline()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
