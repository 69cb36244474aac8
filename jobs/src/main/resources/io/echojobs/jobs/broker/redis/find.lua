-- find.lua: reads a ready or delayed message by id.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id
-- Returns {} when the message is held or unknown, else
--         {body, priority, eta ms (0 = none), unique key ('' = none)}.
local id = ARGV[1]
if redis.call('HEXISTS', K_LEASES, id) == 1 then
  return {}
end
local meta = read_meta(id)
local pending = redis.call('ZSCORE', K_DELAYED, id)
if not pending and type(meta.r) == 'string' then
  pending = redis.call('ZSCORE', K_READY, meta.r .. id)
end
if not pending then
  return {}
end
local unique = meta.u
if type(unique) ~= 'string' then
  unique = ''
end
return {redis.call('HGET', K_BODIES, id) or '', tonumber(meta.p) or 0, tonumber(meta.e) or 0,
  unique}
