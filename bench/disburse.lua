-- wrk script for bench/report.sh: POST /api/v1/funding/commitments/{id}/disbursements, a unique Idempotency-Key per
-- request, on a commitment picked at random per request, for a small random amount (1 to MAX_CENTS cents).
-- Usage: wrk ... -H "X-API-Key: KEY" -s bench/disburse.lua GATEWAY_URL -- RUN_PREFIX @FILE [MAX_CENTS]
--   FILE holds one commitment account id per line (the COMMITMENT account of the first commitment of each action).
-- done() prints the HTTP status codes seen, as "statuses: 201=1234 409=2", and the first refused response of each
-- thread as "error: STATUS BODY", for the report to check.

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("tid", next_id)
   table.insert(threads, thread)
end

local prefix, max_cents
local paths = {}
local counter = 0
local statuses = {}

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

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status >= 300 and first_error == nil then
      first_error = status .. " " .. string.sub((string.gsub(body or "", "%s+", " ")), 1, 300)
   end
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
   for _, thread in ipairs(threads) do
      local e = thread:get("first_error")
      if e then io.write("error: " .. e .. "\n") end
   end
end
