-- wrk script for bench/report.sh: POST /api/v1/funding/commitments with a unique Idempotency-Key per request.
-- Usage: wrk ... -H "X-API-Key: KEY" -s bench/commit.lua URL -- RUN_PREFIX ACTION_ID
-- Each wrk thread has its own Lua state: setup() numbers the threads, the key is RUN_PREFIX-thread-counter.
-- done() prints the HTTP status codes seen, as "statuses: 201=1234 409=2", for the report to check.

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("tid", next_id)
   table.insert(threads, thread)
end

local prefix, body
local counter = 0
local statuses = {}

function init(args)
   prefix = args[1] or "bench"
   local action = args[2] or error("commit.lua needs the action id as second script argument")
   body = '{"actionId":"' .. action .. '","operator":"BPIFRANCE","measureCode":"RECRUTER-01","amountCents":100,'
      .. '"effectiveDate":"2020-03-10","beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}'
   wrk.method = "POST"
   wrk.body = body
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   wrk.headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter
   return wrk.format()
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   -- thread:get copies plain values only, so keep a flat string up to date for done()
   local parts = {}
   for code, n in pairs(statuses) do
      table.insert(parts, code .. "=" .. n)
   end
   table.sort(parts)
   status_summary = table.concat(parts, " ")
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("status_summary")
      if s then
         for code, n in string.gmatch(s, "(%d+)=(%d+)") do
            total[code] = (total[code] or 0) + tonumber(n)
         end
      end
   end
   local parts = {}
   for code, n in pairs(total) do
      table.insert(parts, code .. "=" .. n)
   end
   table.sort(parts)
   io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
