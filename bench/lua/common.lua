-- Shared by every bench/lua script (loaded with dofile): numbers the wrk threads, and at the end
-- prints one "BENCH key=value ..." line that bench/lib/common.sh parses.

local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("tid", threads)
end

-- Reads a file into a list of its non-empty lines.
function read_lines(path)
   local lines = {}
   local file = assert(io.open(path, "r"), "cannot read " .. tostring(path))
   for line in file:lines() do
      if line ~= "" then
         lines[#lines + 1] = line
      end
   end
   file:close()
   assert(#lines > 0, path .. " is empty")
   return lines
end

-- The same requests in a different order in each thread, so the threads do not march in step.
function shuffled(list, seed)
   math.randomseed(seed)
   local copy = {}
   for i, v in ipairs(list) do copy[i] = v end
   for i = #copy, 2, -1 do
      local j = math.random(i)
      copy[i], copy[j] = copy[j], copy[i]
   end
   return copy
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   io.write(string.format(
      "BENCH requests=%d rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
      summary.requests, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
