-- heartbeat-publish.lua: stores one worker's heartbeat until now + ttl and drops expired ones.
-- KEYS[1] heartbeat expiries (zset worker id -> expiry ms)
-- KEYS[2] heartbeats (hash worker id -> heartbeat JSON)
-- ARGV[1] worker id   ARGV[2] heartbeat JSON   ARGV[3] ttl ms
-- Returns 1.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], gone)
  redis.call('HDEL', KEYS[2], gone)
end
-- Both keys vanish on their own once the last worker stops beating.
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then
  local keep = math.max(1, tonumber(last[2]) - now)
  redis.call('PEXPIRE', KEYS[1], keep)
  redis.call('PEXPIRE', KEYS[2], keep)
end
return 1
