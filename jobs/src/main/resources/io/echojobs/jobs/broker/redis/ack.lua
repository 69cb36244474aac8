-- ack.lua: the messages are done; removes each whose lease the caller holds and frees its
-- unique key. Several acks of one queue travel together (AckBatcher).
-- KEYS: the queue layout of queue-common.lua
-- ARGV: message id, lease token, then more pairs of the same
-- Returns one integer per pair, in order: 1, or 0 when that token is not the current one.
local out = {}
for i = 1, #ARGV - 1, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  if holds_lease(id, token) then
    forget(id, read_meta(id))
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
