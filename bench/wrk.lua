-- wrk script for bench/load.sh: the request comes from environment variables, the summary is one JSON line.
--   METHOD (GET), BODY_FILE (a file sent as the body), CONTENT_TYPE, COOKIE, CSRF (the X-CSRFToken header),
--   HTMX=1 (the HX-Request header), ALTERNATE (two bodies separated by "|", sent in turn, e.g. nudges +1/-1).
local function read(path)
  local file = assert(io.open(path, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

wrk.method = os.getenv("METHOD") or "GET"
if os.getenv("BODY_FILE") then wrk.body = read(os.getenv("BODY_FILE")) end
if os.getenv("CONTENT_TYPE") then wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") end
if os.getenv("COOKIE") then wrk.headers["Cookie"] = os.getenv("COOKIE") end
if os.getenv("CSRF") then wrk.headers["X-CSRFToken"] = os.getenv("CSRF") end
if os.getenv("HTMX") then wrk.headers["HX-Request"] = "true" end

local alternate = os.getenv("ALTERNATE")
if alternate then
  local first, second = alternate:match("([^|]*)|(.*)")
  local turn = 0
  request = function()
    turn = turn + 1
    return wrk.format(nil, nil, nil, (turn % 2 == 1) and first or second)
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p99": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
