ALTER TABLE customer ADD COLUMN email VARCHAR(200);
INSERT INTO customer (name, email) VALUES ('Ada', 'ada@example.org');
