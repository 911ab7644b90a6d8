-- When each number is attended (JSON: time zone, intervals per weekday, holidays) and what a
-- customer who writes outside those hours is told. No schedule: always attended.
alter table connections add column business_hours varchar(4000);
alter table connections add column out_of_hours_message varchar(1000);
