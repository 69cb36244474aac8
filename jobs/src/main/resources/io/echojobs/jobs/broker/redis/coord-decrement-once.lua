-- coord-decrement-once.lua: decrements a counter once per member, never below zero, keeping
-- the counter's TTL. A missing counter is reported and nothing is marked, so the caller can
-- fall back to the source of truth.
-- KEYS[1] the counter (string)   KEYS[2] the member's mark (string)
-- KEYS[3] the scope's key registry (set)
-- ARGV[1] the mark's ttl ms
-- Returns the counter after the decrement, -1 when the member was counted before, -2 when the
-- counter does not exist.
if redis.call('EXISTS', KEYS[2]) == 1 then
  return -1
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -2
end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
redis.call('SADD', KEYS[3], KEYS[2])
if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[3], ARGV[1])
end
local value = redis.call('DECR', KEYS[1])
if value < 0 then
  redis.call('SET', KEYS[1], '0', 'KEEPTTL')
  value = 0
end
return value
