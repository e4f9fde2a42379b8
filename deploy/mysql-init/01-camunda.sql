-- The engine keeps its tables in their own database, next to the business data.
CREATE DATABASE IF NOT EXISTS camunda CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON camunda.* TO 'petition'@'%';
