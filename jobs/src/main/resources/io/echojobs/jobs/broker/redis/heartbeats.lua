-- heartbeats.lua: drops expired heartbeats and returns the live ones.
-- KEYS[1] heartbeat expiries (zset worker id -> expiry ms)
-- KEYS[2] heartbeats (hash worker id -> heartbeat JSON)
-- ARGV: none
-- Returns the heartbeat JSON of every live worker, by worker id.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], gone)
  redis.call('HDEL', KEYS[2], gone)
end
local out = {}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')
table.sort(ids)
for _, id in ipairs(ids) do
  local beat = redis.call('HGET', KEYS[2], id)
  if beat then
    table.insert(out, beat)
  end
end
return out
