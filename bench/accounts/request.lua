-- wrk: one request from the environment: METHOD (default GET), BODY (JSON, optional), COOKIE (the
-- DevHost sign-in session, optional).
wrk.method = os.getenv("METHOD") or "GET"
local body = os.getenv("BODY")
if body and #body > 0 then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
local cookie = os.getenv("COOKIE")
if cookie and #cookie > 0 then
  wrk.headers["Cookie"] = cookie
end
