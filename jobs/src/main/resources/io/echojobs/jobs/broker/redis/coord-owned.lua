-- coord-owned.lua: releases (ARGV[2] = 0) or extends (ARGV[2] = ttl ms) a lock, only when the
-- caller's token still owns it.
-- KEYS[1] the lock (string holding the owner's token)
-- ARGV[1] the caller's token   ARGV[2] 0 to release, else the new ttl ms
-- Returns 1 when done, 0 when the caller does not own the lock.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
if tonumber(ARGV[2]) == 0 then
  redis.call('DEL', KEYS[1])
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 1
