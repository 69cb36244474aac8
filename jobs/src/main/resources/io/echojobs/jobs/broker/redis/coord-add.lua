-- coord-add.lua: adds to a coordination counter and sets its TTL, in one step.
-- KEYS[1] the counter (string)   KEYS[2] the scope's key registry (set)
-- ARGV[1] delta   ARGV[2] ttl ms
-- Returns the counter's new value.
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], KEYS[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
end
return value
