-- wrk script for bench/report.sh: POST /api/v1/funding/commitments with a unique Idempotency-Key per request.
-- Usage: wrk ... -H "X-API-Key: KEY" -s bench/commit.lua URL -- RUN_PREFIX TARGET
--   TARGET is either one fiche-action id (shape a: every request on that action, measure RECRUTER-01), or @FILE, a
--   file of "actionId measureCode" lines (shape b: each request picks one line at random and sends its measureCode).
-- Each wrk thread has its own Lua state: setup() numbers the threads, the key is RUN_PREFIX-thread-counter.
-- Status counts and done(): bench/wrk-common.lua.

dofile("bench/wrk-common.lua") -- setup(), response(), done(): thread numbering and status counts

local prefix
local targets = {}
local counter = 0

local function body_for(action, measure)
   return '{"actionId":"' .. action .. '","operator":"BPIFRANCE","measureCode":"' .. measure .. '","amountCents":100,'
      .. '"effectiveDate":"2020-03-10","beneficiaryName":"Roannais Agglomération","beneficiarySiret":"20003573100013"}'
end

function init(args)
   prefix = args[1] or "bench"
   local target = args[2] or error("commit.lua needs the action id or @file as second script argument")
   if string.sub(target, 1, 1) == "@" then
      for line in io.lines(string.sub(target, 2)) do
         local action, measure = string.match(line, "^(%S+)%s+(%S+)")
         if action then table.insert(targets, body_for(action, measure)) end
      end
      if #targets == 0 then error("commit.lua: no target in " .. target) end
   else
      targets = { body_for(target, "RECRUTER-01") }
   end
   math.randomseed(os.time() * 100 + tid)
   wrk.method = "POST"
   wrk.body = targets[1]
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   wrk.headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter
   if #targets > 1 then
      wrk.body = targets[math.random(#targets)]
   end
   return wrk.format()
end
