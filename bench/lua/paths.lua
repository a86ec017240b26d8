-- GET requests over the paths listed in a file (one per line, e.g. /api/v1/partners/<id>),
-- each thread in its own random order. Headers (Authorization) come from wrk's -H.
-- usage: wrk ... -s bench/lua/paths.lua URL -- PATHS_FILE
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local requests
local n = 0
local count

function init(args)
   local paths = shuffled(read_lines(args[1]), os.time() * 100 + tid)
   -- at most 20,000 requests formatted up front per thread: plenty to avoid any cache effect
   requests = {}
   for i = 1, math.min(#paths, 20000) do
      requests[i] = wrk.format("GET", paths[i])
   end
   count = #requests
end

function request()
   n = n % count + 1
   return requests[n]
end
