-- enqueue.lua: stores one message, ready or delayed, unless its unique key is taken.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] body   ARGV[3] priority   ARGV[4] eta ms (0 = now)
-- ARGV[5] unique key ('' = none)
-- Returns {pending id, 1 if stored / 0 if the unique key was taken}.
-- Running it twice with the same id stores the message once, so a client may resend it
-- after a lost reply.
local id, body, priority = ARGV[1], ARGV[2], tonumber(ARGV[3])
local eta, unique = tonumber(ARGV[4]), ARGV[5]

if unique ~= '' then
  local holder = redis.call('HGET', K_UNIQUE, unique)
  if holder then
    return {holder, holder == id and 1 or 0}
  end
end
if redis.call('HEXISTS', K_BODIES, id) == 1 then
  return {id, 1}
end

local now = now_ms()
local meta = {p = priority, r = new_rank(priority), n = now}
if unique ~= '' then
  meta.u = unique
  redis.call('HSET', K_UNIQUE, unique, id)
end
redis.call('HSET', K_BODIES, id, body)
if eta > 0 then
  meta.e = eta
end
if eta > now then
  redis.call('HSET', K_META, id, cjson.encode(meta))
  redis.call('ZADD', K_DELAYED, eta, id)
else
  make_ready(id, meta, now)
end
-- A delayed message also signals, so a waiting fetch shortens its wait to the new eta.
signal()
return {id, 1}
