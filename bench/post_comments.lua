-- wrk script: post valid comment forms, each with its own text, and count what was accepted.
--
-- BENCH_FORMS names a Lua file (written by bench/run.py) returning a list of forms fetched
-- from the article page, each {cookie = "...", fields = "urlencoded hidden fields"}; each
-- form posts once (its token is single-use), in turn, as long as the pool lasts. A post is accepted when it answers 302 (back to the article, where the
-- comment awaits moderation); anything else is counted as refused.

local forms = dofile(os.getenv("BENCH_FORMS"))
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  accepted, refused, sent = 0, 0, 0
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function request()
  sent = sent + 1
  -- Threads take the forms in turn, each its own share: thread 1 the first, thread 2 the
  -- second... (a replayed form would be refused).
  local form = forms[((sent - 1) * thread_count + id - 1) % #forms + 1]
  local tag = id .. "-" .. sent
  local body = form.fields
    .. "&name=" .. encode("Lecteur " .. tag)
    .. "&email=" .. encode("bench-" .. tag .. "@example.com")
    .. "&website=&topic="
    .. "&body=" .. encode("Commentaire de charge " .. tag .. " : une remarque sur le réseau.")
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = form.cookie,
    ["Referer"] = form.referer,
    ["Origin"] = form.referer:match("^(https?://[^/]+)"),
  }, body)
end

function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local total_accepted, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("accepted %d refused %d\n", total_accepted, total_refused))
end
