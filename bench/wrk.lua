-- wrk script for bench/load.sh: the request comes from environment variables, the summary is one JSON line.
--   METHOD (GET), BODY_FILE (a file sent as the body), CONTENT_TYPE, COOKIE, CSRF (the X-CSRFToken header),
--   HTMX=1 (the HX-Request header), ALTERNATE (two bodies separated by "|", sent in turn, e.g. nudges +1/-1).
-- The builder's nudge, as a page sends it:
--   COOKIES (cookie headers separated by "|", one per wrk thread: each thread is its own signed-in trainee, so
--   run one connection per thread), PAGE (the builder's address: each thread first GETs it, as a browser draws
--   the page, then adds `version=N` to every body, N read from the answer before, the way the page's forms
--   carry the version of the last answer). Any answer but 200 (a stale version is refused with 422) or one
--   without a version is an error; the summary counts both, and the whole-workspace answers apart (a nudge from
--   an up-to-date page should get only what changed, marked HX-Reswap: none).
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

local page = os.getenv("PAGE")
local cookies = {}
for each in (os.getenv("COOKIES") or ""):gmatch("[^|]+") do table.insert(cookies, each) end

local threads = {}
setup = function(thread)  -- runs in the main state, once per thread before any request
  table.insert(threads, thread)
  if #cookies > 0 then
    assert(#threads <= #cookies, "COOKIES needs one cookie header per thread")
    thread:set("cookie", cookies[#threads])
  end
end

init = function(args)  -- runs in each thread's own state
  if cookie then wrk.headers["Cookie"] = cookie end
  wrong_status, versionless, whole = 0, 0, 0
end

local bodies = {}
local alternate = os.getenv("ALTERNATE")
if alternate then
  local first, second = alternate:match("([^|]*)|(.*)")
  bodies = {first, second}
end

local turn = 0
local version = nil  -- the version of the thread's timeline, from the last answer (PAGE only)
local asked_page = false
if #bodies > 0 or page then
  request = function()
    if page and version == nil then
      asked_page = true
      return wrk.format("GET", page, {Cookie = wrk.headers["Cookie"]}, "")
    end
    asked_page = false
    local body = wrk.body
    if #bodies > 0 then
      turn = turn + 1
      body = bodies[(turn % 2 == 1) and 1 or 2]
    end
    if version then body = body .. "&version=" .. version end
    return wrk.format(nil, nil, nil, body)
  end
end

if page then
  response = function(status, headers, body)
    local found = body:match('name="version" value="(%d+)"')
    if found then version = found end
    if status ~= 200 then
      wrong_status = wrong_status + 1
    elseif not found then
      versionless = versionless + 1
    elseif not asked_page and headers["HX-Reswap"] ~= "none" then
      whole = whole + 1
    end
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  local failed = errors.connect + errors.read + errors.write + errors.timeout
  local checked = ""
  if page then
    local totals = {wrong_status = 0, versionless = 0, whole = 0}
    for _, thread in ipairs(threads) do
      for name, count in pairs(totals) do totals[name] = count + thread:get(name) end
    end
    failed = failed + totals.wrong_status + totals.versionless
    checked = string.format(', "wrong_status": %d, "versionless": %d, "whole": %d',
      totals.wrong_status, totals.versionless, totals.whole)
  else
    failed = failed + errors.status
  end
  io.write(string.format(
    '{"requests": %d, "rps": %.2f, "p50": %.2f, "p99": %.2f, "errors": %d%s}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, failed, checked))
end
