// The server side of the bridge: forwards the events of a TikTok-Live-Connector connection (any
// EventEmitter that emits "gift", "like", ... with a data object) to WebSocket clients on the loopback
// interface, one {"event": name, "data": {...}} text frame per event, the envelope TikFinity uses.
//
// A client that connects (or reconnects) first receives the most recent frames again, so nothing is lost
// across a reconnect; obs-live-gifts drops the repeats by msgId.

import { WebSocketServer, WebSocket } from 'ws';

export const DEFAULT_PORT = 21213;

// What obs-live-gifts counts or shows. TLC 2.5 calls subscriptions "subNotify" and sends
// "controlMessage" before "streamEnd".
export const DEFAULT_EVENTS = Object.freeze([
	'gift', 'like', 'follow', 'share', 'social', 'subscribe', 'subNotify', 'member', 'roomUser', 'chat',
	'controlMessage', 'streamEnd',
]);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const OWN_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]):(\d+)$/i;

// A browser always sends Origin; a native client (obs-live-gifts, a script) sends none and is accepted.
// Of browser pages only the bridge's own origin is: never "null" (sandboxed frames, file pages of some
// browsers), file:// pages, or any other site, a page on another loopback port included.
export function acceptableOrigin(origin, port, allowAnyOrigin = false) {
	if (allowAnyOrigin || origin === undefined) {
		return true;
	}
	const match = OWN_ORIGIN.exec(origin);
	return match !== null && Number(match[2]) === port;
}

// JSON with large integers (BigInt) written as strings, as TLC 2.x expects readers to take them.
export function toFrame(event, data) {
	return JSON.stringify({ event, data: data ?? {} }, (_key, value) =>
		typeof value === 'bigint' ? value.toString() : value);
}

export class Bridge {
	/**
	 * @param {object} options
	 * @param {import('events').EventEmitter} options.connection the TikTok connection (or a fake one in tests)
	 * @param {string} [options.host] loopback only: 127.0.0.1 (default), ::1 or localhost
	 * @param {number} [options.port] 21213 by default (TikFinity's port); 0 picks a free one
	 * @param {string[]} [options.events] event names to forward
	 * @param {number} [options.historySize] frames re-sent to a client when it connects
	 * @param {boolean} [options.allowAnyOrigin] accept browser pages from any site (off: native clients only)
	 * @param {(line: string) => void} [options.log]
	 */
	constructor({ connection, host = '127.0.0.1', port = DEFAULT_PORT, events = DEFAULT_EVENTS,
		historySize = 200, allowAnyOrigin = false, log = () => {} }) {
		if (!LOOPBACK_HOSTS.has(host)) {
			throw new Error(`The bridge only listens on the loopback interface (127.0.0.1), not on ${host}`);
		}
		this.connection = connection;
		this.host = host;
		this.port = port;
		this.events = [...events];
		this.historySize = Math.max(0, historySize);
		this.allowAnyOrigin = allowAnyOrigin;
		this.log = log;
		this.history = [];
		this.server = null;
		this.listeners = new Map();
		this.forwarded = 0;
		this.refusedOrigins = 0;
	}

	get clientCount() {
		return this.server ? this.server.clients.size : 0;
	}

	// Starts listening; resolves with the port.
	start() {
		return new Promise((resolve, reject) => {
			const server = new WebSocketServer({
				host: this.host,
				port: this.port,
				maxPayload: 64 * 1024, // clients have nothing to say
				verifyClient: (info) => {
					const ok = acceptableOrigin(info.origin, server.address().port, this.allowAnyOrigin);
					if (!ok && this.refusedOrigins++ < 5) {
						// A hostile page can knock in a loop: the first few refusals are logged.
						this.log(`refused a browser page from ${JSON.stringify(info.origin).slice(0, 200)}` +
							(this.refusedOrigins === 5 ? ' (further refusals are not logged)' : ''));
					}
					return ok;
				},
			});
			server.once('error', reject);
			server.once('listening', () => {
				server.off('error', reject);
				server.on('error', (err) => this.log(`server error: ${err.message}`));
				this.server = server;
				for (const event of this.events) {
					const listener = (data) => this.forward(event, data);
					this.listeners.set(event, listener);
					this.connection.on(event, listener);
				}
				const port = server.address().port;
				this.log(`serving on ws://${this.host}:${port}/`);
				resolve(port);
			});
			server.on('connection', (socket) => {
				for (const frame of this.history) {
					socket.send(frame);
				}
				socket.on('error', () => socket.terminate());
			});
		});
	}

	forward(event, data) {
		let frame;
		try {
			frame = toFrame(event, data);
		} catch (err) {
			this.log(`cannot serialise a ${event} event: ${err.message}`);
			return;
		}
		this.forwarded += 1;
		if (this.historySize > 0) {
			this.history.push(frame);
			if (this.history.length > this.historySize) {
				this.history.splice(0, this.history.length - this.historySize);
			}
		}
		if (!this.server) {
			return;
		}
		for (const client of this.server.clients) {
			if (client.readyState !== WebSocket.OPEN) {
				continue;
			}
			if (client.bufferedAmount > 8 * 1024 * 1024) {
				client.terminate(); // a stuck client; it gets the history when it comes back
				continue;
			}
			client.send(frame);
		}
	}

	// Stops listening and closes every client.
	stop() {
		for (const [event, listener] of this.listeners) {
			this.connection.off(event, listener);
		}
		this.listeners.clear();
		const server = this.server;
		this.server = null;
		if (!server) {
			return Promise.resolve();
		}
		for (const client of server.clients) {
			client.close(1001, 'bridge stopped');
		}
		return new Promise((resolve) => server.close(() => resolve()));
	}
}
