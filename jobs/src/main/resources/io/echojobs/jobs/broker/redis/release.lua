-- release.lua: hands a held message back undone, ready at once in its old place, counting
-- no redelivery.
-- KEYS: the queue layout of queue-common.lua
-- ARGV[1] message id   ARGV[2] lease token
-- Returns 1, or 0 when the token is not the current one.
local id, token = ARGV[1], ARGV[2]
if not holds_lease(id, token) then
  return 0
end
release_lease(id)
make_ready(id, read_meta(id), now_ms())
signal()
return 1
