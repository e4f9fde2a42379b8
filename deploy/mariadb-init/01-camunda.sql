-- Run once by the mariadb image, on the first start of an empty data volume (as root).
-- The engine keeps its tables in their own database, next to the business data (`petition`, created
-- by the image from MARIADB_DATABASE, with MARIADB_USER as its owner). Both are on one server so that
-- scripts/backup.sh takes them in one consistent snapshot.
CREATE DATABASE IF NOT EXISTS camunda CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON camunda.* TO 'petition'@'%';
