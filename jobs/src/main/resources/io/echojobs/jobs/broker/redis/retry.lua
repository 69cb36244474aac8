-- retry.lua: puts a held message back with a new body, delayed until its eta, counting no
-- redelivery and keeping its unique key.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] lease token   ARGV[3] new body   ARGV[4] priority
-- ARGV[5] eta ms (0 = now)
-- Returns 1, or 0 when the token is not the current one.
local id, token, body = ARGV[1], ARGV[2], ARGV[3]
local priority, eta = tonumber(ARGV[4]), tonumber(ARGV[5])
if not holds_lease(id, token) then
  return 0
end
release_lease(id)
redis.call('HDEL', K_REDELIVERIES, id)

local now = now_ms()
local old = read_meta(id)
local meta = {p = priority, r = new_rank(priority), n = old.n or now, u = old.u}
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
signal()
return 1
