-- coord-lock.lua: takes a lock for an owner if it is free, or renews it if that owner already
-- holds it (a redelivered message taking over the lock its first delivery left behind).
-- KEYS[1] the lock (string holding the owner)
-- ARGV[1] the owner   ARGV[2] ttl ms
-- Returns 1 when the owner holds the lock now, 0 when someone else does.
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
