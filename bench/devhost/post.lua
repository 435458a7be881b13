-- wrk: POST one patient as JSON (the body comes from the BODY environment variable).
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"
