import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long a refused client may go on sending before its connection is dropped anyway. */
const LINGER_MS = 5_000;

const ANSWERS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', '请求地址或请求头过长 / The address or the headers of the request are too long'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', '请求发送超时 / The request took too long to arrive'],
};
const MALFORMED: [number, string, string] = [400, 'Bad Request', '请求格式有误 / The request is malformed'];

/**
 * A request Node's HTTP parser refuses before Express sees it (an address over the header limit, a
 * broken request line) gets its 4xx, and what the client is still sending is read and dropped before
 * the connection closes. Node's own answer closes at once: a socket closed with unread data sends a
 * TCP reset, which can destroy the answer before the client reads it (a long search address came back
 * as "connection reset" instead of 431).
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    // The parser would run again on every further chunk: from here on the bytes are only drained.
    socket.removeAllListeners('data');
    const [status, reason, message] = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ statusCode: status, message });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    socket.on('error', () => socket.destroy());
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
