/**
 * Preloaded into the server process by `npm start` (node --require). Route handlers and server
 * actions in Next cannot see the TCP socket, and Next fills `X-Forwarded-For` from the socket only
 * when the client sent none — so a client could name any address. Here every request's peer
 * address is appended to `X-Forwarded-For`, exactly as a reverse proxy does: the right-most entry
 * is then always the socket's, and lib/security/client-address.ts believes entries to its left
 * only when TRUST_PROXY names the proxies. Plain CommonJS: it runs before any loader.
 */
'use strict'
const http = require('node:http')
const https = require('node:https')

function appendPeer(req) {
  const peer = req.socket && req.socket.remoteAddress
  const prior = req.headers['x-forwarded-for']
  // No peer (a socket already closed): say so rather than let the client's last entry stand.
  req.headers['x-forwarded-for'] = prior ? `${prior}, ${peer || 'unknown'}` : peer || 'unknown'
}

// On the prototype's emit, so every server counts, however it was created.
for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit
  Server.prototype.emit = function emitWithPeer(event, req, ...rest) {
    if (event === 'request' || event === 'checkContinue' || event === 'checkExpectation') appendPeer(req)
    return emit.call(this, event, req, ...rest)
  }
}
