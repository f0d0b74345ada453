-- wrk script for bench/report.sh: POST /api/v1/funding/commitments/{id}/disbursements, a unique Idempotency-Key per
-- request, on a commitment picked at random per request, for a small random amount (1 to MAX_CENTS cents).
-- Usage: wrk ... -H "X-API-Key: KEY" -s bench/disburse.lua GATEWAY_URL -- RUN_PREFIX @FILE [MAX_CENTS]
--   FILE holds one commitment account id per line (the COMMITMENT account of the first commitment of each action).
-- Status counts and done(): bench/wrk-common.lua.

dofile("bench/wrk-common.lua") -- setup(), response(), done(): thread numbering and status counts

local prefix, max_cents
local paths = {}
local counter = 0

function init(args)
   prefix = args[1] or "bench-d"
   local file = args[2] or error("disburse.lua needs @FILE of commitment ids as second script argument")
   max_cents = tonumber(args[3] or "50")
   for line in io.lines((string.gsub(file, "^@", ""))) do
      local id = string.match(line, "^(%d+)")
      if id then table.insert(paths, "/api/v1/funding/commitments/" .. id .. "/disbursements") end
   end
   if #paths == 0 then error("disburse.lua: no commitment id in " .. file) end
   math.randomseed(os.time() * 100 + tid)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
end

function request()
   counter = counter + 1
   wrk.headers["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter
   local body = '{"amountCents":' .. math.random(max_cents) .. ',"effectiveDate":"2020-09-01","reference":"bench"}'
   return wrk.format("POST", paths[math.random(#paths)], nil, body)
end
