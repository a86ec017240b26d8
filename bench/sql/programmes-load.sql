-- Loads :count programmes (psql -v count=2000) of a training center that has run for some years
-- into a database whose schema training-service's Flyway migrations made, with their sessions
-- and enrolments, as the service writes them: every status, topic, format, level and language;
-- 15% PUBLISHED (the public catalogue), a quarter of those full with a short waitlist; the past
-- ones COMPLETED with certificates and some NO_SHOW. Status history rows are not loaded (no
-- measured request reads them). Partner ids are random: the reads measured here never ask
-- partner-service about them.
\set ON_ERROR_STOP on

select setseed(0.2026);

-- Per topic: a Chinese and an English stem for titles, and a line of description.
create temporary table topics (n int, topic text, zh text, en text, about_zh text, about_en text);
insert into topics values
    (1, 'AI_FUNDAMENTALS', '人工智能通识', 'AI Fundamentals', '人工智能的基本概念、能力边界与典型应用。', 'What AI is, what it can and cannot do, and where it is used.'),
    (2, 'MACHINE_LEARNING', '机器学习实战', 'Applied Machine Learning', '特征工程、树模型、模型评估与调参。', 'Feature engineering, tree models, evaluation and tuning.'),
    (3, 'DEEP_LEARNING', '深度学习', 'Deep Learning', '神经网络、卷积网络与 Transformer 的原理和训练技巧。', 'Neural networks, CNNs and transformers, and how to train them.'),
    (4, 'COMPUTER_VISION', '计算机视觉', 'Computer Vision', '目标检测、图像分割与工业视觉质检。', 'Detection, segmentation and visual inspection.'),
    (5, 'NLP', '自然语言处理与大模型', 'NLP and Large Language Models', '大模型应用开发、检索增强生成与评测。', 'Building LLM applications, retrieval-augmented generation and evaluation.'),
    (6, 'CLOUD_AI_PLATFORM', '云上人工智能平台', 'Cloud AI Platforms', '在云平台上训练、部署与运维模型。', 'Training, deploying and operating models on a cloud platform.'),
    (7, 'DATA_ENGINEERING', '数据工程', 'Data Engineering', '数据管道、湖仓架构与数据质量。', 'Data pipelines, lakehouses and data quality.'),
    (8, 'AI_FOR_GOVERNMENT', '人工智能政务应用', 'AI in Government', '政务服务与城市治理中的人工智能应用。', 'AI in public services and city operations.'),
    (9, 'RESPONSIBLE_AI', '可信与负责任人工智能', 'Responsible AI', '公平性、可解释性、隐私保护与合规。', 'Fairness, explainability, privacy and compliance.');

create temporary table kinds (n int, zh text, en text);
insert into kinds values (0, '研修班', 'Workshop'), (1, '训练营', 'Bootcamp'), (2, '高级研讨班', 'Seminar'),
    (3, '入门课程', 'Course'), (4, '进阶课程', 'Masterclass'), (5, '实战营', 'Clinic');

create temporary table venues (n int, place text);
insert into venues values (0, '徐汇区漕河泾 AI 创新中心 3 楼 301 培训室'), (1, '徐汇区漕河泾 AI 创新中心 5 楼 502 会议室'),
    (2, '上海交通大学徐汇校区 工程馆 201'), (3, '复旦大学邯郸校区 光华楼东辅楼 102'), (4, '闵行区紫竹高新区 创新服务中心 2 楼'),
    (5, '浦东新区张江人工智能岛 6 号楼 报告厅');

create temporary table people (n int, zh text, py text);
insert into people select n, s || g, sp || '.' || gp
from unnest('{王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗}'::text[],
            '{wang,li,zhang,liu,chen,yang,huang,zhao,wu,zhou,xu,sun,ma,zhu,hu,guo,he,gao,lin,luo}'::text[]) with ordinality a(s, sp, i)
cross join unnest('{伟,芳,娜,敏,静,磊,洋,艳,勇,杰,婷,浩,宇,欣怡,子涵,晓峰}'::text[],
                  '{wei,fang,na,min,jing,lei,yang,yan,yong,jie,ting,hao,yu,xinyi,zihan,xiaofeng}'::text[]) with ordinality b(g, gp, j)
cross join lateral (select (a.i - 1) * 16 + b.j as n) k;

-- 300 partner organisations participants come from (ids only; never looked up in this run).
create temporary table orgs as
select n, gen_random_uuid() as id, '上海' || (array['华','新','创','智','联','信','达','科','源','恒'])[1 + n % 10]
       || (array['云','海','天','中','东','方','星','光','明','安'])[1 + (n / 10) % 10] || '科技有限公司' as name
from generate_series(1, 300) n;

-- The programmes, numbered 1..count. Status by number: 10% DRAFT, 15% PUBLISHED, 5% IN_PROGRESS,
-- 60% COMPLETED, 10% CANCELLED; dates to match (past programmes over about three years).
create temporary table p as
select i, gen_random_uuid() as id,
       (case when i % 20 < 2 then 'DRAFT' when i % 20 < 5 then 'PUBLISHED' when i % 20 = 5 then 'IN_PROGRESS'
             when i % 20 < 18 then 'COMPLETED' else 'CANCELLED' end) as status,
       1 + (i * 7) % 9 as topic_n, (i / 9) % 6 as kind_n,
       (array['IN_PERSON','ONLINE','HYBRID'])[1 + i % 3] as format,
       (array['BEGINNER','INTERMEDIATE','ADVANCED'])[1 + (i / 3) % 3] as level,
       case when i % 10 in (3, 7, 9) then 'en' else 'zh' end as language,
       20 + ((i * 13) % 9) * 5 as capacity
from generate_series(1, :count) i;

alter table p add column start_date date, add column days int;
update p set days = 1 + i % 5,
    start_date = case status
        when 'COMPLETED' then current_date - 15 - (i * 7) % 1100
        when 'IN_PROGRESS' then current_date - i % 3
        when 'PUBLISHED' then current_date + 10 + (i * 11) % 150
        when 'DRAFT' then current_date + 40 + (i * 3) % 200
        else current_date - 200 + (i * 5) % 400 end;
-- an in-progress programme runs past today
update p set days = 5 + i % 20 where status = 'IN_PROGRESS';

insert into programmes (id, version, code, title, description, topic, format, level, language, capacity, location,
                        status, start_date, end_date, enrolment_deadline, instructors, host_partner_id,
                        created_at, updated_at, created_by, updated_by)
select p.id, case when p.status = 'DRAFT' then 0 else 2 end,
       'TRN-' || extract(year from c.created_at)::int || '-'
           || lpad((row_number() over (partition by extract(year from c.created_at) order by p.i))::text, 4, '0'),
       case when p.language = 'zh' then t.zh || k.zh || '（第' || (1 + p.i / 9 % 12) || '期）'
            else t.en || ' ' || k.en || ' (cohort ' || (1 + p.i / 9 % 12) || ')' end,
       case when p.language = 'zh' then t.about_zh else t.about_en end,
       t.topic, p.format, p.level, p.language, p.capacity,
       case when p.format = 'ONLINE' then null else (select place from venues where venues.n = p.i % 6) end,
       p.status, p.start_date, p.start_date + p.days - 1, p.start_date - 7,
       jsonb_build_array(jsonb_build_object('name', a.zh, 'email', a.py || '@aic-xuhui.example'))
           || case when p.i % 2 = 0 then jsonb_build_array(jsonb_build_object('name', b.zh, 'email', b.py || '.t@aic-xuhui.example'))
                   else '[]'::jsonb end,
       case when p.i % 3 = 0 then (select id from orgs where orgs.n = 1 + p.i % 300) end,
       c.created_at, c.created_at + interval '40 days', 'bench-loader', 'bench-loader'
from p
join topics t on t.n = p.topic_n
join kinds k on k.n = p.kind_n
join people a on a.n = 1 + p.i % 320
join people b on b.n = 1 + (p.i * 7) % 320
cross join lateral (select least(p.start_date - 60, current_date - 1)::timestamptz + interval '10 hours' as created_at) c;
update programmes set updated_at = least(updated_at, now());

-- The counters the service takes its next code from: after the numbers used here.
insert into programme_code_counters (year, last_number)
select substr(code, 5, 4)::int, max(substr(code, 10)::int) from programmes group by 1
on conflict (year) do update set last_number = greatest(programme_code_counters.last_number, excluded.last_number);

-- 1-4 sessions within each programme's days, Shanghai time.
insert into programme_sessions (id, version, programme_id, title, starts_at, ends_at, location,
                                created_at, updated_at, created_by, updated_by)
select gen_random_uuid(), 0, p.id,
       case when p.language = 'zh' then '第 ' || s || ' 讲' else 'Session ' || s end,
       ((p.start_date + (s - 1) % p.days) + make_time(8 + 3 * ((s - 1) / p.days), 0, 0)) at time zone 'Asia/Shanghai',
       ((p.start_date + (s - 1) % p.days) + make_time(10 + 3 * ((s - 1) / p.days), 0, 0)) at time zone 'Asia/Shanghai',
       case when p.format = 'ONLINE' then '线上' end,
       now(), now(), 'bench-loader', 'bench-loader'
from p cross join generate_series(1, 1 + p.i % 4) s;

-- Enrolments. Per programme: seat holders, waitlisted, cancelled. PUBLISHED: a quarter full with
-- 1-15 waiting, the rest 10-90% taken; IN_PROGRESS 80%; COMPLETED 60-100% (one in eight a
-- NO_SHOW, the rest COMPLETED with a certificate); CANCELLED: all cancelled; DRAFT: none.
create temporary table plan as
select p.id, p.i, p.status, p.start_date, p.capacity,
       case p.status when 'PUBLISHED' then case when p.i % 4 = 0 then p.capacity else p.capacity * (10 + (p.i * 37) % 81) / 100 end
                     when 'IN_PROGRESS' then p.capacity * 8 / 10
                     when 'COMPLETED' then p.capacity * (60 + (p.i * 29) % 41) / 100
                     else 0 end as holders,
       case when p.status = 'PUBLISHED' and p.i % 4 = 0 then 1 + p.i % 15 else 0 end as waiting,
       case p.status when 'DRAFT' then 0 when 'CANCELLED' then 5 + p.i % 20 else 1 + p.i % 4 end as cancelled
from p;

insert into enrolments (id, version, programme_id, participant_name, participant_email, participant_organisation,
                        participant_partner_id, status, waitlist_position, certificate_code, cancel_token_hash,
                        enrolled_at, completed_at, cancelled_at, created_at, updated_at, created_by, updated_by)
select gen_random_uuid(), 1, x.id, who.zh, who.py || j || '@learners.example.cn',
       case when j % 5 = 0 then '个人报名' else o.name end,
       case when j % 5 in (1, 2) then o.id end,
       x.st,
       case when x.st = 'WAITLISTED' then j - x.holders end,
       case when x.st = 'COMPLETED' then 'CERT-' || upper(substr(h, 1, 4) || '-' || substr(h, 5, 4) || '-' || substr(h, 9, 4)) end,
       encode(sha256(convert_to(x.id::text || j, 'UTF8')), 'hex'),
       case when x.st in ('ENROLLED', 'COMPLETED', 'NO_SHOW') then x.at end,
       case when x.st = 'COMPLETED' then least(x.start_date + 5, current_date)::timestamptz + interval '18 hours' end,
       case when x.st = 'CANCELLED' then least(x.at + interval '3 days', now()) end,
       x.at, least(x.at + interval '3 days', now()), 'bench-loader', 'bench-loader'
from (select plan.*, j,
             case when j <= holders then case status when 'COMPLETED' then case when j % 8 = 0 then 'NO_SHOW' else 'COMPLETED' end
                                                     else 'ENROLLED' end
                  when j <= holders + waiting then 'WAITLISTED'
                  else 'CANCELLED' end as st,
             least(start_date - 30 + (j % 20), current_date - 1)::timestamptz + interval '9 hours' + j * interval '1 minute' as at,
             md5(id::text || j) as h
      from plan cross join generate_series(1, holders + waiting + cancelled) j) x
join people who on who.n = 1 + (x.i * 31 + x.j) % 320
join orgs o on o.n = 1 + (x.i + x.j * 17) % 300;
