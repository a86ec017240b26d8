-- POST /api/v1/partners with a valid body whose name and credit code are new on every request
-- (unique per phase, thread and counter), cycling through every type, tier and a few sectors.
-- Headers (Authorization, Content-Type) come from wrk's -H.
-- usage: wrk ... -s bench/lua/partner-create.lua URL
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local TYPES = { "GOVERNMENT_AGENCY", "STATE_OWNED_ENTERPRISE", "PRIVATE_ENTERPRISE", "STARTUP",
                "UNIVERSITY", "RESEARCH_INSTITUTE", "NON_PROFIT" }
local TIERS = { "STRATEGIC", "CORE", "COMMUNITY", "COMMUNITY" }
local SECTORS = { '["SMART_CITY"]', '["MANUFACTURING","ENERGY"]', '["HEALTHCARE","EDUCATION","PUBLIC_SERVICES"]',
                  '["FINANCE","RETAIL"]', '["TRANSPORTATION"]', '["OTHER"]' }
local DISTRICTS = { "徐汇区", "浦东新区", "闵行区", "杨浦区", "静安区", "嘉定区" }

-- GB 32100-2015 check character over the 31-character alphabet (as CreditCode.Validator).
local ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
local WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 }
local function credit_code(first17)
   local sum = 0
   for i = 1, 17 do
      sum = sum + (ALPHABET:find(first17:sub(i, i), 1, true) - 1) * WEIGHTS[i]
   end
   local check = (31 - sum % 31) % 31
   return first17 .. ALPHABET:sub(check + 1, check + 1)
end

-- warm-up and measurement create different partners: W... and M... (BENCH_PHASE w|m)
local phase = string.upper(os.getenv("BENCH_PHASE") or "x")
if not ALPHABET:find(phase, 1, true) then phase = "X" end
local n = 0

function request()
   n = n + 1
   local serial = string.format("%s%d%07d", phase, tid, n)
   local body = string.format([[{"name":"上海基准%s智能科技有限公司","nameEn":"Shanghai Bench %s Intelligent Technology Co., Ltd.",]] ..
      [["type":"%s","sectors":%s,"creditCode":"%s","website":"https://bench-%s.example.cn",]] ..
      [["address":{"district":"%s","city":"上海","province":"上海","country":"CN"},"tier":"%s",]] ..
      [["contacts":[{"name":"王芳","title":"合作总监","email":"wang.fang@bench-%s.example.cn","phone":"+86 21 5555 0100","primary":true},]] ..
      [[{"name":"李娜","title":"技术经理","email":"li.na@bench-%s.example.cn","phone":"+86 21 5555 0101","primary":false}],]] ..
      [["agreements":[{"type":"MOU","title":"人工智能创新中心合作备忘录","signedOn":"2025-03-01","expiresOn":"2028-02-29"}]}]],
      serial, serial, TYPES[n % #TYPES + 1], SECTORS[n % #SECTORS + 1], credit_code("91310104" .. serial),
      string.lower(serial), DISTRICTS[n % #DISTRICTS + 1], TIERS[n % #TIERS + 1], string.lower(serial), string.lower(serial))
   return wrk.format("POST", nil, nil, body)
end
