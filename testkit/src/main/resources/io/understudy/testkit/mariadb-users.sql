-- Users of every testkit node (MariaDB 11.4). One statement per line: the server's bootstrap mode
-- reads statements line by line. docs/testkit.md explains each grant. Application data lives in
-- schemas named app_*: a grant on *.* would include the mysql schema and let the user grant itself
-- anything.
DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');
DELETE FROM mysql.proxies_priv WHERE Host <> 'localhost';
CREATE USER 'app'@'%' IDENTIFIED BY 'app-secret';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE, CREATE VIEW, SHOW VIEW, CREATE ROUTINE, ALTER ROUTINE, TRIGGER, EVENT ON `app\_%`.* TO 'app'@'%';
GRANT SELECT ON `understudy`.* TO 'app'@'%';
CREATE USER 'replicator'@'%' IDENTIFIED BY 'replicator-secret';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW, TRIGGER, RELOAD, SHOW DATABASES, LOCK TABLES, REPLICATION SLAVE, BINLOG MONITOR, REPLICATION CLIENT, READ_ONLY ADMIN, BINLOG ADMIN ON *.* TO 'replicator'@'%';
CREATE USER 'monitor'@'%' IDENTIFIED BY 'monitor-secret';
GRANT PROCESS, BINLOG MONITOR, SLAVE MONITOR, READ_ONLY ADMIN, CONNECTION ADMIN ON *.* TO 'monitor'@'%';
CREATE USER 'admin'@'%' IDENTIFIED BY 'admin-secret';
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'%' WITH GRANT OPTION;
