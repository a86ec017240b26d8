-- Loads :count joint research projects (psql -v count=50000) of a center that has run for about
-- seven years into a database whose schema project-service's Flyway migrations made, as the
-- service writes them: codes AIC-<year>-<sequence> per year (and the year counters), every status
-- and research area, titles and summaries in Chinese (7 in 10) or English, budgets (mostly CNY,
-- some USD and EUR), the lead and 0-4 other participants in every role, principal investigators,
-- 2-6 milestones each (DONE/MISSED in finished projects, some overdue in running ones), outcomes,
-- tags, and the status history. Partner ids come from a pool of 3,000 random ids (a few partners
-- take part in many projects): the reads measured here never ask partner-service about them.
\set ON_ERROR_STOP on

select setseed(0.2026);

create temporary table today as select (now() at time zone 'Asia/Shanghai')::date as d;

create temporary table partner_pool as select n, gen_random_uuid() as id from generate_series(0, 2999) n;

-- Research areas with their share (per cent, cumulative bound) and topics for titles.
create temporary table areas (n int, area text, upto int, zh text[], en text[]);
insert into areas values
    (1, 'COMPUTER_VISION', 16, '{视觉感知,目标检测,视频理解,工业视觉质检}', '{Visual Perception,Object Detection,Video Understanding,Visual Inspection}'),
    (2, 'NATURAL_LANGUAGE_PROCESSING', 34, '{大模型应用,智能问答,文本生成,信息抽取}', '{Large Language Model Applications,Question Answering,Text Generation,Information Extraction}'),
    (3, 'MACHINE_READING_COMPREHENSION', 40, '{机器阅读理解,政策文本理解,长文档问答,证据检索}', '{Machine Reading Comprehension,Policy Text Understanding,Long-Document QA,Evidence Retrieval}'),
    (4, 'MACHINE_TRANSLATION', 46, '{机器翻译,术语约束翻译,多语种翻译,语音翻译}', '{Machine Translation,Terminology-Constrained Translation,Multilingual Translation,Speech Translation}'),
    (5, 'SPEECH', 54, '{语音识别,方言识别,语音合成,语音交互}', '{Speech Recognition,Dialect Recognition,Speech Synthesis,Voice Interaction}'),
    (6, 'KNOWLEDGE_GRAPH', 62, '{知识图谱,企业图谱,图推理,知识融合}', '{Knowledge Graphs,Enterprise Graphs,Graph Reasoning,Knowledge Fusion}'),
    (7, 'SMART_CITY', 78, '{城市大脑,交通信号优化,城市事件感知,数字孪生}', '{City Brain,Traffic Signal Optimisation,Urban Event Sensing,Digital Twins}'),
    (8, 'AI_INFRASTRUCTURE', 86, '{算力调度,模型推理加速,训练平台,绿色算力}', '{Compute Scheduling,Inference Acceleration,Training Platforms,Green Computing}'),
    (9, 'RESPONSIBLE_AI', 91, '{算法公平性,可解释人工智能,隐私计算,模型安全评测}', '{Algorithmic Fairness,Explainable AI,Privacy-Preserving Computation,Model Safety Evaluation}'),
    (10, 'OTHER', 100, '{人工智能教育,智慧医疗,金融风控,智能制造}', '{AI Education,Smart Healthcare,Financial Risk Control,Smart Manufacturing}');

create temporary table scenarios (n int, zh text, en text);
insert into scenarios values
    (0, '城市治理', 'Urban Governance'), (1, '政务服务', 'Public Services'), (2, '智慧交通', 'Smart Transport'),
    (3, '社区养老', 'Elderly Care'), (4, '基础教育', 'School Education'), (5, '医疗健康', 'Healthcare'),
    (6, '普惠金融', 'Inclusive Finance'), (7, '先进制造', 'Advanced Manufacturing'), (8, '能源电力', 'Energy'),
    (9, '文化旅游', 'Culture and Tourism'), (10, '生态环境', 'Environment'), (11, '公共安全', 'Public Safety');

create temporary table kinds (n int, zh text, en text);
insert into kinds values (0, '联合研究', 'Joint Research'), (1, '关键技术研究', 'Key Technologies'),
    (2, '应用示范', 'Demonstration'), (3, '平台建设', 'Platform'), (4, '试点研究', 'Pilot Study');

create temporary table places (n int, zh text, en text);
insert into places values (0, '徐汇区', 'Xuhui'), (1, '闵行区', 'Minhang'), (2, '浦东新区', 'Pudong'),
    (3, '杨浦区', 'Yangpu'), (4, '长宁区', 'Changning'), (5, '静安区', 'Jing''an');

create temporary table affiliations (n int, zh text, en text, domain text);
insert into affiliations values
    (0, '上海交通大学', 'Shanghai Jiao Tong University', 'sjtu.example'), (1, '复旦大学', 'Fudan University', 'fudan.example'),
    (2, '同济大学', 'Tongji University', 'tongji.example'), (3, '华东师范大学', 'East China Normal University', 'ecnu.example'),
    (4, '上海徐汇人工智能研究院', 'Xuhui Institute of Artificial Intelligence', 'xhai.example'),
    (5, '上海仪电（集团）有限公司', 'INESA (Group) Co., Ltd.', 'inesa.example'),
    (6, '上海深言智能科技有限公司', 'Shanghai Shenyan Intelligent Technology Co., Ltd.', 'shenyan.example'),
    (7, '上海城市交通数据研究所', 'Shanghai Institute of Urban Transport Data', 'utd.example');

create temporary table people (n int, zh text, py text, en text);
insert into people select n, s || g, sp || '.' || gp, initcap(gp) || ' ' || initcap(sp)
from unnest('{王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗}'::text[],
            '{wang,li,zhang,liu,chen,yang,huang,zhao,wu,zhou,xu,sun,ma,zhu,hu,guo,he,gao,lin,luo}'::text[]) with ordinality a(s, sp, i)
cross join unnest('{伟,芳,娜,敏,静,磊,洋,艳,勇,杰,婷,浩,宇,欣怡,子涵,晓峰}'::text[],
                  '{wei,fang,na,min,jing,lei,yang,yan,yong,jie,ting,hao,yu,xinyi,zihan,xiaofeng}'::text[]) with ordinality b(g, gp, j)
cross join lateral (select ((a.i - 1) * 16 + b.j - 1)::int as n) k;

create temporary table tag_words (n int, tag text);
insert into tag_words select n - 1, t from unnest('{llm,rag,computer-vision,detection,video,speech,asr,tts,translation,
    knowledge-graph,smart-city,traffic,digital-twin,gpu,inference,green-computing,fairness,privacy,explainability,
    education,healthcare,finance,manufacturing,energy,pilot,dataset,open-source,政务服务,一网统管,一网通办,城市大脑,
    适老化,沪语,大模型,数据要素,产学研,国际合作,标准制定,benchmark,multimodal}'::text[]) with ordinality u(t, n);

-- The projects. Created over about seven years, more of them lately (the center grew); dates
-- follow from creation, the status from the dates.
create temporary table p as
with base as (
    select n, gen_random_uuid() as id,
           now() - (power(random(), 1.4) * 2550 + random()) * interval '1 day' as created_at,
           random() as r_area, random() as r_status, random() as r_lang, random() as r_budget, random() as r_cur,
           random() as r_pi, floor(random() * 4)::int as topic, floor(random() * 12)::int as scenario,
           floor(random() * 5)::int as kind, floor(random() * 6)::int as place,
           floor(3000 * power(random(), 2))::int as lead_idx, 1 + floor(random() * 599)::int as step,
           floor(random() * 320)::int as person, floor(random() * 8)::int as affiliation,
           14 + floor(random() * 120)::int as start_after, 180 + floor(random() * 900)::int as duration
    from generate_series(1, :count) n
), dated as (
    select b.*, (b.created_at at time zone 'Asia/Shanghai')::date + b.start_after as start_date,
           (b.created_at at time zone 'Asia/Shanghai')::date + b.start_after + b.duration as end_date,
           extract(year from b.created_at at time zone 'Asia/Shanghai')::int as year
    from base b
)
select d.*, a.area, a.zh[d.topic + 1] as topic_zh, a.en[d.topic + 1] as topic_en, d.r_lang < 0.7 as zh,
       case when d.start_date > t.d then (case when d.r_status < 0.6 then 'PROPOSED' when d.r_status < 0.9 then 'APPROVED' else 'CANCELLED' end)
            when d.end_date < t.d then (case when d.r_status < 0.85 then 'COMPLETED' else 'CANCELLED' end)
            else (case when d.r_status < 0.80 then 'ACTIVE' when d.r_status < 0.90 then 'ON_HOLD'
                       when d.r_status < 0.95 then 'APPROVED' else 'CANCELLED' end) end as status,
       row_number() over (partition by d.year order by d.created_at, d.n) as seq
from dated d
cross join today t
join areas a on a.n = (select min(x.n) from areas x where x.upto > floor(d.r_area * 100));

-- 2-6 milestones spread over the project's time; their status from the project's and the date.
create temporary table ms as
select gen_random_uuid() as id, m.id as project_id,
       case when m.zh then (array['需求调研与方案设计', '数据采集与标注', '原型系统开发', '模型训练与评测', '试点应用', '结题验收'])[m.slot]
            else (array['Requirements and design', 'Data collection and annotation', 'Prototype system',
                        'Model training and evaluation', 'Pilot deployment', 'Final review'])[m.slot] end as title,
       m.due as due_date, m.status,
       case when m.status = 'DONE' then least(m.today, m.due + (floor(m.r * 30)::int - 10)) end as completed_on,
       case when m.status in ('DONE', 'MISSED') then 2 when m.status = 'IN_PROGRESS' then 1 else 0 end::bigint as version
from (
    select p.id, p.zh, t.d as today, j, k, r,
           1 + (j * 6 - 1) / k as slot,
           p.start_date + ((p.end_date - p.start_date) * j / k) as due,
           case
               when p.status = 'COMPLETED' then case when r < 0.88 then 'DONE' else 'MISSED' end
               when p.status in ('PROPOSED', 'APPROVED') then 'PLANNED'
               when p.status = 'CANCELLED' then
                   case when p.start_date + ((p.end_date - p.start_date) * j / k) >= t.d then 'PLANNED'
                        when r < 0.7 then 'DONE' when r < 0.8 then 'MISSED' else 'PLANNED' end
               -- ACTIVE and ON_HOLD: a few past milestones still open (overdue), the next one under way
               when p.start_date + ((p.end_date - p.start_date) * j / k) < t.d - 30 then
                   case when r < 0.95 then 'DONE' when r < 0.98 then 'IN_PROGRESS' else 'PLANNED' end
               when p.start_date + ((p.end_date - p.start_date) * j / k) < t.d then
                   case when r < 0.6 then 'DONE' when r < 0.9 then 'IN_PROGRESS' else 'PLANNED' end
               when r < 0.3 then 'IN_PROGRESS'
               else 'PLANNED' end as status
    from p
    cross join today t
    cross join lateral (select 2 + (p.n * 7) % 5 as k) kk
    cross join lateral generate_series(1, kk.k) j
    cross join lateral (select random() + j * 0 as r) rr
) m;

-- The status history each project went through, by the loader, with dates along its life (never
-- after now).
create temporary table tr as
select p.id as subject_id, h.step, h.f, h.t, h.reason, least(now(), h.at) as at
from p
cross join lateral (
    select * from (values
        (1, 'PROPOSED', 'APPROVED', '立项评审通过', p.created_at + interval '10 days'),
        (2, 'APPROVED', 'ACTIVE', '合作协议签署，项目启动', (p.start_date::timestamp at time zone 'Asia/Shanghai') + interval '9 hours'),
        (3, 'ACTIVE', 'ON_HOLD', '等待试点场地与数据授权',
            greatest((p.start_date::timestamp at time zone 'Asia/Shanghai') + interval '1 day', now() - interval '20 days')),
        (4, 'ACTIVE', 'COMPLETED', '结题验收通过', (p.end_date::timestamp at time zone 'Asia/Shanghai') + interval '9 hours'),
        (5, 'PROPOSED', 'CANCELLED', '申请单位撤回申请', p.created_at + interval '20 days'),
        (6, 'ACTIVE', 'CANCELLED', '合作方调整计划，经协商终止项目',
            ((p.start_date + (least((select d from today), p.end_date) - p.start_date) / 2)::timestamp at time zone 'Asia/Shanghai') + interval '15 hours')
    ) v(step, f, t, reason, at)
    where (p.status = 'APPROVED' and step = 1)
       or (p.status = 'ACTIVE' and step in (1, 2))
       or (p.status = 'ON_HOLD' and step in (1, 2, 3))
       or (p.status = 'COMPLETED' and step in (1, 2, 4))
       or (p.status = 'CANCELLED' and p.start_date > (select d from today) and step = 5)
       or (p.status = 'CANCELLED' and p.start_date <= (select d from today) and step in (1, 2, 6))
) h;

-- Each change moved the project's version and update time, as the service does.
insert into projects (id, code, title, summary, research_area, status, start_date, end_date, budget_amount,
                      budget_currency, lead_partner_id, pi_name, pi_email, pi_affiliation, version,
                      created_at, updated_at, created_by, updated_by)
select p.id,
       'AIC-' || p.year || '-' || lpad(p.seq::text, greatest(4, length(p.seq::text)), '0'),
       case when p.zh then s.zh || p.topic_zh || k.zh
            else p.topic_en || ' for ' || s.en || ': ' || k.en end,
       case when p.zh then '本项目面向' || pl.zh || s.zh || '场景，研究' || p.topic_zh || '的关键技术，建设数据集与原型系统，'
                           || '在' || pl.zh || '开展试点应用并评估成效，形成可复制推广的解决方案和标准建议。'
            else 'The project studies ' || lower(p.topic_en) || ' for ' || lower(s.en) || ' in ' || pl.en
                 || ', builds a dataset and a prototype, pilots it with district partners and measures the results, '
                 || 'aiming at a solution other districts can adopt.' end,
       p.area, p.status, p.start_date, p.end_date,
       case when p.r_budget < 0.88 then
           case when p.r_cur < 0.96 then round(exp(ln(100000) + p.r_budget / 0.88 * ln(50)) / 1000) * 1000
                else round(exp(ln(15000) + p.r_budget / 0.88 * ln(50)) / 100) * 100 end end,
       case when p.r_budget < 0.88 then case when p.r_cur < 0.96 then 'CNY' when p.r_cur < 0.99 then 'USD' else 'EUR' end end,
       pp.id,
       case when p.r_pi < 0.9 then case when p.zh then pe.zh else pe.en end end,
       case when p.r_pi < 0.9 then pe.py || '@' || af.domain end,
       case when p.r_pi < 0.9 then case when p.zh then af.zh else af.en end end,
       coalesce(h.moves, 0) + coalesce(mv.moves, 0), p.created_at, greatest(p.created_at, h.last_at), 'bench-loader', 'bench-loader'
from p
left join (select subject_id, count(*) as moves, max(at) as last_at from tr group by subject_id) h on h.subject_id = p.id
left join (select project_id, sum(version) as moves from ms group by project_id) mv on mv.project_id = p.id
join scenarios s on s.n = p.scenario
join kinds k on k.n = p.kind
join places pl on pl.n = p.place
join partner_pool pp on pp.n = p.lead_idx
join people pe on pe.n = p.person
join affiliations af on af.n = p.affiliation;

insert into project_code_counters (year, last_value)
select year, max(seq) from p group by year;

-- The lead first with role LEAD, then 0-4 others (distinct: lead + j * step, step < 600).
insert into project_participants (project_id, partner_id, role, position)
select p.id, pp.id,
       case when j = 0 then 'LEAD'
            else (array['CO_RESEARCHER', 'CO_RESEARCHER', 'CO_RESEARCHER', 'CO_RESEARCHER', 'FUNDER', 'FUNDER',
                        'PILOT_SITE', 'PILOT_SITE', 'DATA_PROVIDER', 'DATA_PROVIDER'])[1 + floor(random() * 10)::int] end,
       j
from p
cross join lateral generate_series(0, (array[0, 1, 1, 1, 2, 2, 2, 3, 3, 4])[1 + p.n % 10]) j
join partner_pool pp on pp.n = (p.lead_idx + j * p.step) % 3000;

insert into project_tags (project_id, tag)
select p.id, tw.tag
from p
cross join lateral generate_series(1, (p.n * 13) % 6) j
join tag_words tw on tw.n = (p.n * 7 + j * (1 + p.n % 11) * 3) % 40
on conflict do nothing;

insert into project_milestones (id, project_id, title, due_date, status, completed_on, version)
select id, project_id, title, due_date, status, completed_on, version from ms;

insert into project_transitions (subject_id, from_status, to_status, reason, changed_by, changed_at)
select subject_id, f, t, reason, 'bench-loader', at from tr order by subject_id, step;

-- Outcomes: finished projects have 1-4, running ones 0-2.
insert into project_outcomes (id, project_id, type, title, outcome_on, url, version)
select gen_random_uuid(), p.id, o.type,
       case o.type when 'PAPER' then p.topic_en || ' in ' || s.en || ': Methods and Evaluation'
                   when 'PATENT' then '一种面向' || s.zh || '的' || p.topic_zh || '方法及系统'
                   when 'PRODUCT_TRANSFER' then p.topic_zh || '成果转化（' || s.zh || '）'
                   when 'DEMONSTRATION' then s.zh || p.topic_zh || '现场演示'
                   when 'DATASET' then s.zh || p.topic_zh || '数据集'
                   else p.topic_en || ' toolkit' end,
       least(t.d, p.start_date + ((p.end_date - p.start_date + 180) * o.j / 5)),
       case when o.type in ('PAPER', 'DATASET', 'OPEN_SOURCE')
            then 'https://papers.example.org/aic/' || p.year || '-' || p.seq || '-' || o.j end,
       0
from p
cross join today t
join scenarios s on s.n = p.scenario
cross join lateral (
    select j, (array['PAPER', 'PAPER', 'PAPER', 'PAPER', 'PATENT', 'PATENT', 'PRODUCT_TRANSFER', 'DEMONSTRATION',
                     'DATASET', 'OPEN_SOURCE'])[1 + (p.n * 3 + j * 7) % 10] as type
    from generate_series(1, case when p.status = 'COMPLETED' then 1 + p.n % 4
                                 when p.status in ('ACTIVE', 'ON_HOLD') then p.n % 3 else 0 end) j
) o;
