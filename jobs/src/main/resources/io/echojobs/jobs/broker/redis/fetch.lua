-- fetch.lua: promotes due delayed messages, takes back expired leases, trims old dead
-- letters, then leases up to ARGV[1] ready messages in priority order.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] max   ARGV[2] lease ms   ARGV[3] token prefix (unique per call)
-- ARGV[4] max redeliveries   ARGV[5] dead-letter retention ms
-- Returns {lease deadline ms, ms until the next eta or lease end (-1 = none), count,
--          then per delivery: id, body, priority, eta ms (0 = none), unique key ('' = none),
--          redeliveries, lease token}.
local max, lease_ms, token_prefix = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
local now = now_ms()
promote_due(now)
reclaim_expired(now, tonumber(ARGV[4]))
trim_dead(now, tonumber(ARGV[5]))

local deadline = now + lease_ms
local members = redis.call('ZRANGE', K_READY, 0, max - 1)
local out = {deadline, -1, #members}
if #members > 0 then
  -- One call per key for the whole batch, not one per message.
  local ids, inflight, leases = {}, {}, {}
  for i, member in ipairs(members) do
    local id = member_id(member)
    ids[i] = id
    inflight[2 * i - 1] = deadline
    inflight[2 * i] = id
    leases[2 * i - 1] = id
    leases[2 * i] = token_prefix .. ':' .. i
  end
  redis.call('ZREM', K_READY, unpack(members))
  redis.call('ZREM', K_READY_SINCE, unpack(ids))
  redis.call('ZADD', K_INFLIGHT, unpack(inflight))
  -- A ready set holding one id twice (written by hand) leases it under the later token.
  redis.call('HSET', K_LEASES, unpack(leases))
  local bodies = redis.call('HMGET', K_BODIES, unpack(ids))
  local metas = redis.call('HMGET', K_META, unpack(ids))
  local redeliveries = redis.call('HMGET', K_REDELIVERIES, unpack(ids))
  for i, id in ipairs(ids) do
    local meta = decode_meta(metas[i])
    local unique = meta.u
    if type(unique) ~= 'string' then
      unique = ''
    end
    table.insert(out, id)
    table.insert(out, bodies[i] or '')
    table.insert(out, tonumber(meta.p) or 0)
    table.insert(out, tonumber(meta.e) or 0)
    table.insert(out, unique)
    table.insert(out, tonumber(redeliveries[i]) or 0)
    table.insert(out, leases[2 * i])
  end
end

if #members == 0 then
  local next_change = -1
  local first_delayed = redis.call('ZRANGE', K_DELAYED, 0, 0, 'WITHSCORES')
  if first_delayed[2] then
    next_change = tonumber(first_delayed[2])
  end
  local first_lease_end = redis.call('ZRANGE', K_INFLIGHT, 0, 0, 'WITHSCORES')
  if first_lease_end[2] then
    local lease_end = tonumber(first_lease_end[2])
    if next_change < 0 or lease_end < next_change then
      next_change = lease_end
    end
  end
  if next_change >= 0 then
    out[2] = math.max(1, next_change - now)
  end
end
return out
