-- dead-letters.lua: trims dead letters past retention, then lists the newest.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] limit   ARGV[2] dead-letter retention ms
-- Returns per dead letter, newest first: id, body, priority, unique key ('' = none),
--         reason, died-at ms.
local limit = tonumber(ARGV[1])
trim_dead(now_ms(), tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(redis.call('ZREVRANGE', K_DEAD, 0, limit - 1)) do
  local ok, meta = pcall(cjson.decode, redis.call('HGET', K_DEAD_META, id) or '')
  if not ok or type(meta) ~= 'table' then
    meta = {}
  end
  local unique = meta.u
  if type(unique) ~= 'string' then
    unique = ''
  end
  local reason = meta.reason
  if type(reason) ~= 'string' then
    reason = ''
  end
  table.insert(out, id)
  table.insert(out, redis.call('HGET', K_DEAD_BODIES, id) or '')
  table.insert(out, tonumber(meta.p) or 0)
  table.insert(out, unique)
  table.insert(out, reason)
  table.insert(out, tonumber(redis.call('ZSCORE', K_DEAD, id)) or 0)
end
return out
