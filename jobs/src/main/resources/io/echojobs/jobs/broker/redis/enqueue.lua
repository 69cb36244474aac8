-- enqueue.lua: stores messages, each ready or delayed, unless its unique key is taken. Several
-- enqueues of one queue travel together (CallBatcher) and are stored in the order given, so of
-- two with one unique key in one call the first wins.
-- KEYS: the queue layout of queue-common.lua
-- ARGV, five per message: message id, body, priority, eta ms (0 = now), unique key ('' = none)
-- Returns two per message, in order: pending id, 1 if stored / 0 if the unique key was taken.
-- Running it twice with the same id stores the message once, so a client may resend it after
-- a lost reply.
local now = now_ms()

local function store(id, body, priority, eta, unique)
  if unique ~= '' then
    local holder = redis.call('HGET', K_UNIQUE, unique)
    if holder then
      return holder, holder == id and 1 or 0, false
    end
  end
  if redis.call('HEXISTS', K_BODIES, id) == 1 then
    return id, 1, false
  end

  local meta = {p = priority, r = new_rank(priority), n = now}
  if unique ~= '' then
    meta.u = unique
    redis.call('HSET', K_UNIQUE, unique, id)
  end
  redis.call('HSET', K_BODIES, id, body)
  if eta > 0 then
    meta.e = eta
  end
  if eta > now then
    redis.call('HSET', K_META, id, cjson.encode(meta))
    redis.call('ZADD', K_DELAYED, eta, id)
  else
    make_ready(id, meta, now)
  end
  return id, 1, true
end

local out = {}
local stored_any = false
for i = 1, #ARGV - 4, 5 do
  local pending, stored, new = store(ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]),
    tonumber(ARGV[i + 3]), ARGV[i + 4])
  out[#out + 1] = pending
  out[#out + 1] = stored
  stored_any = stored_any or new
end
-- A delayed message also signals, so a waiting fetch shortens its wait to the new eta.
if stored_any then
  signal()
end
return out
