-- Sluice's token bucket, run atomically by Redis. It reads and writes the keys and values of Spring
-- Cloud Gateway's RedisRateLimiter (the tokens left, and the time of the last request in whole
-- seconds of Redis's clock), so that replicas of either gateway can share buckets, and adds a
-- replenish period so that a rate can be given per minute or per hour.
--
-- KEYS: the tokens key, the timestamp key
-- ARGV: tokens per period, burst capacity, period in seconds, tokens requested
-- Returns: { 1 if allowed else 0, whole tokens left }
if redis.replicate_commands then
  -- Before Redis 5, a script that reads TIME must replicate its effects rather than itself.
  pcall(redis.replicate_commands)
end

local tokens_key = KEYS[1]
local timestamp_key = KEYS[2]

local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local requested = tonumber(ARGV[4])

local now = tonumber(redis.call('TIME')[1])
local per_second = rate / period
-- Keys outlive the time to fill the bucket twice over, as Spring Cloud Gateway's do.
local ttl = math.max(1, math.floor(capacity / per_second * 2))

local last_tokens = tonumber(redis.call('GET', tokens_key)) or capacity
local last_refreshed = tonumber(redis.call('GET', timestamp_key)) or 0

local elapsed = math.max(0, now - last_refreshed)
local filled = math.min(capacity, last_tokens + elapsed * per_second)
local allowed = filled >= requested
local left = filled
if allowed then
  left = filled - requested
end

redis.call('SETEX', tokens_key, ttl, left)
redis.call('SETEX', timestamp_key, ttl, now)

return { allowed and 1 or 0, math.floor(left) }
