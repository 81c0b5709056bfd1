-- wrk script for bench/load/load_bench.py: picks each request's URL by weight from a URL file.
--
-- LOAD_URLS names a file of lines "kind<TAB>weight<TAB>path" (weight repeated on every line of
-- a kind; the first one read counts). Each request draws a kind by weight, then one of that
-- kind's paths at random. Every thread seeds its own generator from LOAD_SEED and its number, so
-- two runs send the same sequence of URLs per thread (what differs is how far they get).
-- done() prints one line "LOAD_RESULT {json}" that load_bench.py parses.

local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

local kinds = {}      -- { {name=, weight=, paths={...}}, ... } in file order
local total_weight = 0
local statuses = {}   -- status code (string) -> count, per thread
local sent = {}       -- kind -> requests built, per thread

function init(args)
  local path = os.getenv("LOAD_URLS")
  if not path then
    error("LOAD_URLS is not set")
  end
  local by_name = {}
  for line in io.lines(path) do
    local kind, weight, url = line:match("^([^\t]+)\t([^\t]+)\t(.+)$")
    if kind then
      local entry = by_name[kind]
      if not entry then
        entry = { name = kind, weight = tonumber(weight), paths = {} }
        by_name[kind] = entry
        table.insert(kinds, entry)
        total_weight = total_weight + entry.weight
      end
      table.insert(entry.paths, url)
    end
  end
  if total_weight <= 0 then
    error("no URLs in " .. path)
  end
  math.randomseed(tonumber(os.getenv("LOAD_SEED") or "1") * 1000 + thread_no)
end

function request()
  local r = math.random() * total_weight
  local chosen = kinds[#kinds]
  for _, entry in ipairs(kinds) do
    r = r - entry.weight
    if r < 0 then
      chosen = entry
      break
    end
  end
  sent[chosen.name] = (sent[chosen.name] or 0) + 1
  return wrk.format("GET", chosen.paths[math.random(#chosen.paths)])
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

local function encode_counts(t)
  local parts = {}
  for k, v in pairs(t) do
    table.insert(parts, string.format("%q:%d", k, v))
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

local function merge(into, from)
  for k, v in pairs(from or {}) do
    into[k] = (into[k] or 0) + v
  end
end

function done(summary, latency, requests)
  local all_statuses, all_sent = {}, {}
  for _, thread in ipairs(threads) do
    merge(all_statuses, thread:get("statuses"))
    merge(all_sent, thread:get("sent"))
  end
  local pct = {}
  for _, p in ipairs({ 50, 75, 90, 95, 99, 99.9 }) do
    table.insert(pct, string.format("%q:%d", tostring(p), latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format(
    "LOAD_RESULT {\"duration_us\":%d,\"requests\":%d,\"bytes\":%d," ..
    "\"errors\":{\"connect\":%d,\"read\":%d,\"write\":%d,\"status\":%d,\"timeout\":%d}," ..
    "\"latency_us\":{\"min\":%d,\"max\":%d,\"mean\":%.1f,\"stdev\":%.1f,\"percentiles\":{%s}}," ..
    "\"statuses\":%s,\"sent\":%s}\n",
    summary.duration, summary.requests, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.max, latency.mean, latency.stdev, table.concat(pct, ","),
    encode_counts(all_statuses), encode_counts(all_sent)))
end
