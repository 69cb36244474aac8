-- cancel.lua: removes a ready or delayed message that no one holds.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id
-- Returns 1, or 0 when the message is held or unknown.
local id = ARGV[1]
if redis.call('HEXISTS', K_LEASES, id) == 1 then
  return 0
end
local meta = read_meta(id)
local pending = redis.call('ZSCORE', K_DELAYED, id)
if not pending and type(meta.r) == 'string' then
  pending = redis.call('ZSCORE', K_READY, meta.r .. id)
end
if not pending then
  return 0
end
forget(id, meta)
return 1
