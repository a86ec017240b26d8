-- One database per service, made once by the postgres image on an empty data folder.
-- Each service creates its own tables with Flyway when it starts.
CREATE DATABASE partners;
CREATE DATABASE projects;
CREATE DATABASE training;
CREATE DATABASE notifications;
