-- Shared by bench/commit.lua and bench/disburse.lua (loaded with dofile, from the repository root as report.sh runs):
-- numbers the wrk threads (each has its own Lua state: "tid" in it), counts the HTTP statuses each thread saw, and
-- done() prints them as "statuses: 201=1234 409=2" and the first refused response of each thread as
-- "error: STATUS BODY", for the report to check.

threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("tid", next_id)
   table.insert(threads, thread)
end

statuses = {}

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status >= 300 and first_error == nil then
      first_error = status .. " " .. string.sub((string.gsub(body or "", "%s+", " ")), 1, 300)
   end
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
   for _, thread in ipairs(threads) do
      local e = thread:get("first_error")
      if e then io.write("error: " .. e .. "\n") end
   end
end
