-- wrk script for bench/report.sh: GETs that present API keys in turn, so that the measure is of many clients (each
-- with its own rate limit and cache entry), not of one. Usage: wrk ... -s bench/keys.lua URL -- KEYS_FILE
-- (one API key per line). No response() callback: it would cost wrk more than the gateway spends on a read.

local keys = {}
local i = 0

function init(args)
   for line in io.lines(args[1] or error("keys.lua needs a file of API keys")) do
      if #line > 0 then table.insert(keys, line) end
   end
   if #keys == 0 then error("keys.lua: no key in " .. args[1]) end
   i = math.random(#keys)
end

function request()
   i = i % #keys + 1
   return wrk.format(nil, nil, { ["X-API-Key"] = keys[i] })
end
