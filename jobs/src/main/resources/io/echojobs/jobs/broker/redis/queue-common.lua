-- queue-common.lua: prepended by RedisScripts to every queue script (never run alone).
-- Every queue script receives the same KEYS, all of one queue and one hash tag:
--   KEYS[1] ready        KEYS[2] delayed      KEYS[3] inflight     KEYS[4] bodies
--   KEYS[5] meta         KEYS[6] leases       KEYS[7] redeliveries KEYS[8] unique
--   KEYS[9] seq          KEYS[10] dead        KEYS[11] dead-bodies KEYS[12] dead-meta
--   KEYS[13] signal      KEYS[14] ready-since
-- The layout of each key is in KEYSPACE.md. Times are the server's (TIME), in milliseconds.
local K_READY, K_DELAYED, K_INFLIGHT, K_BODIES = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local K_META, K_LEASES, K_REDELIVERIES, K_UNIQUE = KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local K_SEQ, K_DEAD, K_DEAD_BODIES, K_DEAD_META = KEYS[9], KEYS[10], KEYS[11], KEYS[12]
local K_SIGNAL, K_READY_SINCE = KEYS[13], KEYS[14]

-- A ready member is a fixed-width rank (10 digits of priority, 15 of sequence) then the id,
-- all with score 0, so the set's lexical order is priority first, then arrival.
local RANK_WIDTH = 25
local SIGNAL_DEPTH = 32
local BATCH = 100

local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- Meta written by anyone but this broker may be garbage: read what decodes, default the rest.
-- raw is what HGET or HMGET answered (nil or false when missing).
local function decode_meta(raw)
  if not raw then
    return {}
  end
  local ok, meta = pcall(cjson.decode, raw)
  if ok and type(meta) == 'table' then
    return meta
  end
  return {}
end

local function read_meta(id)
  return decode_meta(redis.call('HGET', K_META, id))
end

local function new_rank(priority)
  local seq = redis.call('INCR', K_SEQ)
  return string.format('%010d%015d', priority + 2147483648, seq)
end

local function member_id(member)
  if #member > RANK_WIDTH and string.match(string.sub(member, 1, RANK_WIDTH), '^%d+$') then
    return string.sub(member, RANK_WIDTH + 1)
  end
  return member
end

-- A full list already wakes every waiter it can: under a backlog this is one call, not two.
local function signal()
  if redis.call('LLEN', K_SIGNAL) < SIGNAL_DEPTH then
    redis.call('LPUSH', K_SIGNAL, '1')
  end
end

local function make_ready(id, meta, now)
  if type(meta.r) ~= 'string' then
    meta.r = new_rank(tonumber(meta.p) or 0)
  end
  meta.s = now
  redis.call('HSET', K_META, id, cjson.encode(meta))
  redis.call('ZADD', K_READY, 0, meta.r .. id)
  redis.call('ZADD', K_READY_SINCE, now, id)
end

-- Removes every live trace of a message and frees its unique key if it holds it.
local function forget(id, meta)
  if type(meta.r) == 'string' then
    redis.call('ZREM', K_READY, meta.r .. id)
  end
  redis.call('ZREM', K_READY_SINCE, id)
  redis.call('ZREM', K_DELAYED, id)
  redis.call('ZREM', K_INFLIGHT, id)
  redis.call('HDEL', K_BODIES, id)
  redis.call('HDEL', K_META, id)
  redis.call('HDEL', K_LEASES, id)
  redis.call('HDEL', K_REDELIVERIES, id)
  if type(meta.u) == 'string' and redis.call('HGET', K_UNIQUE, meta.u) == id then
    redis.call('HDEL', K_UNIQUE, meta.u)
  end
end

-- forget() for several messages at once: one call per key, not per message. ids holds no
-- duplicates; metas[i] is the decoded meta of ids[i].
local function forget_all(ids, metas)
  local ranked = {}
  for i, id in ipairs(ids) do
    local meta = metas[i]
    if type(meta.r) == 'string' then
      ranked[#ranked + 1] = meta.r .. id
    end
    if type(meta.u) == 'string' and redis.call('HGET', K_UNIQUE, meta.u) == id then
      redis.call('HDEL', K_UNIQUE, meta.u)
    end
  end
  if #ranked > 0 then
    redis.call('ZREM', K_READY, unpack(ranked))
  end
  redis.call('ZREM', K_READY_SINCE, unpack(ids))
  redis.call('ZREM', K_DELAYED, unpack(ids))
  redis.call('ZREM', K_INFLIGHT, unpack(ids))
  redis.call('HDEL', K_BODIES, unpack(ids))
  redis.call('HDEL', K_META, unpack(ids))
  redis.call('HDEL', K_LEASES, unpack(ids))
  redis.call('HDEL', K_REDELIVERIES, unpack(ids))
end

local function bury(id, meta, body, reason, now)
  forget(id, meta)
  redis.call('ZADD', K_DEAD, now, id)
  redis.call('HSET', K_DEAD_BODIES, id, body)
  redis.call('HSET', K_DEAD_META, id,
    cjson.encode({reason = reason, died = now, p = tonumber(meta.p) or 0, u = meta.u}))
end

local function trim_dead(now, retention_ms)
  local old = redis.call('ZRANGEBYSCORE', K_DEAD, '-inf', now - retention_ms, 'LIMIT', 0, BATCH)
  for _, id in ipairs(old) do
    redis.call('ZREM', K_DEAD, id)
    redis.call('HDEL', K_DEAD_BODIES, id)
    redis.call('HDEL', K_DEAD_META, id)
  end
end

local function promote_due(now)
  local due = redis.call('ZRANGEBYSCORE', K_DELAYED, '-inf', now, 'LIMIT', 0, BATCH)
  for _, id in ipairs(due) do
    redis.call('ZREM', K_DELAYED, id)
    make_ready(id, read_meta(id), now)
  end
end

-- A lease that ended without ack means its holder died or hung: deliver again, or bury as
-- poison once it happened more than max_redeliveries times.
local function reclaim_expired(now, max_redeliveries)
  local expired = redis.call('ZRANGEBYSCORE', K_INFLIGHT, '-inf', now, 'LIMIT', 0, BATCH)
  for _, id in ipairs(expired) do
    redis.call('ZREM', K_INFLIGHT, id)
    redis.call('HDEL', K_LEASES, id)
    local redeliveries = redis.call('HINCRBY', K_REDELIVERIES, id, 1)
    local meta = read_meta(id)
    if redeliveries > max_redeliveries then
      local body = redis.call('HGET', K_BODIES, id) or ''
      bury(id, meta, body, 'poison: lease expired ' .. redeliveries
        .. ' times (the worker holding it died or hung each time)', now)
    else
      make_ready(id, meta, now)
    end
  end
end

-- Every script that settles a delivery first proves the caller holds the current lease.
local function holds_lease(id, token)
  return redis.call('HGET', K_LEASES, id) == token
end

local function release_lease(id)
  redis.call('ZREM', K_INFLIGHT, id)
  redis.call('HDEL', K_LEASES, id)
end
