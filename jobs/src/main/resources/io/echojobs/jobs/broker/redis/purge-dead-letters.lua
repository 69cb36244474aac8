-- purge-dead-letters.lua: deletes every dead letter of a queue.
-- KEYS: the queue layout of queue-common.lua
-- ARGV: none
-- Returns how many were deleted.
local count = redis.call('ZCARD', K_DEAD)
redis.call('DEL', K_DEAD, K_DEAD_BODIES, K_DEAD_META)
return count
