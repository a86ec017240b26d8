-- Fills one programme that has no enrolments yet (psql -v programme=<id> -v waiting=5000) the
-- way a popular programme looks after weeks of enrolment: every seat ENROLLED and :waiting
-- people on its waitlist, positions 1..:waiting, as the service writes them. The enrolment
-- measurement then adds to the end of this waitlist, so each new enrolment counts the seats and
-- finds the last position of a long queue.
\set ON_ERROR_STOP on

insert into enrolments (id, version, programme_id, participant_name, participant_email, participant_organisation,
                        participant_partner_id, status, waitlist_position, certificate_code, cancel_token_hash,
                        enrolled_at, completed_at, cancelled_at, created_at, updated_at, created_by, updated_by)
select gen_random_uuid(), 0, p.id, '预载学员' || j, 'preloaded-' || j || '@learners.example.cn', '上海基准智能科技有限公司',
       null, case when j <= p.capacity then 'ENROLLED' else 'WAITLISTED' end,
       case when j > p.capacity then j - p.capacity end, null,
       encode(sha256(convert_to(p.id::text || j, 'UTF8')), 'hex'),
       case when j <= p.capacity then now() - interval '1 day' + j * interval '1 millisecond' end, null, null,
       now() - interval '1 day' + j * interval '1 millisecond', now() - interval '1 day' + j * interval '1 millisecond',
       'bench-loader', 'bench-loader'
from programmes p cross join generate_series(1, p.capacity + :waiting) j
where p.id = :'programme';
