-- replay.lua: moves a dead letter back to its queue, ready at once, with a new body; takes
-- its unique key again unless another message holds it now.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] body
-- Returns 1, or 0 when there is no such dead letter.
local id, body = ARGV[1], ARGV[2]
if not redis.call('ZSCORE', K_DEAD, id) then
  return 0
end
local ok, dead = pcall(cjson.decode, redis.call('HGET', K_DEAD_META, id) or '')
if not ok or type(dead) ~= 'table' then
  dead = {}
end
redis.call('ZREM', K_DEAD, id)
redis.call('HDEL', K_DEAD_BODIES, id)
redis.call('HDEL', K_DEAD_META, id)

local now = now_ms()
local priority = tonumber(dead.p) or 0
local meta = {p = priority, r = new_rank(priority), n = now}
if type(dead.u) == 'string' then
  meta.u = dead.u
  redis.call('HSETNX', K_UNIQUE, dead.u, id)
end
redis.call('HDEL', K_REDELIVERIES, id)
redis.call('HSET', K_BODIES, id, body)
make_ready(id, meta, now)
signal()
return 1
