-- ack.lua: the messages are done; removes each whose lease the caller holds and frees its
-- unique key. Several acks of one queue travel together (AckBatcher), and each step below is
-- one call for all of them.
-- KEYS: the queue layout of queue-common.lua
-- ARGV: message id, lease token, then more pairs of the same
-- Returns one integer per pair, in order: 1, or 0 when that token is not the current one (or
-- the same delivery was already acked earlier in this call).
local ids, tokens = {}, {}
for i = 1, #ARGV - 1, 2 do
  ids[#ids + 1] = ARGV[i]
  tokens[#tokens + 1] = ARGV[i + 1]
end
local out = {}
if #ids == 0 then
  return out
end

local current = redis.call('HMGET', K_LEASES, unpack(ids))
local done, seen = {}, {}
for i, id in ipairs(ids) do
  if current[i] == tokens[i] and not seen[id] then
    seen[id] = true
    done[#done + 1] = id
    out[i] = 1
  else
    out[i] = 0
  end
end
if #done > 0 then
  local raw = redis.call('HMGET', K_META, unpack(done))
  local metas = {}
  for i = 1, #done do
    metas[i] = decode_meta(raw[i])
  end
  forget_all(done, metas)
end
return out
