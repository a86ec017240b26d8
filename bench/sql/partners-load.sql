-- Loads :count realistic partners (psql -v count=100000) into a database whose schema
-- partner-service's Flyway migrations made: every type, status and tier, 1-3 sectors each,
-- contacts and agreements as the service writes them, audit columns, version 0.
-- Names are unique: each carries a trade name (字号) made from its number, 3 characters for the
-- first 125,000 partners and 4 past them (the first three again, and one more), so up to 6,375,000.
-- The same number also gives a unique credit code.
\set ON_ERROR_STOP on

select setseed(0.2026);

-- A Unified Social Credit Code from its first 17 characters: GB 32100-2015 check character.
create function pg_temp.credit_code(first17 text) returns text language sql immutable as $$
    select first17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (1 + (31 - total % 31) % 31)::int, 1)
    from (select sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, k::int, 1)) - 1) * w) as total
          from unnest('{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}'::int[]) with ordinality as t(w, k)) s
$$;

-- 50 characters common in Chinese trade names, with their pinyin for the English names.
create temporary table trade_chars as
select * from unnest(
    string_to_array('华,新,创,智,联,信,达,科,源,恒,泰,瑞,宏,博,睿,云,海,天,中,东,方,星,光,明,安,正,通,汇,德,盛,和,鑫,嘉,锐,卓,远,航,启,晨,思,图,数,灵,越,峰,誉,弘,逸,腾,立', ','),
    string_to_array('Hua,Xin,Chuang,Zhi,Lian,Xin,Da,Ke,Yuan,Heng,Tai,Rui,Hong,Bo,Rui,Yun,Hai,Tian,Zhong,Dong,Fang,Xing,Guang,Ming,An,Zheng,Tong,Hui,De,Sheng,He,Xin,Jia,Rui,Zhuo,Yuan,Hang,Qi,Chen,Si,Tu,Shu,Ling,Yue,Feng,Yu,Hong,Yi,Teng,Li', ',')
) with ordinality as c(zh, py, n);

-- Where partners are: mostly Shanghai's districts (with their administrative codes for credit codes).
create temporary table places (n int, province text, city text, city_en text, district text, code text);
insert into places values
    (1, '上海', '上海', 'Shanghai', '黄浦区', '310101'), (2, '上海', '上海', 'Shanghai', '徐汇区', '310104'),
    (3, '上海', '上海', 'Shanghai', '长宁区', '310105'), (4, '上海', '上海', 'Shanghai', '静安区', '310106'),
    (5, '上海', '上海', 'Shanghai', '普陀区', '310107'), (6, '上海', '上海', 'Shanghai', '虹口区', '310109'),
    (7, '上海', '上海', 'Shanghai', '杨浦区', '310110'), (8, '上海', '上海', 'Shanghai', '闵行区', '310112'),
    (9, '上海', '上海', 'Shanghai', '宝山区', '310113'), (10, '上海', '上海', 'Shanghai', '嘉定区', '310114'),
    (11, '上海', '上海', 'Shanghai', '浦东新区', '310115'), (12, '上海', '上海', 'Shanghai', '金山区', '310116'),
    (13, '上海', '上海', 'Shanghai', '松江区', '310117'), (14, '上海', '上海', 'Shanghai', '青浦区', '310118'),
    (15, '上海', '上海', 'Shanghai', '奉贤区', '310120'), (16, '上海', '上海', 'Shanghai', '崇明区', '310151'),
    (17, '上海', '上海', 'Shanghai', '浦东新区', '310115'), (18, '上海', '上海', 'Shanghai', '徐汇区', '310104'),
    (19, '上海', '上海', 'Shanghai', '闵行区', '310112'), (20, '上海', '上海', 'Shanghai', '杨浦区', '310110'),
    (21, '北京', '北京', 'Beijing', '海淀区', '110108'), (22, '北京', '北京', 'Beijing', '朝阳区', '110105'),
    (23, '浙江', '杭州', 'Hangzhou', '西湖区', '330106'), (24, '浙江', '杭州', 'Hangzhou', '余杭区', '330110'),
    (25, '广东', '深圳', 'Shenzhen', '南山区', '440305'), (26, '江苏', '苏州', 'Suzhou', '吴中区', '320506'),
    (27, '江苏', '南京', 'Nanjing', '鼓楼区', '320106');

-- Partners abroad (about 3%): no district, no credit code, an English name (with the trade name).
create temporary table abroad (n int, country text, city text, form text);
insert into abroad values
    (1, 'SG', 'Singapore', 'AI Labs Pte. Ltd.'), (2, 'DE', 'München', 'Robotik GmbH'),
    (3, 'US', 'San Jose', 'Intelligence Inc.'), (4, 'JP', 'Tokyo', 'Technologies K.K.'),
    (5, 'GB', 'London', 'Data Science Ltd'), (6, 'FR', 'Paris', 'Intelligence Artificielle SAS');

-- The name's last part by type: Chinese and English, aligned.
create temporary table forms (type text, n int, zh text, en text);
insert into forms values
    ('GOVERNMENT_AGENCY', 1, '产业促进中心', 'Industry Promotion Center'),
    ('GOVERNMENT_AGENCY', 2, '科技创新服务中心', 'Innovation Service Center'),
    ('GOVERNMENT_AGENCY', 3, '数据资源管理中心', 'Data Resources Administration'),
    ('GOVERNMENT_AGENCY', 4, '街道办事处', 'Subdistrict Office'),
    ('STATE_OWNED_ENTERPRISE', 1, '（集团）有限公司', '(Group) Co., Ltd.'),
    ('STATE_OWNED_ENTERPRISE', 2, '控股集团有限公司', 'Holding Group Co., Ltd.'),
    ('STATE_OWNED_ENTERPRISE', 3, '投资发展有限公司', 'Investment and Development Co., Ltd.'),
    ('STATE_OWNED_ENTERPRISE', 4, '信息产业集团有限公司', 'Information Industry Group Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 1, '信息技术有限公司', 'Information Technology Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 2, '智能制造有限公司', 'Intelligent Manufacturing Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 3, '医疗科技有限公司', 'Medical Technology Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 4, '金融信息服务有限公司', 'Financial Information Services Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 5, '物流科技有限公司', 'Logistics Technology Co., Ltd.'),
    ('PRIVATE_ENTERPRISE', 6, '软件股份有限公司', 'Software Co., Ltd.'),
    ('STARTUP', 1, '智能科技有限公司', 'Intelligent Technology Co., Ltd.'),
    ('STARTUP', 2, '人工智能科技有限公司', 'Artificial Intelligence Technology Co., Ltd.'),
    ('STARTUP', 3, '机器人有限公司', 'Robotics Co., Ltd.'),
    ('STARTUP', 4, '数据科技有限公司', 'Data Technology Co., Ltd.'),
    ('STARTUP', 5, '芯片设计有限公司', 'Chip Design Co., Ltd.'),
    ('UNIVERSITY', 1, '大学', 'University'),
    ('UNIVERSITY', 2, '理工大学', 'University of Science and Technology'),
    ('UNIVERSITY', 3, '职业技术学院', 'Polytechnic College'),
    ('UNIVERSITY', 4, '师范大学', 'Normal University'),
    ('RESEARCH_INSTITUTE', 1, '人工智能研究院', 'Institute of Artificial Intelligence'),
    ('RESEARCH_INSTITUTE', 2, '智能计算研究所', 'Institute of Intelligent Computing'),
    ('RESEARCH_INSTITUTE', 3, '工业互联网研究院', 'Industrial Internet Institute'),
    ('RESEARCH_INSTITUTE', 4, '数字医学研究所', 'Institute of Digital Medicine'),
    ('NON_PROFIT', 1, '人工智能产业联盟', 'AI Industry Alliance'),
    ('NON_PROFIT', 2, '科技发展基金会', 'Science and Technology Foundation'),
    ('NON_PROFIT', 3, '开源社区促进会', 'Open Source Promotion Association'),
    ('NON_PROFIT', 4, '数字经济协会', 'Digital Economy Association');

create temporary table people (n int, name text, email text, title text);
insert into people
select row_number() over (), s.zh || g.zh, g.py || '.' || s.py, t.title
from unnest('{王,李,张,刘,陈,杨,黄,赵,吴,周}'::text[], '{wang,li,zhang,liu,chen,yang,huang,zhao,wu,zhou}'::text[]) s(zh, py)
cross join unnest('{芳,伟,娜,敏,静,磊,洋,勇,艳,杰,军,涛}'::text[], '{fang,wei,na,min,jing,lei,yang,yong,yan,jie,jun,tao}'::text[]) g(zh, py)
cross join lateral (select (array['合作总监','技术总监','总经理','副院长','项目经理','办公室主任','首席科学家','对外合作处处长'])[1 + (length(s.py) * 7 + length(g.py) * 3) % 8] as title) t;

create temporary table subjects (n int, subject text);
insert into subjects values (1, 'wang.fang'), (2, 'li.na'), (3, 'zhang.wei'), (4, 'chen.jing'), (5, 'liu.yang'), (6, 'partner-sync');

-- One row of draws per partner.
create temporary table draws as
select i,
       gen_random_uuid() as id,
       c.zh[1 + (i - 1) % 50] || c.zh[1 + (i - 1) / 50 % 50] || c.zh[1 + (i - 1) / 2500 % 50]
           || coalesce(c.zh[(i - 1) / 125000], '') as trade,
       c.py[1 + (i - 1) % 50] || lower(c.py[1 + (i - 1) / 50 % 50]) || lower(c.py[1 + (i - 1) / 2500 % 50])
           || coalesce(lower(c.py[(i - 1) / 125000]), '') as trade_en,
       case
           when r1 < 0.30 then 'PRIVATE_ENTERPRISE'
           when r1 < 0.52 then 'STARTUP'
           when r1 < 0.64 then 'STATE_OWNED_ENTERPRISE'
           when r1 < 0.74 then 'UNIVERSITY'
           when r1 < 0.84 then 'RESEARCH_INSTITUTE'
           when r1 < 0.92 then 'GOVERNMENT_AGENCY'
           else 'NON_PROFIT' end as type,
       case when r2 < 0.55 then 'ACTIVE' when r2 < 0.75 then 'PROSPECT' when r2 < 0.85 then 'SUSPENDED' else 'ENDED' end as status,
       case when r3 < 0.05 then 'STRATEGIC' when r3 < 0.35 then 'CORE' else 'COMMUNITY' end as tier,
       1 + floor(random() * 27)::int as place,
       case when random() < 0.03 then 1 + floor(random() * 6)::int end as abroad,
       now() - random() * interval '8 years' as created_at,
       random() as r_updated,
       random() as r_joined
from (select i, random() as r1, random() as r2, random() as r3 from generate_series(1, :count) i) r
cross join (select array_agg(zh order by n) as zh, array_agg(py order by n) as py from trade_chars) c;

insert into partners (id, version, name, name_en, type, credit_code, website, district, city, province, country,
                      tier, status, contacts, agreements, joined_on, created_at, updated_at, created_by, updated_by,
                      sectors)
select d.id,
       0,
       case
           when a.n is not null then d.trade_en || ' ' || a.form || ' (' || d.trade || ')'
           when d.type = 'GOVERNMENT_AGENCY' then p.city || '市' || p.district || d.trade || f.zh
           else p.city || d.trade || f.zh end,
       case
           when a.n is not null then d.trade_en || ' ' || a.form
           when d.i % 5 = 0 then null
           else p.city_en || ' ' || d.trade_en || ' ' || f.en end,
       d.type,
       case when a.n is null then
           pg_temp.credit_code(case d.type when 'GOVERNMENT_AGENCY' then '11' when 'UNIVERSITY' then '12'
                                        when 'RESEARCH_INSTITUTE' then '12' when 'NON_PROFIT' then '51' else '91' end
                             || p.code || lpad(d.i::text, 9, '0')) end,
       case when d.i % 10 = 3 then null
            else 'https://www.' || lower(d.trade_en) || case d.type when 'GOVERNMENT_AGENCY' then '.gov.cn'
                when 'UNIVERSITY' then '.edu.cn' when 'RESEARCH_INSTITUTE' then '.ac.cn' when 'NON_PROFIT' then '.org.cn'
                else '.com.cn' end end,
       case when a.n is null then p.district end,
       coalesce(a.city, p.city),
       case when a.n is null then p.province end,
       coalesce(a.country, 'CN'),
       d.tier,
       d.status,
       (select jsonb_agg(jsonb_build_object('name', pp.name, 'title', pp.title,
                                            'email', pp.email || '@' || lower(d.trade_en) || '.example.cn',
                                            'phone', '+86 21 ' || lpad(((d.i::bigint * 7919 + k * 104729) % 100000000)::text, 8, '0'),
                                            'primary', k = 1) order by k)
        from generate_series(1, 1 + d.i % 3) k
        join people pp on pp.n = 1 + (d.i * 31 + k * 17) % 120),
       coalesce((select jsonb_agg(jsonb_build_object('type', ag.type, 'title', ag.title, 'signedOn', s.signed,
                                                     'expiresOn', case when k % 2 = 1 then (s.signed + interval '3 years' - interval '1 day')::date end)
                                  order by k)
                 from generate_series(1, d.i % 4) k
                 join (values (1, 'MOU', '人工智能创新中心合作备忘录'), (2, 'NDA', '保密协议'),
                              (3, 'JOINT_RESEARCH', '联合研究协议'), (4, 'TRAINING', '人才培养合作协议'),
                              (5, 'DATA_SHARING', '数据共享协议')) ag(n, type, title) on ag.n = 1 + (d.i + k) % 5
                 cross join lateral (select (d.created_at + (k * 90) * interval '1 day')::date as signed) s), '[]'),
       case when d.status <> 'PROSPECT' then (d.created_at + d.r_joined * interval '120 days')::date end,
       d.created_at,
       d.created_at + d.r_updated * (now() - d.created_at),
       (select subject from subjects where n = 1 + d.i % 6),
       (select subject from subjects where n = 1 + (d.i / 6) % 6),
       -- 1-3 distinct sectors, sorted: offsets 0, 3 and 7 from a per-partner start never meet modulo 10.
       (select array_agg(sector order by sector)
        from unnest(('{0,3,7}'::int[])[1:1 + d.i % 3]) o
        cross join lateral (select (array['SMART_CITY','MANUFACTURING','HEALTHCARE','FINANCE','EDUCATION','TRANSPORTATION',
                                          'ENERGY','RETAIL','PUBLIC_SERVICES','OTHER'])[1 + (d.i * 7 + o) % 10] as sector) s)
from draws d
join places p on p.n = d.place
join forms f on f.type = d.type and f.n = 1 + d.i % (select count(*) from forms where type = d.type)
left join abroad a on a.n = d.abroad;
