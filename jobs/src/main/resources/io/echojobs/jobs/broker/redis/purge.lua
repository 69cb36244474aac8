-- purge.lua: deletes every ready and delayed message of a queue (not those in flight) and
-- frees their unique keys. Runs over the whole queue in one step: O(pending messages).
-- KEYS: the queue layout of queue-common.lua
-- ARGV: none
-- Returns how many were deleted.
local count = 0
for _, member in ipairs(redis.call('ZRANGE', K_READY, 0, -1)) do
  local id = member_id(member)
  redis.call('ZREM', K_READY, member)
  forget(id, read_meta(id))
  count = count + 1
end
for _, id in ipairs(redis.call('ZRANGE', K_DELAYED, 0, -1)) do
  forget(id, read_meta(id))
  count = count + 1
end
return count
