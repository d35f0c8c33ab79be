-- Warm-up load: mostly small bodies, so the JIT sees many requests, with 64 KiB and 1 MiB mixed in.
-- Paths are relative to the URL's path.
local files = { "1k.bin", "1k.bin", "1k.bin", "1k.bin", "1k.bin", "1k.bin", "1k.bin", "1k.bin",
	"64k.bin", "64k.bin", "64k.bin", "1m.bin" }
local base = "/"
local counter = 0

init = function(args)
	base = wrk.path
end

request = function()
	counter = counter + 1
	return wrk.format("GET", base .. files[(counter % #files) + 1])
end
