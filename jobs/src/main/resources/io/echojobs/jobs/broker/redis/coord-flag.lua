-- coord-flag.lua: sets a once-flag if it is unset and records it in the scope's registry.
-- KEYS[1] the flag (string)   KEYS[2] the scope's key registry (set)
-- ARGV[1] ttl ms
-- Returns 1 for the caller that set it, 0 when it was already set.
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return 0
end
redis.call('SADD', KEYS[2], KEYS[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[1])
end
return 1
