-- figures.lua: brings the queue up to date (due etas, expired leases, old dead letters),
-- then counts it.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] max redeliveries   ARGV[2] dead-letter retention ms
-- Returns {ready, delayed, in flight, dead, age in ms of the oldest ready message (0 = none)}.
local now = now_ms()
promote_due(now)
reclaim_expired(now, tonumber(ARGV[1]))
trim_dead(now, tonumber(ARGV[2]))
local age = 0
local oldest = redis.call('ZRANGE', K_READY_SINCE, 0, 0, 'WITHSCORES')
if oldest[2] then
  age = math.max(0, now - tonumber(oldest[2]))
end
return {redis.call('ZCARD', K_READY), redis.call('ZCARD', K_DELAYED),
  redis.call('ZCARD', K_INFLIGHT), redis.call('ZCARD', K_DEAD), age}
