-- group-record.lua: records one member's first outcome and, when the group is complete,
-- claims the completion for that member (kept, so the same member may claim again).
-- KEYS[1] the group's outcomes (hash member id -> outcome)
-- KEYS[2] the group's completion claim (string: the claiming member id)
-- KEYS[3] the group's sent flag (string, set once the callbacks were sent)
-- ARGV[1] member id   ARGV[2] outcome   ARGV[3] group size   ARGV[4] ttl ms
-- Returns {1 if this member holds the claim and the callbacks are not sent yet, else 0,
--          member id, outcome, member id, outcome, ...}.
local member, size, ttl = ARGV[1], tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('HSETNX', KEYS[1], member, ARGV[2])
local claimed = 0
if redis.call('HLEN', KEYS[1]) >= size then
  redis.call('SET', KEYS[2], member, 'NX')
  if redis.call('GET', KEYS[2]) == member and redis.call('EXISTS', KEYS[3]) == 0 then
    claimed = 1
  end
end
redis.call('PEXPIRE', KEYS[1], ttl)
for i = 2, 3 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
local out = {claimed}
for _, value in ipairs(redis.call('HGETALL', KEYS[1])) do
  table.insert(out, value)
end
return out
