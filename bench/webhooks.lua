-- wrk script: POSTs pre-signed Cloud API webhooks, each thread from its own file
-- ("<prefix>-<thread>.txt", lines "signature TAB body", written by IngestBench prepare).
-- usage: wrk -t2 -c32 -d20s --latency -s bench/webhooks.lua <url> -- <dir>/<prefix>
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end

local signatures, bodies, next = {}, {}, 0
function init(args)
  for line in io.lines(args[1] .. "-" .. number .. ".txt") do
    local tab = line:find("\t", 1, true)
    signatures[#signatures + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
end

function request()
  next = next % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = "sha256=" .. signatures[next] }, bodies[next])
end
