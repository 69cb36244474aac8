-- dead-letter.lua: moves a held message to dead letters with its last body and the reason.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] lease token   ARGV[3] body   ARGV[4] reason
-- ARGV[5] dead-letter retention ms
-- Returns 1, or 0 when the token is not the current one.
local id, token = ARGV[1], ARGV[2]
if not holds_lease(id, token) then
  return 0
end
local now = now_ms()
bury(id, read_meta(id), ARGV[3], ARGV[4], now)
trim_dead(now, tonumber(ARGV[5]))
return 1
