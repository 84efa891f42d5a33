/**
 * The bare HTTP baseline (run as its own process, on the server core): Node's http server answering
 * every request with the bytes it is given and the three headers they need, nothing else. What one
 * core of this machine can answer at best, in the same run as Vigie, so the public summary's figures
 * read as a ratio that holds on a noisy machine.
 */
import { createServer } from 'node:http';

process.once('message', (m: { body: string; contentType: string; contentEncoding: string }) => {
  const body = Buffer.from(m.body, 'base64');
  const headers = {
    'Content-Type': m.contentType,
    'Content-Encoding': m.contentEncoding,
    'Content-Length': body.length,
  };
  const http = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  http.listen(0, '127.0.0.1', () => {
    const address = http.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
});
