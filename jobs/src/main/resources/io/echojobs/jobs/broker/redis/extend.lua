-- extend.lua: moves a held lease's end to now + ARGV[3], if the caller holds it.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] lease token   ARGV[3] lease ms
-- Returns the new lease end in ms, or 0 when the token is not the current one.
local id, token = ARGV[1], ARGV[2]
if not holds_lease(id, token) then
  return 0
end
local deadline = now_ms() + tonumber(ARGV[3])
redis.call('ZADD', K_INFLIGHT, deadline, id)
return deadline
