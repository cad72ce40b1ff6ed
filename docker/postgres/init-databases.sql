-- One database per service: each subgraph owns its data (docs/subgraphs.md) and creates, migrates
-- and seeds its own tables on first start. The postgres image runs this file once, as
-- POSTGRES_USER, when the data volume is empty; the databases belong to that user.
-- scripts/check-deploy checks that every DATABASE_URL in docker-compose.yml names one of these.
CREATE DATABASE users;
CREATE DATABASE products;
CREATE DATABASE inventory;
CREATE DATABASE reviews;
CREATE DATABASE carts;
