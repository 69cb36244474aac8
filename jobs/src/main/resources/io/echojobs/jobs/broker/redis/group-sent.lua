-- group-sent.lua: marks a group's callbacks as sent, so no later record claims completion.
-- The flag lives as long as the group's outcomes (or ARGV[1] when they are already gone).
-- KEYS[1] the group's outcomes (hash)   KEYS[2] the group's sent flag (string)
-- ARGV[1] ttl ms to use when the outcomes have no TTL left
-- Returns 1.
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  ttl = tonumber(ARGV[1])
end
redis.call('SET', KEYS[2], '1', 'PX', ttl)
return 1
