-- wrk script: post valid comment forms, each once, each with its own text, and count what
-- the site accepted. Used by bench/run.py.
--
-- BENCH_FORMS names a Lua file returning the forms, each {fields = "urlencoded hidden fields
-- with their single-use token", referer = "the article's address"}; threads take them in
-- turn (a form posted twice would be refused). BENCH_PREFIX starts every e-mail address, so
-- that the run can find its comments in the database. After BENCH_POST_SECONDS, requests
-- ask for a form token (BENCH_TOKEN_PATH; JSON answers, not counted) instead: the answers
-- of the last posts arrive while wrk still counts, so the database must hold exactly the
-- posts counted as accepted. A post is accepted when it answers 302 (back to the article,
-- where the comment awaits moderation); any other answer to a post is counted as refused.

local forms = dofile(os.getenv("BENCH_FORMS"))
local thread_count = tonumber(os.getenv("BENCH_THREADS") or "2")
local prefix = os.getenv("BENCH_PREFIX") or "bench-"
local post_seconds = tonumber(os.getenv("BENCH_POST_SECONDS") or "1000000")
local token_path = os.getenv("BENCH_TOKEN_PATH")
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  accepted, refused, sent = 0, 0, 0
  started = os.time()
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

function request()
  if os.time() - started >= post_seconds then
    return wrk.format("GET", token_path)
  end
  sent = sent + 1
  local form = forms[((sent - 1) * thread_count + id - 1) % #forms + 1]
  local tag = id .. "-" .. sent
  local body = form.fields
    .. "&name=" .. encode("Lecteur " .. tag)
    .. "&email=" .. encode(prefix .. tag .. "@example.com")
    .. "&website=&topic="
    .. "&body=" .. encode("Commentaire de charge " .. tag .. " : une remarque sur le réseau.")
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Referer"] = form.referer,
    ["Origin"] = form.referer:match("^(https?://[^/]+)"),
  }, body)
end

function response(status, headers, body)
  if status == 302 then
    accepted = accepted + 1
  elseif body:sub(1, 1) ~= "{" then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_accepted, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("accepted %d refused %d\n", total_accepted, total_refused))
end
