-- ack.lua: the message is done; removes it and frees its unique key.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] lease token
-- Returns 1, or 0 when the token is not the current one.
local id, token = ARGV[1], ARGV[2]
if not holds_lease(id, token) then
  return 0
end
forget(id, read_meta(id))
return 1
