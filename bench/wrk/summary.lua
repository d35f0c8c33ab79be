-- Prints one machine-readable line (WRKJSON {...}) at the end of a wrk run; latencies in microseconds.
done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format('WRKJSON {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,'
		.. '"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,"p50":%d,"p90":%d,'
		.. '"p99":%d,"p999":%d,"max":%d,"mean":%.1f}\n',
		summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
		e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
		latency:percentile(99.9), latency.max, latency.mean))
end
