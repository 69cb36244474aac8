-- coord-clear.lua: deletes every counter, mark and flag a scope registered, and the registry.
-- Locks are not registered: a held lock expires or is released by its owner.
-- KEYS[1] the scope's key registry (set)
-- Returns how many of the registered keys still existed and were deleted.
local deleted = 0
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  deleted = deleted + redis.call('DEL', key)
end
redis.call('DEL', KEYS[1])
return deleted
