-- POST /api/v1/programmes/{id}/enrolments with a participant whose email is new on every request
-- (unique per phase, thread and counter), so every request is a real enrolment: with the
-- programme full, each one joins the end of its waitlist. No partnerId: partner-service is not
-- part of this measurement. Headers (Authorization, Content-Type) come from wrk's -H.
-- usage: wrk ... -s bench/lua/training-enrol.lua http://host:port/api/v1/programmes/<id>/enrolments
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" }
local GIVEN = { "伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "婷", "浩", "宇", "欣怡", "子涵" }
local ORGANISATIONS = { "上海市徐汇区大数据中心", "上海基准智能科技有限公司", "复旦大学计算机科学技术学院",
                        "上海市闵行区教育局", "上海汇金数智科技股份有限公司", "个人报名" }

-- warm-up and measurement enrol different people: w... and m... (BENCH_PHASE w|m)
local phase = string.lower(os.getenv("BENCH_PHASE") or "x")
local n = 0

function request()
   n = n + 1
   local body = string.format([[{"participant":{"name":"%s%s","email":"bench-%s%d-%d@learners.example.cn",]] ..
      [["organisation":"%s"}}]],
      SURNAMES[n % #SURNAMES + 1], GIVEN[(n * 7) % #GIVEN + 1], phase, tid, n, ORGANISATIONS[n % #ORGANISATIONS + 1])
   return wrk.format("POST", nil, nil, body)
end
