-- wrk's summary as one JSON line (latencies in microseconds), for the benchmark to read.
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_REPORT {"requests":%d,"durationUs":%d,"bytes":%d,"errors":%d,"non2xx":%d,"timeouts":%d,' ..
      '"latencyUs":{"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
