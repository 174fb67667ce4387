-- The rings' figures find, for every hand-off, the hand-off that brought the errand to the sender's level
-- (its receipt starts the stage's time), and read a period of hand-offs by the time they were sent.
CREATE INDEX errand_handoffs_errand_stage ON errand_handoffs (errand_id, to_stage) INCLUDE (confirmed_at);
CREATE INDEX errand_handoffs_sent ON errand_handoffs (sent_at);
