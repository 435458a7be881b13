-- wrk: POST 1 MB bodies, alternating (per thread) between the two files named by ABUSE_A and ABUSE_B:
-- the largest valid batch the route reads and a body the route must refuse.
local bodies = {}
for _, name in ipairs({ "ABUSE_A", "ABUSE_B" }) do
  local f = assert(io.open(os.getenv(name), "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[(n % #bodies) + 1])
end
